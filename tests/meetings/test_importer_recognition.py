"""Recognising facts however a summary words them, and the share recognised (`make import-score`)."""
import sys
from pathlib import Path

import pytest

from meetings.importer import summary_parse
from meetings.importer.dates import find_date_range

pytestmark = pytest.mark.django_db

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from import_score import score_all  # noqa: E402


def _opening(opening: str, items: str = "1. Opening\n\nThe Group met.") -> dict:
    return summary_parse(f"{opening}\n\n{items}", forum="SMEWG").record


def test_import_score_own_summaries_at_least_95_percent():
    rows, means = score_all()

    assert len(rows) >= 13
    assert means["overall"] >= 0.95, means


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on 5-6October 2009", ("2009-10-05", "2009-10-06")),
        ("16th – 17th May 2011", ("2011-05-16", "2011-05-17")),
        ("on the 25th – 26th of April, 2012", ("2012-04-25", "2012-04-26")),
        ("September 12-13, 2011", ("2011-09-12", "2011-09-13")),
        ("30 August - 1 September 2005", ("2005-08-30", "2005-09-01")),
    ],
)
def test_find_date_range_more_forms(text, expected):
    start, end, _span = find_date_range(text)

    assert (start.isoformat(), end.isoformat()) == expected


def test_summary_parse_prefers_the_meetings_dates_over_a_ministerial_meeting():
    record = _opening(
        "The SME Ministerial Meeting will be held on 19-20 May 2011. The 32nd SMEWG meeting was held in Big Sky, "
        "Montana, United States on 16-17 May 2011."
    )

    assert (record["start_date"], record["city"], record["host_economy"]) == ("2011-05-16", "Big Sky", "United States")


@pytest.mark.parametrize(
    ("opening", "city", "host"),
    [
        ("38th SMEWG Meeting\nBeijing, People's Republic of China\n\nThe meeting took place on 3-4 May 2010.",
         "Beijing", "People's Republic of China"),
        ("Big Sky, Montana, United States, 16-17 May 2011", "Big Sky", "United States"),
        ("The 30th SMEWG meeting convened in Beijing, China on 3-4 May 2010.", "Beijing", "People's Republic of China"),
        ("The 30th SMEWG meeting was held in Chile on 3-4 May 2010.", None, "Chile"),
    ],
)
def test_summary_parse_city_and_host_in_every_form(opening, city, host):
    record = _opening(opening)

    assert (record["city"], record["host_economy"]) == (city, host)


@pytest.mark.parametrize(
    "sentence",
    [
        "Chair of the Meeting was Mr. Liu Wei, Director General, Ministry of Commerce, China.",
        "Mr. Liu Wei, Director General, Ministry of Commerce, China, chaired the meeting.",
        "The meeting was chaired by Mr. Liu Wei, Director General, Ministry of Commerce, China.",
        "The meeting was held under the chairmanship of Mr. Liu Wei, Director General, Ministry of Commerce, China.",
    ],
)
def test_summary_parse_chair_in_its_common_forms(sentence):
    record = _opening(f"The 30th SMEWG meeting was held in Lima, Peru on 3-4 May 2010. {sentence}")

    assert record["chair"] == {
        "name": "Mr. Liu Wei", "title": "Director General, Ministry of Commerce", "economy": "People's Republic of China",
    }


def test_summary_parse_run_together_and_misspelt_names():
    record = _opening(
        "The 30th SMEWG meeting was held in Lima, Peru on 3-4 May 2010. Representatives of Brunei Darussalam,; "
        "Chinaon; Phillipines; the United States of America; and Vietnam participated. Costa Rica;Ecuador and Macau "
        "attended as guests."
    )

    assert record["member_economies"] == [
        "Brunei Darussalam", "People's Republic of China", "The Philippines", "United States", "Viet Nam",
    ]
    assert record["other_participants"] == ["Costa Rica", "Ecuador", "Macao, China"]


@pytest.mark.parametrize(
    ("items", "titles"),
    [
        ("1) OPENING\n\nText.\n\n2) CLOSING\n\nText.", ["OPENING", "CLOSING"]),
        ("Item 1: Opening\n\nText.\n\nItem 2: Closing\n\nText.", ["Opening", "Closing"]),
        ("Agenda Item 1. Opening\n\nText.\n\nAgenda Item 2. Closing\n\nText.", ["Opening", "Closing"]),
        ("I. OPENING SESSION\n\nText.\n\nII. CLOSING\n\nText.", ["OPENING SESSION", "CLOSING"]),
        ("1Opening\n\nText.\n\n2Russia 2012 APEC priorities\n\nText.", ["Opening", "Russia 2012 APEC priorities"]),
        ("Opening Session\n\nThe Chair opened the meeting.\n\nClosing Session\n\nThe meeting closed.",
         ["Opening Session", "Closing Session"]),
        ("1. Opening\n\nAs agreed under item\n2 of the last meeting, economies reported.\n\n2. Closing\n\nText.",
         ["Opening", "Closing"]),
    ],
)
def test_summary_parse_agenda_headings_in_any_style(items, titles):
    opening = (
        "The 30th SMEWG meeting was held in Lima, Peru on 3-4 May 2010. Representatives from Chile, Peru and "
        "Mexico participated in the meeting."
    )

    record = _opening(opening, items)

    assert [item["title"] for item in record["agenda_items"]] == titles


def test_summary_parse_unnumbered_headings_flagged_for_review():
    parsed = summary_parse(
        "The 30th SMEWG meeting was held in Lima, Peru on 3-4 May 2010. Representatives from Chile, Peru and "
        "Mexico participated in the meeting.\n\nOpening Session\n\nThe Chair opened it.\n\nClosing\n\nDone.",
        forum="SMEWG",
    )

    assert [str(p) for p in parsed.problems if "numbered" in p.message] == [
        "line 3: No numbered agenda headings: 2 headings on lines of their own are taken as the items, numbered "
        "in order; check them."
    ]

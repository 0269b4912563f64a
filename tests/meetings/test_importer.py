"""Importing chair's summaries: reading files, recognising the record, and import_summary.

Titles are compared exactly: the importer itself normalises typography in headings and
project titles (``meetings.importer.text.tidy_title``: straight double quotes become “ ”, an
opening quote left open is closed, dashes get a space on each side), which is what turns
the seed's `Innovative Forum "International ... Entrepreneurship` and
`Counsellors –Phase III` into the demo's titles.
"""
import io
import json
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.importer import MAX_BYTES, SummaryImportError, summary_parse, summary_read
from meetings.importer.dates import BadDate, find_date_range
from meetings.models import Meeting, MeetingStatus
from projects.models import ProjectReport

pytestmark = pytest.mark.django_db

SUMMARIES = Path(__file__).resolve().parent / "summaries"
# A byte-for-byte copy of shared/seeds/smewg14-chairs-summary.txt, so the tests run anywhere.
SEED = SUMMARIES / "seed" / "smewg14-chairs-summary.txt"
HEADER_FIELDS = ["forum", "number", "city", "host_economy", "start_date", "end_date", "chair"]


def _import(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_summary", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _export(forum="SMEWG", number=14) -> dict:
    out = io.StringIO()
    call_command("export_meeting", forum, str(number), stdout=out)
    return json.loads(out.getvalue())


def _parse_file(path: Path, forum="SMEWG"):
    return summary_parse(summary_read(path.read_bytes(), path.name), forum=forum)


# The seed against the demo record.


def test_import_summary_seed_dry_run_matches_demo_export():
    call_command("load_demo", stdout=io.StringIO())
    demo = _export()

    out, _err = _import(SEED, "--forum", "SMEWG", "--dry-run")

    imported = json.loads(out)
    assert {key: imported[key] for key in HEADER_FIELDS} == {key: demo[key] for key in HEADER_FIELDS}
    assert imported["member_economies"] == demo["member_economies"]
    assert imported["other_participants"] == demo["other_participants"]
    assert [i["title"] for i in imported["agenda_items"]] == [i["title"] for i in demo["agenda_items"]]
    assert [p["title"] for p in imported["projects"]] == [p["title"] for p in demo["projects"]]
    assert [p["reported_as"] for p in imported["projects"]] == [p["reported_as"] for p in demo["projects"]]


def test_import_summary_seed_texts_and_decisions_match_demo():
    demo = json.loads((Path(__file__).resolve().parents[2] / "meetings" / "data" / "smewg14.json").read_text())

    parsed = _parse_file(SEED)

    assert [item["text"] for item in parsed.record["agenda_items"]] == [item["text"] for item in demo["agenda_items"]]
    assert [item["decisions"] for item in parsed.record["agenda_items"]] == [
        item["decisions"] for item in demo["agenda_items"]
    ]
    assert parsed.problems == []


def test_summary_parse_seed_reads_forums_and_names_once(django_assert_num_queries):
    text = SEED.read_text(encoding="utf-8")

    # The forums, then economies, their aliases and organisations: once each, not per name.
    with django_assert_num_queries(4):
        parsed = summary_parse(text, forum="SMEWG")

    assert parsed.problems == []


def test_import_summary_seed_without_forum_takes_it_from_the_text():
    parsed = summary_parse(SEED.read_text(encoding="utf-8"))

    assert parsed.record["forum"] == "SMEWG"


# Summaries of our own writing, each with its expected record and problems.


@pytest.mark.parametrize("name", sorted(path.stem for path in SUMMARIES.glob("*.txt")))
def test_summary_parse_own_summaries_match_expected(name):
    expected = json.loads((SUMMARIES / f"{name}.json").read_text(encoding="utf-8"))

    parsed = _parse_file(SUMMARIES / f"{name}.txt")

    assert parsed.record == expected["record"]
    assert [str(problem) for problem in parsed.problems] == expected["problems"]


def test_summary_parse_own_summaries_cover_the_quirks():
    records = {path.stem: _parse_file(path).record for path in SUMMARIES.glob("*.txt")}

    hanoi, st_petersburg = records["smewg22-hanoi"], records["smewg34-st-petersburg"]
    singapore, acapulco = records["smewg29-singapore"], records["smewg30-acapulco"]
    assert (hanoi["start_date"], hanoi["end_date"]) == ("2006-03-21", "2006-03-22")
    assert (st_petersburg["start_date"], st_petersburg["end_date"]) == ("2012-04-05", "2012-04-06")
    assert (singapore["start_date"], singapore["end_date"]) == ("2009-09-30", "2009-10-01")
    assert (acapulco["start_date"], acapulco["end_date"]) == ("2009-12-31", "2010-01-02")
    assert hanoi["agenda_items"][1]["title"] == "Work Plan"  # "2.\nWork Plan"
    assert singapore["agenda_items"][3]["title"] == "Implementation of the SME Ministers' Instructions"  # "4. \n"
    assert st_petersburg["agenda_items"][2]["title"] == "APEC Secretariat Report"  # "3APEC ..."
    assert hanoi["agenda_items"][1]["decisions"][0]["text"] == "The Meeting agreed to submit the Work Plan to SOM II."
    assert "Macao, China" in hanoi["other_participants"]
    assert "Hong Kong, China" in st_petersburg["member_economies"]  # a comma list, not semicolons
    assert [d["symbol"] for d in hanoi["documents"]] == ["2006/SMEWG/001", "2006/SMEWG/004", "2006/SMEWG/027"]
    assert "- support for exporters;" in singapore["agenda_items"][1]["text"]  # "*" bullets
    assert singapore["number"] == 29  # "Twenty-Ninth Meeting", wrapped over two lines


def test_summary_parse_bullets_outside_projects_stay_in_the_text():
    parsed = _parse_file(SEED)

    assert parsed.record["agenda_items"][2]["text"].count("\n- ") == 3


def test_summary_read_docx_built_with_python_docx_gives_the_seed_record():
    document = docx.Document()
    for line in SEED.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("·"):
            document.add_paragraph(stripped.lstrip("· "), style="List Bullet")
        elif stripped:
            document.add_paragraph(stripped)
    buffer = io.BytesIO()
    document.save(buffer)
    from_text = _parse_file(SEED).record

    parsed = summary_parse(summary_read(buffer.getvalue(), "summary.docx"), forum="SMEWG")

    assert {key: parsed.record[key] for key in HEADER_FIELDS} == {key: from_text[key] for key in HEADER_FIELDS}
    assert [i["title"] for i in parsed.record["agenda_items"]] == [i["title"] for i in from_text["agenda_items"]]
    assert [p["title"] for p in parsed.record["projects"]] == [p["title"] for p in from_text["projects"]]


def test_summary_read_docx_numbered_headings_get_their_numbers_back():
    document = docx.Document()
    document.add_paragraph(
        "The SMEWG held its 15th Meeting in Acapulco, Mexico, on 20-21 August 2002. Representatives from "
        "Japan and Mexico participated in the meeting."
    )
    document.add_paragraph("Opening", style="List Number")
    document.add_paragraph("The Group agreed to begin.")
    document.add_paragraph("Closing", style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)

    parsed = summary_parse(summary_read(buffer.getvalue(), "summary.docx"), forum="SMEWG")

    assert [(i["number"], i["title"]) for i in parsed.record["agenda_items"]] == [(1, "Opening"), (2, "Closing")]


# Reading files: encodings and refusals.


def test_summary_read_windows_1252_and_utf8_with_bom_and_utf16():
    text = "The Group agreed – “quickly”."

    assert summary_read(text.encode("cp1252")) == text
    assert summary_read(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    assert summary_read(text.encode("utf-16")) == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"abc\x81\x8d\x8f\x90\x9d", "neither UTF-8 nor Windows-1252"),
        (bytes(range(1, 32)) * 10, "binary file"),
        (b"PK\x03\x04garbage that is no zip", "not a readable .docx"),
        (b"   \n\n", "empty"),
    ],
)
def test_summary_read_garbage_refused(data, message):
    with pytest.raises(SummaryImportError) as raised:
        summary_read(data, "summary.txt")

    assert message in str(raised.value)


def test_summary_read_zip_without_a_document_refused():
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")

    with pytest.raises(SummaryImportError, match="not a readable .docx"):
        summary_read(buffer.getvalue(), "summary.docx")


def test_summary_read_over_10_mb_refused():
    with pytest.raises(SummaryImportError, match="over 10 MB"):
        summary_read(b"a" * (MAX_BYTES + 1))


def test_summary_parse_nothing_recognisable_names_the_line():
    with pytest.raises(SummaryImportError) as raised:
        summary_parse("Shopping list\n\neggs, milk")

    assert raised.value.line == 1
    assert str(raised.value).startswith("Line 1: Nothing here looks like a chair's summary")


# Dates and names.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on 3-5 April 2002.", ("2002-04-03", "2002-04-05")),
        ("21-22 March 2006", ("2006-03-21", "2006-03-22")),
        ("on 5th – 6th of April, 2012", ("2012-04-05", "2012-04-06")),
        ("30 September - 1 October 2009", ("2009-09-30", "2009-10-01")),
        ("31 December 2009 - 2 January 2010", ("2009-12-31", "2010-01-02")),
        ("April 30 - May 1, 2009", ("2009-04-30", "2009-05-01")),
        ("on 3 April 2002", ("2002-04-03", "2002-04-03")),
    ],
)
def test_find_date_range_forms(text, expected):
    start, end, _span = find_date_range(text)

    assert (start.isoformat(), end.isoformat()) == expected


@pytest.mark.parametrize("text", ["30-31 February 2002", "5-3 April 2002"])
def test_find_date_range_impossible_dates_raise(text):
    with pytest.raises(BadDate):
        find_date_range(text)


def test_summary_parse_impossible_date_reported_with_its_line():
    parsed = summary_parse("Title\n\nThe SMEWG held its 3rd Meeting in Lima, Peru, on 30-31 February 2002.\n\n1. Opening")

    assert [str(p) for p in parsed.problems if "Dates" in p.message] == [
        "line 3: Dates: “30-31 February 2002” is not a date (day is out of range for month)."
    ]
    assert parsed.record["start_date"] is None


def test_summary_parse_comma_lists_keep_two_part_names_together():
    text = (
        "The SMEWG held its 3rd Meeting in Lima, Peru, on 3-4 May 2003. Representatives from Chile, "
        "Hong Kong, China, Macao, China and Peru participated in the meeting.\n\n1. Opening"
    )

    parsed = summary_parse(text, forum="SMEWG")

    assert parsed.record["member_economies"] == ["Chile", "Hong Kong, China", "Peru"]
    assert parsed.record["other_participants"] == ["Macao, China"]


def test_summary_parse_decisions_of_any_forum_take_their_kind_from_the_verb():
    text = (
        "The TELWG held its 3rd Meeting in Lima, Peru, on 3-4 May 2003.\n\n1. Opening\n\n"
        "The TELWG took note of the report. The TELWG agreed that the work plan be adopted. "
        "The Group welcomed the new members. The cat agreed."
    )

    parsed = summary_parse(text, forum="SMEWG")

    assert [d["kind"] for d in parsed.record["agenda_items"][0]["decisions"]] == ["noted", "adopted", "welcomed"]


# Any input gives a record or the importer's own error.


def _parse_or_refuse(text: str) -> None:
    try:
        parsed = summary_parse(text, forum="SMEWG")
    except SummaryImportError:
        return
    json.dumps(parsed.record)  # the record is always plain JSON data


SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()
FRAGMENTS = st.one_of(st.sampled_from(SEED_LINES), st.text(max_size=80), st.sampled_from(["", "2.", "4. ", "·", "•"]))
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(st.text())
def test_summary_parse_arbitrary_text_gives_record_or_own_error(text):
    _parse_or_refuse(text)


@PROPERTY_SETTINGS
@given(st.lists(FRAGMENTS, max_size=40))
def test_summary_parse_shuffled_seed_lines_give_record_or_own_error(lines):
    _parse_or_refuse("\n".join(lines))


@PROPERTY_SETTINGS
@given(st.binary(max_size=2000), st.sampled_from(["summary.txt", "summary.docx", ""]))
def test_summary_read_arbitrary_bytes_give_text_or_own_error(data, filename):
    try:
        text = summary_read(data, filename)
    except SummaryImportError:
        return
    _parse_or_refuse(text)


# The command.


def test_import_summary_dry_run_saves_nothing_and_reports_problems():
    out, err = _import(SUMMARIES / "smewg30-acapulco.txt", "--forum", "SMEWG", "--dry-run")

    assert json.loads(out)["number"] == 30
    assert "line 3: Unknown economy or organisation “Narnia”." in err
    assert Meeting.objects.count() == 0


def test_import_summary_save_saves_a_draft_meeting_and_prints_its_url():
    path = SUMMARIES / "smewg22-hanoi.txt"

    out, _err = _import(path, "--forum", "SMEWG", "--save")

    meeting = Meeting.objects.get(number=22)
    assert meeting.status == MeetingStatus.DRAFTED
    assert out.strip() == f"{path}: saved the {meeting} as a draft: /meetings/{meeting.pk}/"
    assert meeting.agenda_items.count() == 5
    assert ProjectReport.objects.filter(meeting=meeting, kind="approved").count() == 2
    assert meeting.documents.get(symbol="2006/SMEWG/027").title == "Project Management Update"


def test_import_summary_save_existing_number_refused_without_replace():
    _import(SUMMARIES / "smewg22-hanoi.txt", "--forum", "SMEWG", "--save")

    with pytest.raises(CommandError, match="1 of 1 file not imported"):
        _import(SUMMARIES / "smewg22-hanoi.txt", "--forum", "SMEWG", "--save")

    assert Meeting.objects.count() == 1


def test_import_summary_save_existing_number_names_replace():
    _import(SUMMARIES / "smewg22-hanoi.txt", "--forum", "SMEWG", "--save")
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_summary", str(SUMMARIES / "smewg22-hanoi.txt"), "--save", stderr=err, stdout=io.StringIO())

    assert "is already recorded" in err.getvalue() and "Use --replace" in err.getvalue()


def test_import_summary_replace_replaces_the_meeting():
    call_command("load_demo", stdout=io.StringIO())
    demo_pk = Meeting.objects.get(number=14).pk

    _import(SEED, "--forum", "SMEWG", "--save", "--replace")

    meeting = Meeting.objects.get(number=14)
    assert meeting.pk != demo_pk
    assert meeting.status == MeetingStatus.DRAFTED


def test_import_summary_missing_file_is_a_command_error():
    with pytest.raises(CommandError, match="no such file"):
        _import("/nonexistent/summary.txt", "--dry-run")


def _failing(*args) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError, match="not imported"):
        call_command("import_summary", *map(str, args), stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def test_import_summary_binary_file_reported(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")

    assert "binary file" in _failing(path, "--dry-run")


def test_import_summary_file_over_10_mb_reported(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (MAX_BYTES + 1))

    assert "larger than 10 MB" in _failing(path, "--dry-run")


def test_import_summary_incomplete_record_not_saved_with_reasons(tmp_path):
    path = tmp_path / "partial.txt"
    path.write_text("The SMEWG held its 40th Meeting.\n\n1. Opening\n\nThe Group agreed to open.", encoding="utf-8")

    err = _failing(path, "--forum", "SMEWG", "--save")

    assert "not saved: " in err and "is not a date" in err
    assert Meeting.objects.count() == 0


def test_import_summary_unknown_forum_is_a_command_error():
    with pytest.raises(CommandError, match="Unknown forum XYZ; the forums are: SMEWG."):
        _import(SEED, "--forum", "XYZ", "--dry-run")

"""How much of each known chair's summary the importer recognises: `make import-score`.

Every summary with an expected record is read and recognised, and compared field by field:
header fields (forum, number, city, host economy, dates, chair's name, title and economy),
member economies and other participants as sets, agenda item titles in order, and the titles
of the projects listed. Prints the share recognised per summary, per category and overall.

The summaries: tests/meetings/summaries/*.txt (expected: the "record" of the .json beside
each), the seed (expected: the demo record, meetings/data/smewg14.json) and
tests/meetings/summaries/archive/*.txt (expected: the .json beside each, in the shape of
``expected_from_record``). Run with --pdf to import each as a real-layout PDF instead.
"""
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUMMARIES = ROOT / "tests" / "meetings" / "summaries"
HEADER = ["forum", "number", "city", "host_economy", "start_date", "end_date"]
CHAIR = ["name", "title", "economy"]
CATEGORIES = ["header", "member_economies", "other_participants", "agenda_titles", "projects"]


def expected_from_record(record: dict) -> dict:
    """The scored facts of a record in the export format."""
    return {
        **{key: record.get(key) for key in HEADER},
        "chair": {key: (record.get("chair") or {}).get(key) or "" for key in CHAIR},
        "member_economies": sorted(record.get("member_economies", [])),
        "other_participants": sorted(record.get("other_participants", [])),
        "agenda_titles": [item["title"] for item in record.get("agenda_items", [])],
        "projects": [project["title"] for project in record.get("projects", [])],
    }


def known_summaries() -> list[tuple[Path, dict]]:
    """(summary file, expected facts) for every summary the score reads."""
    found = [(SUMMARIES / "seed" / "smewg14-chairs-summary.txt",
              expected_from_record(json.loads((ROOT / "meetings" / "data" / "smewg14.json").read_text())))]
    for path in sorted(SUMMARIES.glob("*.txt")):
        record = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["record"]
        found.append((path, expected_from_record(record)))
    for path in sorted((SUMMARIES / "archive").glob("*.txt")):
        expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        expected["chair"] = {key: expected["chair"].get(key) or "" for key in CHAIR}
        found.append((path, expected))
    return found


def _overlap(expected: list, got: list) -> float:
    expected, got = set(expected), set(got)
    if not expected and not got:
        return 1.0
    return len(expected & got) / len(expected | got)


def score(expected: dict, got: dict) -> dict[str, float]:
    """Share recognised per category, 0 to 1 (sets: shared / union, so extras count against)."""
    header = [expected[key] == got[key] for key in HEADER]
    header += [expected["chair"][key] == got["chair"][key] for key in CHAIR]
    titles = max(len(expected["agenda_titles"]), len(got["agenda_titles"])) or 1
    return {
        "header": sum(header) / len(header),
        "member_economies": _overlap(expected["member_economies"], got["member_economies"]),
        "other_participants": _overlap(expected["other_participants"], got["other_participants"]),
        "agenda_titles": sum(a == b for a, b in zip(expected["agenda_titles"], got["agenda_titles"])) / titles,
        "projects": _overlap(expected["projects"], got["projects"]),
    }


def score_all(*, pdf: bool = False) -> tuple[list[tuple[str, dict]], dict[str, float]]:
    """Scores of every known summary and the mean per category (plus "overall")."""
    from meetings.importer import summary_parse, summary_read

    rows = []
    for path, expected in known_summaries():
        text = summary_read(path.read_bytes(), path.name)
        if pdf:
            from tests.meetings.pdf_summaries import summary_pdf

            text = summary_read(summary_pdf(text), path.stem + ".pdf")
        got = expected_from_record(summary_parse(text, forum="SMEWG").record)
        rows.append((path.name, score(expected, got)))
    means = {category: sum(row[category] for _name, row in rows) / len(rows) for category in CATEGORIES}
    means["overall"] = sum(means.values()) / len(CATEGORIES)
    return rows, means


def main() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from environment import bench_django

    work = bench_django()  # a temporary database: the score never depends on a local one
    from django.core.management import call_command

    try:
        call_command("migrate", verbosity=0)
        rows, means = score_all(pdf="--pdf" in sys.argv)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'summary':34}" + "".join(f"{category[:12]:>13}" for category in CATEGORIES))
    for name, row in rows:
        print(f"{name:34}" + "".join(f"{row[category]:13.2f}" for category in CATEGORIES))
    print(f"{'mean':34}" + "".join(f"{means[category]:13.2f}" for category in CATEGORIES))
    print(f"overall share recognised: {means['overall']:.3f} over {len(rows)} summaries")


if __name__ == "__main__":
    main()

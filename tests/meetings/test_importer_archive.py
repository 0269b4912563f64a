"""Importing many summaries at once: several files or a .zip, the list of drafts, re-imports, bad files."""
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from meetings.importer import MAX_BYTES
from meetings.models import ImportDraft, ImportDraftStatus, Meeting, Organisation
from tests.meetings.pdf_summaries import summary_pdf

pytestmark = pytest.mark.django_db

SUMMARIES = Path(__file__).resolve().parent / "summaries"
SEED = SUMMARIES / "seed" / "smewg14-chairs-summary.txt"
HANOI = SUMMARIES / "smewg22-hanoi.txt"
ACAPULCO = SUMMARIES / "smewg30-acapulco.txt"
IMPORT_URL = reverse("meetings:import")
DRAFTS_URL = reverse("meetings:import_drafts")


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _post(client, *files: tuple[str, bytes]):
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    return client.post(IMPORT_URL, {"file": uploads, "forum": "SMEWG"})


def _statuses() -> dict[str, str]:
    return {draft.filename: draft.status for draft in ImportDraft.objects.all()}


def _errors() -> dict[str, str]:
    return {draft.filename: draft.error for draft in ImportDraft.objects.filter(status=ImportDraftStatus.REFUSED)}


# Several files and .zip archives.


def test_summary_import_several_files_each_a_draft(secretariat_client):
    response = _post(secretariat_client, (SEED.name, SEED.read_bytes()), (HANOI.name, HANOI.read_bytes()))

    assert response.status_code == 302 and response["Location"] == DRAFTS_URL
    assert _statuses() == {SEED.name: "pending", HANOI.name: "pending"}
    assert Meeting.objects.count() == 0
    hanoi = ImportDraft.objects.get(filename=HANOI.name)
    assert (hanoi.record["number"], hanoi.counts["economies"], hanoi.counts["items"]) == (22, 18, 5)
    assert default_storage.exists(hanoi.source.name)


def test_summary_import_zip_of_txt_docx_and_pdf(secretariat_client):
    archive = _zip({
        "2002/smewg14.txt": SEED.read_bytes(),
        "2006/smewg22.pdf": summary_pdf(HANOI.read_text(encoding="utf-8-sig")),
        "__MACOSX/2006/._smewg22.pdf": b"\0\0",
        "2006/": b"",
    })

    _post(secretariat_client, ("archive.zip", archive))

    assert _statuses() == {"archive.zip › 2002/smewg14.txt": "pending", "archive.zip › 2006/smewg22.pdf": "pending"}
    assert ImportDraft.objects.get(filename__endswith=".pdf").record["city"] == "Hanoi"


def test_summary_import_bad_files_refused_with_reasons_and_the_others_read(secretariat_client):
    scan = b"%PDF-1.4\n%%EOF"
    archive = _zip({
        "good.txt": HANOI.read_bytes(),
        "empty.txt": b"",
        "notes.txt": b"Shopping list\n\neggs, milk",
        "scan.pdf": scan,
        "photo.jpg": b"\xff\xd8\xff",
        "inner.zip": _zip({"a.txt": b"a"}),
    })

    _post(secretariat_client, ("archive.zip", archive), ("huge.txt", b"a" * (50 * 1024 * 1024)))

    assert _statuses()["archive.zip › good.txt"] == "pending"
    assert _errors() == {
        "archive.zip › empty.txt": "The file is empty.",
        "archive.zip › inner.zip": "A .zip inside the .zip is not opened; upload it on its own.",
        "archive.zip › notes.txt": (
            "Line 1: Nothing here looks like a chair's summary: no meeting number, dates, attendance or numbered "
            "agenda items were found."
        ),
        "archive.zip › photo.jpg": "Not a summary file: only .txt, .docx, .pdf (or a .zip of them) are read.",
        "archive.zip › scan.pdf": "The file is not a readable PDF document.",
        "huge.txt": "The file is 50.0 MB; summaries over 10 MB are refused.",
    }
    assert Meeting.objects.count() == 0


def _bomb(megabytes: int) -> bytes:
    """A .zip of one entry of ``megabytes`` MB of zeros, written a megabyte at a time."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("bomb.txt", "w", force_zip64=True) as entry:
            for _ in range(megabytes):
                entry.write(bytes(1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make_archive", "message"),
    [
        (lambda: b"PK\x03\x04 this is no zip", "The file is not a readable .zip archive."),
        (lambda: _zip({f"{index}.txt": b"x" for index in range(1000)}),
         "The .zip holds 1,000 entries; at most 200 are accepted."),
        (lambda: _bomb(300), "The .zip unpacks to 300 MB; more than 200 MB is refused."),
        (lambda: _bomb(50), "The .zip is compressed 1,0"),
    ],
    ids=["corrupt", "1000-entries", "bomb-size", "bomb-ratio"],
)
def test_summary_import_bad_zip_refused_and_other_files_read(secretariat_client, make_archive, message):
    _post(secretariat_client, ("archive.zip", make_archive()), (HANOI.name, HANOI.read_bytes()))

    assert _statuses() == {"archive.zip": "refused", HANOI.name: "pending"}
    assert _errors()["archive.zip"].startswith(message)


def test_summary_import_pdf_without_text_refused_beside_the_field(secretariat_client):
    from weasyprint import HTML

    scan = HTML(string='<div style="height:500px;background:#333"></div>').write_pdf()

    response = _post(secretariat_client, ("scan.pdf", scan))

    assert response.status_code == 200
    assert "only images (a scanned paper?)" in response.content.decode()
    assert ImportDraft.objects.count() == 0


# The list of drafts.


def test_summary_import_drafts_list_shows_counts_problems_and_refusals(secretariat_client):
    _post(secretariat_client, (HANOI.name, HANOI.read_bytes()), ("empty.txt", b" "))

    page = secretariat_client.get(DRAFTS_URL).content.decode()

    hanoi = ImportDraft.objects.get(filename=HANOI.name)
    assert f'href="{reverse("meetings:import_review", args=[hanoi.pk])}"' in page
    assert "SMEWG 22, Hanoi, 2006-03-21" in page
    assert f"{hanoi.problem_count} to check" in page
    assert "The file is empty." in page


@pytest.mark.parametrize("size", [1, 3])
def test_summary_import_drafts_list_queries(secretariat_client, django_assert_num_queries, size):
    for _ in range(size):
        _post(secretariat_client, (HANOI.name, HANOI.read_bytes()))

    # Session, user and role (3), messages' session, the drafts with forum and uploader, the recorded
    # meetings, the pending drafts' numbers.
    with django_assert_num_queries(7):
        secretariat_client.get(DRAFTS_URL)


def test_summary_import_reimport_of_a_recorded_meeting_flagged(secretariat_client, demo_meeting):
    _post(secretariat_client, (SEED.name, SEED.read_bytes()), ("copy.txt", SEED.read_bytes()))

    page = secretariat_client.get(DRAFTS_URL).content.decode()
    draft = ImportDraft.objects.get(filename=SEED.name)
    review = secretariat_client.get(reverse("meetings:import_review", args=[draft.pk])).content.decode()

    assert page.count("Already recorded") == 2
    assert page.count("Also in") == 2
    assert f"The <a href=\"{demo_meeting.get_absolute_url()}\">{demo_meeting}</a> is already recorded" in review
    assert "The same meeting is also in the draft" in review


def test_summary_import_discard_deletes_draft_and_file(secretariat_client, django_capture_on_commit_callbacks):
    _post(secretariat_client, (HANOI.name, HANOI.read_bytes()), ("empty.txt", b" "))
    draft = ImportDraft.objects.get(filename=HANOI.name)
    stored = draft.source.name

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(reverse("meetings:import_discard", args=[draft.pk]))

    assert response.status_code == 302
    assert list(ImportDraft.objects.values_list("filename", flat=True)) == ["empty.txt"]
    assert not default_storage.exists(stored)


@pytest.mark.parametrize("user_fixture", ["delegate_user", "chair_user"])
def test_summary_import_drafts_pages_forbidden_to_other_roles(client, request, user_fixture, secretariat_user):
    draft = ImportDraft.objects.create(forum_id=1, batch="b", filename="x.txt", status="pending", text="x")
    client.force_login(request.getfixturevalue(user_fixture))

    responses = [
        client.get(DRAFTS_URL),
        client.get(reverse("meetings:import_review", args=[draft.pk])),
        client.post(reverse("meetings:import_discard", args=[draft.pk])),
    ]

    assert [response.status_code for response in responses] == [403, 403, 403]
    assert ImportDraft.objects.count() == 1


# Review: where each field came from, guesses flagged, guests kept as printed.


def test_summary_import_review_shows_lines_and_flags_guesses(secretariat_client):
    text = (
        "CHAIR'S SUMMARY\n\nThe SMEWG held its 31st Meeting in Lima, Peru, on 5-6 March 2010.\n\n"
        "Representatives from Chile; Indonesa; Peru; Costa Rica;Ecuador and Chinaon participated. "
        "WLN and ZZSME were also present.\n\n1. Opening\n\nThe Group met."
    )
    response = _post(secretariat_client, ("lima.txt", text.encode()))
    review = secretariat_client.get(response["Location"])

    record = review.context["record"]
    fields = {source["field"]: source for source in review.context["fields"]}
    assert record["member_economies"] == ["Chile", "Indonesia", "People's Republic of China", "Peru"]
    assert record["other_participants"] == ["APEC Women Leaders' Network", "Costa Rica", "Ecuador", "ZZSME"]
    assert (fields["number"]["line"], fields["dates"]["line"], fields["member_economies"]["line"]) == (3, 3, 5)
    assert "“Indonesa” read as Indonesia" in fields["member_economies"]["guess"]
    assert "“Chinaon” read as People's Republic of China" in fields["member_economies"]["guess"]
    assert "“ZZSME” is not in the reference list: kept as printed" in fields["other_participants"]["guess"]
    assert 'href="#line-5">line 5</a>' in review.content.decode()


def test_summary_import_saving_adds_unknown_guests_as_organisations(secretariat_client):
    text = (
        "The SMEWG held its 31st Meeting in Lima, Peru, on 5-6 March 2010. Representatives from Chile and Peru "
        "participated. ZZSME was also present. The meeting was chaired by Ms. Ana Ruiz, Director, Peru.\n\n"
        "1. Opening\n\nThe Group met."
    )
    response = _post(secretariat_client, ("lima.txt", text.encode()))
    header = {
        "forum": "SMEWG", "number": "31", "city": "Lima", "host_economy": "Peru", "start_date": "2010-03-05",
        "end_date": "2010-03-06", "chair_name": "Ms. Ana Ruiz", "chair_title": "Director", "chair_economy": "Peru",
    }

    saved = secretariat_client.post(response["Location"], header)

    meeting = Meeting.objects.get(number=31)
    draft = ImportDraft.objects.get()
    assert saved["Location"] == meeting.get_absolute_url()
    assert (draft.status, draft.meeting) == (ImportDraftStatus.SAVED, meeting)
    assert Organisation.objects.get(name="ZZSME").kind == "guest"
    assert meeting.attendances.filter(organisation__name="ZZSME").exists()


# The command: several files, a folder, a .zip.


def test_import_summary_folder_makes_drafts_and_reports_refusals(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "hanoi.txt").write_bytes(HANOI.read_bytes())
    (tmp_path / "seed.pdf").write_bytes(summary_pdf(SEED.read_text(encoding="utf-8")))
    (tmp_path / "empty.txt").write_bytes(b"")
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="1 of 3 files not imported"):
        call_command("import_summary", str(tmp_path), "--forum", "SMEWG", stdout=out, stderr=err)

    assert {draft.record.get("number") for draft in ImportDraft.objects.filter(status="pending")} == {14, 22}
    assert f"{tmp_path}/a/hanoi.txt: ready for review (18 economies, 5 items, 5 projects" in out.getvalue()
    assert err.getvalue() == f"{tmp_path}/empty.txt: refused: The file is empty.\n"
    assert Meeting.objects.count() == 0


def test_import_summary_zip_and_file_make_drafts(tmp_path):
    archive = tmp_path / "archive.zip"
    archive.write_bytes(_zip({"seed.txt": SEED.read_bytes()}))

    call_command("import_summary", str(archive), str(HANOI), stdout=io.StringIO(), stderr=io.StringIO())

    assert sorted(ImportDraft.objects.values_list("record__number", flat=True)) == [14, 22]


def test_import_summary_over_10_mb_in_a_batch_refused_alone(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (MAX_BYTES + 1))
    err = io.StringIO()

    with pytest.raises(CommandError, match="1 of 2 files not imported"):
        call_command("import_summary", str(big), str(HANOI), stdout=io.StringIO(), stderr=err)

    assert "summaries over 10 MB are refused" in err.getvalue()
    assert ImportDraft.objects.filter(status="pending").count() == 1

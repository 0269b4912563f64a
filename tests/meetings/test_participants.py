"""The participant list: add, edit, remove, counts by sex and economy, CSV import and export."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import Organisation, Participant
from meetings.participant_csv import COLUMNS, MAX_BYTES
from tests.factories import AttendanceFactory, MeetingFactory, ParticipantFactory, economy

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script>"
HEADER = ",".join(COLUMNS)


def upload(text: str | bytes, name: str = "participants.csv") -> SimpleUploadedFile:
    content = text.encode("utf-8") if isinstance(text, str) else text
    return SimpleUploadedFile(name, content, content_type="text/csv")


def import_file(client, meeting, file):
    return client.post(reverse("meetings:participant_import", args=[meeting.pk]), {"file": file})


def participant_data(**overrides):
    data = {"name": "Ana Torres", "title": "Director", "employer": "Ministry of Economy",
            "economy": str(economy("MEX").pk), "organisation": "", "sex": "female", "role": "head", "email": ""}
    data.update(overrides)
    return data


# Permissions.

EDIT_NAMES = ["meetings:participant_create", "meetings:participant_import", "meetings:participant_template"]


@pytest.mark.parametrize("name", ["meetings:participants", "meetings:participant_export", *EDIT_NAMES])
def test_participant_pages_anonymous_redirects_to_login(client, name):
    meeting = MeetingFactory()

    response = client.get(reverse(name, args=[meeting.pk]))

    assert response.status_code == 302


@pytest.mark.parametrize("name", ["meetings:participants", "meetings:participant_export", *EDIT_NAMES])
@pytest.mark.parametrize("user_fixture", ["delegate_user", "other_delegate_user"])
def test_participant_pages_delegate_forbidden(client, request, name, user_fixture):
    meeting = MeetingFactory()
    client.force_login(request.getfixturevalue(user_fixture))

    response = client.get(reverse(name, args=[meeting.pk]))

    assert response.status_code == 403


@pytest.mark.parametrize("name", ["meetings:participants", "meetings:participant_export"])
def test_participant_read_pages_chair_allowed(chair_client, name):
    meeting = MeetingFactory()

    response = chair_client.get(reverse(name, args=[meeting.pk]))

    assert response.status_code == 200


@pytest.mark.parametrize("name", EDIT_NAMES)
def test_participant_edit_pages_chair_forbidden(chair_client, name):
    meeting = MeetingFactory()

    response = chair_client.get(reverse(name, args=[meeting.pk]))

    assert response.status_code == 403


@pytest.mark.parametrize("name", ["meetings:participants", "meetings:participant_export", *EDIT_NAMES])
def test_participant_pages_secretariat_allowed(secretariat_client, name):
    meeting = MeetingFactory()

    response = secretariat_client.get(reverse(name, args=[meeting.pk]))

    assert response.status_code == 200


def test_participant_edit_and_remove_chair_forbidden(chair_client):
    participant = ParticipantFactory()
    args = [participant.meeting_id, participant.pk]

    edit = chair_client.post(reverse("meetings:participant_edit", args=args), participant_data())
    remove = chair_client.post(reverse("meetings:participant_delete", args=args))

    assert (edit.status_code, remove.status_code) == (403, 403)
    assert Participant.objects.filter(pk=participant.pk, name=participant.name).exists()


# The list.


@pytest.mark.parametrize("rows", [1, 3])
def test_participant_list_query_count_constant(secretariat_client, django_assert_num_queries, rows):
    meeting = MeetingFactory()
    for code in ["AUS", "MEX", "JPN"][:rows]:
        ParticipantFactory(meeting=meeting, economy=economy(code))

    with django_assert_num_queries(10):
        response = secretariat_client.get(reverse("meetings:participants", args=[meeting.pk]))

    assert len(response.context["participants"]) == rows


def test_participant_list_query_count_at_200_rows(secretariat_client, django_assert_num_queries):
    meeting = MeetingFactory()
    ParticipantFactory.create_batch(200, meeting=meeting)

    with django_assert_num_queries(10):
        response = secretariat_client.get(reverse("meetings:participants", args=[meeting.pk]), {"page": "2"})

    assert len(response.context["participants"]) == 100


def test_participant_list_counts_by_sex_and_economy(secretariat_client):
    meeting = MeetingFactory()
    ParticipantFactory(meeting=meeting, economy=economy("MEX"), sex="female")
    ParticipantFactory(meeting=meeting, economy=economy("MEX"), sex="male")
    ParticipantFactory(meeting=meeting, economy=economy("AUS"), sex="female")

    response = secretariat_client.get(reverse("meetings:participants", args=[meeting.pk]))

    counts = response.context["counts"]
    assert counts["by_sex"] == {"Female": 2, "Male": 1, "Other / not stated": 0}
    assert [(p["name"], p["female"], p["male"], p["total"]) for p in counts["by_party"]] == [
        ("Australia", 1, 0, 1), ("Mexico", 1, 1, 2),
    ]
    assert "3 participants: 2 female, 1 male, 0 other / not stated." in response.content.decode()


def test_participant_list_warns_of_parties_not_ticked_present(secretariat_client):
    meeting = MeetingFactory()
    AttendanceFactory(meeting=meeting, economy=economy("AUS"))
    ParticipantFactory(meeting=meeting, economy=economy("AUS"))
    ParticipantFactory(meeting=meeting, economy=economy("PHL"))
    ParticipantFactory(meeting=meeting, economy=None, organisation=Organisation.objects.get(name="APEC Secretariat"))

    body = secretariat_client.get(reverse("meetings:participants", args=[meeting.pk])).content.decode()

    assert ("Not ticked present in the attendance, yet with participants: the Philippines; the APEC Secretariat."
            in body)
    assert reverse("meetings:attendance", args=[meeting.pk]) in body


def test_participant_list_no_warning_when_all_present(secretariat_client):
    meeting = MeetingFactory()
    AttendanceFactory(meeting=meeting, economy=economy("AUS"))
    ParticipantFactory(meeting=meeting, economy=economy("AUS"))

    body = secretariat_client.get(reverse("meetings:participants", args=[meeting.pk])).content.decode()

    assert 'id="not-present"' not in body


def test_participant_create_from_economy_not_present_warns(secretariat_client):
    meeting = MeetingFactory()

    response = secretariat_client.post(
        reverse("meetings:participant_create", args=[meeting.pk]), participant_data(), follow=True
    )

    assert meeting.participants.count() == 1
    assert ("Not ticked present in the attendance, yet with participants: Mexico. Tick them on the "
            "Attendance page if they attended.") in response.content.decode()


# Add, edit, remove.


def test_participant_create_saves_with_message(secretariat_client):
    meeting = MeetingFactory()

    response = secretariat_client.post(
        reverse("meetings:participant_create", args=[meeting.pk]), participant_data(), follow=True
    )

    participant = meeting.participants.get()
    assert (participant.name, participant.economy.code, participant.role) == ("Ana Torres", "MEX", "head")
    assert "Ana Torres is added to the participant list." in response.content.decode()


def test_participant_create_both_economy_and_organisation_error_beside_field(secretariat_client):
    from meetings.models import Organisation

    meeting = MeetingFactory()
    pecc = Organisation.objects.get(short_name="PECC")

    response = secretariat_client.post(
        reverse("meetings:participant_create", args=[meeting.pk]), participant_data(organisation=str(pecc.pk))
    )

    assert response.context["form"].errors == {"organisation": ["Choose an economy or an organisation, not both."]}
    assert 'value="Ana Torres"' in response.content.decode()
    assert not meeting.participants.exists()


def test_participant_create_missing_name_and_bad_sex_errors(secretariat_client):
    meeting = MeetingFactory()

    response = secretariat_client.post(
        reverse("meetings:participant_create", args=[meeting.pk]), participant_data(name=" ", sex="x", email="nope")
    )

    assert set(response.context["form"].errors) == {"name", "sex", "email"}
    assert 'value="Director"' in response.content.decode()


def test_participant_create_duplicate_name_refused(secretariat_client):
    meeting = MeetingFactory()
    ParticipantFactory(meeting=meeting, name="Ana Torres", economy=economy("MEX"))

    response = secretariat_client.post(
        reverse("meetings:participant_create", args=[meeting.pk]), participant_data(name="ana torres")
    )

    assert "already on this meeting's list" in response.context["form"].errors["name"][0]
    assert meeting.participants.count() == 1


def test_participant_edit_saves(secretariat_client):
    participant = ParticipantFactory(name="Ana Torres")

    response = secretariat_client.post(
        reverse("meetings:participant_edit", args=[participant.meeting_id, participant.pk]),
        participant_data(name="Ana Torres Ruiz"),
    )

    participant.refresh_from_db()
    assert (response.status_code, participant.name) == (302, "Ana Torres Ruiz")


def test_participant_edit_of_other_meeting_is_404(secretariat_client):
    participant = ParticipantFactory()
    other = MeetingFactory()

    response = secretariat_client.get(reverse("meetings:participant_edit", args=[other.pk, participant.pk]))

    assert response.status_code == 404


def test_participant_remove_needs_post(secretariat_client):
    participant = ParticipantFactory()
    url = reverse("meetings:participant_delete", args=[participant.meeting_id, participant.pk])

    confirm = secretariat_client.get(url)
    removed = secretariat_client.post(url)

    assert (confirm.status_code, removed.status_code) == (200, 302)
    assert not Participant.objects.filter(pk=participant.pk).exists()


def test_participant_name_with_script_is_escaped(secretariat_client):
    meeting = MeetingFactory()
    secretariat_client.post(reverse("meetings:participant_create", args=[meeting.pk]), participant_data(name=XSS))

    response = secretariat_client.get(reverse("meetings:participants", args=[meeting.pk]))

    assert XSS not in response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()


# CSV import.


def test_participant_import_good_file_adds_everyone(secretariat_client):
    meeting = MeetingFactory()
    text = (f"{HEADER}\n"
            "Ana Torres,Director,Ministry of Economy,Mexico,F,Head of delegation,ana@example.org\n"
            "Kim Min-jun,,SMBA,Korea,male,,\n"
            "\"Smith, Jo\",,,APEC Secretariat,other,secretariat,\n")

    response = import_file(secretariat_client, meeting, upload(text))

    rows = sorted((p.name, str(p.economy or p.organisation), p.sex, p.role) for p in meeting.participants.all())
    assert response.status_code == 302
    assert rows == [
        ("Ana Torres", "Mexico", "female", "head"),
        ("Kim Min-jun", "Republic of Korea", "male", "delegate"),
        ("Smith, Jo", "APEC Secretariat", "other", "secretariat"),
    ]


def test_participant_import_row_errors_reported_nothing_saved(secretariat_client):
    meeting = MeetingFactory()
    ParticipantFactory(meeting=meeting, name="Already Here", economy=economy("AUS"))
    text = (f"{HEADER}\n"
            "Good Person,,,Chile,female,,\n"
            ",,,Chile,female,,\n"
            "Bad Economy,,,Atlantis,male,,\n"
            "Bad Sex,,,Peru,yes,,\n"
            "Already Here,,,Australia,male,,\n"
            "Good Person,,,Chile,female,,\n")

    response = import_file(secretariat_client, meeting, upload(text))

    problems = response.context["problems"]
    assert response.status_code == 200
    assert problems == [
        "Row 3: the name is missing.",
        "Row 4: “Atlantis” is not a member economy or a known organisation.",
        "Row 5: sex “yes” is not female, male or other.",
        "Row 6: Already Here is already on this meeting's list.",
        "Row 7: Good Person is also on row 2.",
    ]
    assert "Nothing was imported" in response.context["form"].errors["file"][0]
    assert meeting.participants.count() == 1


def test_participant_import_not_utf8_clear_message(secretariat_client):
    meeting = MeetingFactory()

    response = import_file(secretariat_client, meeting, upload(f"{HEADER}\nJosé,,,Peru,male,,\n".encode("latin-1")))

    assert "not UTF-8" in response.context["form"].errors["file"][0]
    assert not meeting.participants.exists()


def test_participant_import_too_big_clear_message(secretariat_client):
    meeting = MeetingFactory()

    response = import_file(secretariat_client, meeting, upload(HEADER + "\n" + "x" * (MAX_BYTES + 1)))

    assert "at most 1024 KB" in response.context["form"].errors["file"][0]


@pytest.mark.parametrize("content, message", [
    ("", "The submitted file is empty."),
    ("name,title\nAna,\n", "missing: sex"),
    ("name,sex,shoe size\nAna,female,38\n", "Unknown columns: shoe size"),
    (f"{HEADER}\n", "no participants"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not a CSV text file"),
])
def test_participant_import_bad_files_clear_message(secretariat_client, content, message):
    meeting = MeetingFactory()

    response = import_file(secretariat_client, meeting, upload(content))

    assert message in response.context["form"].errors["file"][0]


def test_participant_import_wrong_extension_refused(secretariat_client):
    meeting = MeetingFactory()

    response = import_file(secretariat_client, meeting, upload(f"{HEADER}\n", name="list.xlsx"))

    assert "Upload a .csv file" in response.context["form"].errors["file"][0]


def test_participant_import_no_file_error_beside_field(secretariat_client):
    meeting = MeetingFactory()

    response = secretariat_client.post(reverse("meetings:participant_import", args=[meeting.pk]), {})

    assert response.context["form"].errors["file"] == ["This field is required."]


# Template and export.


def test_participant_template_is_the_header_row(secretariat_client):
    meeting = MeetingFactory()

    response = secretariat_client.get(reverse("meetings:participant_template", args=[meeting.pk]))

    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode() == HEADER + "\r\n"


def test_participant_export_round_trips_through_import(secretariat_client):
    source = MeetingFactory()
    ParticipantFactory(meeting=source, name="Ana Torres", economy=economy("MEX"), sex="female", role="head")
    ParticipantFactory(meeting=source, name="=HYPERLINK(1)", economy=economy("AUS"), sex="male")
    target = MeetingFactory()

    exported = secretariat_client.get(reverse("meetings:participant_export", args=[source.pk]))
    import_file(secretariat_client, target, upload(exported.content))

    assert "attachment" in exported["Content-Disposition"]
    assert "'=HYPERLINK(1)" in exported.content.decode("utf-8-sig")
    assert sorted(target.participants.values_list("name", "sex")) == [("'=HYPERLINK(1)", "male"), ("Ana Torres", "female")]

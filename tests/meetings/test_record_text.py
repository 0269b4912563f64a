"""The record_paragraphs filter and the stale-save helper shared by the record editors."""
import pytest

from meetings.concurrency import StaleEdit, update_if_current
from meetings.models import Meeting
from meetings.templatetags.record_text import record_paragraphs
from tests.factories import MeetingFactory


def test_record_paragraphs_blank_lines_make_paragraphs():
    assert record_paragraphs("One.\nStill one.\n\nTwo.") == "<p>One.<br>Still one.</p>\n<p>Two.</p>"


@pytest.mark.parametrize("marker", ["- ", "· ", "• "])
def test_record_paragraphs_bullet_lines_make_one_list(marker):
    text = f"They are:\n\n{marker}first;\n\n{marker}second\ncontinued\n\nThe end."

    assert record_paragraphs(text) == (
        "<p>They are:</p>\n<ul><li>first;</li><li>second continued</li></ul>\n<p>The end.</p>"
    )


def test_record_paragraphs_escapes_user_text():
    assert record_paragraphs("<script>alert(1)</script>\n- <b>x</b>") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<ul><li>&lt;b&gt;x&lt;/b&gt;</li></ul>"
    )


def test_record_paragraphs_empty_text():
    assert record_paragraphs("") == ""


@pytest.mark.django_db
def test_update_if_current_second_stale_copy_refused():
    meeting = MeetingFactory(city="Acapulco")
    first, second = Meeting.objects.get(pk=meeting.pk), Meeting.objects.get(pk=meeting.pk)

    update_if_current(first, version=first.version, changes={"city": "Lima"})
    with pytest.raises(StaleEdit) as refused:
        update_if_current(second, version=second.version, changes={"city": "Cancun"})

    meeting.refresh_from_db()
    assert (meeting.city, meeting.version) == ("Lima", 2)
    assert (refused.value.current.city, refused.value.submitted) == ("Lima", {"city": "Cancun"})


@pytest.mark.django_db
def test_update_if_current_keeps_reason_in_history():
    meeting = MeetingFactory()

    update_if_current(meeting, version=1, changes={"chair_name": "New chair"}, reason="Chair changed")

    assert meeting.history.first().history_change_reason == "Chair changed"

"""Every e-mail subject is one line: an action text with line breaks still gets its e-mails."""
import pytest
from django.core import mail

from meetings.models import ProgressNote
from meetings.notifications import SUBJECT_MAX_CHARS, mail_subject, progress_note_notify
from tests.factories import ActionFactory, AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_progress_note_mail_of_an_action_with_line_breaks_is_sent_with_a_one_line_subject(
    delegate_user, secretariat_user
):
    meeting = MeetingFactory(status="adopted")
    action = ActionFactory(agenda_item=AgendaItemFactory(meeting=meeting), text="Revise the\nSPAN\r\nproposal",
                           economies=["MEX"])
    note = ProgressNote.objects.create(action=action, author=delegate_user, text="Draft sent")

    sent = progress_note_notify(progress_note_id=note.pk)

    assert (sent, mail.outbox[0].subject) == (len(mail.outbox), "[SMEWG] Progress on “Revise the SPAN proposal”")


def test_mail_subject_is_one_line_and_cut_to_the_limit():
    subject = mail_subject("Progress on “" + "word\n" * 60 + "”")

    assert (len(subject), "\n" in subject, subject[-1]) == (SUBJECT_MAX_CHARS, False, "…")

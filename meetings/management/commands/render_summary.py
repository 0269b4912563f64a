"""Render a meeting's chair's summary to a PDF file: ``render_summary SMEWG 14 -o smewg14.pdf``.

Draws the same PDF as an export from the meeting page, in this process and without a
database row; for batch exports and for checks.
"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.models import Meeting
from meetings.summary.render import summary_content_hash, summary_html, summary_pdf


class Command(BaseCommand):
    help = "Render the chair's summary of FORUM's meeting NUMBER to a PDF file."

    def add_arguments(self, parser):
        parser.add_argument("forum", help="Forum code, e.g. SMEWG.")
        parser.add_argument("number", type=int, help="Meeting number, e.g. 14.")
        parser.add_argument("-o", "--output", required=True, help="PDF file to write.")

    def handle(self, *args, forum, number, output, **options):
        meeting = Meeting.objects.filter(forum__code__iexact=forum, number=number).first()
        if meeting is None:
            raise CommandError(f"No meeting {number} of forum “{forum}”.")
        html = summary_html(meeting.pk)
        pdf, pages = summary_pdf(html)
        try:
            Path(output).write_bytes(pdf)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from error
        self.stdout.write(
            f"Wrote {output}: {pages} pages, {len(pdf):,} bytes, content {summary_content_hash(html)[:12]}."
        )

"""The chair's summary as a Word document, for the usual edit-and-circulate round by e-mail.

The copy says what the PDF says, in the same order (``summary_context`` and the blocks of
each agenda item); it is a copy: the record in the app stays the source, and the copy says
so and when it was made.
"""
import html
import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags

from ..templatetags.record_text import record_blocks
from .context import summary_context

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _record_text(document, text: str) -> None:
    """Paragraphs and bullet lists of a record text, as the summary prints them."""
    for kind, lines in record_blocks(text):
        if kind == "p":
            document.add_paragraph("\n".join(lines))
        else:
            for line in lines:
                document.add_paragraph(line, style="List Bullet")


def _table(document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, header):
        cell.text = title
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows:
        for cell, value in zip(table.add_row().cells, values):
            cell.text = value


def summary_docx(meeting_id: int) -> bytes:
    """The .docx bytes of the meeting's chair's summary as it stands (draft or adopted)."""
    from docx import Document  # imported here: only this download needs it

    context = summary_context(meeting_id)
    meeting, forum = context["meeting"], context["forum"]
    document = Document()
    document.core_properties.title = f"Chair's Summary, {meeting.title}"
    document.core_properties.subject = f"{meeting.place}, {meeting.dates}"
    if context["is_draft"]:
        note = document.add_paragraph()
        note.add_run(f"DRAFT, not yet adopted ({meeting.get_status_display().lower()})").bold = True
    document.add_paragraph("Asia-Pacific Economic Cooperation")
    document.add_paragraph(forum.name)
    document.add_heading("Chair’s Summary", level=0)
    document.add_paragraph(meeting.title)
    document.add_paragraph(f"{meeting.place}, {meeting.dates}")
    opening = render_to_string("meetings/summary/opening.html", context)
    document.add_paragraph(" ".join(html.unescape(strip_tags(opening)).split()))
    document.add_paragraph().add_run("The Meeting discussed the following issues:").bold = True

    for item in context["items"]:
        document.add_heading(f"{item.number}. {item.title}", level=2)
        for block in item.printed_blocks:
            if block.decision is not None:
                _record_text(document, block.decision.text)
            elif block.kind == "text":
                _record_text(document, item.text)
            else:
                document.add_paragraph().add_run(block.label).italic = True
                for title in block.projects:
                    document.add_paragraph(title, style="List Bullet")

    for label, titles in (
        ("The Group received reports on the following projects:", context["projects_reported_elsewhere"]),
        ("The Group approved the following projects:", context["projects_approved_elsewhere"]),
    ):
        if titles:
            document.add_paragraph(label)
            for title in titles:
                document.add_paragraph(title, style="List Bullet")

    if context["actions"]:
        document.add_heading("Agreed actions", level=1)
        _table(
            document,
            ["Item", "Action", "Responsible", "Due", "Status"],
            [
                [a.number, a.text, a.responsible_text or "—", a.due_display or "—", a.get_status_display()]
                for a in context["actions"]
            ],
        )
    if context["review_entries"]:
        document.add_heading("Status of actions from previous meetings", level=1)
        _table(
            document,
            ["Meeting", "Action", "Responsible", "Due", "Status reported"],
            [
                [
                    f"{e.action.agenda_item.meeting.title}, item {e.action.agenda_item.position}",
                    f"{e.action.text}\n{e.note}" if e.note else e.action.text,
                    e.action.responsible_text or "—", e.action.due_display or "—",
                    e.get_status_reported_display() or "Not reported",
                ]
                for e in context["review_entries"]
            ],
        )

    made = timezone.localtime().strftime("%d %B %Y, %H:%M")
    footer = document.add_paragraph()
    footer.add_run(
        f"Word copy of the record made on {made} for comments. The record kept by the "
        f"{forum.code} Secretariat is the source: send changes to the Secretariat."
    ).italic = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

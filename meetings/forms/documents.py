"""The form registering a paper tabled at a meeting, with its uploaded file.

The file must be one of the types the secretariat circulates (PDF, Word, Excel,
PowerPoint, plain text), checked by its extension AND by its first bytes, so a renamed
executable is refused; and no larger than ``settings.DOCUMENT_MAX_BYTES``.
"""
import re
import zipfile

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from ..models import AgendaItem, Document, Economy, Meeting, Organisation
from .limits import LimitsSaidMixin

# Loose: a year, the meeting's code, a number, optional suffixes: 2002/SMEWG15/005, 2009/SMEWG29/016rev1.
SYMBOL_PATTERN = re.compile(r"^\d{4}/[A-Za-z0-9][A-Za-z0-9.\-]*(/[A-Za-z0-9][A-Za-z0-9.\-]*)+$")

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc (and .xls, .ppt)
OOXML_PART = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
ALLOWED_EXTENSIONS = (".pdf", ".docx", ".doc", ".xlsx", ".pptx", ".txt")


def sniff_matches(upload, extension: str) -> bool:
    """Whether the file's content is what its extension says."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    try:
        if extension == ".pdf":
            return head.startswith(b"%PDF-")
        if extension == ".doc":
            return head == OLE2_SIGNATURE
        if extension in OOXML_PART:
            if not head.startswith(b"PK\x03\x04"):
                return False
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
            return "[Content_Types].xml" in names and any(n.startswith(OOXML_PART[extension]) for n in names)
        if extension == ".txt":
            sample = upload.read(64 * 1024)
            if b"\x00" in sample:
                return False
            try:
                sample.decode("utf-8")
            except UnicodeDecodeError as error:
                # A multi-byte character cut at the end of the sample is still text.
                return error.start >= len(sample) - 3
            return True
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)
    return False


class DocumentForm(LimitsSaidMixin, forms.ModelForm):
    submitted_by = forms.ChoiceField(label="Submitted by", required=False)

    class Meta:
        model = Document
        fields = ["symbol", "title", "submitted_by", "purpose", "agenda_item", "file"]
        # No "currently: <link>" widget: files are never linked by their /media/ path.
        widgets = {"file": forms.FileInput}
        help_texts = {
            "file": "PDF, Word (.docx, .doc), Excel (.xlsx), PowerPoint (.pptx) or plain text (.txt).",
        }

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.instance.meeting = meeting
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting=meeting).order_by("position")
        self.fields["agenda_item"].empty_label = "— not under an item —"
        self._submitters = {f"economy:{e.pk}": e for e in Economy.objects.order_by("position")}
        self._submitters.update({f"organisation:{o.pk}": o for o in Organisation.objects.order_by("name")})
        self.fields["submitted_by"].choices = [
            ("", "— not recorded —"),
            ("Economies", [(key, e.name) for key, e in self._submitters.items() if key.startswith("economy:")]),
            ("Organisations", [(key, o.name) for key, o in self._submitters.items() if key.startswith("organisation:")]),
        ]
        if self.instance.submitted_by_economy_id:
            self.initial["submitted_by"] = f"economy:{self.instance.submitted_by_economy_id}"
        elif self.instance.submitted_by_organisation_id:
            self.initial["submitted_by"] = f"organisation:{self.instance.submitted_by_organisation_id}"
        # A new paper needs its file; an existing one keeps its file unless a new one is chosen.
        self.fields["file"].required = not self.instance.file
        self.fields["file"].help_text += f" At most {filesizeformat(settings.DOCUMENT_MAX_BYTES)}."
        self.fields["symbol"].widget.attrs["placeholder"] = f"{meeting.start_date.year}/{meeting.forum.code}{meeting.number}/001"

    def clean_symbol(self):
        symbol = self.cleaned_data["symbol"].strip()
        if not SYMBOL_PATTERN.match(symbol):
            raise forms.ValidationError(
                "Write the symbol as year/meeting/number, e.g. "
                f"{self.meeting.start_date.year}/{self.meeting.forum.code}{self.meeting.number}/005."
            )
        clash = Document.objects.filter(symbol__iexact=symbol).exclude(pk=self.instance.pk).select_related("meeting__forum").first()
        if clash:
            raise forms.ValidationError(f"{clash.symbol} is already registered ({clash.title}, {clash.meeting}).")
        return symbol

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or upload == self.instance.file:
            return upload
        name = upload.name.lower()
        extension = next((ext for ext in ALLOWED_EXTENSIONS if name.endswith(ext)), None)
        if extension is None:
            raise forms.ValidationError(
                "This type of file is not accepted: upload a PDF, Word, Excel, PowerPoint or plain text file."
            )
        if upload.size > settings.DOCUMENT_MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {filesizeformat(upload.size)}; the limit is {filesizeformat(settings.DOCUMENT_MAX_BYTES)}."
            )
        if not sniff_matches(upload, extension):
            raise forms.ValidationError(
                f"The file's content is not a {extension[1:].upper()} file, although its name ends in {extension}."
            )
        return upload

    def clean_submitted_by(self):
        # The choices were read in __init__: the chosen one is looked up there, not queried again.
        value = self.cleaned_data.get("submitted_by") or ""
        submitter = self._submitters.get(value)
        self._economy = submitter if value.startswith("economy:") else None
        self._organisation = submitter if value.startswith("organisation:") else None
        return value

    def save(self, commit=True):
        self.instance.submitted_by_economy = self._economy
        self.instance.submitted_by_organisation = self._organisation
        return super().save(commit=commit)

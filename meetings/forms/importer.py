"""Forms of the summary import: the upload of one or more files, and the header corrections on review."""
from django import forms

from ..importer import MAX_BYTES, MAX_NUMBER, chair_participant
from ..importer.zipsafety import ARCHIVE_LIMITS
from ..models import Economy, Forum, Meeting, ParticipantRole
from .limits import LimitsSaidMixin
from .meetings import MeetingForm, check_meeting_dates


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern); cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, (list, tuple)) else [data]) if item]
        if not files:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > 1:
            return files  # each is read on its own; a bad one is refused alone, not the whole upload
        return [super().clean(files[0], initial)]


class SummaryUploadForm(forms.Form):
    """One or more summaries, or one .zip of them; the service reads each (a bad one is refused alone)."""

    file = MultipleFileField(
        label="Chair's summaries",
        help_text=(
            f".txt (UTF-8 or Windows-1252), .docx or .pdf, up to {MAX_BYTES // 1024 // 1024} MB each; "
            f"choose several at once, or one .zip of them (at most {ARCHIVE_LIMITS.max_entries} files)."
        ),
        widget=MultipleFileInput(attrs={"accept": ".txt,.docx,.pdf,.zip,text/plain,application/pdf,application/zip"}),
    )
    forum = forms.ModelChoiceField(
        label="Forum", queryset=Forum.objects.all(), to_field_name="code", empty_label=None
    )

    def clean_file(self):
        files = self.cleaned_data["file"]
        if len(files) > ARCHIVE_LIMITS.max_entries:
            raise forms.ValidationError(
                f"{len(files)} files chosen; at most {ARCHIVE_LIMITS.max_entries} at once (or put them in a .zip)."
            )
        return files


# Fields the review shares with the meeting header form (labels, lengths, the date picker).
_MEETING_FIELDS = forms.fields_for_model(
    Meeting, fields=["city", "start_date", "end_date", "chair_name", "chair_title"], widgets=MeetingForm.Meta.widgets
)


class SummaryHeaderForm(LimitsSaidMixin, forms.Form):
    """The meeting's header as recognised, for the user to correct before saving.

    The record names the forum by its code and economies by their names, and the importer
    caps the meeting number, so those four fields are declared here; the rest are the model's.
    """

    forum = forms.ModelChoiceField(label="Forum", queryset=Forum.objects.all(), to_field_name="code")
    number = forms.IntegerField(label="Meeting number", min_value=1, max_value=MAX_NUMBER)
    city = _MEETING_FIELDS["city"]
    host_economy = forms.ModelChoiceField(
        label="Host economy", queryset=Economy.objects.all(), to_field_name="name", required=False
    )
    start_date = _MEETING_FIELDS["start_date"]
    end_date = _MEETING_FIELDS["end_date"]
    chair_name = _MEETING_FIELDS["chair_name"]
    chair_title = _MEETING_FIELDS["chair_title"]
    chair_economy = forms.ModelChoiceField(
        label="Chair's economy", queryset=Economy.objects.all(), to_field_name="name", required=False
    )
    replace = forms.BooleanField(
        label="Replace the meeting with this number if it is already recorded",
        required=False,
        help_text="Its agenda, decisions and actions are deleted and replaced by the imported ones.",
    )

    @classmethod
    def initial_from(cls, record: dict) -> dict:
        chair = record.get("chair") or {}
        return {
            "forum": record.get("forum"),
            "number": record.get("number"),
            "city": record.get("city"),
            "host_economy": record.get("host_economy"),
            "start_date": record.get("start_date"),
            "end_date": record.get("end_date"),
            "chair_name": chair.get("name"),
            "chair_title": chair.get("title"),
            "chair_economy": chair.get("economy"),
        }

    def clean(self):
        cleaned = super().clean()
        check_meeting_dates(self, cleaned)
        return cleaned

    def apply(self, record: dict) -> dict:
        """The record with the corrected header (a new dict; the chair's participant entry follows it)."""
        data = self.cleaned_data
        host, chair_economy = data["host_economy"], data["chair_economy"]
        chair = {
            "name": data["chair_name"],
            "title": data["chair_title"],
            "economy": chair_economy.name if chair_economy else None,
        }
        participants = [p for p in record.get("participants", []) if p.get("role") != ParticipantRole.CHAIR]
        if chair["name"]:
            participants.insert(0, chair_participant(chair["name"], chair["title"], chair["economy"]))
        return {
            **record,
            "forum": data["forum"].code,
            "number": data["number"],
            "city": data["city"].strip(),
            "host_economy": host.name if host else None,
            "start_date": data["start_date"].isoformat(),
            "end_date": data["end_date"].isoformat(),
            "chair": chair,
            "participants": participants,
        }

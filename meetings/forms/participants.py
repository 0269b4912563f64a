"""Forms of attendance (a grid of economies and organisations) and of participants."""
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms

from ..models import AttendanceCapacity, Economy, Meeting, Organisation, Participant
from ..participant_csv import MAX_BYTES
from .limits import LimitsSaidMixin


class AttendanceForm(forms.Form):
    """One row per member economy and organisation: present or not, and in what capacity."""

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.economies = list(Economy.objects.order_by("position"))
        self.organisations = list(Organisation.objects.order_by("kind", "name"))
        current = {
            (a.economy_id and f"e{a.economy_id}") or f"o{a.organisation_id}": a.capacity
            for a in meeting.attendances.all()
        }
        self.rows = []
        for prefix, objects in (("e", self.economies), ("o", self.organisations)):
            for obj in objects:
                key = f"{prefix}{obj.pk}"
                default = AttendanceCapacity.MEMBER if prefix == "e" else AttendanceCapacity.for_organisation(obj)
                self.fields[f"present_{key}"] = forms.BooleanField(
                    label=obj.name, required=False, initial=key in current
                )
                self.fields[f"capacity_{key}"] = forms.ChoiceField(
                    label=f"Capacity of {obj.name}", choices=AttendanceCapacity.choices,
                    initial=current.get(key, default), required=False,
                )
                self.rows.append((obj, self[f"present_{key}"], self[f"capacity_{key}"], prefix == "e"))

    def clean(self):
        cleaned = super().clean()
        for name in list(cleaned):
            if name.startswith("present_") and cleaned[name]:
                capacity = "capacity_" + name.removeprefix("present_")
                if capacity not in self.errors and not cleaned.get(capacity):
                    self.add_error(capacity, "Choose the capacity in which it attended.")
        return cleaned

    def economy_rows(self):
        return [row for row in self.rows if row[3]]

    def organisation_rows(self):
        return [row for row in self.rows if not row[3]]

    def present(self) -> tuple[dict, dict]:
        """({economy: capacity}, {organisation: capacity}) of the ticked rows."""
        economies = {e: self.cleaned_data[f"capacity_e{e.pk}"] for e in self.economies
                     if self.cleaned_data.get(f"present_e{e.pk}")}
        organisations = {o: self.cleaned_data[f"capacity_o{o.pk}"] for o in self.organisations
                         if self.cleaned_data.get(f"present_o{o.pk}")}
        return economies, organisations


class AttendanceCopyForm(forms.Form):
    """Copy attendance and/or participants from the forum's previous meeting, after a look at what."""

    source = forms.IntegerField(widget=forms.HiddenInput)
    copy_attendance = forms.BooleanField(label="Copy the economies and organisations present", required=False)
    copy_participants = forms.BooleanField(label="Copy the participants", required=False)

    def __init__(self, *args, source: Meeting | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        if source is not None:
            self.fields["source"].initial = source.pk

    def clean(self):
        cleaned = super().clean()
        if self.source is None:
            raise forms.ValidationError("There is no earlier meeting of this forum to copy from.")
        if "source" in cleaned and cleaned["source"] != self.source.pk:
            raise forms.ValidationError(
                f"The previous meeting is now the {self.source.title}, {self.source.place}: check what it "
                "would copy below and confirm again."
            )
        if not (cleaned.get("copy_attendance") or cleaned.get("copy_participants")):
            raise forms.ValidationError("Tick what to copy: the attendance, the participants or both.")
        return cleaned


class ParticipantForm(LimitsSaidMixin, forms.ModelForm):
    """A participant: who, representing which economy or organisation, sex and role."""

    class Meta:
        model = Participant
        fields = ["name", "title", "employer", "economy", "organisation", "sex", "role", "email"]

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["economy"].queryset = Economy.objects.order_by("position")
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["economy"].help_text = "The member economy the person represents, or leave empty ..."
        self.fields["organisation"].help_text = "... and choose the organisation they represent."
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("name", css_class="col-md-6"), Column("title", css_class="col-md-6")),
            "employer",
            Row(Column("economy", css_class="col-md-6"), Column("organisation", css_class="col-md-6")),
            Row(Column("sex", css_class="col-md-4"), Column("role", css_class="col-md-4"),
                Column("email", css_class="col-md-4")),
        )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Give the participant's name.")
        return name

    def clean(self):
        cleaned = super().clean()
        economy, organisation = cleaned.get("economy"), cleaned.get("organisation")
        if economy and organisation:
            self.add_error("organisation", "Choose an economy or an organisation, not both.")
        name = cleaned.get("name")
        if name:
            same = self.meeting.participants.filter(name__iexact=name, economy=economy)
            if self.instance.pk:
                same = same.exclude(pk=self.instance.pk)
            if same.exists():
                self.add_error("name", f"{name} is already on this meeting's list"
                               f"{' for ' + economy.name if economy else ''}.")
        return cleaned


class ParticipantImportForm(forms.Form):
    file = forms.FileField(
        label="Participant list (CSV)",
        help_text=f"UTF-8 CSV in the template's columns, at most {MAX_BYTES // 1024} KB.",
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if not uploaded.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError("Upload a .csv file (save the spreadsheet as CSV UTF-8).")
        return uploaded

"""Forms of the meeting header, the meetings list filter and the status change."""
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.html import format_html

from ..concurrency import VersionedFormMixin
from ..models import Economy, Forum, Meeting, MeetingStatus
from .limits import LimitsSaidMixin

HEADER_FIELDS = [
    "forum",
    "number",
    "city",
    "host_economy",
    "start_date",
    "end_date",
    "chair_name",
    "chair_title",
    "chair_economy",
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def check_meeting_dates(form: forms.Form, cleaned: dict) -> None:
    """The end date beside its field when it falls before the start (any meeting header form)."""
    start, end = cleaned.get("start_date"), cleaned.get("end_date")
    if start and end and end < start:
        form.add_error("end_date", "The meeting cannot end before it starts.")


class MeetingForm(LimitsSaidMixin, VersionedFormMixin, forms.ModelForm):
    """The meeting header: which meeting, where, when, chaired by whom."""

    class Meta:
        model = Meeting
        fields = HEADER_FIELDS
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_economy"].queryset = Economy.objects.order_by("position")
        self.fields["chair_economy"].queryset = Economy.objects.order_by("position")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("forum", css_class="col-md-8"), Column("number", css_class="col-md-4")),
            Row(Column("city", css_class="col-md-6"), Column("host_economy", css_class="col-md-6")),
            Row(Column("start_date", css_class="col-md-6"), Column("end_date", css_class="col-md-6")),
            "chair_name",
            "chair_title",
            "chair_economy",
            "version",
        )

    def clean_city(self):
        city = self.cleaned_data["city"].strip()
        if not city:
            raise forms.ValidationError("Name the city where the meeting was held.")
        return city

    def clean(self):
        cleaned = super().clean()
        check_meeting_dates(self, cleaned)
        self._check_number_free(cleaned)
        return cleaned

    def _check_number_free(self, cleaned: dict) -> None:
        """A number the forum already used: the error beside the field links to that meeting."""
        forum, number = cleaned.get("forum"), cleaned.get("number")
        if not forum or not number:
            return
        existing = Meeting.objects.filter(forum=forum, number=number).exclude(pk=self.instance.pk).first()
        if existing:
            self.add_error("number", format_html(
                'The {} is already recorded: <a href="{}">{}, {}</a>. Choose another number, or open that meeting.',
                existing.title, existing.get_absolute_url(), existing.title, existing.place,
            ))


class MeetingCreateForm(MeetingForm):
    """Creating a meeting also sets where it starts in the lifecycle (held, for a past meeting)."""

    status = forms.ChoiceField(
        label="Status",
        choices=[(MeetingStatus.PLANNED, MeetingStatus.PLANNED.label), (MeetingStatus.HELD, MeetingStatus.HELD.label)],
        initial=MeetingStatus.PLANNED,
    )
    version = None

    class Meta(MeetingForm.Meta):
        fields = HEADER_FIELDS + ["status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout.fields.remove("version")
        self.helper.layout.append("status")
        # Usually the next meeting of the forum recorded last.
        latest = Meeting.objects.order_by("-start_date", "-pk").values_list("forum_id", flat=True).first()
        self.fields["forum"].initial = latest or Forum.objects.order_by("code").values_list("pk", flat=True).first()


class MeetingFilterForm(forms.Form):
    """The filters of the meetings list; every field optional, bad values ignored with a message."""

    q = forms.CharField(label="Search", required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": "City, chair or agenda text"}))
    forum = forms.ModelChoiceField(label="Forum", queryset=Forum.objects.order_by("code"), required=False,
                                   empty_label="All forums", to_field_name="code")
    year = forms.TypedChoiceField(label="Year", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Any status"), *MeetingStatus.choices])

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Any year")] + [(year, str(year)) for year in years]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row g-2 align-items-end mb-3"
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Column("q", css_class="col-12 col-md-4"),
            Column("forum", css_class="col-6 col-md-2"),
            Column("year", css_class="col-6 col-md-2"),
            Column("status", css_class="col-8 col-md-2"),
            Column(Submit("", "Filter", css_class="btn-secondary w-100 mb-3"), css_class="col-4 col-md-2"),
        )


class MeetingStatusForm(LimitsSaidMixin, forms.Form):
    """Move the meeting along its lifecycle; going back (reopening) needs a reason."""

    status = forms.ChoiceField(label="Move to")
    reason = forms.CharField(
        label="Reason", required=False, max_length=250,
        help_text="Required to move a meeting back or to reopen an adopted record; kept in the history.",
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices
        self.helper = FormHelper()
        self.helper.form_tag = False

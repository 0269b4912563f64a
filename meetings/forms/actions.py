"""Forms of the action tracker and the action page."""
from django import forms

from ..models import ActionStatus, Economy, Forum, Meeting, ProgressNote
from ..selectors import UNFINISHED
from .limits import LimitsSaidMixin

SORTS = [("due", "Due date, earliest first"), ("-due", "Due date, latest first")]
SELECT = {"class": "form-select"}


class ActionFilterForm(forms.Form):
    """The tracker's filters, read from the query string. Values it cannot read are ignored."""

    forum = forms.ModelChoiceField(
        Forum.objects.all(), to_field_name="code", required=False, empty_label=None, label="Forum",
        widget=forms.Select(attrs=SELECT),
    )
    economy = forms.ModelChoiceField(
        Economy.objects.all(), to_field_name="code", required=False, empty_label="All economies", label="Economy",
        widget=forms.Select(attrs=SELECT),
    )
    meeting = forms.ModelChoiceField(
        Meeting.objects.select_related("forum"), required=False, empty_label="All meetings", label="Meeting",
        widget=forms.Select(attrs=SELECT),
    )
    status = forms.ChoiceField(
        choices=[("", "Any status"), (UNFINISHED, "Open or in progress"), *ActionStatus.choices],
        required=False,
        label="Status",
        widget=forms.Select(attrs=SELECT),
    )
    overdue = forms.BooleanField(required=False, label="Overdue only")
    q = forms.CharField(required=False, max_length=200, label="Search", strip=True)
    sort = forms.ChoiceField(choices=SORTS, required=False, label="Sort", widget=forms.Select(attrs=SELECT))
    outside_review = forms.ModelChoiceField(
        Meeting.objects.select_related("forum"), required=False, label="Not reviewed at",
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, meetings=None, economies=None, **kwargs):
        """``meetings`` and ``economies``: the choices the user may see (default: all)."""
        super().__init__(*args, **kwargs)
        self.fields["forum"].label_from_instance = lambda forum: forum.code
        if meetings is not None:
            self.fields["meeting"].queryset = meetings
            self.fields["outside_review"].queryset = meetings
        if economies is not None:
            self.fields["economy"].queryset = economies

    def usable(self) -> dict:
        """The filters that were understood; a value that was not is left out."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}

    def problems(self) -> list[str]:
        return [
            f"{self.fields[name].label}: {' '.join(errors)}" for name, errors in self.errors.items()
        ]


class ActionProgressForm(LimitsSaidMixin, forms.Form):
    """A progress note and/or a new status, with the version of the action the user saw."""

    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Progress note",
        help_text="What has been done, by whom, what is next.",
        max_length=ProgressNote._meta.get_field("text").max_length,
    )
    status = forms.ChoiceField(choices=ActionStatus.choices, label="Status")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, action, **kwargs):
        self.action = action
        kwargs.setdefault("initial", {"status": action.status, "version": action.version})
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if "status" in cleaned and not cleaned.get("note") and cleaned["status"] == self.action.status:
            self.add_error("note", "Write a progress note or change the status.")
        return cleaned

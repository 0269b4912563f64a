"""Forms of a meeting's review list: finding an earlier action to add, recording what the
meeting said about one, and carrying an action forward to a later meeting."""
from django import forms

from ..models import ActionStatus, Economy, Meeting
from ..selectors import earlier_than

SELECT = {"class": "form-select form-select-sm"}


class ReviewSearchForm(forms.Form):
    """Search the open actions of earlier meetings by text, meeting or economy."""

    q = forms.CharField(
        required=False, max_length=200, strip=True, label="Text",
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "type": "search"}),
    )
    from_meeting = forms.ModelChoiceField(
        Meeting.objects.none(), required=False, empty_label="Any earlier meeting", label="Meeting",
        widget=forms.Select(attrs=SELECT),
    )
    economy = forms.ModelChoiceField(
        Economy.objects.order_by("position"), to_field_name="code", required=False,
        empty_label="Any economy", label="Economy", widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        kwargs.setdefault("auto_id", "review-%s")
        super().__init__(*args, **kwargs)
        self.fields["from_meeting"].queryset = (
            Meeting.objects.select_related("forum").filter(earlier_than(meeting)).order_by("-start_date", "-number")
        )
        self.fields["from_meeting"].label_from_instance = lambda m: f"{m.title}, {m.dates}"

    def has_criteria(self) -> bool:
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())


class ReviewRecordForm(forms.Form):
    """What the meeting recorded about one reviewed action."""

    status_reported = forms.ChoiceField(
        choices=[("", "Not reported"), *ActionStatus.choices], required=False, label="Status reported",
        widget=forms.Select(attrs=SELECT),
    )
    note = forms.CharField(
        required=False, max_length=2000, label="Note", strip=True,
        help_text="As the summary prints it, e.g. “Mexico reported the study is complete.”",
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "review-record-%s")
        super().__init__(*args, **kwargs)


class CarryForwardForm(forms.Form):
    """Which later meeting reviews the action; the next one is chosen already."""

    meeting = forms.ModelChoiceField(Meeting.objects.none(), label="Review at", widget=forms.Select(attrs=SELECT))

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: f"{m.title}, {m.dates} ({m.get_status_display().lower()})"

"""Forms of projects: create and edit a project, link a project report to an agenda item."""
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from meetings.forms.limits import LimitsSaidMixin
from meetings.models import Economy, Forum

from .models import Project, ProjectStatus, ReportKind


class ProjectForm(LimitsSaidMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = ["forum", "title", "code", "proposing_economies", "status", "description"]
        widgets = {
            "proposing_economies": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        forums = Forum.objects.all()
        if not self.instance.pk and len(forums) == 1:
            self.initial.setdefault("forum", forums[0].pk)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit("save", "Save project"))

    def clean(self):
        cleaned = super().clean()
        forum, title = cleaned.get("forum"), (cleaned.get("title") or "").strip()
        if forum and title:
            clash = Project.objects.filter(forum=forum, title__iexact=title).exclude(pk=self.instance.pk).first()
            if clash:
                self.add_error("title", f"The group already has a project titled “{clash.title}”.")
        return cleaned

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if code and Project.objects.filter(code__iexact=code).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Another project already has this reference code.")
        return code


class ProjectFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "Any status"), *ProjectStatus.choices], required=False)
    economy = forms.ModelChoiceField(
        queryset=Economy.objects.order_by("position"),
        required=False,
        empty_label="Any proposing economy",
        label="Proposing economy",
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )


class ProjectReportLinkForm(LimitsSaidMixin, forms.Form):
    """From an agenda item: a project (chosen, or new by title) reported on or approved there."""

    kind = forms.ChoiceField(choices=ReportKind.choices, label="Reported as", initial=ReportKind.REPORTED)
    project = forms.ModelChoiceField(queryset=None, required=False, empty_label="— choose a project —")
    new_title = forms.CharField(
        max_length=300, required=False, label="or a new project titled",
        help_text="Creates the project if the group has none of this title.",
    )

    def __init__(self, *args, forum: Forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = forum.projects.order_by("title")

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            has_project, has_title = bool(cleaned.get("project")), bool(cleaned.get("new_title", "").strip())
            if has_project == has_title:
                self.add_error("project", "Choose a project or type the title of a new one (one of the two).")
        return cleaned

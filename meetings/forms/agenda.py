"""Forms of the agenda editor: agenda items, their decisions and their agreed actions.

Each record has an add form and an edit form; the edit form carries the version it was
shown (``VersionedFormMixin``) so a save from a stale copy is refused, not applied.
"""
from django import forms

from ..concurrency import VersionedFormMixin
from ..models import Action, AgendaItem, Decision
from .limits import LimitsSaidMixin


class AgendaItemForm(LimitsSaidMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}


class AgendaItemEditForm(VersionedFormMixin, AgendaItemForm):
    pass


class ItemPartForm(LimitsSaidMixin, forms.ModelForm):
    """A form for something under an agenda item (a decision, an action); it knows the item."""

    def __init__(self, *args, agenda_item: AgendaItem | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agenda_item = agenda_item or getattr(self.instance, "agenda_item", None)


class DecisionForm(ItemPartForm):
    class Meta:
        model = Decision
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class DecisionEditForm(VersionedFormMixin, DecisionForm):
    pass


class ActionForm(ItemPartForm):
    class Meta:
        model = Action
        fields = [
            "text",
            "decision",
            "responsible_economies",
            "responsible_organisations",
            "responsible_other",
            "due_date",
            "due_next_meeting",
            "status",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "responsible_economies": forms.CheckboxSelectMultiple,
            "responsible_organisations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a decision of the same agenda item; anything else is "not one of the choices".
        decisions = Decision.objects.filter(agenda_item=self.agenda_item) if self.agenda_item else Decision.objects.none()
        self.fields["decision"].queryset = decisions.order_by("position", "pk")
        self.fields["decision"].label = "Decision it carries out"
        self.fields["decision"].empty_label = "None in particular"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("due_date") and cleaned.get("due_next_meeting"):
            self.add_error("due_date", "Give a due date or tick “by the next meeting”, not both.")
        return cleaned


class ActionEditForm(VersionedFormMixin, ActionForm):
    pass

"""The chair's summary export: which annexes go with the PDF."""
from django import forms

from ..summary.context import Annexes


class SummaryExportForm(forms.Form):
    """Annexes chosen at export; a box left unticked (or sent as "false") leaves that annex out."""

    annex_participants = forms.BooleanField(
        label="List of participants, by sex", required=False
    )
    annex_documents = forms.BooleanField(label="Documents register", required=False)

    def annexes(self) -> Annexes:
        data = self.cleaned_data
        return Annexes(participants=data.get("annex_participants", False), documents=data.get("annex_documents", False))

"""Filters of the numbers page and of search, read from the query string."""
from django import forms

from meetings.models import Economy, Forum

from .search import KIND_CHOICES

FIRST_YEAR, LAST_YEAR = 1989, 2100  # APEC was founded in 1989


class NumbersFilterForm(forms.Form):
    """The date range of the numbers page: meetings that start within it."""

    start = forms.DateField(label="Meetings from", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="to", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "The end of the range is before its start.")
        return cleaned


class SearchForm(forms.Form):
    """One box for words, and filters by kind, forum, economy and years."""

    q = forms.CharField(label="Words", max_length=200, required=False,
                        widget=forms.TextInput(attrs={"type": "search", "autofocus": True,
                                                      "placeholder": "e.g. SPAN, e-commerce, 2002/SMEWG14/005"}))
    kind = forms.MultipleChoiceField(label="Kinds", choices=KIND_CHOICES, required=False,
                                     widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    forum = forms.ModelChoiceField(label="Forum", queryset=Forum.objects.all(), required=False,
                                   to_field_name="code", empty_label="Every forum")
    economy = forms.ModelChoiceField(label="Economy", queryset=Economy.objects.order_by("position"), required=False,
                                     to_field_name="code", empty_label="Every economy")
    year_from = forms.IntegerField(label="Years from", required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR)
    year_to = forms.IntegerField(label="to", required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR)

    def clean(self):
        cleaned = super().clean()
        year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
        if year_from and year_to and year_to < year_from:
            self.add_error("year_to", "The last year is before the first.")
        return cleaned

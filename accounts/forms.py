"""Forms of a user's own settings."""
from django import forms

from .models import Profile


class ReminderSettingsForm(forms.ModelForm):
    """Whether the user wants e-mail reminders of their economy's due actions."""

    class Meta:
        model = Profile
        fields = ["action_reminders"]

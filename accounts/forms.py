"""Forms of a user's own settings, and the password-reset form with its mail limit."""
from django import forms
from django.contrib.auth import forms as auth_forms

from .models import Profile
from .throttle import password_reset_allowed


class ReminderSettingsForm(forms.ModelForm):
    """Whether the user wants e-mail reminders of their economy's due actions."""

    class Meta:
        model = Profile
        fields = ["action_reminders"]


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form; past the limits of ``throttle.password_reset_allowed`` it sends nothing,
    and the view shows the same page as ever."""

    def save(self, *args, request=None, **kwargs):
        if password_reset_allowed(request=request, email=self.cleaned_data["email"]):
            super().save(*args, request=request, **kwargs)

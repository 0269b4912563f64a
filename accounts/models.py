"""Who a user is in the secretariat's eyes: their role and, for delegates, their economy."""
from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    """Roles are Django groups of these names; the choices keep the names in one place."""

    SECRETARIAT = "Secretariat", "Secretariat"
    CHAIR = "Chair", "Chair"
    DELEGATE = "Delegate", "Delegate"


class Profile(models.Model):
    """Extra facts about a user: a delegate's economy, the calendar feed secret, e-mail settings."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name="user"
    )
    economy = models.ForeignKey(
        "meetings.Economy",
        on_delete=models.PROTECT,
        related_name="profiles",
        verbose_name="economy",
        null=True,
        blank=True,
        help_text="Required for delegates: the member economy they belong to.",
    )
    action_reminders = models.BooleanField(
        "e-mail reminders of due actions",
        default=True,
        help_text="Reminders 14 and 3 days before an action of my economy falls due, and when it becomes overdue.",
    )
    calendar_token = models.CharField(
        "calendar feed secret", max_length=64, blank=True, help_text="Empty when no feed is issued."
    )

    class Meta:
        verbose_name = "profile"
        ordering = ["user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["calendar_token"], condition=~models.Q(calendar_token=""), name="profile_unique_calendar_token"
            ),
        ]

    def __str__(self):
        return f"Profile of {self.user}"

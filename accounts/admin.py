"""Users with their role and economy, in the admin."""
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import User

from .models import Profile, Role

DELEGATE_NEEDS_ECONOMY = "A delegate belongs to one member economy: choose it under Profile below."


class RoleUserChangeForm(UserChangeForm):
    """Refuses the Delegate role without an economy in the profile inline posted with it."""

    def clean(self):
        cleaned = super().clean()
        groups = cleaned.get("groups") or []
        if any(group.name == Role.DELEGATE for group in groups) and not self.data.get("profile-0-economy"):
            self.add_error("groups", DELEGATE_NEEDS_ECONOMY)
        return cleaned


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    fields = ["economy"]


admin.site.unregister(User)


@admin.register(User)
class SecretariatUserAdmin(UserAdmin):
    form = RoleUserChangeForm
    inlines = [ProfileInline]
    list_display = ["username", "email", "first_name", "last_name", "is_active", "role_list"]
    list_filter = ["groups", "is_active", "profile__economy"]

    @admin.display(description="roles")
    def role_list(self, user):
        return ", ".join(group.name for group in user.groups.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

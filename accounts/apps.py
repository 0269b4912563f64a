from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
        # After every app's migrations, so the permissions of meetings and projects exist.
        post_migrate.connect(roles_grant_permissions_after_migrate)


def roles_grant_permissions_after_migrate(sender, **kwargs):
    if sender.label not in ("meetings", "projects", "accounts"):
        return
    from .services import roles_grant_permissions

    roles_grant_permissions(using=kwargs.get("using", "default"))

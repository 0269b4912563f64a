"""Creates a user with a role (and an economy for delegates) from the command line."""
import getpass

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Role
from accounts.services import user_create_with_role
from meetings.names import UnknownName, resolve_economy


class Command(BaseCommand):
    help = "Create or update a user with a role: create_user NAME --role Delegate --economy Mexico."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--economy", help="Required for delegates: name, code or alias of the economy.")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="Asked for when not given.")

    def handle(self, *args, username, role, economy=None, email="", password=None, **options):
        resolved = None
        if economy:
            try:
                resolved = resolve_economy(economy)
            except UnknownName as error:
                raise CommandError(str(error)) from error
        if role == Role.DELEGATE and resolved is None:
            raise CommandError("A delegate belongs to one member economy: give --economy.")
        if not password:
            password = getpass.getpass("Password: ")
        user_create_with_role(username=username, password=password, role=role, economy=resolved, email=email)
        where = f" for {resolved}" if resolved else ""
        self.stdout.write(f"User {username} is now {role}{where}.")

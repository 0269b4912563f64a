"""Loads the demo record of the 14th SMEWG meeting and the demo users."""
import secrets

from django.core.management.base import BaseCommand

from accounts.models import Role
from accounts.services import user_create_with_role
from meetings.demo import demo_load
from meetings.services import adopted_record_current, adopted_record_render_pdf
from meetings.names import resolve_economy

DEMO_USERS = [
    ("staff", Role.SECRETARIAT, None, "Secretariat staff"),
    ("chair", Role.CHAIR, None, "SMEWG Chair"),
    ("delegate", Role.DELEGATE, "Mexico", "Delegate of Mexico"),
]


class Command(BaseCommand):
    help = "Load the 14th SMEWG meeting as demo data (idempotent); with --users, create demo users."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Replace the demo meeting if present.")
        parser.add_argument(
            "--users", action="store_true", help="Create the demo users with fresh passwords and print them."
        )

    def handle(self, *args, reset=False, users=False, **options):
        meeting, created = demo_load(reset=reset)
        verb = "Loaded" if created else "Already loaded, left unchanged:"
        self.stdout.write(f"{verb} {meeting}, {meeting.dates}.")
        record = adopted_record_current(meeting)
        if record is not None and not record.pdf:
            # The record of adoption's PDF is drawn here, not in demo_load: tests load the demo often.
            record = adopted_record_render_pdf(record_id=record.pk)
            self.stdout.write(f"Stored its chair's summary as adopted on {record.adopted_on:%d %B %Y} "
                              f"({record.page_count} pages).")
        if users:
            self.stdout.write("Demo users (passwords are new on every run):")
            for username, role, economy_name, description in DEMO_USERS:
                password = secrets.token_urlsafe(9)
                economy = resolve_economy(economy_name) if economy_name else None
                user_create_with_role(username=username, password=password, role=role, economy=economy)
                self.stdout.write(f"  {description:<20} username: {username:<9} password: {password}")

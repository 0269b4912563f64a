"""Run the background sweeps once: ``sweep_background``.

What beat does every ``BACKGROUND_SWEEP_SECONDS``: outbox messages the broker never took are
sent again, and chair's summary exports nobody is working on are sent again, started again
or failed with a message. For a cron job where beat does not run, or by hand after an outage.
"""
from django.core.management.base import BaseCommand

from background.services import outbox_sweep
from meetings.services import summary_exports_sweep


class Command(BaseCommand):
    help = "Send again the background work the broker or a worker lost (outbox and summary exports)."

    def handle(self, *args, **options):
        outbox = outbox_sweep()
        exports = summary_exports_sweep()
        self.stdout.write(
            f"Outbox: {outbox} sent again. Summary exports: {exports['sent']} sent again, "
            f"{exports['restarted']} started again, {exports['failed']} failed."
        )

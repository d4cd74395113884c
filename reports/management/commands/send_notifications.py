"""Send the e-mails that releases owe their followers; run it from cron or a timer
(docs/operations.md). Safe to run while another run is sending, and after a crash."""

from django.core.management.base import BaseCommand

from reports.following.sending import send_pending


class Command(BaseCommand):
    help = (
        "Send the e-mails owed to readers who follow a record, a table or every release: "
        "what is due now, oldest first. A message the mail server refuses is tried again "
        "later, with a growing wait; after its last try, staff see it in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=None, help="Send at most this many messages."
        )

    def handle(self, *args, limit=None, verbosity=1, **options):
        def progress(tally):
            done = tally.sent + tally.retrying + tally.given_up
            if verbosity and done % 100 == 0:
                self.stderr.write(f"{done:,} messages tried…")

        tally = send_pending(limit=limit, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Sent {tally.sent}; {tally.retrying} to try again later; "
                f"{tally.given_up} given up (listed in the admin)."
            )
        )

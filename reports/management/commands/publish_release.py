"""Publish a release of the public data, when anything changed since the last one."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reports.following.sending import send_pending
from reports.releases.publish import DataMoved, publish
from whitepaper.translation import SOURCE_LANGUAGE, TRANSLATIONS


def option_of(lang):
    """The notes' option of a translation: its column suffix with a dash ("_xx": --notes-xx)."""
    return f"notes{lang.suffix.replace('_', '-')}"


class Command(BaseCommand):
    help = (
        "Publish a release: a numbered, unchanging zip of every public table. The version "
        "follows from what changed since the last release; with no change, nothing is published."
    )

    def add_arguments(self, parser):
        parser.add_argument("--notes", required=True, help="The release notes, in English.")
        for lang in TRANSLATIONS:
            parser.add_argument(
                f"--{option_of(lang)}", default="", help=f"The release notes in {lang.name}."
            )

    def handle(self, *args, **options):
        def progress(count):
            if options["verbosity"]:
                self.stderr.write(f"{count:,} records compared…")

        notes = {SOURCE_LANGUAGE.code: options["notes"]}
        notes.update(
            {lang.code: options[option_of(lang).replace("-", "_")] for lang in TRANSLATIONS}
        )
        try:
            outcome = publish(notes, progress=progress)
        except DataMoved as error:
            raise CommandError(str(error)) from error
        release = outcome.release
        if release is None:
            self.stdout.write("Nothing changed since the last release; nothing was published.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Published release {release.version}: {release.added} added, "
                f"{release.changed} changed, {release.removed} removed; "
                f"{release.size:,} bytes, SHA-256 {release.sha256}."
            )
        )
        # After the commit (at once outside a transaction): the e-mails the release owes.
        transaction.on_commit(lambda: self.send_notifications(options["verbosity"]))

    def send_notifications(self, verbosity):
        tally = send_pending()
        if verbosity and (tally.sent or tally.retrying or tally.given_up):
            self.stdout.write(
                f"E-mailed its followers: {tally.sent} sent, {tally.retrying} to try again "
                "later (manage.py send_notifications)."
            )

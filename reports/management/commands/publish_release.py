"""Publish a release of the public data, when anything changed since the last one."""

from django.core.management.base import BaseCommand, CommandError

from reports.release_publish import DataMoved, publish


class Command(BaseCommand):
    help = (
        "Publish a release: a numbered, unchanging zip of every public table. The version "
        "follows from what changed since the last release; with no change, nothing is published."
    )

    def add_arguments(self, parser):
        parser.add_argument("--notes", required=True, help="The release notes, in English.")
        parser.add_argument("--notes-zh", default="", help="The release notes in Chinese.")

    def handle(self, *args, notes, notes_zh, **options):
        def progress(count):
            if options["verbosity"]:
                self.stderr.write(f"{count:,} records compared…")

        try:
            outcome = publish(notes, notes_zh, progress=progress)
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

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext

from whitepaper.models import Release
from whitepaper.records import WHITE_PAPER_FILE, load_publication, read_records
from whitepaper.translation import LANGUAGE_LIST


class Command(BaseCommand):
    help = (
        "Load the white paper's records from whitepaper/data/. "
        "A publication already in the database is left untouched, so staff edits survive."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", default=WHITE_PAPER_FILE, help="The records file (JSON).")

    def handle(self, *args, **options):
        result = load_publication(read_records(options["file"]))
        if result.created:
            self.stdout.write(
                self.style.SUCCESS(f"Loaded “{result.publication}”: {result.records} records.")
            )
        else:
            self.stdout.write(
                f"“{result.publication}” is already loaded; nothing changed (edit it in the admin)."
            )
        if not Release.objects.exists():
            self.publish_first_release(options["verbosity"])

    def publish_first_release(self, verbosity):
        """Release 1.0.0: the records as loaded (publish_release, in the reports app, called
        by name: whitepaper never imports reports)."""
        notes = {}
        for lang in LANGUAGE_LIST:
            with translation.override(lang.code):
                note = gettext("The records as loaded from the source text.")
            notes["notes" + lang.suffix] = note
        call_command("publish_release", **notes, verbosity=verbosity)

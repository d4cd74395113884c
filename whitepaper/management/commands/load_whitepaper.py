from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext

from whitepaper.models import CHINESE, Release
from whitepaper.records import WHITE_PAPER_FILE, load_publication, read_records


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
        if not Release.objects.exists():
            self.publish_first_release(options["verbosity"])
        else:
            self.stdout.write(
                f"“{result.publication}” is already loaded; nothing changed (edit it in the admin)."
            )

    def publish_first_release(self, verbosity):
        """Release 1.0.0: the records as loaded (publish_release, in the reports app)."""
        notes = {}
        for language in (settings.LANGUAGE_CODE, CHINESE):
            with translation.override(language):
                notes[language] = gettext("The records as loaded from the source text.")
        call_command(
            "publish_release",
            notes=notes[settings.LANGUAGE_CODE],
            notes_zh=notes[CHINESE],
            verbosity=verbosity,
        )

from django.core.management.base import BaseCommand

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
        else:
            self.stdout.write(
                f"“{result.publication}” is already loaded; nothing changed (edit it in the admin)."
            )

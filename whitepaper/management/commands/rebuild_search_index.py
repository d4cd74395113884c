"""Rebuild the site search's index from the records (see whitepaper.search.rebuild)."""

import time

from django.core.management.base import BaseCommand

from whitepaper.management.progress import progress_line
from whitepaper.search.rebuild import BATCH_SIZE, rebuild


def positive_number(text):
    number = int(text)
    if number < 1:
        raise ValueError(text)
    return number


class Command(BaseCommand):
    help = (
        "Rebuild the search index from every published record, in one transaction (searches "
        "use the old index until it is done). Needed after data written without model saves, "
        "such as fill_benchmark's."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=positive_number, default=BATCH_SIZE, help="rows per batch"
        )

    def handle(self, *args, **options):
        out = self.stderr if options["verbosity"] else None
        started = time.monotonic()

        def progress(done, total):
            out.write(progress_line(done, total, started, "records"), ending="")

        written = rebuild(progress=progress if out else None, batch_size=options["batch_size"])
        if out:
            out.write("")
        elapsed = time.monotonic() - started
        self.stdout.write(f"Indexed {written:,} documents in {elapsed:.1f} s.")

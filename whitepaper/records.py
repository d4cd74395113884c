"""Load the white paper's records from ``whitepaper/data/`` into the database.

Loading is all or nothing, and happens once per publication: a publication that is already
in the database is left exactly as staff keep it. Each record's "as of" date is the one its
row gives, and a row gives one only where the record's own quote dates it (the guard,
whitepaper.fidelity, refuses any other): no record takes a date from its publication.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from whitepaper.models import (
    Finding,
    IndustrySegment,
    Publication,
    Region,
    RegionalPresence,
    Statistic,
    Tendency,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
WHITE_PAPER_FILE = DATA_DIR / "miit-2018.json"
CHANGE_REASON = "Loaded from the source text"


@dataclass
class LoadResult:
    publication: Publication
    created: bool
    records: int = 0


def read_records(path=WHITE_PAPER_FILE):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def save(instance):
    """Validate like the admin does, then save with a history entry naming the loader."""
    instance.full_clean()
    instance._change_reason = CHANGE_REASON
    instance.save()
    return instance


@transaction.atomic
def load_publication(data):
    """Create the publication and its records unless the publication already exists."""
    existing = Publication.objects.filter(slug=data["publication"]["slug"]).first()
    if existing:
        return LoadResult(existing, created=False)

    source_text = (DATA_DIR / data["source_text_file"]).read_text(encoding="utf-8")
    publication = save(Publication(source_text=source_text, **data["publication"]))
    saved = [publication]

    statistics = {}
    for row in data["statistics"]:
        statistics[row["key"]] = save(Statistic(publication=publication, **row))
    saved += statistics.values()

    regions = {}
    for row in data["regions"]:
        region = Region.objects.filter(code=row["code"]).first() or save(Region(**row))
        regions[row["code"]] = region

    for row in data["regional_presences"]:
        fields = dict(row)
        fields["region"] = regions[fields["region"]]
        fields["combined_share"] = statistics.get(fields["combined_share"])
        saved.append(save(RegionalPresence(publication=publication, **fields)))

    for model, key in (
        (IndustrySegment, "segments"),
        (Tendency, "tendencies"),
        (Finding, "findings"),
    ):
        for row in data[key]:
            saved.append(save(model(publication=publication, **row)))

    return LoadResult(publication, created=True, records=len(saved))

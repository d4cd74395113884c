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

from whitepaper.models import Publication, Region, record_models, relation_of

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


def with_related(model, row, publication):
    """The row with each related record it names by the last part of that record's natural
    key (a region's code, a statistic's key in this publication) looked up."""
    fields = dict(row)
    for field in model._meta.fields:
        value = fields.get(field.name)
        if field.many_to_one and value is not None:
            target = field.related_model
            *scope, own = target.NATURAL_KEY
            records = target.objects.filter(**{own: value})
            fields[field.name] = (
                records.filter(publication=publication) if scope else records
            ).get()
    return fields


@transaction.atomic
def load_publication(data):
    """Create the publication and its records unless the publication already exists: the
    regions it names (each once, whichever publication names it first), then each kind of
    its records under the kind's related name (``statistics``, ``regional_presences`` ...)."""
    existing = Publication.objects.filter(slug=data["publication"]["slug"]).first()
    if existing:
        return LoadResult(existing, created=False)

    source_text = (DATA_DIR / data["source_text_file"]).read_text(encoding="utf-8")
    publication = save(
        Publication(source_text=source_text, is_published=True, **data["publication"])
    )
    saved = [publication]

    for row in data.get("regions", []):
        if not Region.objects.filter(code=row["code"]).exists():
            save(Region(**row))

    for model in record_models():
        for row in data.get(relation_of(model), []):
            fields = with_related(model, row, publication)
            saved.append(save(model(publication=publication, **fields)))

    return LoadResult(publication, created=True, records=len(saved))

"""Extra records for tests that need more rows than the white paper has."""

from datetime import date
from decimal import Decimal

from whitepaper.models import Publication, Statistic, Tendency


def add_statistics(publication, count, prefix="extra", **fields):
    """Add `count` published statistics with distinct keys, labels and values."""
    defaults = {
        "unit": "startups",
        "category": "startups",
        "qualifier": "exact",
        "as_of": date(2018, 3, 31),
        "source_quote": "A test sentence.",
    }
    defaults.update(fields)
    return [
        Statistic.objects.create(
            publication=publication,
            key=f"{prefix}-{n:04d}",
            label=f"{prefix.title()} figure {n:04d}",
            value=Decimal(1000 + n),
            position=100 + n,
            **defaults,
        )
        for n in range(count)
    ]


def add_tendencies(publication, count):
    return [
        Tendency.objects.create(
            publication=publication,
            number=100 + n,
            title=f"Extra tendency {n}",
            text=f"Extra text {n}",
            source_quote=f"Extra text {n}",
        )
        for n in range(count)
    ]


def second_publication():
    """A second published edition beside the white paper, for views of two publications."""
    return Publication.objects.create(
        slug="second-edition",
        title="Second edition",
        publisher="Publisher",
        release_date=date(2019, 5, 20),
        data_as_of=date(2019, 3, 31),
        source_quote="Second.",
        is_published=True,
    )

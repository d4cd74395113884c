"""Rules hold in the database itself, and editors get readable messages from clean()."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from whitepaper.models import (
    Publication,
    Qualifier,
    Region,
    RegionalPresence,
    Statistic,
    Tendency,
    Unit,
    format_measure,
)

pytestmark = pytest.mark.django_db


def make_statistic(publication, **overrides):
    fields = {
        "publication": publication,
        "key": "test",
        "label": "Test",
        "value": Decimal(1),
        "unit": Unit.STARTUPS,
        "category": "startups",
        "as_of": date(2018, 3, 31),
        "source_quote": "A sentence.",
    }
    fields.update(overrides)
    return Statistic(**fields)


@pytest.mark.parametrize(
    "overrides",
    [
        {"value": Decimal(-1)},
        {"value": Decimal("100.01"), "unit": Unit.PERCENT},
        {"key": "blockchain-enterprises"},
    ],
    ids=["negative", "percent-over-100", "duplicate-key"],
)
def test_database_refuses_bad_statistic(whitepaper, overrides):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_statistic(whitepaper, **overrides).save()


def test_percent_of_exactly_100_is_allowed(whitepaper):
    make_statistic(whitepaper, value=Decimal(100), unit=Unit.PERCENT).save()


def test_database_refuses_duplicate_tendency_number(whitepaper):
    with pytest.raises(IntegrityError), transaction.atomic():
        Tendency.objects.create(
            publication=whitepaper, number=1, title="Again", text="x", source_quote="x"
        )


def test_database_refuses_duplicate_region_code(whitepaper):
    with pytest.raises(IntegrityError), transaction.atomic():
        Region.objects.create(name="Peking", name_zh="北京", code="CN-BJ", kind="municipality")


def test_database_refuses_malformed_region_code(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Region.objects.create(name="Nowhere", name_zh="无", code="XX", kind="province")


def test_database_refuses_data_dated_after_release(whitepaper):
    whitepaper.data_as_of = date(2018, 6, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        whitepaper.save()


def test_region_in_use_cannot_be_deleted(whitepaper):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        Region.objects.get(code="CN-BJ").delete()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"value": Decimal(-5)}, "value", "cannot be negative"),
        ({"value": Decimal(120), "unit": Unit.PERCENT}, "value", "cannot be above 100"),
        ({"key": "blockchain-enterprises"}, "key", "already has a statistic with this key"),
    ],
)
def test_clean_puts_messages_on_the_field(whitepaper, overrides, field, message):
    with pytest.raises(ValidationError) as error:
        make_statistic(whitepaper, **overrides).full_clean()
    assert message in " ".join(error.value.message_dict[field])


def test_duplicate_tendency_number_message_on_number(whitepaper):
    tendency = Tendency(publication=whitepaper, number=3, title="t", text="t", source_quote="t")
    with pytest.raises(ValidationError) as error:
        tendency.full_clean()
    assert error.value.message_dict["number"] == [
        "This publication already has a tendency with this number."
    ]


def test_duplicate_region_code_message_on_code(whitepaper):
    region = Region(name="Peking", name_zh="北京", code="CN-BJ", kind="municipality")
    with pytest.raises(ValidationError) as error:
        region.full_clean()
    assert error.value.message_dict["code"] == ["Another region already has this code."]


def test_combined_share_must_be_a_percentage(whitepaper):
    presence = RegionalPresence.objects.get(region__code="CN-BJ")
    presence.combined_share = Statistic.objects.get(key="blockchain-enterprises")
    with pytest.raises(ValidationError) as error:
        presence.full_clean()
    assert "percent" in error.value.message_dict["combined_share"][0]


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "shown"),
    [
        (Decimal("80.00"), Unit.PERCENT, Qualifier.MORE_THAN, "over 80%"),
        (Decimal("456"), Unit.ENTERPRISES, Qualifier.EXACT, "456 enterprises"),
        (Decimal("12.50"), Unit.PERCENT, Qualifier.ABOUT, "about 12.5%"),
        (Decimal("100"), Unit.STARTUPS, Qualifier.AT_LEAST, "at least 100 startups"),
        (Decimal("5"), Unit.PERCENT, Qualifier.LESS_THAN, "under 5%"),
    ],
)
def test_display_keeps_the_qualifier(value, unit, qualifier, shown):
    assert format_measure(value, unit, qualifier) == shown


def test_published_excludes_unpublished_publication(whitepaper):
    assert Statistic.objects.published().count() == 4
    Publication.objects.filter(pk=whitepaper.pk).update(is_published=False)
    assert Statistic.objects.published().count() == 0


def test_str_names_the_record(whitepaper):
    assert str(Statistic.objects.get(key="top-four-regions-share")).endswith("over 80%")
    assert str(Region.objects.get(code="CN-SH")) == "Shanghai (CN-SH)"
    assert str(Tendency.objects.get(number=1)).startswith("1. ")

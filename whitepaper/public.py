"""What the public sees of a record, and each of its values as every output gives it: said once.

A model names its public fields once (PUBLIC_FIELDS, read by ``public_fields()`` on the record
base, which adds each translated field's translations). Here they become Values, grouped by
field: a translated text has one Value per language, the source's first; a relation is followed
to the fields by which the related record is named (its REFERENCE_FIELDS: a region's code, names
and kind; a statistic's key and value); anything else is one Value. A Value knows its type and
gives its value as JSON and CSV take it (``typed``).

Every way the site gives a record is a renderer of these: the record page's JSON, the table
downloads, the dataset zip, a release's snapshot, digest and zip, the API and its description,
and the admin's CSV, note rule and corrections log. They choose which values to give and in
what format; none of them reads a model's fields or types by itself.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.db import models
from django.utils import timezone

from whitepaper.lookups import field_at, value_at
from whitepaper.translation import SOURCE_LANGUAGE, Language, is_translated, twin, twin_of

#: The type of a value, as Frictionless Table Schema names it (and the dataset's
#: datapackage.json says it), by the class of its model field; anything else is a string.
TYPES = (
    (models.DateTimeField, "datetime"),
    (models.DateField, "date"),
    (models.DecimalField, "number"),
    (models.IntegerField, "integer"),
    (models.BooleanField, "boolean"),
)


def typed(value):
    """A value as JSON and CSV give it: a number stays a number (80, 12.5), a date is ISO
    8601, a moment is ISO 8601 to the second on the site's clock (settings.TIME_ZONE), as
    every page, citation and feed gives it."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Value:
    """One value of a kind of record: its name (the lookup from the record, and its key in
    a flat output such as a CSV file), the model field it ends on, and, for a translated
    text, the language of this column of it (None for a value that is not translated)."""

    name: str
    field: models.Field
    language: Language | None = None

    @property
    def type(self):
        return next((name for kind, name in TYPES if isinstance(self.field, kind)), "string")

    @property
    def is_translation(self):
        """The site's translation (the source is in the source language)."""
        return self.language is not None and self.language is not SOURCE_LANGUAGE

    @property
    def is_translated(self):
        """A text with a column per language: in a language's download, its translation."""
        return self.language is SOURCE_LANGUAGE

    def in_language(self, lang):
        """The Value of this text in a language of the site (itself in the source language)."""
        if lang is SOURCE_LANGUAGE:
            return self
        field = self.field.model._meta.get_field(twin(self.field.name, lang))
        return Value(twin(self.name, lang), field, lang)

    def of(self, record):
        return typed(value_at(record, self.name))


@dataclass(frozen=True)
class PublicField:
    """A public field of a kind of record, with its Values (see the module's docstring)."""

    name: str
    field: models.Field
    values: tuple

    @property
    def is_relation(self):
        return self.field.is_relation

    @property
    def is_translated(self):
        return self.values[0].is_translated

    @property
    def names(self):
        """Its names among the model's public fields: the field, then its translations."""
        return (self.name,) if self.is_relation else tuple(value.name for value in self.values)

    def related(self, record):
        """The related record, where the public may see it: a withdrawn record is not shown,
        nor linked, beside another one; None otherwise."""
        related = getattr(record, self.name)
        return related if related is not None and getattr(related, "is_published", True) else None


def value_for(name, field):
    """The Value named ``name`` (a lookup) that ends on the model field ``field``."""
    translated = twin_of(field.model, field.name)
    if translated is not None:
        return Value(name, field, translated[1])
    if is_translated(field.model, field.name):
        return Value(name, field, SOURCE_LANGUAGE)
    return Value(name, field)


def grouped(model, names):
    """PublicFields of these field names of the model (each translation listed with its
    field), in their order."""
    fields = {}
    for name in names:
        field = model._meta.get_field(name)
        if field.is_relation:
            related = references(field.related_model)
            fields[name] = [value_for(f"{name}__{value.name}", value.field) for value in related]
            continue
        value = value_for(name, field)
        if value.is_translation:
            fields[twin_of(model, name)[0]].append(value)
        else:
            fields[name] = [value]
    return tuple(
        PublicField(name, model._meta.get_field(name), tuple(values))
        for name, values in fields.items()
    )


@cache
def fields_of(model):
    """The kind's public fields, in their declared order (PublicRecord.public_fields)."""
    return grouped(model, model.public_fields())


@cache
def values_of(model):
    """The kind's public Values, one after the other: what a flat output of every public
    value (a release's snapshot) gives, each under its name."""
    return tuple(value for field in fields_of(model) for value in field.values)


@cache
def references(model):
    """The Values by which another record's public values name a record of this model (its
    REFERENCE_FIELDS, with their translations)."""
    named = [field for field in fields_of(model) if field.name in model.REFERENCE_FIELDS]
    return tuple(value for field in named for value in field.values)


@cache
def value_of(model, lookup):
    """The Value at any lookup from a record of the model ("publication__title",
    "updated_at", "region__name_zh"): one of a table's chosen columns, say."""
    return value_for(lookup, field_at(model, lookup))


def flat(record, values):
    """{name: typed value} of the record's Values."""
    return {value.name: value.of(record) for value in values}


def dates(record):
    """A record's dates as every output gives them: the date its own source sentence gives
    (None where it gives none), its publication's release, and its last edit here."""
    return {
        "data_as_of": typed(record.as_of),
        "published": typed(record.publication.release_date),
        "last_edited": typed(record.updated_at),
    }


def untyped(value, field):
    """A value as ``typed`` gave it, back as the model field holds it (a release's stored
    values, say): a number as a Decimal, a date as a date."""
    if value is None:
        return None
    if isinstance(field, models.DecimalField):
        return Decimal(str(value))
    if isinstance(field, models.DateTimeField):
        return datetime.datetime.fromisoformat(value)
    if isinstance(field, models.DateField):
        return datetime.date.fromisoformat(value)
    return value


def restore(model, values, **related):
    """An unsaved record of the model holding these public values (as ``flat`` gave them: a
    release's stored record), a related record built from the values that name it; for a
    relation given in ``related`` (its publication, which a related record of the same
    publication shares), that record. Never saved: it is what the values say, not the live
    record."""
    record = model(**related)
    for field in fields_of(model):
        if field.is_relation:
            prefix = f"{field.name}__"
            named = {
                value.name.removeprefix(prefix): values.get(value.name) for value in field.values
            }
            # Only where the values hold every value that names it (a translation aside): a
            # release made before a value named the related record lacks it.
            held = all(value.name in values for value in field.values if not value.is_translation)
            if held and any(item is not None for item in named.values()):
                target = field.field.related_model
                shared = {name: item for name, item in related.items() if hasattr(target, name)}
                setattr(record, field.name, restore(target, named, **shared))
            continue
        for value in field.values:
            if value.name in values:
                setattr(record, value.name, untyped(values[value.name], value.field))
    return record

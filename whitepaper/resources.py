"""CSV import and export of records in the admin (django-import-export).

One resource per kind of record, a renderer of its public fields (whitepaper.public): its
natural key, then every public field (each translated one followed by its translations, who
states it included), its position and whether it is published. Rows are matched on natural keys (a publication's slug with a
statistic's key, a region's code ...), a related record is named by its natural key too,
rows are validated with the models' own clean() so editors see the same messages as in the
forms, and imported all or nothing. Exported text cells go through the same formula
neutraliser as the public downloads.
"""

from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from whitepaper.corrections import is_public
from whitepaper.lookups import value_at
from whitepaper.models import RECORD_MODELS, Publication
from whitepaper.models.correction import IMPORT_REASON
from whitepaper.public import fields_of
from whitepaper.public_note import Note
from whitepaper.spreadsheet_safety import neutralise
from whitepaper.text_input import normalise_newlines

NOTE_REQUIRED = _(
    "This row changes a published record: write a public note for the file in the import "
    "form (what changed and why). It is shown with each change of this import on the public "
    "corrections page."
)
DELETED_BEFORE = _(
    "A record with this key was deleted on %(date)s (note: “%(note)s”). An old export brings "
    "it back: remove the row, or add the record in the admin if it should return."
)


def public_values(instance):
    """{field: stored value} of the record's public fields (in every language), and whether
    it is published."""
    meta = instance._meta
    names = [*type(instance).public_fields()]
    if any(field.name == "is_published" for field in meta.fields):
        names.append("is_published")
    return {name: meta.get_field(name).value_from_object(instance) for name in names}


class RecordResource(resources.ModelResource):
    """Every row of a file is imported under one public note, given in the import form
    (whitepaper.import_note): a row that changes what the public sees of a published record
    is refused without it, and the note (with "confirm mismatch", which lets a row through
    the source check) goes into the corrections log with each change."""

    class Meta:
        abstract = True
        clean_model_instances = True
        rollback_on_validation_errors = True
        skip_unchanged = True
        report_skipped = True
        use_bulk = False  # save() row by row, so that every change is in the history

    def __init__(self, note=None, **kwargs):
        super().__init__(**kwargs)
        self.note = note or Note()

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        instance._was_public = not new and is_public(instance)
        instance._public_before = None if new else public_values(instance)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        for field in instance._meta.fields:
            if isinstance(field, models.TextField):
                value = getattr(instance, field.attname)
                setattr(instance, field.attname, normalise_newlines(value))
        self.note.mark(instance)
        changed = instance._was_public and public_values(instance) != instance._public_before
        if changed and not self.note.text:
            raise ValidationError(NOTE_REQUIRED, code="public_note")
        if instance._public_before is None:
            self.refuse_deleted(instance)

    def refuse_deleted(self, instance):
        """A new row with the key of a deleted record: an old export, most likely."""
        model = type(instance)
        try:
            key = {lookup: value_at(instance, lookup) for lookup in model.NATURAL_KEY}
        except ObjectDoesNotExist:  # no publication named: its own error says so
            return
        if None in key.values():
            return
        deleted = model.history.filter(history_type="-", **key).order_by("-history_date").first()
        if deleted is not None:
            raise ValidationError(
                DELETED_BEFORE
                % {
                    "date": date_format(localtime(deleted.history_date), "DATETIME_FORMAT"),
                    "note": deleted.history_change_reason or "",
                },
                code="deleted",
            )

    def before_save_instance(self, instance, row, **kwargs):
        """The change reason of an imported row, shown as its note in the public log."""
        super().before_save_instance(instance, row, **kwargs)
        instance._change_reason = self.note.text or IMPORT_REASON

    def export_field(self, field, instance, **kwargs):
        rendered = super().export_field(field, instance, **kwargs)
        raw = field.get_value(instance)
        if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
            return rendered
        return neutralise(rendered)


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A related record named by the last part of its natural key: a publication by its slug,
    a region by its code, a statistic by its key within the row's publication."""

    def __init__(self, model):
        *scope, own = model.NATURAL_KEY
        self.scoped = bool(scope)
        super().__init__(model, field=own)

    def get_queryset(self, value, row, *args, **kwargs):
        queryset = super().get_queryset(value, row, *args, **kwargs)
        if self.scoped:
            return queryset.filter(publication__slug=row.get("publication"))
        return queryset


def key_columns(model):
    """The columns of a model's natural key: ("publication__slug", "key") -> publication, key."""
    return [lookup.split("__", 1)[0] for lookup in model.NATURAL_KEY]


def columns(model):
    """A kind's CSV columns: its natural key, its public fields with their translations
    (whitepaper.public), then the staff's own: where a figure stands in its quote, its
    position and its published flag, where it has them."""
    names = [*key_columns(model)]
    public_names = [name for field in fields_of(model) for name in field.names]
    places = list(getattr(model, "FIGURE_PLACES", {}).values())
    for name in (*public_names, *places, "position", "is_published"):
        if name not in names and any(field.name == name for field in model._meta.fields):
            names.append(name)
    return names


def resource_for(model):
    """The CSV resource of a kind of record."""
    related = {
        name: fields.Field(
            attribute=name,
            column_name=name,
            widget=NaturalKeyWidget(model._meta.get_field(name).related_model),
        )
        for name in columns(model)
        if model._meta.get_field(name).many_to_one
    }
    meta = type(
        "Meta",
        (RecordResource.Meta,),
        {
            "abstract": False,
            "model": model,
            "import_id_fields": key_columns(model),
            "fields": columns(model),
            "export_order": columns(model),
        },
    )
    return type(f"{model.__name__}Resource", (RecordResource,), {**related, "Meta": meta})


#: The resource of every kind with a CSV file in the admin, by model.
RESOURCES = {model: resource_for(model) for model in RECORD_MODELS if model is not Publication}

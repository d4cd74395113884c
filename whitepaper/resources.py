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

from import_export import fields, resources, widgets

from whitepaper.models import RECORD_MODELS, Publication
from whitepaper.models.correction import IMPORT_REASON
from whitepaper.public import fields_of
from whitepaper.spreadsheet_safety import neutralise


class RecordResource(resources.ModelResource):
    class Meta:
        abstract = True
        clean_model_instances = True
        rollback_on_validation_errors = True
        skip_unchanged = True
        report_skipped = True
        use_bulk = False  # save() row by row, so that every change is in the history

    def before_save_instance(self, instance, row, **kwargs):
        """The change reason of an imported row, shown as its note in the public log."""
        super().before_save_instance(instance, row, **kwargs)
        instance._change_reason = IMPORT_REASON

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

"""CSV import and export of records in the admin (django-import-export).

Rows are matched on natural keys (a publication's slug with a statistic's key, a region's
code ...), validated with the models' own clean() so editors see the same messages as in the
forms, and imported all or nothing. Exported text cells go through the same formula
neutraliser as the public downloads.
"""

from decimal import Decimal

from import_export import fields, resources, widgets

from whitepaper.models import IndustrySegment, Publication, Region, Statistic, Tendency
from whitepaper.models.correction import IMPORT_REASON
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


class PublicationRecordResource(RecordResource):
    """A record of one publication, named in the file by the publication's slug."""

    publication = fields.Field(
        attribute="publication",
        column_name="publication",
        widget=widgets.ForeignKeyWidget(Publication, field="slug"),
    )

    class Meta(RecordResource.Meta):
        abstract = True


class StatisticResource(PublicationRecordResource):
    class Meta(PublicationRecordResource.Meta):
        model = Statistic
        import_id_fields = ["publication", "key"]
        fields = [
            "publication",
            "key",
            "label",
            "value",
            "qualifier",
            "unit",
            "category",
            "as_of",
            "source_quote",
            "note",
            "position",
            "is_published",
        ]
        export_order = fields


class IndustrySegmentResource(PublicationRecordResource):
    class Meta(PublicationRecordResource.Meta):
        model = IndustrySegment
        import_id_fields = ["publication", "slug"]
        fields = [
            "publication",
            "slug",
            "name",
            "stage",
            "description",
            "source_quote",
            "position",
            "is_published",
        ]
        export_order = fields


class TendencyResource(PublicationRecordResource):
    class Meta(PublicationRecordResource.Meta):
        model = Tendency
        import_id_fields = ["publication", "number"]
        fields = ["publication", "number", "title", "text", "source_quote", "is_published"]
        export_order = fields


class RegionResource(RecordResource):
    class Meta(RecordResource.Meta):
        model = Region
        import_id_fields = ["code"]
        fields = ["code", "name", "name_zh", "kind"]
        export_order = fields

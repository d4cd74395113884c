"""What a reader can follow by e-mail: a record, a table, or every release; its name in the
reader's language, its page, and the rows of a release that change it."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext

from reports.records import changes
from reports.tables.catalogue import TABLES
from whitepaper.models import Subscription

TABLE_OF_SLUG = {table.slug: table for table in TABLES}


@dataclass(frozen=True)
class Followed:
    target: str
    content_type: ContentType | None = None
    object_id: int | None = None
    table: str = ""
    #: The record, where the caller has it already.
    known_record: object = field(default=None, compare=False, repr=False)

    @property
    def follows(self):
        return Subscription.follows_key(self.target, self.content_type, self.object_id, self.table)

    def subscription_fields(self):
        return {
            "target": self.target,
            "follows": self.follows,
            "content_type": self.content_type,
            "object_id": self.object_id,
            "table": self.table,
        }

    def record(self):
        """The record followed, while it is published; else None."""
        if self.known_record is not None:
            return self.known_record
        model = self.content_type.model_class()
        return model.objects.published().filter(pk=self.object_id).first()

    def name(self):
        """What is followed, in the active language, as a sentence names it."""
        if self.target == Subscription.Target.RECORD:
            record = self.record()
            if record is None:
                return gettext("a record that is no longer published")
            return changes.record_name(record)
        if self.target == Subscription.Target.TABLE:
            return gettext("the table %(table)s") % {"table": TABLE_OF_SLUG[self.table].title}
        return gettext("every release of the data")

    def page_url(self):
        if self.target == Subscription.Target.RECORD:
            record = self.record()
            return record.get_absolute_url() if record else reverse("reports:releases")
        if self.target == Subscription.Target.TABLE:
            return TABLE_OF_SLUG[self.table].page_url()
        return reverse("reports:releases")

    def rows(self, release):
        """The release's rows that change what is followed."""
        rows = release.records.order_by("content_type_id", "object_id")
        if self.target == Subscription.Target.RECORD:
            return rows.filter(content_type=self.content_type, object_id=self.object_id)
        if self.target == Subscription.Target.TABLE:
            models = TABLE_OF_SLUG[self.table].record_models()
            return rows.filter(
                content_type__in=ContentType.objects.get_for_models(*models).values()
            )
        return rows


def content_type_of(pk):
    return ContentType.objects.get_for_id(pk) if pk else None


def of_record(record):
    content_type = ContentType.objects.get_for_model(type(record))
    return Followed(Subscription.Target.RECORD, content_type, record.pk, known_record=record)


def of_table(table):
    return Followed(Subscription.Target.TABLE, table=table.slug)


def every_release():
    return Followed(Subscription.Target.RELEASES)


def of_subscription(subscription):
    return Followed(
        subscription.target,
        subscription.content_type,
        subscription.object_id,
        subscription.table,
    )

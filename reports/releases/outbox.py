"""The messages a release owes the readers who follow it by e-mail: one Notification per
confirmed subscription whose record, table or "every release" the release changed. Written
in the release's own transaction (publish.commit), so a release is never committed without
the messages it owes, nor the messages without their release; sending is
reports.following.sending's work."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef

from reports.tables.catalogue import TABLES
from whitepaper.models import Notification, ReleasedRecord, Subscription

#: Rows written to the database at a time.
BATCH_SIZE = 1000


def followers(release):
    """The confirmed subscriptions the release changed something for, as primary keys."""
    rows = ReleasedRecord.objects.filter(release=release)
    confirmed = Subscription.objects.confirmed()
    of_records = confirmed.filter(target=Subscription.Target.RECORD).filter(
        Exists(rows.filter(content_type=OuterRef("content_type"), object_id=OuterRef("object_id")))
    )
    changed_kinds = set(rows.order_by().values_list("content_type", flat=True).distinct())
    tables = [
        table.slug
        for table in TABLES
        if changed_kinds
        & {kind.pk for kind in ContentType.objects.get_for_models(*table.record_models()).values()}
    ]
    of_tables = confirmed.filter(target=Subscription.Target.TABLE, table__in=tables)
    of_every_release = confirmed.filter(target=Subscription.Target.RELEASES)
    for followed in (of_records, of_tables, of_every_release):
        yield from followed.order_by("pk").values_list("pk", flat=True).iterator()


def owe(release):
    """Write the release's messages (within the caller's transaction); their count."""
    count, batch = 0, []
    for subscription_id in followers(release):
        batch.append(Notification(subscription_id=subscription_id, release=release))
        if len(batch) == BATCH_SIZE:
            count += len(Notification.objects.bulk_create(batch))
            batch = []
    return count + len(Notification.objects.bulk_create(batch))

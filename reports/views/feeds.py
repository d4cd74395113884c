"""Atom feeds for readers who follow the data: every correction, every release, and the
changes to one record, one table or one publication (its corrections, and the releases that
changed it)."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reports.records import changes
from reports.releases import changes as release_changes
from whitepaper.lookups import value_at
from whitepaper.models import Correction, Publication, Release, ReleasedRecord


class SiteClockAtomFeed(Atom1Feed):
    """An Atom feed whose own <updated> is on the site's clock too: with no entries,
    Django's feed falls back to the present moment in UTC."""

    def latest_post_date(self):
        return timezone.localtime(super().latest_post_date())


class ChangesFeed(Feed):
    feed_type = SiteClockAtomFeed
    title = _("Changes to the white paper records")
    subtitle = _(
        "Every change to a published record after its first publication: what changed, "
        "from what to what, and the editors’ note."
    )

    def link(self):
        return reverse("reports:changes")

    def items(self):
        return Correction.objects.public_log()[: changes.PAGE_SIZE]

    def item_title(self, change):
        return f"{change.text_in('record_label').text} — {changes.summary(change)}"

    def item_description(self, change):
        note = change.note_shown or gettext("(no note)")
        minor = gettext("Minor change (typo or formatting).") if change.is_minor else ""
        return format_html(
            "<p>{}</p><p>{} {}</p><p>{}</p>",
            changes.summary(change),
            gettext("Editors’ note:"),
            note,
            minor,
        )

    def item_link(self, change):
        return change.record_url() or change.get_absolute_url()

    def item_guid(self, change):
        """The row's own UUID: the same entry keeps its id whatever is edited later, and
        through a backup and a restore."""
        return f"urn:uuid:{change.uuid}"

    item_guid_is_permalink = False

    def item_pubdate(self, change):
        """On the site's clock (settings.TIME_ZONE), as every page and download gives it."""
        return timezone.localtime(change.changed_at)

    def item_updateddate(self, change):
        return timezone.localtime(change.changed_at)


class ReleasesFeed(Feed):
    """Every release, newest first, with its notes and what it changed."""

    feed_type = SiteClockAtomFeed
    title = _("Releases of the white paper data")
    subtitle = _("Each numbered, unchanging version of the data, with its notes.")

    def link(self):
        return reverse("reports:releases")

    def items(self):
        return Release.objects.newest_first()[: changes.PAGE_SIZE]

    def item_title(self, release):
        return gettext("Release %(version)s") % {"version": release.version}

    def item_description(self, release):
        counts = gettext("%(added)s added, %(changed)s changed, %(removed)s removed") % {
            "added": release.added,
            "changed": release.changed,
            "removed": release.removed,
        }
        return format_html("<p>{}</p><p>{}</p>", release.text_in("notes").text, counts)

    def item_link(self, release):
        return release.get_absolute_url()

    def item_guid(self, release):
        return f"urn:sha256:{release.sha256}"

    item_guid_is_permalink = False

    def item_pubdate(self, release):
        return timezone.localtime(release.created_at)

    def item_updateddate(self, release):
        return timezone.localtime(release.created_at)


@dataclass(frozen=True)
class Entry:
    """One entry of a feed a reader follows: a correction, or a release that changed a
    record."""

    title: str
    description: str  # safe HTML
    link: str
    guid: str
    when: object  # an aware datetime


def correction_entry(change, record=None):
    """A correction: what changed, old → new in the reader's language (a translation
    labelled), the editors' note, and the record as the release that holds it holds it (the
    live page while no release does). ``record``: the record, where the feed knows it."""
    key = str(value_at(record, record.URL_KEY)) if record else getattr(change, "record_key", None)
    if change.release_version and key and change.publication:
        slug = change.publication.slug
        link = release_changes.as_released(change.record_model, change.release_version, slug, key)
        released = gettext("In release %(version)s.") % {"version": change.release_version}
    else:
        live = record.get_absolute_url() if record else change.record_url()
        link = live or change.get_absolute_url()
        released = gettext("Not yet released.")
    return Entry(
        f"{change.text_in('record_label').text} — {changes.summary(change)}",
        format_html(
            "<p>{}</p><p>{} {}</p><p>{}</p>",
            changes.change_html(change),
            gettext("Editors’ note:"),
            change.note_shown or gettext("(no note)"),
            released,
        ),
        link,
        f"urn:uuid:{change.uuid}",
        change.changed_at,
    )


def release_entry(row):
    """A release that added, changed or removed a record: the fields it changed, old → new,
    and the record as that release holds it."""
    found = release_changes.record_change(row, row)
    version = row.release.version
    link = found.released_url if found else row.release.get_absolute_url()
    title = gettext("%(record)s: %(change)s in release %(version)s") % {
        "record": row.text_in("label").text,
        "change": row.get_change_display(),
        "version": version,
    }
    fields = found.fields if found else []
    description = format_html_join(
        "", "<p>{}: {} → {}</p>", ((field.label, field.old, field.new) for field in fields)
    )
    return Entry(
        title,
        description or format_html("<p>{}</p>", title),
        link,
        f"urn:release:{version}:{row.content_type_id}:{row.object_id}",
        row.release.created_at,
    )


def newest(entries):
    return sorted(entries, key=lambda entry: entry.when, reverse=True)[: changes.PAGE_SIZE]


class FollowedFeed(Feed):
    """A feed to follow: the corrections and the releases that changed what it follows,
    newest first, on the site's clock, in the reader's language."""

    feed_type = SiteClockAtomFeed
    item_guid_is_permalink = False

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        return entry.description

    def item_link(self, entry):
        return entry.link

    def item_guid(self, entry):
        return entry.guid

    def item_pubdate(self, entry):
        return timezone.localtime(entry.when)

    def item_updateddate(self, entry):
        return timezone.localtime(entry.when)


class RecordFeed(FollowedFeed):
    """One record: its corrections and the releases that changed it."""

    def get_object(self, request, kind, slug, key):
        return kind.find(slug, key)

    def title(self, record):
        return gettext("Changes to %(record)s") % {"record": changes.record_name(record)}

    def link(self, record):
        return record.get_absolute_url()

    def items(self, record):
        rows = ReleasedRecord.objects.of_record(record).exclude(release__sequence=1)
        return newest(
            [
                *(correction_entry(change, record) for change in record.public_changes),
                *(release_entry(row) for row in rows),
            ]
        )


class TableFeed(FollowedFeed):
    """Every record of a table's kind (a region's own changes with the regions' table)."""

    def get_object(self, request, table):
        return table

    def title(self, table):
        return gettext("Changes to the table %(table)s") % {"table": table.title}

    def link(self, table):
        return table.page_url()

    def items(self, table):
        kinds = ContentType.objects.get_for_models(*table.record_models()).values()
        corrections = Correction.objects.public_log().filter(content_type__in=kinds)
        rows = released_newest_first(ReleasedRecord.objects.filter(content_type__in=kinds))
        return followed(corrections, rows)


class PublicationFeed(FollowedFeed):
    """Every record of a publication, and the publication itself."""

    def get_object(self, request, slug):
        publication = Publication.objects.published().filter(slug=slug).first()
        if publication is None:
            raise Http404(_("No published publication has this address."))
        return publication

    def title(self, publication):
        title = publication.text_in("title").text
        return gettext("Changes to %(record)s") % {"record": title}

    def link(self, publication):
        return publication.get_absolute_url()

    def items(self, publication):
        corrections = Correction.objects.public_log().filter(publication=publication)
        rows = released_newest_first(
            ReleasedRecord.objects.filter(publication_slug=publication.slug)
        )
        return followed(corrections, rows)


def released_newest_first(rows):
    """Release rows, newest first, but the first release's: it adds every record there is,
    and changes none."""
    rows = rows.exclude(release__sequence=1).select_related("release")
    return rows.order_by("-release__sequence", "pk")


def followed(corrections, rows):
    """The newest entries of corrections and release rows, each read at most a page's worth."""
    return newest(
        [
            *(correction_entry(change) for change in corrections[: changes.PAGE_SIZE]),
            *(release_entry(row) for row in rows[: changes.PAGE_SIZE]),
        ]
    )


@dataclass(frozen=True)
class Follow:
    """What a page offers a reader to follow: a feed of its changes, and e-mails."""

    title: str
    feed_url: str
    email_url: str = ""  # where a reader asks for e-mails when a release changes it


def follow_record(kind, record):
    kwargs = {"slug": record.publication.slug, "key": kind.key(record)}
    return Follow(
        gettext("Changes to %(record)s") % {"record": changes.record_name(record)},
        reverse(f"reports:{kind.url_name}_feed", kwargs=kwargs),
        reverse(f"reports:{kind.url_name}_follow", kwargs=kwargs),
    )


def follow_table(table):
    title = gettext("Changes to the table %(table)s") % {"table": table.title}
    return Follow(title, table.feed_url(), reverse(f"reports:{table.slug}_follow"))


def follow_releases():
    return Follow(
        str(ReleasesFeed.title),
        reverse("reports:releases_feed"),
        reverse("reports:releases_follow"),
    )


def follow_publication(publication):
    title = gettext("Changes to %(record)s") % {"record": publication.text_in("title").text}
    return Follow(title, reverse("reports:publication_feed", kwargs={"slug": publication.slug}))

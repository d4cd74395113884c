"""The public corrections log as an Atom feed, for readers who follow the data."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reports.records import changes
from whitepaper.models import Correction, Release


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

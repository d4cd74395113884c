"""What a page says of itself when it is shared: its preview card and its alt text, its link
preview's title and description, its oEmbed discovery link, the citation_* tags reference
managers read (``includes/_share_head.html``, in base.html's head), and the embed codes it
offers (live, and pinned to a release).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from reports.records import citation
from reports.releases import status
from reports.sharing import cards, embeds, previews
from whitepaper.attribution import attribution
from whitepaper.translation import in_source_language


def address(request, path):
    """A page's address as a card prints it: host and path, without the scheme."""
    return f"{request.get_host()}{path}"


def live_release(request, record=None):
    """The release a live page's credit names: the newest, while the live data (or the
    record) is still as that release holds it; else None."""
    if record is not None:
        releases = status.record_releases(record)
        return None if releases.unreleased else releases.release
    live = status.live_status(request)
    return live.release if live.matches else None


def records_count(count):
    return ngettext("%(count)s record", "%(count)s records", count) % {"count": count}


def table_card_of(request, table, rows, count, release):
    """A table's card: its title, its number of records and the rows given (its first), with
    their publication's credit."""
    credit = citation.credit_parts(rows[0].publication, release) if rows else None
    return previews.list_card(
        _("Table"),
        table.title,
        rows,
        credit,
        address(request, table.page_url()),
        caption=records_count(count),
    )


def overview_card_of(request, publication, release):
    """The overview's card: the publication's title and its headline figures."""
    return previews.list_card(
        _("Overview"),
        publication.text_in("title").text,
        publication.listed_statistics,
        citation.credit_parts(publication, release),
        address(request, reverse("reports:overview")),
    )


def release_card_of(request, release):
    """A release's card: its version, its day and what it changed."""
    caption = gettext(
        "Published %(day)s: %(added)s added, %(changed)s changed, %(removed)s removed"
    ) % {
        "day": date_format(timezone.localtime(release.created_at).date(), "DATE_FORMAT"),
        "added": release.added,
        "changed": release.changed,
        "removed": release.removed,
    }
    site = citation.site_credit(release)
    return previews.list_card(
        _("Release"),
        gettext("Release %(version)s") % {"version": release.version},
        [],
        citation.Credit("", "", site),
        address(request, release.get_absolute_url()),
        caption=caption,
    )


@dataclass
class Share:
    image: str  # the card's absolute URL
    alt: str  # the card's alternative text: the figure first
    title: str = ""  # og:title
    description: str = ""  # og:description
    oembed: str = ""  # the oEmbed discovery URL, where the page has an embed
    citation: list = field(default_factory=list)  # (name, content) of citation_* tags
    embeds: list = field(default_factory=list)  # (label, Embed): live, then pinned
    width: int = cards.WIDTH
    height: int = cards.HEIGHT


def oembed_url(request, page_url):
    query = urlencode({"url": page_url, "format": "json"})
    return request.build_absolute_uri(f"{reverse('oembed')}?{query}")


def citation_tags(record, kind, page_url):
    """The citation_* tags of a record: its title and author as its citation names them (in
    English, the citation's language), its date where its source gives one, this site as the
    publisher, the page's address."""
    with in_source_language():
        title = citation.record_title(record, kind.citation_title(record)).removesuffix(".")
    tags = [("citation_title", title), ("citation_author", attribution(record).author)]
    if record.as_of:
        tags.append(("citation_date", record.as_of.strftime("%Y/%m/%d")))
    tags += [("citation_publisher", settings.SITE_NAME), ("citation_public_url", page_url)]
    return tags


def record_share(request, kind, record, card_url, page_url, credited, pinned_to, live=True):
    """A record's page, live or (``live=False``) as a release holds it: its card, its tags
    and its embed codes. ``credited`` is the release its credit names; ``pinned_to`` the
    release a pinned embed shows it as (None: no pinned embed)."""
    card = previews.record_card(kind, record, credited)
    title = previews.og_title(card)
    key = {"slug": record.publication.slug, "key": kind.key(record)}
    found = []
    if live:
        found.append((gettext("Live"), embed_of(request, f"embed_{kind.url_name}", key, title)))
    if pinned_to is not None:
        name = f"embed_release_{kind.url_name}"
        pinned = embed_of(request, name, {**key, "version": pinned_to.version}, title)
        found.append((pinned_label(pinned_to), pinned))
    return Share(
        image=request.build_absolute_uri(card_url),
        alt=card.alt,
        title=title,
        description=previews.og_description(record),
        oembed=oembed_url(request, page_url),
        citation=citation_tags(record, kind, page_url),
        embeds=found,
    )


def pinned_label(release):
    return gettext("Pinned to release %(version)s") % {"version": release.version}


def embed_of(request, url_name, kwargs, title, what="record"):
    """The embed at this URL name, for pages of this request's host."""
    path = reverse(f"reports:{url_name}", kwargs=kwargs)
    return embeds.Embed(
        request.build_absolute_uri(path),
        f"{request.scheme}://{request.get_host()}",
        str(title),
        what,
    )


def chart_embeds(request, chart, release=None):
    """A chart's embed codes: live, and pinned to ``release`` (the newest) where there is one."""
    kwargs = {"slug": chart.slug}
    found = [(gettext("Live"), embed_of(request, "embed_chart", kwargs, chart.title, "chart"))]
    if release is not None:
        kwargs = {**kwargs, "version": release.version}
        pinned = embed_of(request, "embed_release_chart", kwargs, chart.title, "chart")
        found.append((pinned_label(release), pinned))
    return found


def list_share(request, card_url, card, description, oembed=""):
    """A page listing records (a table, the overview, a release): its card, its titles and,
    where it has an embed (the overview's first chart), its oEmbed discovery URL."""
    return Share(
        image=request.build_absolute_uri(card_url),
        alt=card.alt,
        title=previews.og_title(card),
        description=str(description),
        oembed=oembed_url(request, oembed) if oembed else "",
    )


@dataclass(frozen=True)
class ChartShare:
    """A chart's files and embed codes, offered beside it."""

    svg_url: str
    png_url: str
    embeds: list


def chart_share(request, chart, release=None):
    """The chart's SVG and PNG (live) and its embed codes (live, and pinned to ``release``,
    the newest, where there is one)."""
    kwargs = {"slug": chart.slug}
    return ChartShare(
        reverse("reports:chart_svg", kwargs=kwargs),
        reverse("reports:chart_png", kwargs=kwargs),
        chart_embeds(request, chart, release),
    )

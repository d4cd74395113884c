"""Sharing a figure: each page's preview card (PNG), the charts as images (SVG and PNG), the
embeds other sites may frame, and the oEmbed answer; live, or pinned to a release.

Cards and images are cached like pages (``fresh_page``: per data version, site release and
language, with an ETag), so a card is drawn once per data version; those of a release are
served with a Cache-Control that lets any cache keep them for a year. The embed views are the
only ones another site may frame: they lift X-Frame-Options and widen CSP's frame-ancestors,
and nothing else does (docs/sharing.md).
"""

from urllib.parse import urlsplit

from csp.decorators import csp_replace
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from reports.caching.freshness import fresh_page
from reports.records.kinds import KINDS
from reports.releases import status
from reports.sharing import cards, embeds, fonts, previews
from reports.sharing import render as draw
from reports.sharing.chart_images import PNG_ZOOM, ChartImage, shared_credit
from reports.views import share
from reports.views.pages import overview_charts
from reports.views.releases import find_release, immutable
from whitepaper.language import language_of_path
from whitepaper.models import Publication, RegionalPresence, Statistic

NO_CHART = _("There is no chart with this name.")
NO_PUBLICATION = _("No publication has been published on this site yet.")
NOT_EMBEDDABLE = _("This address has no embed: give the address of a record’s page or a chart.")


def release_record_path(kind, version, slug, key):
    return reverse(
        f"reports:release_{kind.url_name}", kwargs={"version": version, "slug": slug, "key": key}
    )


# Cards


def png_response(card, request):
    """The card drawn as PNG; the characters its fonts lack, if any, logged."""
    fonts.warn_if_missing(card.text, card.lang, request.path)
    png = draw.png(draw.svg("sharing/card.svg", cards.svg_context(card)))
    return HttpResponse(png, content_type="image/png")


@fresh_page
def record_card(request, kind, slug, key):
    record = kind.find(slug, key)
    path = record.get_absolute_url()
    card = previews.record_card(
        kind, record, share.live_release(request, record), share.address(request, path)
    )
    return png_response(card, request)


@immutable
@fresh_page
def release_record_card(request, kind, version, slug, key):
    held = status.record_as_of(kind, find_release(version), slug, key)
    path = release_record_path(kind, version, slug, key)
    card = previews.record_card(kind, held.record, held.release, share.address(request, path))
    return png_response(card, request)


@fresh_page
def table_card(request, table):
    rows = list(table.queryset()[: previews.LIST_ROWS])
    count = table.queryset().count()
    card = share.table_card_of(request, table, rows, count, share.live_release(request))
    return png_response(card, request)


@fresh_page
def overview_card(request):
    publication = Publication.objects.for_overview()
    if publication is None:
        raise Http404(NO_PUBLICATION)
    card = share.overview_card_of(request, publication, share.live_release(request))
    return png_response(card, request)


@immutable
@fresh_page
def release_card(request, version):
    return png_response(share.release_card_of(request, find_release(version)), request)


# Charts


def live_chart(request, slug):
    """(the overview's chart with this slug, its publication, the release its credit
    names); Http404 if there is none."""
    publication = Publication.objects.for_overview()
    charts = overview_charts(publication) if publication else []
    chart = next((chart for chart in charts if chart.slug == slug), None)
    if chart is None:
        raise Http404(NO_CHART)
    return chart, publication, share.live_release(request)


def release_chart(version, slug):
    """(the chart drawn from the records as the release holds them, the publication, the
    release); Http404 if there is none."""
    release = find_release(version)
    newest = Publication.objects.newest()
    if newest is None:
        raise Http404(NO_CHART)
    publication = status.publication_as_of(release, newest.slug)
    held = [
        status.held_records(release, model, publication) for model in (Statistic, RegionalPresence)
    ]
    charts = overview_charts(publication, *held)
    chart = next((chart for chart in charts if chart.slug == slug), None)
    if chart is None:
        raise Http404(NO_CHART)
    return chart, publication, release


def chart_image(request, chart, publication, release, fmt):
    """The chart as an image that stands alone (reports.sharing.chart_images)."""
    credit = shared_credit(chart.records, publication, release)
    pinned = {"version": release.version} if "/releases/" in request.path else {}
    name = "reports:embed_release_chart" if pinned else "reports:embed_chart"
    page = reverse(name, kwargs={"slug": chart.slug, **pinned})
    image = ChartImage(chart, credit, share.address(request, page))
    svg = draw.svg("sharing/chart.svg", {"image": image})
    if fmt == "svg":
        return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    fonts.warn_if_missing(image.alt, image.lang, request.path)
    return HttpResponse(draw.png(svg, zoom=PNG_ZOOM), content_type="image/png")


@fresh_page
def live_chart_image(request, slug, fmt):
    return chart_image(request, *live_chart(request, slug), fmt)


@immutable
@fresh_page
def release_chart_image(request, version, slug, fmt):
    return chart_image(request, *release_chart(version, slug), fmt)


# Embeds


def embeddable(view):
    """A view other sites may frame: X-Frame-Options lifted and CSP's frame-ancestors any
    origin, for this view alone."""
    return xframe_options_exempt(csp_replace({"frame-ancestors": ["*"]})(view))


def render_embed(request, context):
    context["message"] = embeds.MESSAGE
    return render(request, "sharing/embed.html", context)


@embeddable
@fresh_page
def record_embed(request, kind, slug, key):
    record = kind.find(slug, key)
    card = previews.record_card(kind, record, share.live_release(request, record))
    link = record.get_absolute_url()
    return render_embed(request, {"card": card, "link": link, "title": previews.og_title(card)})


@embeddable
@fresh_page
def release_record_embed(request, kind, version, slug, key):
    held = status.record_as_of(kind, find_release(version), slug, key)
    card = previews.record_card(kind, held.record, held.release)
    link = release_record_path(kind, version, slug, key)
    return render_embed(request, {"card": card, "link": link, "title": previews.og_title(card)})


def chart_embed_context(chart, publication, release, pinned):
    credit = shared_credit(chart.records, publication, release)
    version = {"version": release.version} if pinned else {}
    prefix = "reports:release_chart" if pinned else "reports:chart"
    return {
        "chart": chart,
        "credit": credit.line,
        "link": reverse("reports:overview") + f"#chart-{chart.slug}",
        "title": chart.title,
        "png_url": reverse(f"{prefix}_png", kwargs={"slug": chart.slug, **version}),
        "svg_url": reverse(f"{prefix}_svg", kwargs={"slug": chart.slug, **version}),
    }


@embeddable
@fresh_page
def chart_embed(request, slug):
    context = chart_embed_context(*live_chart(request, slug), pinned=False)
    return render_embed(request, context)


@embeddable
@fresh_page
def release_chart_embed(request, version, slug):
    context = chart_embed_context(*release_chart(version, slug), pinned=True)
    return render_embed(request, context)


# Embed codes and oEmbed


def embed_route(url_name):
    """(the embed's URL name, what it shows) of a page that has one, by the page's URL name:
    a record's page (live or in a release) gives its record; a chart's image or embed gives
    the chart; (None, None) for any other page."""
    if url_name in ("chart_png", "chart_svg", "embed_chart"):
        return "embed_chart", "chart"
    if url_name in ("release_chart_png", "release_chart_svg", "embed_release_chart"):
        return "embed_release_chart", "chart"
    for kind_name in (kind.url_name for kind in KINDS):
        if url_name in (kind_name, f"embed_{kind_name}"):
            return f"embed_{kind_name}", "record"
        if url_name in (f"release_{kind_name}", f"embed_release_{kind_name}"):
            return f"embed_release_{kind_name}", "record"
    return None, None


@require_safe
def oembed(request):
    """oEmbed 1.0 (JSON only): the embed of a record's page or of a chart, in the language
    of the address given."""
    if request.GET.get("format", "json") != "json":
        return HttpResponse(
            "Only format=json is served.", status=501, content_type="text/plain; charset=utf-8"
        )
    try:
        limits = [int(request.GET.get(name) or 0) or None for name in ("maxwidth", "maxheight")]
    except ValueError:
        return HttpResponseBadRequest(
            "maxwidth and maxheight are numbers of pixels.",
            content_type="text/plain; charset=utf-8",
        )
    url = request.GET.get("url", "")
    if not url_has_allowed_host_and_scheme(url, {request.get_host()}) or not url.startswith("http"):
        raise Http404(NOT_EMBEDDABLE)
    path = urlsplit(url).path
    with translation.override(language_of_path(path)):
        try:
            match = resolve(path)
        except Resolver404:
            raise Http404(NOT_EMBEDDABLE) from None
        embed_name, what = embed_route(match.url_name or "")
        if embed_name is None:
            raise Http404(NOT_EMBEDDABLE)
        kwargs = {name: value for name, value in match.kwargs.items() if name != "fmt"}
        kwargs.pop("kind", None)
        title = embed_title(request, match, what)
        embed = share.embed_of(request, embed_name, kwargs, title, what)
        answer = embed.oembed(request.build_absolute_uri("/"), *limits)
    return JsonResponse(answer, json_dumps_params={"ensure_ascii": False})


def embed_title(request, match, what):
    """The embed's title, read as its page reads it (Http404 where there is nothing)."""
    kwargs = match.kwargs
    if what == "chart":
        if "version" in kwargs:
            return release_chart(kwargs["version"], kwargs["slug"])[0].title
        return live_chart(request, kwargs["slug"])[0].title
    kind = kwargs["kind"]
    if "version" in kwargs:
        record = status.record_as_of(
            kind, find_release(kwargs["version"]), kwargs["slug"], kwargs["key"]
        ).record
    else:
        record = kind.find(kwargs["slug"], kwargs["key"])
    return previews.og_title(previews.record_card(kind, record))

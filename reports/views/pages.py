"""Public pages: the overview, the publication, about, and the dataset package."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reports.caching.freshness import fresh_page
from reports.downloads import package
from reports.records import charts, citation, kinds, structured_data
from reports.releases import status
from reports.tables import catalogue
from reports.views import feeds, share
from whitepaper.models import Category, Notification, Publication, Subscription, html_lang
from whitepaper.search.popular import POPULAR_DAYS, POPULAR_MIN_DAYS
from whitepaper.translation import is_source_language


def overview_charts(publication, statistics=None, presences=None):
    """The overview's charts, of the publication's listed records (or of the records given:
    as a release holds them)."""
    if statistics is None:
        statistics = publication.listed_statistics
        presences = publication.listed_regional_presences
    startups = [s for s in statistics if s.category == Category.STARTUPS]
    # The combined figures of the regions, by key (a release's records have no id).
    shares = {p.public_share.key: p.public_share for p in presences if p.public_share}
    regions_of = {
        key: [
            p.region.text_in("name").text
            for p in presences
            if p.public_share and p.public_share.key == key
        ]
        for key in shares
    }
    separator = gettext(", ")
    return [
        chart
        for chart in (
            charts.bar_chart(
                "startups",
                _("Blockchain startups by business type"),
                _("Number of blockchain startups in each business type the white paper counts."),
                _("Number of startups"),
                startups,
            ),
            charts.bar_chart(
                "regional-concentration",
                _("Regional concentration of blockchain companies"),
                _("Share of blockchain companies located in the leading regions, together."),
                _("Share of all blockchain companies"),
                shares.values(),
                label=lambda s: separator.join(regions_of[s.key]),
            ),
        )
        if chart
    ]


def table_links(request):
    return [
        {
            "title": table.title,
            "page_url": table.page_url(),
            "csv_url": request.build_absolute_uri(table.download_url("csv")),
        }
        for table in catalogue.TABLES
    ]


@fresh_page
def overview(request):
    publication = Publication.objects.for_overview()
    context = {"publication": publication}
    if publication:
        context["findings"], context["page_lines"] = kinds.apart_from_the_web_page(
            publication.listed_findings
        )
        live = context["release_status"] = status.live_status(request)
        release = live.release if live.matches else None
        charts_shown = overview_charts(publication)
        context["charts"] = [
            (chart, share.chart_share(request, chart, live.release)) for chart in charts_shown
        ]
        card = share.overview_card_of(request, publication, release)
        first_chart = context["charts"][0][1].embeds[0][1].url if charts_shown else ""
        summary = publication.text_in("summary").text
        context["share"] = share.list_share(
            request, reverse("reports:overview_card"), card, summary, oembed=first_chart
        )
        context["tables"] = table_links(request)
        context["package_url"] = request.build_absolute_uri(package.package_url())
        context["jsonld"] = structured_data.as_script(
            structured_data.dataset(request, publication, context["tables"], context["package_url"])
        )
    return render(request, "reports/overview.html", context)


@fresh_page
def publication_detail(request, slug):
    publication = Publication.objects.for_publication_page(slug)
    if publication is None:
        raise Http404(_("No published publication has this address."))
    url = request.build_absolute_uri(publication.get_absolute_url())
    # Cited as of the newest release when the live data is that release.
    live = status.live_status(request)
    release = status.cited(request, live.release) if live.matches else None
    findings, page_lines = kinds.apart_from_the_web_page(publication.listed_findings)
    context = {
        "publication": publication,
        "findings": findings,
        "page_lines": page_lines,
        "citation": citation.of_publication(publication, url, publication.last_edited, release),
        "credit": citation.credit(publication, release),
        "follow": feeds.follow_publication(publication),
    }
    return render(request, "reports/publication_detail.html", context)


@fresh_page
def dataset_package(request):
    """Every table in one zip, described by a Frictionless datapackage.json; kept like a
    page when it is small (reports.caching.freshness)."""
    site_url = request.build_absolute_uri(reverse("reports:overview"))
    archive, _publication = package.write_package(catalogue.TABLES, site_url)
    language = "" if is_source_language() else f"_{html_lang()}"
    response = FileResponse(
        archive,
        as_attachment=True,
        filename=f"blockchain-white-paper-data{language}.zip",
        content_type="application/zip",
    )
    return response


@fresh_page
def about(request):
    context = {
        "popular_min_days": POPULAR_MIN_DAYS,
        "popular_days": POPULAR_DAYS,
        "time_zone": settings.TIME_ZONE,
        "confirm_days": Subscription.CONFIRM_DAYS,
        "keep_sent_days": Notification.KEEP_SENT.days,
    }
    return render(request, "reports/about.html", context)


@fresh_page
def for_programs(request):
    """The downloads, the dataset zip, the releases, the feeds and the API, in a few lines
    each, with the terms of the files (key, qualifier, per_page, bom) explained."""
    context = {
        "tables": table_links(request),
        "max_per_page": settings.TABLE_MAX_PER_PAGE,
        "time_zone": settings.TIME_ZONE,
    }
    return render(request, "reports/programs.html", context)

"""The public pages, each in English at its path and in every translation at the same path
under the language's prefix (whitepaper.language)."""

from django.urls import path, register_converter

from reports.caching.freshness import fresh_page
from reports.following import views as following
from reports.records.kinds import KINDS
from reports.tables.catalogue import TABLES
from reports.views import pages, records, releases, search, sharing
from reports.views.feeds import (
    ChangesFeed,
    PublicationFeed,
    RecordFeed,
    ReleasesFeed,
    TableFeed,
)
from reports.views.tables import DownloadView, TableView

app_name = "reports"


class DigitsConverter:
    """A tendency's number: digits only (anything else is not a page: 404)."""

    regex = "[0-9]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


register_converter(DigitsConverter, "digits")


def record_routes(kind):
    """/publications/<slug>/<kind>/<key>/ and its JSON, .../<key>.json, its card, .../card.png,
    its embed, /embed/publications/..., its feed and its e-mails to follow it; the same under
    /releases/<version>/ for the record as that release holds it."""
    key_field = kind.model._meta.get_field(kind.model.URL_KEY.split("__")[0])
    converter = "digits" if key_field.get_internal_type().endswith("IntegerField") else "slug"
    base = f"publications/<slug:slug>/{kind.slug}/<{converter}:key>"
    in_release = f"releases/<str:version>/{base}"
    name, extra = kind.url_name, {"kind": kind}
    return [
        path(f"{base}/", records.record_page, extra, name=name),
        path(f"{base}/card.png", sharing.record_card, extra, name=f"{name}_card"),
        path(f"embed/{base}/", sharing.record_embed, extra, name=f"embed_{name}"),
        path(
            f"{in_release}/card.png",
            sharing.release_record_card,
            extra,
            name=f"release_{name}_card",
        ),
        path(
            f"embed/{in_release}/",
            sharing.release_record_embed,
            extra,
            name=f"embed_release_{name}",
        ),
        path(f"{base}.json", records.record_json, extra, name=f"{name}_json"),
        path(f"{base}/feed/", fresh_page(RecordFeed()), extra, name=f"{name}_feed"),
        path(f"{base}/follow/", following.follow_record, extra, name=f"{name}_follow"),
        path(f"{in_release}/", releases.record_as_of_release, extra, name=f"release_{name}"),
        path(
            f"{in_release}.json",
            releases.record_as_of_release_json,
            extra,
            name=f"release_{name}_json",
        ),
    ]


def table_routes(table):
    """/<slug>/ and its downloads, /<slug>.csv and /<slug>.json; its card; its feed and
    its e-mails to follow it."""
    return [
        path(
            f"cards/{table.slug}.png",
            sharing.table_card,
            {"table": table},
            name=f"{table.slug}_card",
        ),
        path(f"{table.slug}/", TableView.as_view(table=table), name=table.slug),
        path(
            f"{table.slug}/feed/",
            fresh_page(TableFeed()),
            {"table": table},
            name=f"{table.slug}_feed",
        ),
        path(
            f"{table.slug}/follow/",
            following.follow_table,
            {"table": table},
            name=f"{table.slug}_follow",
        ),
        path(f"{table.slug}.csv", DownloadView.as_view(table=table), name=f"{table.slug}_csv"),
        path(
            f"{table.slug}.json",
            DownloadView.as_view(table=table, format="json"),
            name=f"{table.slug}_json",
        ),
    ]


def chart_routes():
    """Each chart as SVG and PNG, /charts/<slug>.svg, and its embed, /embed/charts/<slug>/;
    the same as a release holds its records under /releases/<version>/."""
    routes = []
    for fmt in ("svg", "png"):
        routes += [
            path(
                f"charts/<slug:slug>.{fmt}",
                sharing.live_chart_image,
                {"fmt": fmt},
                name=f"chart_{fmt}",
            ),
            path(
                f"releases/<str:version>/charts/<slug:slug>.{fmt}",
                sharing.release_chart_image,
                {"fmt": fmt},
                name=f"release_chart_{fmt}",
            ),
        ]
    return [
        *routes,
        path("embed/charts/<slug:slug>/", sharing.chart_embed, name="embed_chart"),
        path(
            "embed/releases/<str:version>/charts/<slug:slug>/",
            sharing.release_chart_embed,
            name="embed_release_chart",
        ),
    ]


urlpatterns = [
    path("", pages.overview, name="overview"),
    path("about/", pages.about, name="about"),
    path("for-programs/", pages.for_programs, name="programs"),
    path("publications/<slug:slug>/", pages.publication_detail, name="publication"),
    path("publications/<slug:slug>/source/", records.source_reader, name="source"),
    path("publications/<slug:slug>/feed/", fresh_page(PublicationFeed()), name="publication_feed"),
    *(route for kind in KINDS for route in record_routes(kind)),
    path("changes/", records.change_log, name="changes"),
    path("changes/feed/", fresh_page(ChangesFeed()), name="changes_feed"),
    path("releases/", releases.release_list, name="releases"),
    path("releases/latest/", releases.latest_release, name="latest_release"),
    path("releases/feed/", fresh_page(ReleasesFeed()), name="releases_feed"),
    path("releases/follow/", following.follow_releases, name="releases_follow"),
    path("follow/confirm/<str:token>/", following.confirm, name="follow_confirm"),
    path("follow/unsubscribe/<str:token>/", following.unsubscribe, name="follow_unsubscribe"),
    path("releases/<str:spec>/", releases.release_or_comparison, name="release"),
    path(
        "releases/<str:version>/zip/",
        releases.release_download,
        name="release_download",
    ),
    path("downloads/dataset.zip", pages.dataset_package, name="dataset_package"),
    *chart_routes(),
    path("cards/overview.png", sharing.overview_card, name="overview_card"),
    path("releases/<str:version>/card.png", sharing.release_card, name="release_card"),
    path("search/", search.search_page, name="search"),
    path("search.json", search.search_json, name="search_json"),
    *(route for table in TABLES for route in table_routes(table)),
]

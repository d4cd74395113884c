"""The public pages, each in English at its path and in every translation at the same path
under the language's prefix (whitepaper.language)."""

from django.urls import path, register_converter

from reports import record_views, release_views, search_views, views
from reports.catalogue import TABLES
from reports.feeds import ChangesFeed, ReleasesFeed
from reports.freshness import fresh_page
from reports.record_kinds import KINDS
from reports.table_views import DownloadView, TableView

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
    """/publications/<slug>/<kind>/<key>/ and its JSON, .../<key>.json."""
    key_field = kind.model._meta.get_field(kind.model.URL_KEY.split("__")[0])
    converter = "digits" if key_field.get_internal_type().endswith("IntegerField") else "slug"
    base = f"publications/<slug:slug>/{kind.slug}/<{converter}:key>"
    return [
        path(f"{base}/", record_views.record_page, {"kind": kind}, name=kind.url_name),
        path(
            f"{base}.json", record_views.record_json, {"kind": kind}, name=f"{kind.url_name}_json"
        ),
    ]


def table_routes(table):
    """/<slug>/ and its downloads, /<slug>.csv and /<slug>.json."""
    return [
        path(f"{table.slug}/", TableView.as_view(table=table), name=table.slug),
        path(f"{table.slug}.csv", DownloadView.as_view(table=table), name=f"{table.slug}_csv"),
        path(
            f"{table.slug}.json",
            DownloadView.as_view(table=table, format="json"),
            name=f"{table.slug}_json",
        ),
    ]


urlpatterns = [
    path("", views.overview, name="overview"),
    path("about/", views.about, name="about"),
    path("publications/<slug:slug>/", views.publication_detail, name="publication"),
    path("publications/<slug:slug>/source/", record_views.source_reader, name="source"),
    *(route for kind in KINDS for route in record_routes(kind)),
    path("changes/", record_views.change_log, name="changes"),
    path("changes/feed/", fresh_page(ChangesFeed()), name="changes_feed"),
    path("releases/", release_views.release_list, name="releases"),
    path("releases/latest/", release_views.latest_release, name="latest_release"),
    path("releases/feed/", fresh_page(ReleasesFeed()), name="releases_feed"),
    path("releases/<str:spec>/", release_views.release_or_comparison, name="release"),
    path(
        "releases/<str:version>/zip/",
        release_views.release_download,
        name="release_download",
    ),
    path("downloads/dataset.zip", views.dataset_package, name="dataset_package"),
    path("search/", search_views.search_page, name="search"),
    path("search.json", search_views.search_json, name="search_json"),
    *(route for table in TABLES for route in table_routes(table)),
]

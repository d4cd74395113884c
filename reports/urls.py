"""The public pages, each in English at its path and in Chinese under /zh-hans/."""

from django.urls import path, register_converter

from reports import record_views, release_views, search_views, views
from reports.catalogue import REGIONS, SEGMENTS, STATISTICS, TENDENCIES
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
    converter = "digits" if kind.model.URL_KEY == "number" else "slug"
    base = f"publications/<slug:slug>/{kind.slug}/<{converter}:key>"
    return [
        path(f"{base}/", record_views.record_page, {"kind": kind}, name=kind.url_name),
        path(
            f"{base}.json", record_views.record_json, {"kind": kind}, name=f"{kind.url_name}_json"
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
    path("statistics/", TableView.as_view(table=STATISTICS), name="statistics"),
    path("statistics.csv", DownloadView.as_view(table=STATISTICS), name="statistics_csv"),
    path(
        "statistics.json",
        DownloadView.as_view(table=STATISTICS, format="json"),
        name="statistics_json",
    ),
    path("regions/", TableView.as_view(table=REGIONS), name="regions"),
    path("regions.csv", DownloadView.as_view(table=REGIONS), name="regions_csv"),
    path("regions.json", DownloadView.as_view(table=REGIONS, format="json"), name="regions_json"),
    path("segments/", TableView.as_view(table=SEGMENTS), name="segments"),
    path("segments.csv", DownloadView.as_view(table=SEGMENTS), name="segments_csv"),
    path(
        "segments.json", DownloadView.as_view(table=SEGMENTS, format="json"), name="segments_json"
    ),
    path("tendencies/", TableView.as_view(table=TENDENCIES), name="tendencies"),
    path("tendencies.csv", DownloadView.as_view(table=TENDENCIES), name="tendencies_csv"),
    path(
        "tendencies.json",
        DownloadView.as_view(table=TENDENCIES, format="json"),
        name="tendencies_json",
    ),
]

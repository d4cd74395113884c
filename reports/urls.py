"""The public pages, each in English at its path and in Chinese under /zh-hans/."""

from django.urls import path

from reports import search_views, views
from reports.catalogue import REGIONS, SEGMENTS, STATISTICS, TENDENCIES
from reports.table_views import DownloadView, TableView

app_name = "reports"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("about/", views.about, name="about"),
    path("publications/<slug:slug>/", views.publication_detail, name="publication"),
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

"""The whole dataset downloads as a zip that validates as a Frictionless Data Package."""

import csv
import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from frictionless import validate

from tests.test_exports import download
from whitepaper.models import Statistic

pytestmark = pytest.mark.django_db


def fetch_package(client):
    response = client.get("/downloads/dataset.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="blockchain-white-paper-data.zip"' in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_package_holds_a_csv_per_table_descriptor_and_readme(client, whitepaper):
    archive = fetch_package(client)
    assert set(archive.namelist()) == {
        "publications.csv",
        "statistics.csv",
        "regions.csv",
        "segments.csv",
        "tendencies.csv",
        "findings.csv",
        "datapackage.json",
        "README.md",
    }
    assert "Creative Commons Attribution 4.0" in archive.read("README.md").decode()


def test_package_validates_with_frictionless(client, whitepaper, tmp_path):
    fetch_package(client).extractall(tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_descriptor_describes_every_field_source_licence_and_date(client, whitepaper):
    descriptor = json.loads(fetch_package(client).read("datapackage.json"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert "as_of" not in descriptor  # each row has its own, where its sentence gives one
    assert "MIIT" in descriptor["sources"][0]["title"]
    assert "as reported in" in descriptor["sources"][0]["title"]
    # This site made and publishes the records; the white paper is their source.
    assert descriptor["title"].startswith("Records of [MIIT white paper")
    assert descriptor["description"].startswith("This site’s records of what the article")
    assert "published" not in descriptor  # the white paper's date is not the data set's
    assert {(c["title"], c["role"]) for c in descriptor["contributors"]} == {
        ("Blockchain White Paper Data", "author"),
        ("Blockchain White Paper Data", "publisher"),
    }
    assert all(c["path"] == "http://testserver/" for c in descriptor["contributors"])
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            assert field["name"] and field["type"] and field["description"]
    statistics = next(r for r in descriptor["resources"] if r["name"] == "statistics")
    types = {f["name"]: f["type"] for f in statistics["schema"]["fields"]}
    assert types["value"] == "number"
    assert types["as_of"] == "date"
    value = next(f for f in statistics["schema"]["fields"] if f["name"] == "value")
    assert "unit" in value


def test_package_csvs_hold_published_rows_only_and_are_neutralised(client, whitepaper):
    Statistic.objects.filter(key="real-economy-startups").update(is_published=False)
    Statistic.objects.filter(key="blockchain-enterprises").update(label="@SUM(A1)")
    archive = fetch_package(client)
    text = archive.read("statistics.csv").decode("utf-8")
    assert not text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["key"] for r in rows] == [
        "blockchain-enterprises",
        "financial-solution-startups",
        "top-four-regions-share",
    ]
    assert rows[0]["label"] == "'@SUM(A1)"


def test_package_is_linked_from_overview_programs_and_json_ld(client, whitepaper):
    assert 'href="http://testserver/downloads/dataset.zip"' in client.get("/").content.decode()
    assert 'href="/downloads/dataset.zip"' in client.get("/for-programs/").content.decode()
    assert '"contentUrl": "http://testserver/downloads/dataset.zip"' in (
        client.get("/").content.decode()
    )


def package_and_queries(client, url="/downloads/dataset.zip"):
    """The zip's bytes and the number of queries its request made."""
    with CaptureQueriesContext(connection) as context:
        _, body = download(client, url)
    return body, len(context.captured_queries)


@pytest.mark.parametrize("url", ["/downloads/dataset.zip", "/zh-hans/downloads/dataset.zip"])
def test_the_package_is_written_once_per_data_version_and_language(client, whitepaper, url):
    written, writing_queries = package_and_queries(client, url)
    kept, kept_queries = package_and_queries(client, url)
    assert kept == written
    assert kept_queries < writing_queries
    assert kept_queries <= 1  # the data version, for the ETag


def test_each_language_keeps_its_own_package(client, whitepaper):
    english, _ = package_and_queries(client, "/downloads/dataset.zip")
    chinese, _ = package_and_queries(client, "/zh-hans/downloads/dataset.zip")
    readmes = [zipfile.ZipFile(io.BytesIO(body)).read("README.md") for body in (english, chinese)]
    assert readmes[0] != readmes[1]


def test_a_kept_package_changes_after_an_edit(client, whitepaper):
    before, _ = package_and_queries(client)
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.label = "Enterprises whose main business is blockchain"
    statistic.save()  # a history row: a new data version
    after, _ = package_and_queries(client)
    statistics = zipfile.ZipFile(io.BytesIO(after)).read("statistics.csv").decode()
    assert "Enterprises whose main business is blockchain" in statistics
    assert after != before


@pytest.mark.parametrize("setting", ["PAGE_CACHE_SECONDS", "SMALL_DOWNLOAD_BYTES"])
def test_a_package_not_kept_is_written_for_each_request(client, whitepaper, settings, setting):
    """With the page cache off, or when it is bigger than a small download."""
    setattr(settings, setting, 0)
    _, first_queries = package_and_queries(client)
    _, second_queries = package_and_queries(client)
    assert second_queries == first_queries > 1

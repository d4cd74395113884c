"""Releases: numbered, unchanging versions of the data, what changed between them, and the
citations and pages that name them."""

import csv
import hashlib
import io
import xml.etree.ElementTree as ET
import zipfile

import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.utils import translation
from frictionless import validate

from reports.releases import archive, snapshot
from reports.releases import publish as publishing
from tests.test_admin import admin_url, statistic_form
from tests.test_corrections import text_of
from whitepaper.models import Correction, Release, ReleasedRecord, Statistic, Tendency

pytestmark = pytest.mark.django_db

STATISTIC_PAGE = "/publications/miit-blockchain-white-paper-2018/statistics/blockchain-enterprises/"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def english():
    translation.activate("en")


def download(client, version):
    response = client.get(f"/releases/{version}/zip/")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def publish(notes="Corrections."):
    out = io.StringIO()
    call_command(
        "publish_release", notes=notes, notes_zh="更正。", stdout=out, stderr=io.StringIO()
    )
    return out.getvalue()


def rows_of(body, name):
    text = zipfile.ZipFile(io.BytesIO(body)).read(name).decode()
    return list(csv.reader(io.StringIO(text)))


def correct_a_figure(client, superuser):
    client.force_login(superuser)
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    response = client.post(
        admin_url(Statistic, "change", statistic.pk),
        statistic_form(
            statistic,
            value="457",
            confirm_mismatch="on",
            public_note="Corrected the count after checking the paper.",
        ),
    )
    assert response.status_code == 302
    client.logout()


def test_a_correction_in_the_admin_makes_a_patch_release(client, superuser, whitepaper, tmp_path):
    first = Release.objects.get()
    assert first.version == "1.0.0"
    before = download(client, "1.0.0")
    assert hashlib.sha256(before).hexdigest() == first.sha256

    correct_a_figure(client, superuser)
    assert "Published release 1.0.1" in publish()

    assert download(client, "1.0.0") == before  # the same bytes, never rewritten
    after = download(client, "1.0.1")
    assert hashlib.sha256(after).hexdigest() == Release.objects.get(patch=1).sha256

    old_rows, new_rows = rows_of(before, "statistics.csv"), rows_of(after, "statistics.csv")
    differences = [
        (row, column, old, new)
        for row, (old_row, new_row) in enumerate(zip(old_rows, new_rows, strict=True))
        for column, (old, new) in enumerate(zip(old_row, new_row, strict=True))
        if old != new
    ]
    assert [(old_rows[0][column], old, new) for _, column, old, new in differences] == [
        ("value", "456", "457")
    ]
    old_zip, new_zip = (zipfile.ZipFile(io.BytesIO(body)) for body in (before, after))
    for name in old_zip.namelist():
        if name.endswith(".csv") and name != "statistics.csv":
            assert old_zip.read(name) == new_zip.read(name), name

    page = text_of(client.get("/releases/1.0.1/"))
    assert "1 records added" not in page
    assert "0 records added, 1 changed, 0 removed" in page
    assert "Value: 456 → changed to 457" in page
    figure = Statistic.objects.get(key="blockchain-enterprises").get_absolute_url()
    assert f'href="{figure}"' in client.get("/releases/1.0.1/").content.decode()
    assert page.count("→") == 1

    record = text_of(client.get(STATISTIC_PAGE))
    assert "Release 1.0.0" in record and "Value: 456" in record
    assert "Release 1.0.1" in record and "Value: 457" in record
    assert "Cite this record (release 1.0.1)" in record
    assert "unchanged since release 1.0.1" in record

    for version, body in (("1.0.0", before), ("1.0.1", after)):
        folder = tmp_path / version
        zipfile.ZipFile(io.BytesIO(body)).extractall(folder)
        report = validate(str(folder / "datapackage.json"))
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_a_release_holds_every_table_as_csv_and_json_readmes_and_a_citation(client, whitepaper):
    zipped = zipfile.ZipFile(io.BytesIO(download(client, "1.0.0")))
    names = zipped.namelist()
    assert names == sorted(names)
    assert {"statistics.csv", "statistics.json", "CITATION.cff", "README.md"} <= set(names)
    assert len([name for name in names if name.startswith("README")]) == 2
    assert {info.date_time for info in zipped.infolist()} == {archive.ENTRY_DATE}
    assert "version: 1.0.0" in zipped.read("CITATION.cff").decode()
    assert '"version": "1.0.0"' in zipped.read("datapackage.json").decode()


def test_publishing_with_nothing_changed_does_nothing(whitepaper):
    files = storages["releases"]
    before = files.listdir("")[1]
    assert "Nothing changed since the last release" in publish()
    assert Release.objects.count() == 1
    assert files.listdir("")[1] == before


def test_the_version_rule(whitepaper, monkeypatch):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.note = "A corrected note."
    statistic.save()
    publish()
    Tendency.objects.filter(number=6).first().delete()
    publish()
    statistic.is_published = False
    statistic.save()
    publish()
    monkeypatch.setattr(snapshot, "columns_signature", lambda: "another set of columns")
    publish()
    versions = list(Release.objects.order_by("sequence").values_list("major", "minor", "patch"))
    assert versions == [(1, 0, 0), (1, 0, 1), (1, 1, 0), (1, 2, 0), (2, 0, 0)]
    withdrawn = Release.objects.get(major=1, minor=2)
    assert (withdrawn.added, withdrawn.changed, withdrawn.removed) == (0, 0, 1)


def test_two_publishers_at_once_make_one_release(whitepaper, monkeypatch):
    """The second publisher starts from the same release; its commit is refused, it starts
    again and finds nothing to publish."""
    Statistic.objects.get(key="blockchain-enterprises").save()  # a new data version
    Tendency.objects.filter(number=6).first().delete()
    real_commit = publishing.commit
    outcomes = []

    def commit_after_a_rival(*args, **kwargs):
        monkeypatch.setattr(publishing, "commit", real_commit)
        outcomes.append(publishing.publish({"en": "The rival."}).release)
        return real_commit(*args, **kwargs)

    monkeypatch.setattr(publishing, "commit", commit_after_a_rival)
    outcomes.append(publishing.publish({"en": "Mine."}).release)
    assert [release.version if release else None for release in outcomes] == ["1.1.0", None]
    assert Release.objects.count() == 2
    assert len(storages["releases"].listdir("")[1]) == 2


@pytest.mark.parametrize("where", ["write_release_zip", "commit"])
def test_a_failure_in_the_middle_leaves_no_release_and_no_file(whitepaper, monkeypatch, where):
    Tendency.objects.filter(number=6).first().delete()
    files = storages["releases"]
    before = files.listdir("")[1]

    def fail(*args, **kwargs):
        raise OSError("disk full")

    if where == "write_release_zip":
        # Half the zip written, then a failure.
        real_text = archive.write_text

        def write_then_fail(zipped, name, pieces):
            if name == "statistics.csv":
                fail()
            real_text(zipped, name, pieces)

        monkeypatch.setattr(archive, "write_text", write_then_fail)
    else:
        # The file saved, then the row's transaction fails while writing the records.
        monkeypatch.setattr(publishing, "insert_records", fail)
    with pytest.raises(OSError, match="disk full"):
        publish()
    assert Release.objects.count() == 1
    assert not ReleasedRecord.objects.exclude(release__sequence=1).exists()
    assert files.listdir("")[1] == before


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_the_pages_in_both_languages(client, whitepaper, prefix):
    Release.objects.update(notes_zh="首次发布。")
    listing = client.get(f"{prefix}/releases/").content.decode()
    assert "/releases/1.0.0/zip/" in listing
    assert Release.objects.get().sha256 in listing
    detail = client.get(f"{prefix}/releases/1.0.0/").content.decode()
    assert ("首次发布。" in detail) == (prefix == "/zh-hans")
    assert ("发布" in detail) == (prefix == "/zh-hans")
    latest = client.get(f"{prefix}/releases/latest/")
    assert latest.status_code == 302
    assert latest["Location"] == f"{prefix}/releases/1.0.0/"


def test_the_atom_feed_lists_each_release(client, whitepaper):
    response = client.get("/releases/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    [entry] = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Release 1.0.0"
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/releases/1.0.0/"


def test_a_release_file_is_served_as_immutable_with_its_hash(client, whitepaper):
    release = Release.objects.get()
    response = client.get("/releases/1.0.0/zip/")
    assert response["ETag"] == f'"{release.sha256}"'
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "blockchain-white-paper-data-1.0.0.zip" in response["Content-Disposition"]
    again = client.get("/releases/1.0.0/zip/", HTTP_IF_NONE_MATCH=f'"{release.sha256}"')
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/releases/9.9.9/", 404),
        ("/releases/not-a-version/", 404),
        ("/releases/9.9.9/zip/", 404),
        ("/releases/1.0.0...9.9.9/", 404),
        ("/releases/1.0.0...latest/", 400),
        ("/releases/1.0...1.0.0/", 400),
        ("/zh-hans/releases/x...y/", 400),
    ],
)
def test_unknown_versions_and_malformed_comparisons(client, whitepaper, url, status):
    assert client.get(url).status_code == status


def test_comparing_two_releases_lists_the_net_changes(client, whitepaper):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.note = "First note."
    statistic.save()
    publish()
    statistic.note = ""
    statistic.label = "Enterprises whose main business is blockchain"
    statistic.save()
    publish()
    page = text_of(client.get("/releases/1.0.0...1.0.2/"))
    assert (
        "Label: Enterprises with blockchain as their main business → changed to Enterprises whose"
        in page
    )
    assert "Note:" not in page  # changed, then changed back
    assert client.get("/releases/1.0.2...1.0.0/")["Location"] == "/releases/1.0.0...1.0.2/"


def test_the_log_and_the_tables_say_what_is_released(client, whitepaper):
    assert "These rows are the same as in release 1.0.0 ." in text_of(client.get("/statistics/"))
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.note = "A corrected note."
    statistic.save()
    assert "These rows have changed since release 1.0.0 ." in text_of(client.get("/statistics/"))
    assert "Not yet released." in text_of(client.get("/changes/"))
    publish()
    assert Correction.objects.with_releases().get().release_version == "1.0.1"
    assert "In release 1.0.1 ." in text_of(client.get("/changes/"))
    assert "These rows are the same as in release 1.0.1 ." in text_of(client.get("/statistics/"))


def test_citations_carry_the_release(client, whitepaper):
    page = client.get(STATISTIC_PAGE).content.decode()
    as_released = "http://testserver/releases/1.0.0" + STATISTIC_PAGE
    assert "release 1.0.0 (" in page and f"), {as_released} (live page: " in page  # plain
    assert "version = {1.0.0}" in page  # BibTeX
    assert "&quot;version&quot;: &quot;1.0.0&quot;" in page  # CSL-JSON
    publication = client.get("/publications/miit-blockchain-white-paper-2018/").content.decode()
    assert "http://testserver/releases/1.0.0/" in publication


def test_a_second_load_publishes_nothing(whitepaper):
    call_command("load_whitepaper", verbosity=0)
    assert Release.objects.count() == 1


def test_the_admin_shows_what_changed_and_publishes(client, superuser, whitepaper):
    client.force_login(superuser)
    url = "/admin/whitepaper/release/publish/"
    assert "there is nothing to publish" in text_of(client.get(url))
    Tendency.objects.filter(number=6).first().delete()
    page = text_of(client.get(url))
    assert "0 records added, 0 changed, 1 removed. Publishing makes release 1.1.0." in page
    response = client.post(url, {"notes": "Withdrew a tendency.", "notes_translation": ""})
    assert response.status_code == 302
    assert Release.objects.latest_release().version == "1.1.0"
    assert client.get("/admin/whitepaper/release/").status_code == 200

"""The releases in the API: the list and one release as the pages give them, with their zip's
hash, and each change a release made with the record's fields before and after."""

import hashlib

import pytest
from django.utils import timezone

from tests.test_api import walk
from tests.test_releases import correct_a_figure, download, publish
from whitepaper.models import Release, ReleasedRecord

pytestmark = pytest.mark.django_db


def test_the_first_release_lists_every_record_as_added(client, whitepaper):
    releases = walk(client, "/api/v1/releases", {})
    assert [item["version"] for item in releases] == ["1.0.0"]
    first = releases[0]
    assert first["added"] == ReleasedRecord.objects.count() and first["removed"] == 0
    assert first["notes"]["en"] and first["notes"]["zh-Hans"]
    assert first["notes"]["site_translation"] == ["zh-Hans"]
    assert first["url"]["en"] == "http://testserver/releases/1.0.0/"
    body = download(client, "1.0.0")
    assert first["file"]["sha256"] == hashlib.sha256(body).hexdigest()
    assert first["file"]["size"] == len(body)
    assert client.get(first["api_url"]).json() == first

    changes = walk(client, first["changes_url"], {"limit": 5})
    assert len(changes) == first["added"]
    assert {change["change"] for change in changes} == {"added"}
    assert all(change["old"] is None and change["changed_fields"] == [] for change in changes)
    enterprises = next(change for change in changes if change["key"] == "blockchain-enterprises")
    assert enterprises["record_kind"] == "statistic"
    assert enterprises["new"]["value"] == 456
    assert enterprises["record_url"]["en"].endswith("/statistics/blockchain-enterprises/")


def test_a_correction_shows_as_a_patch_release_with_the_old_and_new_value(
    client, superuser, whitepaper
):
    correct_a_figure(client, superuser)
    publish("Corrected the count of enterprises.")
    newest = client.get("/api/v1/releases", {"limit": 1})
    assert newest.status_code == 200
    assert newest.json()["results"][0]["version"] == "1.0.1"
    assert newest["Link"].endswith('rel="next"')  # 1.0.0 is on the next page

    patch = client.get("/api/v1/releases/1.0.1").json()
    assert patch["notes"]["en"] == "Corrected the count of enterprises."
    assert (patch["added"], patch["changed"], patch["removed"]) == (0, 1, 0)
    [change] = walk(client, patch["changes_url"], {})
    assert change["change"] == "changed" and change["key"] == "blockchain-enterprises"
    assert change["changed_fields"] == ["value"]
    assert (change["old"]["value"], change["new"]["value"]) == (456, 457)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/releases/9.9.9", 404),
        ("/api/v1/releases/9.9.9/changes", 404),
        ("/api/v1/releases/1.0", 400),
        ("/api/v1/releases/1.0.0/changes?after=%21", 400),
        ("/api/v1/releases?after=zzzz", 400),
        ("/api/v1/releases?limit=0", 400),
    ],
)
def test_an_unknown_version_or_a_bad_cursor_is_a_problem(client, whitepaper, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"]


def test_publishing_changes_the_etag(client, superuser, whitepaper):
    etag = client.get("/api/v1/releases")["ETag"]
    assert client.get("/api/v1/releases", headers={"If-None-Match": etag}).status_code == 304
    correct_a_figure(client, superuser)
    publish()
    response = client.get("/api/v1/releases", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert len(response.json()["results"]) == Release.objects.count() == 2


def test_times_are_on_the_sites_clock(client, whitepaper, settings):
    """As every page, citation and feed gives them (settings.TIME_ZONE, with its offset)."""
    published = client.get("/api/v1/releases/1.0.0").json()["published_at"]
    offset = timezone.localtime(Release.objects.get().created_at).strftime("%z")
    assert published.endswith(f"{offset[:3]}:{offset[3:]}")

"""A record as a release holds it: its page and JSON under /releases/<version>/, read from what
the release stored (never from the live record), with one line on what became of it after;
and the one line on each live record page saying whether it changed since its release."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.test_corrections import text_of
from whitepaper.models import Statistic, Tendency

pytestmark = pytest.mark.django_db

BASE = "/publications/miit-blockchain-white-paper-2018"
LIVE = f"{BASE}/statistics/blockchain-enterprises/"


def as_of(version, path=LIVE):
    return f"/releases/{version}{path}"


def publish(notes="Corrections."):
    call_command("publish_release", notes=notes, stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture(autouse=True)
def english():
    translation.activate("en")


def correct(value, note="Corrected the figure."):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.value = value
    statistic.source_quote = statistic.source_quote.replace("456", str(value))
    statistic._change_reason = note
    statistic.save()
    return statistic


def test_an_old_release_keeps_the_old_value_and_says_it_changed(client, whitepaper):
    page = text_of(client.get(as_of("1.0.0")))
    assert "456 enterprises" in page and "Unchanged since." in page

    correct(457)
    publish()
    old = client.get(as_of("1.0.0"))
    assert old.status_code == 200
    old_page = text_of(old)
    assert "As in release 1.0.0" in old_page and "456 enterprises" in old_page
    assert "457" not in old_page.split("Cite this record")[0]
    assert "Changed in release 1.0.1 ." in old_page
    assert f'href="{as_of("1.0.1")}"' in old.content.decode()
    assert f'href="{LIVE}"' in old.content.decode()

    new_page = text_of(client.get(as_of("1.0.1")))
    assert "457 enterprises" in new_page and "Unchanged since." in new_page

    # Read from what the release stored: a later edit changes neither release's page.
    correct(458)
    assert "456 enterprises" in text_of(client.get(as_of("1.0.0")))
    newest = text_of(client.get(as_of("1.0.1")))
    assert "457 enterprises" in newest and "Changed since, in no release yet" in newest


def test_the_json_of_a_record_as_released(client, whitepaper):
    correct(457)
    publish()
    data = client.get(as_of("1.0.0").rstrip("/") + ".json").json()
    assert data["release"]["version"] == "1.0.0"
    assert data["values"]["value"] == 456 and data["values"]["label_zh"]
    assert data["after"] == {
        "changed_in_release": "1.0.1",
        "change": "changed",
        "changed_since_not_released": False,
    }
    assert data["live_url"] == f"http://testserver{LIVE}"


def test_every_kind_has_its_page_as_released_in_both_languages(client, whitepaper):
    for path in (
        f"{BASE}/statistics/top-four-regions-share/",
        f"{BASE}/regions/CN-BJ/",
        f"{BASE}/segments/media/",
        f"{BASE}/tendencies/3/",
        f"{BASE}/findings/first-official-white-paper/",
    ):
        for prefix in ("", "/zh-hans"):
            response = client.get(prefix + as_of("1.0.0", path))
            assert response.status_code == 200, path
    region = text_of(client.get(as_of("1.0.0", f"{BASE}/regions/CN-BJ/")))
    assert "Beijing (CN-BJ)" in region and "over 80%" in region


def test_a_record_not_in_a_release_has_no_page_there(client, whitepaper):
    tendency = Tendency.objects.get(number=6)
    tendency.pk, tendency.number = None, 7
    tendency.source_quote = Tendency.objects.get(number=1).source_quote
    tendency.save()
    publish()  # a record added: a minor release
    assert client.get(as_of("1.1.0", f"{BASE}/tendencies/7/")).status_code == 200
    assert client.get(as_of("1.0.0", f"{BASE}/tendencies/7/")).status_code == 404
    assert client.get(as_of("9.9.9")).status_code == 404
    assert client.get(as_of("not-a-version")).status_code == 404


def test_the_page_of_a_record_as_released_costs_a_fixed_number_of_queries(
    client, whitepaper, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(as_of("1.0.0"))  # the ContentTypes, cached per process
    with CaptureQueriesContext(connection) as queries:
        assert client.get(as_of("1.0.0")).status_code == 200
    # The ETag check, the release, the record's row and its publication's (each: the records
    # that had the address, then the newest row of the one found), the release after it and
    # the live record: whatever the size of the data.
    assert len(queries) == 8


def test_the_live_page_says_whether_it_changed_since_its_release(client, whitepaper):
    page = text_of(client.get(LIVE))
    assert "unchanged since release 1.0.0" in page
    html = client.get(LIVE).content.decode()
    assert f'href="http://testserver{as_of("1.0.0")}"' in html
    correct(457)
    page = text_of(client.get(LIVE))
    assert "changed since release 1.0.0, in no release yet" in page
    credit = re.search(r'id="citation-credit"[^>]*>(.*?)</textarea>', html, re.S)[1]
    assert credit.endswith("(Blockchain White Paper Data, release 1.0.0)")


def test_a_release_page_is_json_twinned_and_cited_as_of_that_release(client, whitepaper):
    html = client.get(as_of("1.0.0")).content.decode()
    assert f'href="{as_of("1.0.0").rstrip("/")}.json"' in html
    plain = re.search(r'id="citation-text"[^>]*>(.*?)</textarea>', html, re.S)[1]
    assert "release 1.0.0 (" in plain and f"http://testserver{as_of('1.0.0')}" in plain
    assert (
        json.loads(
            re.search(r'id="citation-csl"[^>]*>(.*?)</textarea>', html, re.S)[1].replace(
                "&quot;", '"'
            )
        )[0]["version"]
        == "1.0.0"
    )

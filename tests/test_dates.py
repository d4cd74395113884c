"""A date only where the source gives one, and one clock for every date of this site's own.

The "over 80%" sentence gives no date: its record shows none anywhere. An edit made when
UTC and the site's time zone are on different days shows the same day everywhere.
"""

import csv
import datetime
import io
import json
import re
from html import unescape

import pytest
from django.utils import timezone, translation

from reports.releases import archive
from tests.test_corrections import edit
from tests.test_exports import download
from whitepaper.fidelity import dates_in
from whitepaper.models import Correction, Statistic, Tendency

pytestmark = pytest.mark.django_db

SHARE = "top-four-regions-share"


@pytest.fixture(autouse=True)
def english():
    translation.activate("en")


def joined(pieces):
    return "".join(p.decode() if isinstance(p, bytes) else p for p in pieces)


def text_of(html):
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def test_dates_are_read_as_the_source_writes_them():
    assert dates_in("by the end of March 2018, there are") == {datetime.date(2018, 3, 31)}
    assert dates_in("On May 20, 2018 and 1 June 2019.") == {
        datetime.date(2018, 5, 20),
        datetime.date(2019, 6, 1),
    }
    assert dates_in("May 20, the Ministry") == set()  # no year, no date
    assert dates_in("over 80% of the blockchain companies") == set()


def test_the_80_percent_record_has_no_date_anywhere(client, whitepaper):
    share = Statistic.objects.get(key=SHARE)
    assert share.as_of is None
    page = client.get(share.get_absolute_url()).content.decode()
    assert "Figures as of not given in the source" in text_of(page)
    assert "2018-03-31" not in page and "31 March 2018" not in page and "March" not in page
    citations = re.findall(r'<textarea id="citation-[^>]*>(.*?)</textarea>', page, re.S)
    assert len(citations) == 4  # the credit line, plain text, BibTeX and CSL-JSON
    assert not any(re.search(r"as of|2018-03-31", c, re.I) for c in citations)
    data = json.loads(client.get(share.get_absolute_url().rstrip("/") + ".json").content)
    assert data["as_of"] is None and data["dates"]["data_as_of"] is None
    _, body = download(client, "/statistics.csv?bom=0&qualifier=more_than")
    assert [row["as_of"] for row in csv.DictReader(io.StringIO(body.decode()))] == [""]
    rows = json.loads(download(client, "/statistics.json?qualifier=more_than")[1])["rows"]
    assert [row["as_of"] for row in rows] == [None]
    overview = client.get("/").content.decode()
    item = re.search(rf'<li class="headline" id="statistic-{SHARE}">(.*?)</li>', overview, re.S)
    assert "Date not given in the source" in item.group(1)
    assert "as of" not in item.group(1).lower()
    chart = re.search(
        r'<figure class="chart" id="chart-regional-concentration">(.*?)</figure>', overview, re.S
    )
    assert "over 80%" in chart.group(1)
    assert not re.search(r"2018-03-31|March|as of", chart.group(1))


def test_the_dated_figures_keep_the_date_their_sentence_gives(client, whitepaper):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    page = client.get(statistic.get_absolute_url()).content.decode()
    assert "Figures as of end of March 2018" in text_of(page)
    assert 'datetime="2018-03-31"' in page
    credit, plain = re.findall(r"<textarea[^>]*>(.*?)</textarea>", page, re.S)[:2]
    assert "figures as of end of March 2018" in credit
    assert " As of 2018-03-31. " in plain


def test_no_record_takes_a_date_from_its_publication(whitepaper):
    assert not Tendency.objects.exclude(as_of=None).exists()
    dated = Statistic.objects.exclude(as_of=None)
    assert {s.key for s in dated} == {
        "blockchain-enterprises",
        "financial-solution-startups",
        "real-economy-startups",
    }


def test_every_public_date_of_one_edit_is_the_same_day(client, whitepaper):
    """17:30 UTC on 1 December is 01:30 on 2 December in Asia/Shanghai."""
    moment = datetime.datetime(2026, 12, 1, 17, 30, tzinfo=datetime.UTC)
    Statistic.objects.filter(key=SHARE).update(updated_at=moment)
    share = Statistic.objects.get(key=SHARE)
    day = timezone.localtime(moment).date()
    assert day == datetime.date(2026, 12, 2)
    html = client.get(share.get_absolute_url()).content.decode()
    assert "On this site: last edited 2 December 2026" in text_of(html)
    assert 'datetime="2026-12-02T01:30:00' in html
    # Cited as of its release while it is as released; as the live page once it differs.
    share.note = "An edit after the release."
    share.save()
    Statistic.objects.filter(key=SHARE).update(updated_at=moment)
    html = client.get(share.get_absolute_url()).content.decode()
    assert "(last edited 2026-12-02)" in html
    assert "urldate = {2026-12-02}" in html
    data = json.loads(client.get(share.get_absolute_url().rstrip("/") + ".json").content)
    assert data["dates"]["last_edited"] == "2026-12-02T01:30:00+08:00"
    _, body = download(client, "/statistics.csv?bom=0&qualifier=more_than")
    [row] = csv.DictReader(io.StringIO(body.decode()))
    assert row["last_edited"] == "2026-12-02T01:30:00+08:00"
    rows = json.loads(download(client, "/statistics.json?qualifier=more_than")[1])["rows"]
    assert rows[0]["last_edited"] == "2026-12-02T01:30:00+08:00"


def test_the_feed_and_the_log_use_the_same_clock(admin_client, whitepaper):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    response = edit(admin_client, statistic, note="Checked.", public_note="Checked again.")
    assert response.status_code == 302
    moment = datetime.datetime(2026, 12, 1, 17, 30, tzinfo=datetime.UTC)
    assert Correction.objects.update(changed_at=moment) == 1
    assert "2026-12-02T01:30:00+08:00" in admin_client.get("/changes/feed/").content.decode()
    log = admin_client.get("/changes/").content.decode()
    assert 'datetime="2026-12-02T01:30:00+08:00"' in log
    assert "2 December 2026" in text_of(log)


def test_the_about_page_says_the_clock_once(client, db):
    page = text_of(client.get("/about/").content.decode())
    assert page.count("Asia/Shanghai") == 1


def test_an_empty_feed_is_updated_on_the_site_clock(client, whitepaper):
    """With no entries, Django's feed falls back to the present moment in UTC."""
    assert not Correction.objects.exists()
    feed = client.get("/changes/feed/").content.decode()
    updated = re.search(r"<updated>(.*?)</updated>", feed)[1]
    assert updated.endswith("+08:00")


def test_a_release_package_is_created_on_the_site_clock(whitepaper):
    moment = datetime.datetime(2026, 12, 1, 17, 30, tzinfo=datetime.UTC)
    texts = dict(archive.entries("9.9.9", moment))
    descriptor = json.loads(joined(texts["datapackage.json"]))
    assert descriptor["created"] == "2026-12-02T01:30:00+08:00"
    assert "date-released: 2026-12-02" in joined(texts["CITATION.cff"])


def test_a_time_names_its_offset_not_an_ambiguous_zone_abbreviation(client, whitepaper):
    """ "CST" is China's and the US Central zone's: a time gives its offset from UTC."""
    for url in ("/releases/", "/zh-hans/releases/"):
        page = text_of(client.get(url).content.decode())
        assert "UTC+0800" in page and "CST" not in page

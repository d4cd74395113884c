"""Feeds to follow a figure: one per record, per table and per publication, in both languages,
each linked from its page's head and from a visible Follow control. Their entries say what
changed (old → new, in the reader's language, a translation labelled), link to the record as
the release that holds the change holds it, and are dated on the site's clock. A feed parser
finds no error in any of them."""

import io

import feedparser
import pytest
from django.core.management import call_command
from django.utils import translation

from whitepaper.models import Region, Statistic

pytestmark = pytest.mark.django_db

BASE = "/publications/miit-blockchain-white-paper-2018"
RECORD = f"{BASE}/statistics/blockchain-enterprises/"
FEEDS = {
    "record": f"{RECORD}feed/",
    "table": "/statistics/feed/",
    "publication": f"{BASE}/feed/",
}
PAGES = {"record": RECORD, "table": "/statistics/", "publication": f"{BASE}/"}


@pytest.fixture(autouse=True)
def english():
    translation.activate("en")


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def correct(label_zh="以区块链为主业的企业", value=None):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.label_zh = label_zh
    statistic._change_reason = "Reworded the Chinese label."
    statistic.save()
    return statistic


def publish():
    call_command("publish_release", notes="Corrections.", stdout=io.StringIO())


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
@pytest.mark.parametrize("what", FEEDS)
def test_each_feed_is_valid_and_linked_from_its_page(client, whitepaper, what, prefix):
    feed = parsed(client, prefix + FEEDS[what])
    assert feed.feed.title
    html = client.get(prefix + PAGES[what]).content.decode()
    link = f'<link rel="alternate" type="application/atom+xml" title="{feed.feed.title}"'
    assert link in html and f'href="{prefix}{FEEDS[what]}"' in html
    assert (
        'class="follow"' in html and f'href="{prefix}{FEEDS[what]}" type="application/atom' in html
    )


@pytest.mark.parametrize("what", FEEDS)
def test_a_correction_and_its_release_are_in_every_feed_that_follows_it(client, whitepaper, what):
    correct()
    feed = parsed(client, FEEDS[what])
    [entry] = [e for e in feed.entries if "Label (Chinese)" in e.title]
    assert "以区块链为主营业务的企业 → 以区块链为主业的企业" in entry.title
    assert "Not yet released." in entry.summary
    assert entry.link == f"http://testserver{RECORD}"
    assert entry.updated.endswith("+08:00")  # the site's clock

    publish()
    feed = parsed(client, FEEDS[what])
    as_released = f"http://testserver/releases/1.0.1{RECORD}"
    [entry] = [e for e in feed.entries if "Label (Chinese)" in e.title]
    assert "In release 1.0.1." in entry.summary and entry.link == as_released
    [released] = [e for e in feed.entries if "in release 1.0.1" in e.title]
    assert released.link == as_released
    assert "以区块链为主营业务的企业 → 以区块链为主业的企业" in released.summary


def test_a_chinese_feed_says_the_change_in_chinese_and_labels_the_translation(client, whitepaper):
    correct()
    feed = parsed(client, "/zh-hans" + FEEDS["record"])
    [entry] = feed.entries
    assert "标签（中文）" in entry.title
    assert "（本站译文）" in entry.summary
    assert "编辑说明" in entry.summary or "编辑" in entry.summary
    assert entry.link == f"http://testserver/zh-hans{RECORD}"


def test_a_region_change_is_in_the_regions_table_feed(client, whitepaper):
    region = Region.objects.get(code="CN-BJ")
    region.name_zh = "北京市"
    region._change_reason = "The municipality's full name."
    region.save()
    titles = [entry.title for entry in parsed(client, "/regions/feed/").entries]
    assert any("北京 → 北京市" in title for title in titles)
    assert not parsed(client, "/statistics/feed/").entries


def test_a_record_feed_lists_only_its_record(client, whitepaper):
    correct()
    other = Statistic.objects.get(key="real-economy-startups")
    other.note = "Checked."
    other._change_reason = "Checked the note."
    other.save()
    titles = [entry.title for entry in parsed(client, FEEDS["record"]).entries]
    assert len(titles) == 1 and "Label (Chinese)" in titles[0]
    assert len(parsed(client, FEEDS["table"]).entries) == 2


def test_a_feed_of_no_record_is_a_404(client, whitepaper):
    assert client.get(f"{BASE}/statistics/no-such-figure/feed/").status_code == 404
    assert client.get("/publications/no-such-publication/feed/").status_code == 404

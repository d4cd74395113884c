"""The publication menu of a table stays short however many publications there are."""

import re
from datetime import date, timedelta

import pytest

from reports.tables import filters
from whitepaper.models import Publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_publications(whitepaper, monkeypatch):
    monkeypatch.setattr(filters, "PUBLICATION_CHOICES", 3)
    for n in range(6):
        Publication.objects.create(
            slug=f"edition-{n}",
            title=f"Edition {n}",
            publisher="Publisher",
            release_date=date(2019, 1, 1) + timedelta(days=n),
            data_as_of=date(2018, 12, 1),
            source_quote="Edition.",
            is_published=True,
        )


def menu(client, query=""):
    page = client.get(f"/statistics/{query}").content.decode()
    select = re.search(r'<select name="publication".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"( selected)?', select)


def test_the_menu_lists_the_newest_publications(client, many_publications):
    assert menu(client) == [
        ("", " selected"),
        ("edition-5", ""),
        ("edition-4", ""),
        ("edition-3", ""),
    ]


def test_an_older_publication_can_still_be_chosen_and_is_shown_chosen(client, many_publications):
    options = menu(client, "?publication=miit-blockchain-white-paper-2018")
    assert ("miit-blockchain-white-paper-2018", " selected") in options
    page = client.get("/statistics/?publication=miit-blockchain-white-paper-2018").content.decode()
    assert "456 enterprises" in page


def test_an_unpublished_publication_cannot_be_chosen(client, many_publications):
    Publication.objects.filter(slug="edition-0").update(is_published=False)
    page = client.get("/statistics/?publication=edition-0").content.decode()
    assert "Select a valid choice" in page
    assert ("edition-0", " selected") not in menu(client, "?publication=edition-0")


@pytest.mark.parametrize(
    ("url", "query", "anchor"),
    [
        ("/zh-hans/statistics/", "主营业务", "statistic-blockchain-enterprises"),
        ("/zh-hans/segments/", "硬件", "segment-hardware-manufacturing"),
        ("/zh-hans/tendencies/", "平台经济", "tendency-4"),
    ],
)
def test_the_contains_filter_finds_chinese_text(client, whitepaper, url, query, anchor):
    html = client.get(url, {"q": query}).content.decode()
    assert f'id="{anchor}"' in html
    assert html.count('<tr id="') == 1

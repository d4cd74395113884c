"""Hot search keywords: the ones staff curate, then queries searched on at least three
different days of the last 30; what a search stores, and nothing more."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from whitepaper.models import HotKeyword, SearchCount

pytestmark = pytest.mark.django_db

HEADING = "Hot search keywords"


def searched(query, days_ago, language="en", count=1):
    for day in days_ago:
        SearchCount.objects.create(
            query=query,
            language=language,
            day=timezone.localdate() - timedelta(days=day),
            count=count,
        )


def keywords_on(client, path="/search/"):
    html = client.get(path).content.decode()
    if 'class="hot-keywords"' not in html:
        return []
    section = html.split('<h2 id="hot-keywords">', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', section)


def test_no_keywords_no_heading(client, whitepaper):
    assert HEADING not in client.get("/").content.decode()
    assert HEADING not in client.get("/search/").content.decode()


def test_a_query_searched_on_two_days_is_not_shown(client, whitepaper):
    searched("okapi", [0, 1], count=50)
    assert keywords_on(client) == []


def test_a_query_searched_on_three_days_is_shown(client, whitepaper):
    searched("okapi", [0, 5, 29])
    assert keywords_on(client) == ["okapi"]
    assert keywords_on(client, "/") == ["okapi"]
    assert keywords_on(client, "/zh-hans/search/") == []  # searched on English pages


def test_only_the_last_30_days_count(client, whitepaper):
    searched("okapi", [0, 5, 30])
    assert keywords_on(client) == []


def test_the_most_searched_come_first_after_the_curated_ones(client, whitepaper):
    searched("okapi", [0, 1, 2], count=2)
    searched("guangdong", [0, 1, 2], count=9)
    HotKeyword.objects.create(keyword="Blockchain", position=2)
    HotKeyword.objects.create(keyword="区块链", position=1)
    HotKeyword.objects.create(keyword="金融", language="zh-hans")
    assert keywords_on(client) == ["区块链", "Blockchain", "guangdong", "okapi"]
    assert keywords_on(client, "/zh-hans/search/") == ["金融"]
    assert '<h2 id="hot-keywords">热门搜索</h2>' in client.get("/zh-hans/").content.decode()


def test_staff_hide_a_popular_query(client, whitepaper):
    searched("okapi", [0, 1, 2])
    searched("guangdong", [0, 1, 2])
    HotKeyword.objects.create(keyword="OKAPI", shown=False)
    assert keywords_on(client) == ["guangdong"]


def test_each_keyword_links_to_its_search(client, whitepaper):
    HotKeyword.objects.create(keyword="real economy")
    html = client.get("/zh-hans/").content.decode()
    assert HEADING not in html
    html = client.get("/").content.decode()
    assert '<a href="/search/?q=real%20economy">real economy</a>' in html


def test_a_search_stores_only_its_words_language_day_and_count(client, whitepaper):
    client.get(
        "/zh-hans/search/",
        {"q": "  GuangDong   BEIJING "},
        HTTP_USER_AGENT="Secret browser",
        REMOTE_ADDR="203.0.113.9",
    )
    client.get("/zh-hans/search/", {"q": "guangdong beijing"})
    columns = [field.column for field in SearchCount._meta.get_fields()]
    assert sorted(columns) == ["count", "day", "id", "language", "query"]
    rows = list(SearchCount.objects.values())
    assert rows == [
        {
            "id": rows[0]["id"],
            "query": "guangdong beijing",
            "language": "zh-hans",
            "day": timezone.localdate(),
            "count": 2,
        }
    ]
    stored = " ".join(str(value) for value in rows[0].values())
    assert "203.0.113.9" not in stored and "Secret" not in stored


@pytest.mark.parametrize(
    "params",
    [
        {"q": "qwertyuiop"},  # found nothing
        {"q": "blockchain", "page": "2"},  # a further page of the same search
        {"q": "blockchain", "kind": "statistic"},  # a narrowing of the same search
        {"q": ""},
    ],
)
def test_searches_that_are_not_counted(client, whitepaper, params):
    assert client.get("/search/", params).status_code == 200
    assert not SearchCount.objects.exists()


def test_program_searches_are_not_counted(client, whitepaper):
    client.get("/search.json", {"q": "blockchain"})
    assert not SearchCount.objects.exists()


def test_a_publisher_curates_keywords_in_the_admin(publisher_client, client, whitepaper):
    client.get("/")  # the overview is now cached
    response = publisher_client.post(
        reverse("admin:whitepaper_hotkeyword_add"),
        {"keyword": "区块链", "language": "en", "position": "1", "shown": "on"},
    )
    assert response.status_code == 302
    assert keywords_on(client, "/") == ["区块链"]


def test_a_publisher_hides_a_search_from_the_counts(publisher_client, client, whitepaper):
    searched("okapi", [0, 1, 2])
    assert keywords_on(client, "/") == ["okapi"]
    assert (
        publisher_client.get(reverse("admin:whitepaper_searchcount_changelist")).status_code == 200
    )
    ids = list(SearchCount.objects.values_list("pk", flat=True))
    response = publisher_client.post(
        reverse("admin:whitepaper_searchcount_changelist"),
        {"action": "hide_from_hot_keywords", "_selected_action": ids},
        follow=True,
    )
    assert "1 query hidden from the hot search keywords." in response.content.decode()
    assert keywords_on(client, "/") == []
    assert HotKeyword.objects.get(keyword="okapi").shown is False


@pytest.mark.parametrize(
    "url",
    [
        "admin:whitepaper_hotkeyword_changelist",
        "admin:whitepaper_hotkeyword_add",
        "admin:whitepaper_searchcount_changelist",
    ],
)
def test_staff_open_the_search_admin_pages(client, superuser, url):
    client.force_login(superuser)
    assert client.get(reverse(url)).status_code == 200


def test_search_counts_cannot_be_edited(client, superuser):
    client.force_login(superuser)
    assert client.get(reverse("admin:whitepaper_searchcount_add")).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_counting_leaves_the_connection_durable(client):
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")
    call_command("load_whitepaper", verbosity=0)
    client.get("/search/", {"q": "Guangdong"})
    assert SearchCount.objects.get().count == 1
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL, for every other write


def test_a_count_that_cannot_be_written_is_let_go(db, monkeypatch):
    """A search is answered whether or not its count can be written (a busy or broken
    database gives a warning in the log, not an error page)."""
    from whitepaper.search import popular

    monkeypatch.setattr(popular.SearchCount._meta, "db_table", "no_such_table_to_count_in")
    assert popular.count_search("guangdong", "en") is False
    monkeypatch.undo()
    assert popular.count_search("guangdong", "en") is True


def test_only_a_get_is_counted_and_searches_are_read_only(client, whitepaper):
    from whitepaper.models import SearchCount

    assert client.head("/search/", {"q": "Guangdong"}).status_code == 200
    assert not SearchCount.objects.exists()
    assert client.post("/search/", {"q": "Guangdong"}).status_code == 405
    assert client.post("/search.json", {"q": "Guangdong"}).status_code == 405
    assert not SearchCount.objects.exists()

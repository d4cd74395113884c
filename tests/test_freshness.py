"""Conditional GET: pages carry an ETag from the data and answer 304 until it changes."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache
from django.http import HttpResponse

from reports.caching.freshness import cached_by_data_version
from whitepaper.models import Statistic

pytestmark = pytest.mark.django_db

URLS = [
    "/",
    "/statistics/",
    "/regions/",
    "/segments/",
    "/tendencies/",
    "/about/",
    "/publications/miit-blockchain-white-paper-2018/",
    "/statistics.csv",
]


@pytest.mark.parametrize("url", URLS)
def test_unchanged_data_answers_304(client, whitepaper, url):
    etag = client.get(url)["ETag"]
    assert etag
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_an_edit_changes_the_etag(client, whitepaper):
    etag = client.get("/statistics/")["ETag"]
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.note = "Edited."
    statistic.save()
    response = client.get("/statistics/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_a_delete_changes_the_etag(client, whitepaper):
    etag = client.get("/").get("ETag")
    Statistic.objects.get(key="real-economy-startups").delete()
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_etag_differs_by_language(client, whitepaper):
    english = client.get("/")["ETag"]
    chinese = client.get("/zh-hans/")["ETag"]
    assert english != chinese


def test_the_language_comes_from_the_url_not_the_browser(client, whitepaper):
    """One URL, one meaning: the page and its ETag ignore Accept-Language and cookies."""
    plain = client.get("/")
    client.cookies["django_language"] = "zh-hans"
    asked_for_chinese = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert asked_for_chinese["ETag"] == plain["ETag"]
    assert asked_for_chinese["Content-Language"] == "en"
    assert 'lang="en"' in asked_for_chinese.content.decode()
    assert "Accept-Language" not in asked_for_chinese.get("Vary", "")


def test_repeat_visit_is_served_from_the_page_cache(client, whitepaper, django_assert_num_queries):
    client.get("/statistics/?sort=-value")
    with django_assert_num_queries(1):  # the data version only
        response = client.get("/statistics/?sort=-value")
    assert "456 enterprises" in response.content.decode()


def test_an_edit_is_never_served_stale(client, whitepaper):
    assert "456 enterprises" in client.get("/").content.decode()
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    statistic.value = 457
    statistic.save()
    page = client.get("/").content.decode()
    assert '<span class="figure big">457 enterprises</span>' in page
    assert '<span class="figure big">456 enterprises</span>' not in page


def test_pages_differ_by_query_string_in_the_cache(client, whitepaper):
    first = client.get("/statistics/?sort=value").content.decode()
    second = client.get("/statistics/?sort=-value").content.decode()
    assert first != second


def test_a_slow_render_holds_no_other_request_up(rf, settings):
    """A request for a page that another request is still rendering does not wait for it:
    there is no lock for a slow render to hold others behind."""
    settings.PAGE_CACHE_SECONDS = 60
    first_is_rendering, release_first = threading.Event(), threading.Event()
    renders = []

    @cached_by_data_version
    def page(request):
        renders.append(request)
        if len(renders) == 1:
            first_is_rendering.set()
            assert release_first.wait(timeout=30)
        return HttpResponse("page")

    def ask():
        request = rf.get("/a-page/")
        request.data_version = "a version no other test uses"
        return page(request).content

    with ThreadPoolExecutor(max_workers=2) as pool:
        slow = pool.submit(ask)
        assert first_is_rendering.wait(timeout=30)
        # The same page, asked again while the first render is still running, answers.
        assert pool.submit(ask).result(timeout=10) == b"page"
        assert not slow.done()
        release_first.set()
        assert slow.result(timeout=30) == b"page"
    assert len(renders) == 2


def test_a_made_up_parameter_is_answered_but_not_cached(client, rf, whitepaper, settings):
    from reports.caching.freshness import page_cache_key

    settings.PAGE_CACHE_SECONDS = 60
    made_up = {"x": "random-1"}
    assert client.get("/", made_up).status_code == 200
    real = {"category": "startups", "sort": "-value"}
    assert client.get("/statistics/", real).status_code == 200
    assert cache.get(page_cache_key(rf.get("/", made_up))) is None
    assert cache.get(page_cache_key(rf.get("/statistics/", real))) is not None

"""One way to build a cache key (reports.caching.keys): every cached piece of a page or a
download is keyed by the data version, the site's release and the language."""

import pytest
from django.core.cache import caches

pytestmark = pytest.mark.django_db

PATHS = [
    "/statistics/?category=startups",
    "/statistics/?category=startups&page=2&per_page=1",
    "/statistics.csv?category=startups",
    "/zh-hans/regions/",
    "/downloads/dataset.zip",
]


@pytest.fixture
def written(monkeypatch):
    """The keys written to every cache from now on."""
    keys = []
    for backend in {type(caches["default"]), type(caches["paging"])}:
        for method in ("set", "add"):
            original = getattr(backend, method)

            def recording(self, key, *args, _original=original, **kwargs):
                keys.append(key)
                return _original(self, key, *args, **kwargs)

            monkeypatch.setattr(backend, method, recording)
    return keys


def visit(client):
    for path in PATHS:
        response = client.get(path)
        assert response.status_code == 200, path
        if response.streaming:
            b"".join(response.streaming_content)


def test_a_new_site_release_rebuilds_every_cached_piece(client, whitepaper, settings, written):
    visit(client)
    first = set(written)
    assert {key.split(":")[0] for key in first} >= {"page", "table", "filter-form"}

    written.clear()
    settings.SITE_RELEASE = "a-release-after-the-last"
    visit(client)
    second = set(written)
    assert len(second) == len(first)
    assert not first & second


def test_every_key_is_written_once_per_request(client, whitepaper, written):
    visit(client)
    assert len(written) == len(set(written))

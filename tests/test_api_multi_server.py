"""The API's rate limit is one count per client for every app server: two gunicorn servers on
one PostgreSQL database share it through Redis (REDIS_URL). Runs when the suite runs on
PostgreSQL with Redis, as in CI."""

import json
import os
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings

from tests import test_multi_server
from tests.local_server import isolated_env, manage, start_gunicorn, stop
from tests.test_multi_server import recreate_database, server_url

RATE = 10

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="needs PostgreSQL (run the suite with DATABASE_URL=postgres://...)",
)


def status(url):
    """(status, headers, body) of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_two_servers_share_one_count_per_client(monkeypatch):
    monkeypatch.setattr(test_multi_server, "DATABASE", "whitepaper_api_rate_limit")
    redis_url = os.environ.get("REDIS_URL") or settings.REDIS_URL
    if not redis_url:
        pytest.skip("REDIS_URL is not set")
    recreate_database()
    env = isolated_env(
        DATABASE_URL=server_url(),
        REDIS_URL=redis_url,
        DJANGO_SECRET_KEY="api-rate-secret-key-" + "0123456789abcdefghijklmnopqrstuvwxyz",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_API_REQUESTS_PER_MINUTE=str(RATE),
        WEB_CONCURRENCY="1",
    )
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "load_whitepaper")
    manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")
    # The count is per minute of the clock: start early in one, so that it is not reset
    # halfway through.
    if time.time() % 60 > 40:
        time.sleep(61 - time.time() % 60)
    (a, base_a), (b, base_b) = start_gunicorn(env), start_gunicorn(env)
    try:
        for number in range(RATE):
            base = (base_a, base_b)[number % 2]
            code, _headers, _body = status(f"{base}/api/v1/publications")
            assert code == 200, number
        for base in (base_a, base_b):
            code, headers, body = status(f"{base}/api/v1/statistics")
            assert code == 429
            assert headers["Content-Type"] == "application/problem+json"
            assert 1 <= int(headers["Retry-After"]) <= 60
            assert json.loads(body)["status"] == 429
        # The rest of the site is not limited.
        assert status(f"{base_a}/statistics/")[0] == 200
    finally:
        stop(a)
        stop(b)

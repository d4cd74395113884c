"""Several app servers on one PostgreSQL: an edit is never served stale by another server.

Two gunicorn processes share one PostgreSQL database, with a shared Redis cache (REDIS_URL)
or each with its own local-memory cache. Both pages are warmed, an edit is saved through the
admin of server A, and server B must show it on its very next request. Runs when the suite
runs on PostgreSQL (DATABASE_URL), as in CI.
"""

import http.cookiejar
import os
import re
import urllib.parse
import urllib.request

import psycopg
import pytest
from django.conf import settings

from tests.local_server import create_staff, isolated_env, manage, start_gunicorn, stop

#: One database per pytest-xdist worker: the two cases drop and create theirs, and may run at
#: the same time in two workers.
DATABASE = "whitepaper_multi_server" + os.environ.get("PYTEST_XDIST_WORKER", "")
PASSWORD = "multi-server-password-long"
#: The staff member's authenticator app (hex TOTP key): staff sign in with both factors.
TOTP_KEY = "3132333435363738393031323334353637383930"

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="needs PostgreSQL (run the suite with DATABASE_URL=postgres://...)",
    ),
    pytest.mark.slow,  # two gunicorns and a fresh database per case
]


def server_url():
    """DATABASE_URL with its database swapped for this test's own."""
    parts = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return urllib.parse.urlunsplit(parts._replace(path=f"/{DATABASE}"))


def recreate_database():
    db = settings.DATABASES["default"]
    with psycopg.connect(
        dbname="postgres",
        user=db["USER"],
        password=db["PASSWORD"],
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def fetch(url):
    return urllib.request.urlopen(url, timeout=10).read().decode("utf-8-sig")


def headline(base):
    page = urllib.request.urlopen(f"{base}/", timeout=10).read().decode()
    return re.findall(r'<span class="figure big">([^<]+)</span>', page)


class Staff:
    """An admin session, signed in on one server with both factors (a TOTP code signs in
    once). The session lives in the shared database, so ``at(base)`` carries it to another
    server."""

    def __init__(self, base):
        from django_otp.oath import totp

        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.opener.open(f"{base}/admin/login/").read()
        self.post("/admin/login/", {"username": "staff", "password": PASSWORD, "next": "/admin/"})
        code = f"{totp(bytes.fromhex(TOTP_KEY)):06d}"
        page = self.post("/admin/second-factor/?next=/admin/", {"code": code})
        assert "<title>Records |" in page, "the second factor was refused"

    def at(self, base):
        self.base = base
        return self

    def post(self, path, fields):
        csrf = next(c.value for c in self.jar if c.name == "csrftoken")
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": csrf}).encode()
        request = urllib.request.Request(
            self.base + path, data=data, headers={"Referer": self.base + path}
        )
        return self.opener.open(request, timeout=10).read().decode()

    def change_value(self, statistic_id, value):
        # A figure the source does not state, on a published record: confirmed, with a note.
        return self.change(
            statistic_id,
            value=value,
            confirm_mismatch="on",
            public_note="Testing freshness across servers.",
        )

    def change(self, statistic_id, **changes):
        path = f"/admin/whitepaper/statistic/{statistic_id}/change/"
        page = self.opener.open(self.base + path).read().decode()
        fields = dict(re.findall(r'<input type="\w+" name="(\w+)" value="([^"]*)"', page))
        selects = dict(
            re.findall(
                r'<select name="(\w+)"[^>]*>.*?<option value="([^"]*)" selected>', page, re.S
            )
        )
        textareas = dict(re.findall(r'<textarea name="(\w+)"[^>]*>\n?(.*?)</textarea>', page, re.S))
        form = {**selects, **textareas, **fields, "is_published": "on"}
        form.update({"public_note": "Testing freshness across servers.", **changes})
        form.pop("csrfmiddlewaretoken", None)
        return self.post(path, form)


@pytest.mark.parametrize("shared_cache", [True, False], ids=["redis", "local-memory"])
def test_edit_on_one_server_is_fresh_on_the_other(shared_cache):
    redis_url = os.environ.get("REDIS_URL") or settings.REDIS_URL
    if shared_cache and not redis_url:
        pytest.skip("REDIS_URL is not set")
    recreate_database()
    env = isolated_env(
        DATABASE_URL=server_url(),
        DJANGO_SECRET_KEY="multi-server-secret-key-" + "0123456789abcdefghijklmnopqrstuvwxyz",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_LOG_LEVEL="WARNING",
        WEB_CONCURRENCY="1",
    )
    if shared_cache:
        env["REDIS_URL"] = redis_url
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "load_whitepaper")
    create_staff(env, "staff", PASSWORD, key=TOTP_KEY)
    statistic_id = manage(
        env,
        "shell",
        "-c",
        "from whitepaper.models import Statistic; "
        "print(Statistic.objects.get(key='blockchain-enterprises').pk)",
    ).split()[-1]

    (a, base_a), (b, base_b) = start_gunicorn(env), start_gunicorn(env)
    try:
        for base in (base_a, base_b):  # warm both servers' caches
            assert "456 enterprises" in headline(base)
            assert "456 enterprises" in headline(base)
        staff = Staff(base_a)
        for value in ("457", "458"):
            result = staff.at(base_a).change_value(statistic_id, value)
            assert "was changed successfully" in result
            assert f"{value} enterprises" in headline(base_b)
            assert f"{value} enterprises" in headline(base_a)
        # The Chinese edition: an edit to a Chinese field shows on the Chinese page and in its
        # download at once, on both servers, and the English ones do not change.
        for base in (base_a, base_b):
            assert "以区块链为主营业务的企业" in fetch(f"{base}/zh-hans/")
            assert "以区块链为主营业务的企业" in fetch(f"{base}/zh-hans/statistics.csv")
        result = staff.at(base_b).change(statistic_id, value="456", label_zh="主营区块链业务的企业")
        assert "was changed successfully" in result
        for base in (base_a, base_b):
            assert "主营区块链业务的企业" in fetch(f"{base}/zh-hans/")
            assert "主营区块链业务的企业" in fetch(f"{base}/zh-hans/statistics.csv")
            assert "主营区块链业务的企业" not in fetch(f"{base}/statistics.csv")
    finally:
        stop(a)
        stop(b)

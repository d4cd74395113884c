"""Production settings, headers, login lockout, permissions and health."""

import os
import runpy
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.db import DatabaseError
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.conftest import STAFF_PASSWORD
from tests.local_server import isolated_env
from whitepaper.models import Statistic
from whitepaper.security import client_ip

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "production-like-secret-" + "0123456789abcdefghijklmnopqrstuvwxyz",
    "DJANGO_HTTPS": "1",
    "DJANGO_ALLOWED_HOSTS": "data.example.org",
    "EMAIL_URL": "smtp+tls://site%40example.org:mail-password@mail.example.org:587",
}


def production_settings(**extra):
    with mock.patch.dict(os.environ, {**PRODUCTION_ENV, **extra}):
        return runpy.run_path(str(ROOT / "whitepaper" / "settings.py"))


@pytest.mark.slow  # starts a Python process
def test_deploy_check_reports_nothing_in_production(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=isolated_env(**PRODUCTION_ENV, DJANGO_SQLITE_PATH=str(tmp_path / "db.sqlite3")),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_are_hardened():
    values = production_settings()
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 182 * 24 * 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"]
    assert values["ALLOWED_HOSTS"] == ["data.example.org"]


def test_hsts_options_are_configurable():
    values = production_settings(DJANGO_HSTS_PRELOAD="0", DJANGO_HSTS_INCLUDE_SUBDOMAINS="0")
    assert not values["SECURE_HSTS_PRELOAD"]
    assert not values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]


@pytest.fixture
def production(settings):
    for name in (
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
    ):
        setattr(settings, name, production_settings()[name])
    return settings


def assert_security_headers(response):
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "form-action 'self'" in csp
    assert "base-uri 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in response["Strict-Transport-Security"]


def test_http_is_redirected_to_https(client, production, db):
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"


@pytest.mark.parametrize("url", ["/", "/statistics/", "/admin/login/"])
def test_security_headers_in_production(client, production, whitepaper, url):
    response = client.get(url, secure=True)
    assert response.status_code == 200
    assert_security_headers(response)


def test_admin_cookies_are_secure_and_httponly(client, production, superuser):
    login = client.get("/admin/login/", secure=True)
    csrf = login.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    response = client.post(
        "/admin/login/",
        {
            "username": "admin",
            "password": STAFF_PASSWORD,
            "csrfmiddlewaretoken": csrf.value,
        },
        secure=True,
        REMOTE_ADDR="203.0.113.1",
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


class TestLockout:
    def attempt(self, client, username, password, address):
        return client.post(
            "/admin/login/",
            {"username": username, "password": password},
            REMOTE_ADDR=address,
        )

    def test_five_failures_lock_the_username_from_that_address(self, client, superuser):
        for _ in range(4):
            assert self.attempt(client, "admin", "wrong", "198.51.100.7").status_code == 200
        assert self.attempt(client, "admin", "wrong", "198.51.100.7").status_code == 429
        locked = self.attempt(client, "admin", STAFF_PASSWORD, "198.51.100.7")
        assert locked.status_code == 429
        assert "Sign-in locked" in locked.content.decode()

    def test_lock_does_not_reach_other_addresses(self, client, superuser):
        for _ in range(5):
            self.attempt(client, "admin", "wrong", "198.51.100.7")
        assert self.attempt(client, "admin", STAFF_PASSWORD, "192.0.2.20").status_code == 302

    def test_many_usernames_from_one_address_are_locked(self, client, superuser):
        for number in range(20):
            self.attempt(client, f"guess{number}", "wrong", "198.51.100.8")
        assert self.attempt(client, "admin", STAFF_PASSWORD, "198.51.100.8").status_code == 429

    def test_lock_is_released_after_the_cool_off(self, client, superuser, settings):
        for _ in range(5):
            self.attempt(client, "admin", "wrong", "198.51.100.9")
        assert self.attempt(client, "admin", STAFF_PASSWORD, "198.51.100.9").status_code == 429
        AccessAttempt.objects.update(
            attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
        )
        assert self.attempt(client, "admin", STAFF_PASSWORD, "198.51.100.9").status_code == 302

    def test_lockout_is_logged(self, client, superuser, caplog):
        for _ in range(5):
            self.attempt(client, "admin", "wrong", "198.51.100.10")
        messages = [record.getMessage() for record in caplog.records]
        assert any("Locking out" in m and "198.51.100.10" in m for m in messages)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.2.3.4", "10.0.0.1"),
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),
        (2, "6.6.6.6, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (1, "", "10.0.0.1"),
    ],
)
def test_client_ip_behind_trusted_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_staff_password_needs_fifteen_characters(db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="at least 15 characters"):
        validate_password("Sh0rt-but-ok!")
    validate_password("a long passphrase of words")


ADMIN_URLS = [
    "/admin/",
    "/admin/whitepaper/statistic/",
    "/admin/whitepaper/statistic/import/",
    "/admin/whitepaper/publication/1/change/",
    "/admin/auth/user/",
    "/admin/whitepaper/statistic/1/history/",
]


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_anonymous_users_reach_no_admin_page(client, whitepaper, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    "url",
    [
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/admin/auth/group/",
        "/admin/auth/group/add/",
        "/admin/auth/permission/",
    ],
)
def test_editors_cannot_manage_users_groups_or_permissions(editor_client, url):
    assert editor_client.get(url).status_code in (403, 404)


def test_editor_cannot_change_their_own_groups(editor_client, editor):
    response = editor_client.post(
        f"/admin/auth/user/{editor.pk}/change/", {"username": "editor", "is_superuser": "on"}
    )
    assert response.status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser


def test_non_staff_users_cannot_use_the_admin(client, db):
    user = User.objects.create_user("reader", password=STAFF_PASSWORD)
    client.force_login(user)
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/statistics/",
        "/statistics/?q=real+economy",
        "/statistics.csv",
        "/statistics.json",
        "/publications/miit-blockchain-white-paper-2018/",
        "/sitemap.xml",
    ],
)
def test_unpublished_records_leak_nowhere(client, whitepaper, url):
    Statistic.objects.filter(key="real-economy-startups").update(
        is_published=False, label="SECRET-UNPUBLISHED-LABEL"
    )
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"SECRET-UNPUBLISHED-LABEL" not in body
    assert b"real-economy-startups" not in body


def test_unpublished_records_leak_not_into_the_package(client, whitepaper):
    Statistic.objects.filter(key="real-economy-startups").update(
        is_published=False, label="SECRET-UNPUBLISHED-LABEL"
    )
    import io
    import zipfile

    response = client.get("/downloads/dataset.zip")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert all(b"SECRET-UNPUBLISHED-LABEL" not in archive.read(n) for n in archive.namelist())


def test_healthz_ok(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_503_when_the_database_fails(client, db):
    with mock.patch("reports.views.health.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_healthz_answers_plain_http_in_production(client, production, db):
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get("/about/").status_code == 301


@pytest.mark.parametrize(
    "url", ["/", "/statistics/", "/zh-hans/regions/", "/statistics.csv", "/downloads/dataset.zip"]
)
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_public_pages_are_read_only(client, whitepaper, url, method):
    # Refused by CSRF protection (403), and by the view itself (405) even without it.
    assert getattr(Client(enforce_csrf_checks=True), method)(url).status_code == 403
    assert getattr(client, method)(url).status_code == 405


def test_public_pages_set_no_cookie_and_skip_admin_middleware(client, whitepaper):
    response = client.get("/statistics/")
    assert response.cookies == {}
    assert not hasattr(response.wsgi_request, "session")
    assert not hasattr(response.wsgi_request, "user")


def test_the_admin_keeps_csrf_protection(db, superuser):
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    response = client.post("/admin/whitepaper/region/add/", {"name": "Tianjin"})
    assert response.status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/regions/",
        "/zh-hans/regions/",
        "/publications/miit-blockchain-white-paper-2018/",
        "/publications/miit-blockchain-white-paper-2018/regions/CN-BJ/",
        "/publications/miit-blockchain-white-paper-2018/regions/CN-BJ.json",
        "/search/?q=Beijing",
        "/search.json?q=Beijing",
    ],
)
def test_a_withdrawn_figure_is_not_shown_beside_its_regions(client, whitepaper, url):
    share = Statistic.objects.get(key="top-four-regions-share")
    share.is_published = False
    share.save()  # a new data version
    body = client.get(url).content
    assert b"top-four-regions-share" not in body
    assert b"over 80%" not in body.replace(
        b"over 80% of the blockchain companies",
        b"",  # the regions' own source sentence
    )
    assert "超过80%".encode() not in body


def test_the_deploy_check_warns_without_a_mail_server(settings):
    from whitepaper.mail import LOG_BACKEND, mail_server_set

    settings.EMAIL_BACKEND = LOG_BACKEND
    assert [warning.id for warning in mail_server_set(None)] == ["whitepaper.W001"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert mail_server_set(None) == []

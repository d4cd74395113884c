"""A real browser against the real server.

The site runs under gunicorn with production-like settings (DEBUG off, the real CSP, WhiteNoise
serving the collected static files) on its own SQLite copy of the white paper, and Debian's
Chromium is driven by Playwright. Without /usr/bin/chromium the tests are skipped, except
under CI=true, where a missing browser is a failure.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from tests.local_server import create_staff, isolated_env, manage, start_gunicorn, stop
from tests.smtp import SMTPServer

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "artifacts"
STAFF_PASSWORD = "browser-staff-password-long"
EDITOR_PASSWORD = "browser-editor-password-long"
PUBLISHER_PASSWORD = "browser-publisher-password-long"
#: The TOTP keys (hex) of the staff members' authenticator apps: one account per sign-in
#: through the form in a run, since a code is good for one sign-in (django-otp).
TOTP_KEYS = {
    "staff": "3132333435363738393031323334353637383930",
    "publisher-1280": "4142434445464748494a4b4c4d4e4f5051525354",
    "publisher-390": "6162636465666768696a6b6c6d6e6f7071727374",
}
ENGLISH_PATHS = [
    "/",
    "/statistics/",
    "/regions/",
    "/segments/",
    "/tendencies/",
    "/publications/miit-blockchain-white-paper-2018/",
    "/about/",
    "/for-programs/",
    "/releases/",
    "/search/?q=blockchain",
    "/no/such/page/",
]
#: Every public page in both languages: the Chinese twin of each at /zh-hans/, and a search
#: in Chinese.
PUBLIC_PATHS = [
    *ENGLISH_PATHS,
    *(f"/zh-hans{path}" for path in ENGLISH_PATHS),
    "/zh-hans/search/?q=%E5%8C%BA%E5%9D%97%E9%93%BE",  # 区块链
]
#: The pages of provenance: records, the source reader and the corrections log.
PUBLICATION = "/publications/miit-blockchain-white-paper-2018"
PROVENANCE_PATHS = [
    f"{PUBLICATION}/statistics/blockchain-enterprises/",
    f"/zh-hans{PUBLICATION}/statistics/blockchain-enterprises/",
    f"{PUBLICATION}/regions/CN-BJ/",
    f"/zh-hans{PUBLICATION}/tendencies/4/",
    f"{PUBLICATION}/findings/first-official-white-paper/",
    f"{PUBLICATION}/source/",
    f"/zh-hans{PUBLICATION}/source/",
    "/changes/",
    "/zh-hans/changes/",
    f"/releases/1.0.0{PUBLICATION}/statistics/blockchain-enterprises/",
    f"/zh-hans/releases/1.0.0{PUBLICATION}/regions/CN-BJ/",
]
PUBLIC_PATHS += PROVENANCE_PATHS
#: The embeds other sites frame (issue 29): a record, live and as of a release, and a chart.
EMBED_PATHS = [
    f"/embed{PUBLICATION}/statistics/blockchain-enterprises/",
    f"/zh-hans/embed/releases/1.0.0{PUBLICATION}/regions/CN-BJ/",
    "/embed/charts/startups/",
    "/zh-hans/embed/charts/regional-concentration/",
]
PUBLIC_PATHS += EMBED_PATHS
#: The forms that ask for e-mails when a release changes a record, a table, every release.
FOLLOW_PATHS = [
    f"{PUBLICATION}/statistics/blockchain-enterprises/follow/",
    "/zh-hans/statistics/follow/",
    "/releases/follow/",
]
PUBLIC_PATHS += FOLLOW_PATHS
#: Two changes to a published figure, one of them minor, so that the corrections log and
#: the figure's page have entries to show (and to check).
SEED_CHANGES = """
from whitepaper.models import Statistic
figure = Statistic.objects.get(key="blockchain-enterprises")
figure.note = "Checked against the source text."
figure._change_reason = "Checked the figure against the source."
figure.save()
figure.note_zh = "已对照来源核对。"
figure._change_reason = "Chinese note added."
figure._minor_change = True
figure.save()
"""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
            # One pytest-xdist worker runs them all (`--dist loadgroup`): one gunicorn and one
            # Chromium for the run, and one writer of artifacts/screenshots, which the
            # `screenshots` fixture empties first.
            item.add_marker(pytest.mark.xdist_group("browser"))
    if Path(CHROMIUM).exists() or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}: apt-get install chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def copy_static_files(env, target):
    """The static files `make test` collected (its `setup` step, just before), copied: a
    copy of its own, so that nothing rewrites them while other tests read the checkout's.
    Without them (pytest run on its own in a new checkout), collected here: 17 s, most of
    it compressing."""
    collected = Path(settings.STATIC_ROOT)
    if (collected / "staticfiles.json").exists():
        shutil.copytree(collected, target)
    else:
        manage(env, "collectstatic", "--noinput")


@pytest.fixture(scope="session")
def site_mail():
    """The mail server of the site the browser tests run: what it sends, as received."""
    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def site(tmp_path_factory, site_mail):
    """The base URL of a gunicorn serving a fresh copy of the site."""
    workdir = tmp_path_factory.mktemp("browser-site")
    env = isolated_env(
        EMAIL_URL=site_mail.url,
        EMAIL_FROM="White paper data <noreply@example.org>",
        DJANGO_SQLITE_PATH=str(workdir / "site.sqlite3"),
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        DJANGO_SECRET_KEY="browser-test-secret-key-" + "0123456789abcdefghijklmnopqrstuvwxyz",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_LOCKOUT_MINUTES="1",
    )
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "load_whitepaper")
    manage(env, "shell", "-c", SEED_CHANGES)
    copy_static_files(env, workdir / "static")
    create_staff(env, "staff", STAFF_PASSWORD, key=TOTP_KEYS["staff"])
    create_staff(env, "editor", EDITOR_PASSWORD, superuser=False, editor=True)
    for name in ("publisher-1280", "publisher-390"):
        create_staff(
            env, name, PUBLISHER_PASSWORD, superuser=False, group="Publishers", key=TOTP_KEYS[name]
        )
    with open(workdir / "gunicorn.log", "w") as log:
        server, base = start_gunicorn(env, log=log)
        yield base
        stop(server)


def code_for(username):
    """The code the staff member's authenticator app shows now."""
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(TOTP_KEYS[username])):06d}"


def sign_in(page, site, username, password):
    """Through the sign-in form, then the second factor where the account has one."""
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    if username in TOTP_KEYS:
        page.get_by_label("Code from your authenticator app").fill(code_for(username))
        page.get_by_role("button", name="Sign in").click()


@pytest.fixture(scope="session")
def staff_cookies(site):
    """The superuser "staff" signed in once, with both factors, over HTTP: the session
    cookies for the browser tests that need a signed-in admin but not the sign-in itself
    (a TOTP code signs in once)."""
    import http.cookiejar
    import re
    import urllib.parse
    import urllib.request

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def post(path, fields):
        page = opener.open(site + path).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(site + path, data=data, headers={"Referer": site + path})
        return opener.open(request).geturl()

    post("/admin/login/?next=/admin/", {"username": "staff", "password": STAFF_PASSWORD})
    landed = post("/admin/second-factor/?next=/admin/", {"code": code_for("staff")})
    assert landed.endswith("/admin/"), landed
    return [{"name": c.name, "value": c.value, "url": site} for c in jar]


@pytest.fixture(scope="module")
def browser():
    """Chromium, for one module's tests. Not for the session: Playwright's event loop runs
    while it is open, and Django refuses database calls from a thread with a running loop, so
    the tests this worker runs after the browser tests would fail."""
    # Reached only under CI=true (elsewhere the tests are skipped at collection, and an error
    # there would be lost in a pytest-xdist worker): each test that needs Chromium fails.
    if not Path(CHROMIUM).exists():
        pytest.fail(f"CI=true but there is no Chromium at {CHROMIUM}", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class ConsoleWatch:
    """Console errors, page errors, failed requests and 4xx/5xx responses of one page."""

    def __init__(self, page):
        self.problems = []
        # "Failed to load resource" repeats what the response check below reports precisely.
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and not message.text.startswith("Failed to load resource")
                and self.problems.append(message.text)
            ),
        )
        page.on("pageerror", lambda error: self.problems.append(str(error)))
        page.on(
            "requestfailed",
            lambda request: self.problems.append(f"failed: {request.url} {request.failure}"),
        )
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and "/no/such/page/" not in response.url
                and self.problems.append(f"{response.status}: {response.url}")
            ),
        )


def open_page(browser, site, path, width, height=900, **options):
    """A page of the site in a new context of the given size, its console watched; once its
    load event has fired every resource is in (the site's scripts request nothing after it)."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    page.console = ConsoleWatch(page)
    page.goto(site + path)
    return context, page


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console = ConsoleWatch(page)
    yield page
    context.close()


@pytest.fixture
def axe_page(browser):
    """A page that may inject axe-core (CSP bypassed in this context only)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` in tests/browser")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots():
    folder = ARTIFACTS / "screenshots"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.smtp import SMTPServer
from tests.whitepaper_snapshot import WhitepaperSnapshot
from tests.worker_cache import caches_of_worker
from whitepaper.models import Publication

STAFF_PASSWORD = "a-long-enough-staff-password"


@pytest.fixture(scope="session")
def loaded_whitepaper(django_db_setup, django_db_blocker):
    """What `load_whitepaper` writes (every row of the whitepaper app and release 1.0.0's
    files), found once per worker in a transaction that is then rolled back."""
    storage = {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    with (
        django_db_blocker.unblock(),
        override_settings(STORAGES={**settings.STORAGES, "releases": storage}),
        transaction.atomic(),
    ):
        call_command("load_whitepaper", verbosity=0)
        snapshot = WhitepaperSnapshot.take()
        transaction.set_rollback(True)
    return snapshot


@pytest.fixture
def whitepaper(loaded_whitepaper, db):
    """The white paper's records, as `make run` loads them (release 1.0.0 included): the rows
    `load_whitepaper` writes, inserted again (a few queries instead of its 0.3 s of checks,
    history, search documents and release)."""
    loaded_whitepaper.restore()
    return Publication.objects.get(slug="miit-blockchain-white-paper-2018")


class StaffClient(Client):
    """Django's test client whose force_login also stands for the second factor, where the
    user has set one up (as a sign-in through both steps would; whitepaper.two_factor)."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None:
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()


@pytest.fixture
def client():
    return StaffClient()


def with_second_factor(user):
    """The user with an authenticator app set up (its device)."""
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user


def staff_member(username, role):
    user = User.objects.create_user(
        username, f"{username}@example.com", STAFF_PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def superuser(db):
    user = User.objects.create_superuser("admin", "admin@example.com", STAFF_PASSWORD)
    return with_second_factor(user)


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's, signed in with both factors."""
    client.force_login(with_second_factor(admin_user))
    return client


@pytest.fixture
def editor(db):
    return staff_member("editor", "Editors")


@pytest.fixture
def publisher(db):
    return with_second_factor(staff_member("publisher", "Publishers"))


@pytest.fixture
def administrator(db):
    return with_second_factor(staff_member("administrator", "Administrators"))


@pytest.fixture
def publisher_client(publisher):
    """A client of its own, signed in as a Publisher with both factors."""
    client = StaffClient()
    client.force_login(publisher)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """MD5 instead of PBKDF2 (a million rounds) for the passwords the tests set and check:
    a third of a second of CPU per staff account and per login attempt, hundreds of times
    (Django's own advice for a faster suite). What the tests check about passwords (the
    validators, the lockout) does not depend on the hasher; production keeps its own."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def cache_of_this_worker(worker_id):
    """Under pytest-xdist with REDIS_URL, each worker's keys apart (tests/worker_cache.py)."""
    if worker_id == "master" or not settings.REDIS_URL:
        yield
        return
    with override_settings(CACHES=caches_of_worker(settings.CACHES, worker_id)):
        yield


@pytest.fixture(autouse=True)
def bookmarks_found_in_the_request(settings):
    """A thread finding bookmarks would read the database outside the test's transaction;
    tests/test_pagination.py tests the thread itself."""
    settings.FIND_BOOKMARKS_IN_BACKGROUND = False


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with no cached pages (the local-memory cache outlives a test)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def release_files_in_memory(settings):
    """Releases published in a test (load_whitepaper publishes 1.0.0) are kept in memory,
    a new storage per test, never in data/releases/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "releases": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture
def smtp_server(settings, monkeypatch):
    """A real SMTP server (aiosmtpd) for this test, the site's mail settings pointed at it
    through EMAIL_URL as the settings read it; its messages in ``smtp_server.messages``."""
    from whitepaper.env import env_email_url

    server = SMTPServer().start()
    monkeypatch.setenv("EMAIL_URL", server.url)
    for name, value in env_email_url("EMAIL_URL").items():
        setattr(settings, name, value)
    settings.DEFAULT_FROM_EMAIL = "White paper data <noreply@example.org>"
    yield server
    server.stop()

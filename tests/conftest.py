import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from whitepaper.models import Publication

STAFF_PASSWORD = "a-long-enough-staff-password"


@pytest.fixture
def whitepaper(db):
    """The white paper's records, loaded as `make run` loads them."""
    call_command("load_whitepaper", verbosity=0)
    return Publication.objects.get(slug="miit-blockchain-white-paper-2018")


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("admin", "admin@example.com", STAFF_PASSWORD)


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", "editor@example.com", STAFF_PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


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

"""Roles for a newsroom: what Editors, Publishers and Administrators may each do in the
admin (whitepaper.roles)."""

import pytest
from axes.models import AccessLog
from django.contrib.auth.models import Group, User
from django.urls import reverse

from tests.conftest import StaffClient
from whitepaper.models import Release, Statistic, Tendency

pytestmark = pytest.mark.django_db

#: (URL name, its arguments' finder) → which roles may open it (200) and which may not (403).
PAGES = {
    "admin:whitepaper_statistic_change": ("Editors", "Publishers", "Administrators"),
    "admin:whitepaper_statistic_import": ("Editors", "Publishers", "Administrators"),
    "admin:whitepaper_release_changelist": ("Editors", "Publishers", "Administrators"),
    "admin:whitepaper_release_publish": ("Publishers", "Administrators"),
    "admin:whitepaper_region_add": ("Publishers", "Administrators"),
    "admin:whitepaper_region_import": ("Publishers", "Administrators"),
    "admin:whitepaper_hotkeyword_changelist": ("Publishers", "Administrators"),
    "admin:whitepaper_searchcount_changelist": ("Publishers", "Administrators"),
    "admin:whitepaper_subscription_changelist": ("Publishers", "Administrators"),
    "admin:whitepaper_notification_changelist": ("Publishers", "Administrators"),
    "admin:auth_user_changelist": ("Administrators",),
    "admin:auth_group_changelist": ("Administrators",),
    "admin:otp_totp_totpdevice_changelist": ("Administrators",),
    "admin:axes_accesslog_changelist": ("Administrators",),
}
ROLES = ["Editors", "Publishers", "Administrators"]


def url_of(name, whitepaper):
    if name.endswith("_change"):
        return reverse(name, args=[Statistic.objects.first().pk])
    return reverse(name)


@pytest.fixture
def signed_in(editor, publisher, administrator):
    """A client signed in (both factors where the role has them) per role."""
    clients = {}
    for role, user in zip(ROLES, (editor, publisher, administrator), strict=True):
        clients[role] = StaffClient()
        clients[role].force_login(user)
    return clients


@pytest.mark.parametrize("name", PAGES)
def test_each_role_reaches_its_pages_and_no_other(signed_in, whitepaper, name):
    got = {role: signed_in[role].get(url_of(name, whitepaper)).status_code for role in ROLES}
    assert got == {role: 200 if role in PAGES[name] else 403 for role in ROLES}


def test_an_editor_cannot_publish_and_a_publisher_can(signed_in, whitepaper):
    Tendency.objects.get(number=6).delete()
    url = reverse("admin:whitepaper_release_publish")
    refused = signed_in["Editors"].post(url, {"notes": "Withdrew a tendency."})
    assert refused.status_code == 403
    assert Release.objects.latest_release().version == "1.0.0"
    editors_list = signed_in["Editors"].get(reverse("admin:whitepaper_release_changelist"))
    assert "Publish a release" not in editors_list.content.decode()

    response = signed_in["Publishers"].post(url, {"notes": "Withdrew a tendency."})
    assert response.status_code == 302
    assert Release.objects.latest_release().version == "1.1.0"


def test_an_editor_sees_no_menu_for_shared_lists(signed_in, whitepaper):
    index = signed_in["Editors"].get(reverse("admin:index")).content.decode()
    assert "Statistics" in index
    assert "Hot search keywords" not in index
    assert "Users" not in index
    publishers = signed_in["Publishers"].get(reverse("admin:index")).content.decode()
    assert "Hot search keywords" in publishers and "Releases" in publishers


def test_sign_in_records_are_kept_read_only_even_for_a_superuser(client, superuser):
    AccessLog.objects.create(username="editor", ip_address="127.0.0.1", user_agent="test")
    client.force_login(superuser)
    record = AccessLog.objects.get(username="editor")
    change = client.get(reverse("admin:axes_accesslog_change", args=[record.pk]))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    delete = client.post(reverse("admin:axes_accesslog_delete", args=[record.pk]), {"post": "yes"})
    assert delete.status_code == 403
    assert AccessLog.objects.filter(pk=record.pk).exists()


def test_every_role_is_a_group_made_by_a_migration(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)


def test_an_administrator_cannot_make_anyone_a_superuser(signed_in, editor):
    url = reverse("admin:auth_user_change", args=[editor.pk])
    page = signed_in["Administrators"].get(url).content.decode()
    assert 'name="is_superuser"' not in page
    assert not User.objects.get(pk=editor.pk).is_superuser

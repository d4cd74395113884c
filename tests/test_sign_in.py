"""Signing in like a careful newsroom: a second factor where the role requires it, password
reset by e-mail through a real SMTP server, sessions that end when idle."""

import re
import time

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import STAFF_PASSWORD, StaffClient, staff_member
from whitepaper import idle_timeout

pytestmark = pytest.mark.django_db

STATISTICS = "/admin/whitepaper/statistic/"


def code_of(device):
    """The code the staff member's app shows now."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def sign_in(client, username, password=STAFF_PASSWORD):
    """The first step, through the sign-in form (django-axes needs the request)."""
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": STATISTICS},
    )


@pytest.mark.parametrize("role", ["Publishers", "Administrators", "superuser"])
def test_without_a_second_factor_the_admin_is_out_of_reach(client, role):
    if role == "superuser":
        user = User.objects.create_superuser("boss", "boss@example.com", STAFF_PASSWORD)
    else:
        user = staff_member("someone", role)
    client.force_login(user)  # the password step only
    for url in (reverse("admin:index"), STATISTICS, reverse("admin:auth_user_changelist")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:second_factor"))
    assert (
        "Set up two-factor sign-in" in client.get(reverse("admin:second_factor")).content.decode()
    )


def test_an_editor_without_one_reaches_the_admin(client, editor):
    client.force_login(editor)
    assert client.get(STATISTICS).status_code == 200


def test_a_superuser_sets_up_the_second_factor_at_first_sign_in(client):
    User.objects.create_superuser("boss", "boss@example.com", STAFF_PASSWORD)
    response = sign_in(client, "boss")
    assert response.status_code == 302
    second = client.get(response["Location"], follow=True)
    page = second.content.decode()
    assert "Set up two-factor sign-in" in page
    assert '<div class="qr-code"><svg' in page  # the QR code, inline
    device = TOTPDevice.objects.get(user__username="boss", confirmed=False)

    wrong = client.post(reverse("admin:second_factor"), {"code": "000000", "next": STATISTICS})
    assert "This code is not right" in wrong.content.decode()
    assert client.get(STATISTICS).status_code == 302

    device.throttling_failure_timestamp = None  # no waiting in a test
    device.throttling_failure_count = 0
    device.save()
    right = client.post(
        reverse("admin:second_factor"), {"code": code_of(device), "next": STATISTICS}
    )
    assert right.status_code == 302 and right["Location"] == STATISTICS
    assert client.get(STATISTICS).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_the_next_sign_in_asks_for_the_code(superuser):
    device = TOTPDevice.objects.get(user=superuser)
    client = StaffClient()
    response = sign_in(client, "admin")
    page = client.get(response["Location"], follow=True).content.decode()
    assert "Enter the six-digit code" in page and "qr-code" not in page
    client.post(reverse("admin:second_factor"), {"code": code_of(device), "next": STATISTICS})
    assert client.get(STATISTICS).status_code == 200


def test_wrong_codes_count_towards_the_lockout(superuser, settings):
    client = StaffClient()
    sign_in(client, "admin")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(reverse("admin:second_factor"), {"code": "123456"})
    assert response.status_code == 429
    assert "Sign-in locked" in response.content.decode()


def test_an_idle_session_expires(client, editor, settings):
    client.force_login(editor)
    assert client.get(STATISTICS).status_code == 200
    session = client.session
    # The editor's last request was longer ago than the idle timeout.
    session[idle_timeout.LAST_SEEN] = int(time.time()) - settings.STAFF_IDLE_SECONDS - 5
    session.save()
    response = client.get(STATISTICS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    follow = client.get(response["Location"]).content.decode()
    assert (
        f"signed out after {settings.STAFF_IDLE_SECONDS // 60} minutes without activity" in follow
    )
    assert client.get(STATISTICS).status_code == 302  # signed out for good


def test_an_active_session_does_not_expire(client, editor, settings):
    client.force_login(editor)
    client.get(STATISTICS)
    session = client.session
    session[idle_timeout.LAST_SEEN] = int(time.time()) - settings.STAFF_IDLE_SECONDS + 60
    session.save()
    assert client.get(STATISTICS).status_code == 200


def test_a_session_ends_after_a_working_day_however_active(client, editor, settings):
    client.force_login(editor)
    client.get(STATISTICS)
    session = client.session
    session[idle_timeout.SIGNED_IN_AT] = int(time.time()) - settings.SESSION_COOKIE_AGE - 5
    session.save()
    assert client.get(STATISTICS).status_code == 302


def test_password_reset_by_email_through_a_real_smtp_server(client, editor, smtp_server):
    login_page = client.get(reverse("admin:login")).content.decode()
    assert reverse("admin_password_reset") in login_page  # "Forgotten your password?"
    # Locked out first: five wrong passwords.
    for _ in range(5):
        sign_in(client, "editor", password="not the password")
    locked = sign_in(client, "editor")
    assert locked.status_code == 429
    assert "Try again in 15 minutes." in locked.content.decode()
    assert f'href="{reverse("admin_password_reset")}"' in locked.content.decode()

    response = client.post(reverse("admin_password_reset"), {"email": "editor@example.com"})
    assert response.status_code == 302
    [message] = smtp_server.messages
    assert message["To"] == "editor@example.com"
    assert message["From"] == "White paper data <noreply@example.org>"
    link = re.search(r"http://testserver(/admin/reset/\S+/)", smtp_server.inbox.text_of(message))
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    new_password = "a-new-and-long-enough-password"
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    # The reset lifted the lock: the new password signs in.
    assert sign_in(client, "editor", password=new_password).status_code == 302
    assert client.get(STATISTICS).status_code == 200


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, smtp_server):
    response = client.post(reverse("admin_password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert smtp_server.messages == []


def test_the_admin_switches_language(client, editor):
    client.force_login(editor)
    page = client.get(STATISTICS).content.decode()
    assert 'lang="zh-hans"' in page and "简体中文" in page
    response = client.post(
        reverse("set_language"), {"language": "zh-hans", "next": STATISTICS}, follow=True
    )
    assert response.redirect_chain[-1][0] == STATISTICS
    assert "统计数据" in response.content.decode()
    # The public pages keep the language of their URL.
    assert client.get("/statistics/")["Content-Language"] == "en"

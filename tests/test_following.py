"""Following a figure by e-mail, with a real SMTP server (tests/smtp.py): double opt-in,
one message per release in the reader's language, one-click unsubscribe (RFC 8058), limits
that reveal nothing, and an outbox that a crash neither empties nor repeats."""

import io
import re
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reports.following import sending, subscribing, tokens
from reports.releases import outbox, publish
from tests.test_admin import admin_url, statistic_form
from whitepaper.models import Notification, Release, Statistic, Subscription

pytestmark = pytest.mark.django_db

BASE = "/publications/miit-blockchain-white-paper-2018"
RECORD = f"{BASE}/statistics/blockchain-enterprises/"
LINK = re.compile(r"https?://\S+")


@pytest.fixture(autouse=True)
def fresh_limits():
    """The limits count in the shared cache: each test starts from none."""
    caches["shared"].clear()


def ask(client, page, email, **extra):
    return client.post(f"{page}follow/", {"email": email}, **extra)


def text(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def to(server, address):
    return [m for m in server.messages if m["To"] == address]


def link_to(message, path_part):
    [url] = [url for url in LINK.findall(text(message)) if path_part in url]
    return url.removeprefix("http://127.0.0.1:8000")


def confirm(client, message):
    path = link_to(message, "/follow/confirm/")
    assert client.get(path).status_code == 200  # a page with a button: opening it is not enough
    response = client.post(path)
    assert response.status_code == 200
    return response


def visible(response):
    """The words of a page's main part, without its form's one-time token."""
    main = response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).strip()


def correct_the_chinese_label(editor_client):
    statistic = Statistic.objects.get(key="blockchain-enterprises")
    response = editor_client.post(
        admin_url(Statistic, "change", statistic.pk),
        statistic_form(
            statistic, label_zh="以区块链为主业的企业", public_note="Reworded the Chinese label."
        ),
    )
    assert response.status_code == 302


def test_followers_get_one_message_per_release_in_their_language(
    client,
    smtp_server,
    whitepaper,
    editor_client,
    publisher_client,
    django_capture_on_commit_callbacks,
):
    first = ask(client, RECORD, "reader@example.org")
    assert first.status_code == 200
    assert ask(client, "/zh-hans/statistics/", "duzhe@example.org").status_code == 200
    assert ask(client, RECORD, "never-confirms@example.org").status_code == 200
    assert len(smtp_server.messages) == 3  # one confirmation each, nothing else
    [english] = to(smtp_server, "reader@example.org")
    [chinese] = to(smtp_server, "duzhe@example.org")
    assert english["Subject"].startswith("Confirm: e-mails about")
    assert "确认" in chinese["Subject"] and "/zh-hans/follow/confirm/" in text(chinese)
    assert "确认" in visible(confirm(client, chinese))
    assert "You will get an e-mail" in visible(confirm(client, english))

    # Asking again answers the same page; only the address itself is told.
    again = ask(client, RECORD, "reader@example.org")
    assert visible(again) == visible(first)
    already = to(smtp_server, "reader@example.org")[-1]
    assert already["Subject"].startswith("You already follow")

    correct_the_chinese_label(editor_client)
    with django_capture_on_commit_callbacks() as after_commit:
        response = publisher_client.post(
            reverse("admin:whitepaper_release_publish"),
            {"notes": "Reworded a label.", "notes_zh": "改写了一个标签。"},
        )
    assert response.status_code == 302
    assert sending.send_in_background in after_commit  # publishing starts a send after its commit
    release = Release.objects.latest_release()
    assert Notification.objects.filter(release=release).count() == 2  # the confirmed two

    before = len(smtp_server.messages)
    call_command("send_notifications", stdout=io.StringIO(), stderr=io.StringIO())
    notices = smtp_server.messages[before:]
    assert sorted(m["To"] for m in notices) == ["duzhe@example.org", "reader@example.org"]

    [notice] = [m for m in notices if m["To"] == "reader@example.org"]
    assert (
        notice["Subject"]
        == f"Release {release.version} changes Enterprises with blockchain as their main business"
    )
    body = text(notice)
    assert "Label (Chinese): 以区块链为主营业务的企业 → 以区块链为主业的企业" in body
    assert f"/releases/{release.version}{RECORD}" in body
    assert notice.get_body(preferencelist=("html",)) is not None

    [zh_notice] = [m for m in notices if m["To"] == "duzhe@example.org"]
    zh_body = text(zh_notice)
    assert f"/zh-hans/releases/{release.version}{RECORD}" in zh_body
    assert "版本" in zh_notice["Subject"] and "标签（中文）" in zh_body

    assert not [m for m in notices if m["To"] == "never-confirms@example.org"]

    # One click (RFC 8058): a POST to the header's URL deletes the address.
    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = notice["List-Unsubscribe"].strip().strip("<>").removeprefix("http://127.0.0.1:8000")
    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.filter(email="reader@example.org").exists()
    assert Subscription.objects.filter(email="duzhe@example.org").exists()


def confirmed(email, target=Subscription.Target.RELEASES, **fields):
    return Subscription.objects.create(
        email=email,
        language="en",
        target=target,
        follows=Subscription.follows_key(target, **fields),
        confirmed_at=timezone.now(),
        **fields,
    )


def owed(count, whitepaper):
    """A release owed to ``count`` followers of every release."""
    for number in range(count):
        confirmed(f"follower{number}@example.org")
    release = Release.objects.latest_release()
    return [
        Notification.objects.create(subscription=s, release=release)
        for s in Subscription.objects.order_by("pk")
    ]


def test_publishing_writes_the_messages_it_owes_in_its_own_transaction(whitepaper, monkeypatch):
    confirmed("all@example.org")
    Statistic.objects.filter(key="blockchain-enterprises").update(label_zh="以区块链为主业的企业")

    def fail(release):
        raise RuntimeError("the outbox could not be written")

    monkeypatch.setattr(outbox, "owe", fail)
    with pytest.raises(RuntimeError):
        publish.publish({"en": "Corrections."})
    assert Release.objects.count() == 1 and not Notification.objects.exists()  # neither

    monkeypatch.undo()
    release = publish.publish({"en": "Corrections."}).release
    assert list(Notification.objects.values_list("release", "state")) == [(release.pk, "pending")]


def test_an_unconfirmed_address_is_owed_nothing_and_a_record_follower_only_its_record(whitepaper):
    confirmed("table@example.org", Subscription.Target.TABLE, table="tendencies")
    Subscription.objects.create(
        email="waiting@example.org", language="en", target="releases", follows="releases"
    )
    Statistic.objects.filter(key="blockchain-enterprises").update(label_zh="以区块链为主业的企业")
    publish.publish({"en": "Corrections."})
    assert not Notification.objects.exists()


class Crash(BaseException):
    """A kill: not an Exception, so nothing on the way catches it."""


def crash_once(monkeypatch, target, name, at):
    """Make ``target.name`` die at its ``at``-th call (counting from 1), once."""
    real = getattr(target, name)
    calls = {"n": 0}

    def dying(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == at:
            raise Crash
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, dying)


def deliveries(server):
    counts = {}
    for message in server.messages:
        counts.setdefault(message["To"], []).append(message["Message-ID"])
    return counts


@pytest.mark.parametrize(
    "step",
    [
        "before claiming",
        "after claiming, before sending",
        "after sending, before marking it sent",
        "after marking it sent",
    ],
)
def test_a_crash_at_any_step_loses_nothing_and_repeats_at_most_the_message_in_flight(
    whitepaper, smtp_server, monkeypatch, step
):
    notifications = owed(5, whitepaper)
    from reports.following import mail

    if step == "before claiming":
        crash_once(monkeypatch, sending, "claim", 3)
    elif step == "after claiming, before sending":
        crash_once(monkeypatch, mail, "release_notice", 3)
    elif step == "after sending, before marking it sent":
        crash_once(monkeypatch, sending, "mark_sent", 3)
    else:
        real = sending.mark_sent
        calls = {"n": 0}

        def mark_then_die(notification):
            real(notification)
            calls["n"] += 1
            if calls["n"] == 3:
                raise Crash

        monkeypatch.setattr(sending, "mark_sent", mark_then_die)
    with pytest.raises(Crash):
        sending.send_pending()
    monkeypatch.undo()

    # The next run, once a dead sender's lease is over, sends what is left.
    Notification.objects.filter(state="sending").update(
        claimed_at=timezone.now() - Notification.LEASE - timedelta(seconds=1)
    )
    sending.send_pending()

    got = deliveries(smtp_server)
    addresses = [n.subscription.email for n in notifications]
    assert sorted(got) == sorted(addresses)  # none lost
    in_flight = addresses[2]
    for address in addresses:
        ids = got[address]
        if step == "after sending, before marking it sent" and address == in_flight:
            assert len(ids) == 2 and ids[0] == ids[1]  # the one in flight, same Message-ID
        else:
            assert len(ids) == 1, address
    assert set(Notification.objects.values_list("state", flat=True)) == {"sent"}


def test_a_message_the_server_cannot_take_is_retried_with_back_off_then_shown_to_staff(
    whitepaper, settings, admin_client
):
    from tests.local_server import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens
    [notification] = owed(1, whitepaper)
    waits = []
    for _ in range(sending.MAX_ATTEMPTS):
        tally = sending.send_pending()
        notification.refresh_from_db()
        waits.append(notification.next_attempt_at - timezone.now())
        Notification.objects.filter(pk=notification.pk).update(next_attempt_at=timezone.now())
    assert tally.given_up == 1 and notification.state == "failed"
    assert notification.attempts == sending.MAX_ATTEMPTS and "Connection" in notification.last_error
    minutes = [round(wait.total_seconds() / 60) for wait in waits[:-1]]
    assert minutes == [5, 10, 20, 40, 80]
    page = admin_client.get(admin_url(Notification, "changelist") + "?state=failed")
    assert "gave up" in page.content.decode()
    assert notification.subscription.email not in page.content.decode()


def test_the_limits_refuse_the_client_and_spare_the_address_without_telling(
    client, smtp_server, whitepaper
):
    pages = [
        ask(client, RECORD, "target@example.org") for _ in range(subscribing.ADDRESS_LIMIT + 1)
    ]
    assert {page.status_code for page in pages} == {200}
    assert len({visible(page) for page in pages}) == 1  # the same answer each time
    assert len(smtp_server.messages) == subscribing.ADDRESS_LIMIT  # then no more to that address
    for number in range(subscribing.CLIENT_LIMIT - len(pages)):
        assert ask(client, RECORD, f"other{number}@example.org").status_code == 200
    refused = ask(client, RECORD, "one-more@example.org")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert not Subscription.objects.filter(email="one-more@example.org").exists()
    other_client = ask(client, RECORD, "one-more@example.org", REMOTE_ADDR="192.0.2.9")
    assert other_client.status_code == 200


def test_bad_input_is_answered_and_changes_nothing(client, smtp_server, whitepaper):
    response = ask(client, RECORD, "not an address")
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert not Subscription.objects.exists() and not smtp_server.messages
    assert client.get(f"{BASE}/statistics/no-such-figure/follow/").status_code == 404
    assert client.get("/follow/confirm/forged/").status_code == 404
    assert client.post("/follow/confirm/forged/").status_code == 404
    assert client.get("/follow/unsubscribe/forged:token/").status_code == 404
    assert client.post("/follow/unsubscribe/forged:token/").status_code == 404


def test_a_confirmation_link_expires_and_the_address_is_deleted(
    client, smtp_server, whitepaper, monkeypatch
):
    ask(client, RECORD, "late@example.org")
    [message] = smtp_server.messages
    path = link_to(message, "/follow/confirm/")
    later = timezone.now() + timedelta(days=tokens.CONFIRM_DAYS, minutes=1)
    import time

    monkeypatch.setattr(time, "time", lambda: later.timestamp())
    assert client.post(path).status_code == 410
    assert Subscription.objects.get().confirmed_at is None
    monkeypatch.setattr(timezone, "now", lambda: later)
    sending.send_pending()
    assert not Subscription.objects.exists()


def test_unsubscribing_from_the_page_asks_first_and_can_delete_every_follow(
    client, smtp_server, whitepaper
):
    for page in (RECORD, "/statistics/"):
        ask(client, page, "both@example.org")
    for message in smtp_server.messages:
        confirm(client, message)
    path = link_to(smtp_server.messages[0], "/follow/unsubscribe/")
    assert client.get(path).status_code == 200
    assert (
        Subscription.objects.filter(email="both@example.org").count() == 2
    )  # a look is not a click
    assert client.post(path, {"everything": "1"}).status_code == 200
    assert not Subscription.objects.exists()
    assert "no e-mails" in visible(client.get(path))


def test_the_pages_offer_e_mail_beside_the_feed(client, whitepaper):
    for page, follow in (
        (RECORD, f"{RECORD}follow/"),
        ("/statistics/", "/statistics/follow/"),
        ("/releases/", "/releases/follow/"),
    ):
        html = client.get(page).content.decode()
        assert f'href="{follow}"' in html
        form = client.get(follow)
        assert form.status_code == 200 and 'name="email"' in form.content.decode()
        assert "no-cache" in form["Cache-Control"] or "max-age=0" in form["Cache-Control"]


def test_staff_see_counts_never_addresses(admin_client, whitepaper):
    confirmed("counted@example.org")
    Subscription.objects.create(
        email="waits@example.org", language="en", target="releases", follows="releases"
    )
    html = admin_client.get(admin_url(Subscription, "changelist")).content.decode()
    assert "counted@example.org" not in html and "waits@example.org" not in html
    assert "1 confirmed, 1 waiting" in re.sub(r"\s+", " ", html)


def test_the_about_page_says_what_is_kept_and_for_how_long(client, whitepaper):
    html = client.get("/about/").content.decode()
    assert 'id="privacy"' in html
    assert f"{tokens.CONFIRM_DAYS} days" in html and f"{Notification.KEEP_SENT.days} days" in html


@pytest.mark.parametrize("page", [RECORD, "/statistics/", "/releases/"])
def test_a_form_to_follow_costs_a_fixed_number_of_queries(
    client, whitepaper, page, django_assert_num_queries
):
    client.get(f"{page}follow/")  # the content types, cached for the process
    with django_assert_num_queries(2 if page == RECORD else 0):
        assert client.get(f"{page}follow/").status_code == 200

"""Sending what the outbox holds (whitepaper.models.Notification), so that a fault loses no
message and sends none twice:

1. claim: one conditional UPDATE, committed, marks a due message "being sent" by this
   sender; a second sender's UPDATE finds it no longer due and leaves it;
2. send it over SMTP;
3. mark it sent, committed; or, when the server refused it or could not be reached, due
   again after a back-off (RETRY_BACKOFF, doubling), until MAX_ATTEMPTS, then "gave up"
   (staff see it in the admin).

A sender killed after 1 leaves its message "being sent"; once Notification.LEASE has passed
the next run takes it over. Killed between 2 and 3, that message goes out twice (the one in
flight, with the same Message-ID); no other is lost or repeated.
"""

import contextlib
import logging
import smtplib
import threading
from dataclasses import dataclass
from datetime import timedelta

from django.core.mail import get_connection
from django.db import connections
from django.db.models import F
from django.utils import timezone

from reports.following import mail, tokens
from whitepaper.models import Notification, Subscription

logger = logging.getLogger(__name__)

#: Tries before a message is given up.
MAX_ATTEMPTS = 6
#: The wait after the first failed try; each next wait is twice the last (5, 10, 20, ... min).
RETRY_BACKOFF = timedelta(minutes=5)


@dataclass
class Tally:
    sent: int = 0
    retrying: int = 0
    given_up: int = 0


def claim(pk, now):
    """The message, marked as being sent by this sender; None if it is not due (any more)."""
    claimed = (
        Notification.objects.due(now)
        .filter(pk=pk)
        .update(
            state=Notification.State.SENDING,
            claimed_at=now,
            attempts=F("attempts") + 1,
        )
    )
    if not claimed:
        return None
    return Notification.objects.select_related("subscription", "release").get(pk=pk)


def mark_sent(notification):
    Notification.objects.filter(pk=notification.pk).update(
        state=Notification.State.SENT, sent_at=timezone.now(), last_error=""
    )


def mark_failed(notification, error, now):
    """Due again after the back-off; given up after the last try. Whether it was given up."""
    given_up = notification.attempts >= MAX_ATTEMPTS
    wait = RETRY_BACKOFF * 2 ** (notification.attempts - 1)
    Notification.objects.filter(pk=notification.pk).update(
        state=Notification.State.FAILED if given_up else Notification.State.PENDING,
        next_attempt_at=now + wait,
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )
    return given_up


def forget_old(now):
    """Delete what is no longer needed: addresses never confirmed whose link has expired,
    and sent messages older than Notification.KEEP_SENT."""
    Subscription.objects.unconfirmed().filter(
        created_at__lt=now - timedelta(days=tokens.CONFIRM_DAYS)
    ).delete()
    Notification.objects.filter(
        state=Notification.State.SENT, sent_at__lt=now - Notification.KEEP_SENT
    ).delete()


def send_pending(limit=None, progress=None):
    """Send the messages that are due, oldest first, over one SMTP connection; a Tally."""
    now = timezone.now()
    forget_old(now)
    due = Notification.objects.due(now).order_by("pk").values_list("pk", flat=True)
    pks = list(due[:limit] if limit else due)
    tally = Tally()
    if not pks:
        return tally
    connection = get_connection()
    # If the server cannot be reached now, each message tries again, and is retried later.
    with contextlib.suppress(smtplib.SMTPException, OSError):
        connection.open()
    try:
        for pk in pks:
            send_one(pk, now, connection, tally)
            if progress:
                progress(tally)
    finally:
        connection.close()
    return tally


def send_one(pk, now, connection, tally):
    notification = claim(pk, now)
    if notification is None:
        return
    try:
        mail.release_notice(notification, connection).send()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Notification %s not sent: %s", notification.uuid, error)
        if mark_failed(notification, error, now):
            tally.given_up += 1
        else:
            tally.retrying += 1
    else:
        mark_sent(notification)
        tally.sent += 1


def send_in_background():
    """Start sending now, after the response: publishing in the admin calls this once its
    release is committed. A crash here loses nothing (the next send_notifications run
    sends what is left)."""

    def run():
        try:
            send_pending()
        except Exception:
            logger.exception("Sending notifications after publishing failed")
        finally:
            connections.close_all()

    threading.Thread(target=run, name="send-notifications", daemon=True).start()

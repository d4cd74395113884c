"""Asking for e-mails, confirming, unsubscribing, and the rules that keep it from abuse.

- Double opt-in: a new address gets one message, the confirmation; nothing else is sent to
  it until its owner follows the link, and it is deleted once the link has expired.
- Asking again reveals nothing: the page answers the same whether or not the address already
  follows the thing; the address itself is told (a new confirmation, or "you already follow
  this"), never the person who asked.
- Limits, counted in the "shared" cache that every app server sees: a client address may ask
  CLIENT_LIMIT times an hour (then 429); an e-mail address gets at most ADDRESS_LIMIT of
  these messages a day (past that the page answers the same and nothing is sent).
"""

import hashlib
import logging
import smtplib
import time

from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from reports.following import mail, tokens
from whitepaper.models import Subscription
from whitepaper.security import count_in_window

logger = logging.getLogger(__name__)

HOUR, DAY = 3600, 86400
#: Requests to follow from one client address in an hour.
CLIENT_LIMIT = 10
#: Confirmation (or "already following") messages to one e-mail address in a day.
ADDRESS_LIMIT = 3


class TooManyRequests(Exception):
    def __init__(self, retry_after):
        super().__init__(retry_after)
        self.retry_after = max(1, int(retry_after))


class MailNotSent(Exception):
    """The mail server could not be reached or refused the message."""


def normalised(email):
    return email.strip().lower()


def over_limit(name, limit, seconds):
    count, seconds_left = count_in_window(caches["shared"], name, seconds, time.time())
    return count > limit, seconds_left


def ask(email, followed, language, client):
    """Someone asks for e-mails to ``email`` about ``followed``: send the address a
    confirmation, or tell it that it already follows this. TooManyRequests past the
    client's limit; MailNotSent when the mail server fails."""
    refused, seconds_left = over_limit(f"follow-client:{client}", CLIENT_LIMIT, HOUR)
    if refused:
        raise TooManyRequests(seconds_left)
    email = normalised(email)
    digest = hashlib.sha256(email.encode()).hexdigest()
    if over_limit(f"follow-address:{digest}", ADDRESS_LIMIT, DAY)[0]:
        return
    with transaction.atomic():
        subscription, created = Subscription.objects.select_for_update().get_or_create(
            email=email,
            follows=followed.follows,
            defaults={"language": language, **followed.subscription_fields()},
        )
        if not created and subscription.confirmed_at is None:
            # Asked again before confirming: a new link, in the language asked in now.
            subscription.language = language
            subscription.created_at = timezone.now()
            subscription.save(update_fields=["language", "created_at"])
    if subscription.confirmed_at:
        message = mail.already_following(subscription)
    else:
        message = mail.confirmation(subscription)
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Could not send a follow confirmation: %s", error)
        raise MailNotSent from error


def confirm(token):
    """Confirm the subscription the link names; it, or InvalidToken / ExpiredToken (also
    for a subscription deleted since)."""
    uuid = tokens.read(token, tokens.CONFIRM_SALT, max_age=tokens.CONFIRM_DAYS * DAY)
    subscription = Subscription.objects.filter(uuid=uuid).first()
    if subscription is None:
        raise tokens.ExpiredToken
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def subscription_of(token):
    """The subscription an unsubscribe link names, or None if it is gone; InvalidToken."""
    uuid = tokens.read(token, tokens.UNSUBSCRIBE_SALT)
    return Subscription.objects.filter(uuid=uuid).first()


def unsubscribe(subscription, everything=False):
    """Delete the subscription, with its address (and, with ``everything``, every other
    subscription of that address); the number deleted."""
    if everything:
        found = Subscription.objects.filter(email=subscription.email)
    else:
        found = Subscription.objects.filter(pk=subscription.pk)
    return found.delete()[1].get(Subscription._meta.label, 0)

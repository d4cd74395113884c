"""Readers who follow a figure by e-mail, and the messages the site owes them.

A Subscription is one address following one thing (a record, a table, or every release),
in the language it subscribed in. Nothing but the confirmation is sent to it until its
owner confirms it (double opt-in); unsubscribing deletes it, and an address never confirmed
is deleted once its confirmation has expired.

A Notification is one message owed to one subscription for one release: written in the
same transaction as the release (reports.releases.outbox), sent later by
``manage.py send_notifications`` (reports.following.sending), never twice for the same
release (the unique constraint).
"""

import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from whitepaper.models.release import Release
from whitepaper.translation import LANGUAGES


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)


class Subscription(models.Model):
    #: A confirmation link works this many days; an address not confirmed by then is deleted.
    CONFIRM_DAYS = 7

    class Target(models.TextChoices):
        RECORD = "record", _("a record")
        TABLE = "table", _("a table")
        RELEASES = "releases", _("every release")

    #: The subscription's own secret: its links carry it, signed (reports.following.tokens).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGES)
    target = models.CharField(_("follows"), max_length=10, choices=Target.choices)
    #: What it follows, in one column: "record:<content type>:<id>", "table:<slug>" or
    #: "releases"; an address follows a thing once.
    follows = models.CharField(_("what it follows"), max_length=100)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, editable=False
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    table = models.SlugField(_("table"), max_length=50, blank=True)
    created_at = models.DateTimeField(_("asked for"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail subscription")
        verbose_name_plural = _("e-mail subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["email", "follows"], name="subscription_once"),
            models.CheckConstraint(
                condition=Q(target="record", content_type__isnull=False, object_id__isnull=False)
                | (Q(target="table", content_type__isnull=True) & ~Q(table=""))
                | Q(target="releases", content_type__isnull=True, table=""),
                name="subscription_target",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="subscription_record")]

    def __str__(self):
        return self.follows

    @staticmethod
    def follows_key(target, content_type=None, object_id=None, table=""):
        if target == Subscription.Target.RECORD:
            return f"record:{content_type.pk}:{object_id}"
        if target == Subscription.Target.TABLE:
            return f"table:{table}"
        return "releases"


class NotificationQuerySet(models.QuerySet):
    def due(self, now):
        """Messages to send now: pending and due, or claimed by a sender that has not said
        how it went for longer than a sender can take (it crashed or was killed)."""
        return self.filter(
            Q(state=Notification.State.PENDING, next_attempt_at__lte=now)
            | Q(state=Notification.State.SENDING, claimed_at__lt=now - Notification.LEASE)
        )


class Notification(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("to send")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("gave up")

    #: How long a sender may hold a message before another takes it over.
    LEASE = timedelta(minutes=15)
    #: Sent messages are kept this long (what was sent to whom), then deleted.
    KEEP_SENT = timedelta(days=30)

    #: The message's Message-ID: the same however many times it is tried.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subscription = models.ForeignKey(
        Subscription,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("subscription"),
    )
    release = models.ForeignKey(Release, on_delete=models.CASCADE, verbose_name=_("release"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("owed since"), default=timezone.now)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail notification")
        verbose_name_plural = _("e-mail notifications")
        constraints = [
            models.UniqueConstraint(fields=["subscription", "release"], name="notification_once")
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="notification_due")]

    def __str__(self):
        return f"{self.release} → {self.subscription_id}"

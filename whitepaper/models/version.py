"""The version of the public data, which keys every cache of the public pages."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: The one row that holds the version.
THE_VERSION = 1


def new_token():
    return uuid.uuid4().hex


class DataVersion(models.Model):
    """A token that changes in the same transaction as every change that writes history
    (every edit, import, publish, unpublish or delete of a record or a hot keyword).

    Readers see the new token exactly when they can see the change, whatever the order in
    which concurrent transactions commit and whatever the app servers' clocks say, so a
    page cached under a token always shows the data of that token.
    """

    token = models.CharField(_("token"), max_length=32, default=new_token)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self):
        return self.token

    @classmethod
    def advance(cls):
        """A new token (within the caller's transaction)."""
        changed = cls.objects.filter(pk=THE_VERSION).update(
            token=new_token(), changed_at=timezone.now()
        )
        if not changed:
            cls.objects.get_or_create(pk=THE_VERSION)

    @classmethod
    def current(cls):
        """The current token ('' if there is no version yet)."""
        return cls.objects.filter(pk=THE_VERSION).values_list("token", flat=True).first() or ""

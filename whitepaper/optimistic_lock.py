"""Optimistic locking for the admin: a save is refused if the record changed since the form
was opened, so that one editor never silently overwrites another's edit.

The form carries the record's last-edited time as it was when the form was rendered. On save,
inside the admin's transaction, the current time is read again (row locked on PostgreSQL;
SQLite's IMMEDIATE transactions already serialise writers) and compared.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

FIELD = "loaded_version"


class OptimisticLockForm(forms.ModelForm):
    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)
    #: The record as it is now, when the form shows an old version of it to revert to
    #: (set by whitepaper.admin's revert): the version loaded is the current one.
    reverting_over = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields[FIELD].initial = self.current.updated_at.isoformat()

    @property
    def current(self):
        """The record as stored now (the instance, unless reverting to an old version)."""
        return self.reverting_over if self.reverting_over is not None else self.instance

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        model = type(self.instance)
        current = (
            model._default_manager.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("updated_at", flat=True)
            .first()
        )
        if current is None:
            raise ValidationError(_("This record was deleted since you opened it."))
        if cleaned.get(FIELD) != current.isoformat():
            raise ValidationError(self.changed_message(current), code="stale")
        return cleaned

    def changed_message(self, current):
        latest = self.instance.history.order_by("-history_date").first()
        who = latest.history_user if latest and latest.history_user else _("someone")
        return _(
            "This record was changed by %(who)s at %(when)s since you opened it, so your "
            "changes were not saved. Open the record again to see the current version, then "
            "make your edit again."
        ) % {"who": who, "when": date_format(localtime(current), "DATETIME_FORMAT")}

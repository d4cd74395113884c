"""A published record is deleted in the admin only with a public note.

The note goes where an edit's note goes: simple-history's change reason on the deletion's
history row, from which the corrections log shows it beside "Deleted". The confirmation
page asks for it (templates/admin/whitepaper/delete_confirmation.html). The records that a
publication's deletion takes with it are deleted with the same note. The changelist's bulk
delete, which has no place for a note, deletes drafts only.
"""

import contextvars

from django import forms
from django.contrib import messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.db.models.signals import pre_delete
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from whitepaper.corrections import is_public
from whitepaper.models import record_models
from whitepaper.public_note import NOTE, NOTE_LENGTH

NOTE_REQUIRED = _(
    "This record is published: write a short public note saying why it is deleted. It is "
    "shown on the public corrections page."
)


#: The public note of the deletion under way in the admin, for the records it takes with it.
DELETION_NOTE = contextvars.ContextVar("deletion_note", default=None)


def note_deletion_in_cascade(sender, instance, **kwargs):
    """pre_delete of a publication's records: one deleted with its publication carries the
    publication's deletion note as its change reason (simple-history reads it from there)."""
    note = DELETION_NOTE.get()
    if note and not getattr(instance, "_change_reason", None):
        instance._change_reason = note


def connect():
    """Only the records a publication's deletion takes with it: a receiver for every model
    would make Django collect rows it now deletes in one statement (sessions, the index)."""
    for model in record_models():
        pre_delete.connect(
            note_deletion_in_cascade,
            sender=model,
            dispatch_uid=f"whitepaper.deletion_note.{model._meta.model_name}",
        )


class DeletionNoteForm(forms.Form):
    public_note = forms.CharField(
        label=_("Public note"),
        max_length=NOTE_LENGTH,
        error_messages={"required": NOTE_REQUIRED},
        widget=forms.TextInput(attrs={"size": 80}),
        help_text=_("Why this published record is deleted, in a sentence. Shown to the public."),
    )


def delete_selected_drafts(modeladmin, request, queryset):
    """Django's bulk delete, refused when a selected record is public."""
    public = [record for record in queryset if is_public(record)]
    if public:
        message = ngettext(
            "%(count)d selected record is published. Delete a published record from its own "
            "page, with a public note, or unpublish it first.",
            "%(count)d selected records are published. Delete a published record from its "
            "own page, with a public note, or unpublish them first.",
            len(public),
        )
        modeladmin.message_user(request, message % {"count": len(public)}, messages.ERROR)
        return None
    return delete_selected(modeladmin, request, queryset)


class DeletionNoteAdmin:
    """For the admins of records the public sees (those with PUBLIC_FIELDS)."""

    def delete_view(self, request, object_id, extra_context=None):
        record = self.get_object(request, unquote(object_id))
        if record is None or not is_public(record):
            return super().delete_view(request, object_id, extra_context)
        form = DeletionNoteForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            request.deletion_note = form.cleaned_data[NOTE]
        elif form.is_bound:
            # Django's delete view deletes on any non-empty POST: without it, the
            # confirmation page is shown again, with the form's error.
            request.POST = QueryDict()
        context = {**(extra_context or {}), "deletion_note_form": form}
        return super().delete_view(request, object_id, context)

    def delete_model(self, request, obj):
        note = getattr(request, "deletion_note", None)
        obj._change_reason = note
        token = DELETION_NOTE.set(note)
        try:
            super().delete_model(request, obj)
        finally:
            DELETION_NOTE.reset(token)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            description = actions["delete_selected"][2]
            actions["delete_selected"] = (delete_selected_drafts, "delete_selected", description)
        return actions

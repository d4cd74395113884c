"""A published or withdrawn record is deleted in the admin only with a public note.

The note goes where an edit's note goes: simple-history's change reason on the deletion's
history row, from which the corrections log shows it beside "Deleted". A record that was
withdrawn from the public (unpublished) is public history too: its deletion is logged with
its note as well (whitepaper.corrections.deletion_is_public). The confirmation pages ask for
it (templates/admin/whitepaper/delete_confirmation.html, and
delete_selected_confirmation.html for the list's "Delete selected"). The records that a
publication's deletion takes with it are deleted with the same note.
"""

import contextvars

from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.db.models.signals import pre_delete
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from whitepaper.corrections import deletion_is_public
from whitepaper.models import record_models
from whitepaper.public_note import CONFIRM_MISMATCH, MINOR_CHANGE, NOTE, NoteForm

NOTE_REQUIRED = _(
    "This record is or was published: write a short public note saying why it is deleted. "
    "It is shown on the public corrections page."
)


#: The public note of the deletion under way in the admin, for the records it takes with it.
DELETION_NOTE = contextvars.ContextVar("deletion_note", default=None)


def note_deletion_in_cascade(sender, instance, **kwargs):
    """pre_delete of a publication's records: one deleted with its publication carries the
    publication's deletion note as its change reason (simple-history reads it from there)."""
    note = DELETION_NOTE.get()
    if note and not getattr(instance, "_change_reason", None):
        note.mark(instance)


def connect():
    """Only the records a publication's deletion takes with it: a receiver for every model
    would make Django collect rows it now deletes in one statement (sessions, the index)."""
    for model in record_models():
        pre_delete.connect(
            note_deletion_in_cascade,
            sender=model,
            dispatch_uid=f"whitepaper.deletion_note.{model._meta.model_name}",
        )


class DeletionNoteForm(NoteForm):
    """The note, required, and its translations."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in (MINOR_CHANGE, CONFIRM_MISMATCH):
            del self.fields[name]
        self.fields[NOTE].required = True
        self.fields[NOTE].error_messages["required"] = NOTE_REQUIRED
        self.fields[NOTE].help_text = _(
            "Why this record is deleted, in a sentence. Shown to the public."
        )


def deleting_with(note, delete):
    """Run ``delete()`` with the note on every record it deletes (pre_delete above)."""
    token = DELETION_NOTE.set(note)
    try:
        return delete()
    finally:
        DELETION_NOTE.reset(token)


def delete_selected_with_note(modeladmin, request, queryset):
    """Django's bulk delete; its confirmation page asks for a public note when a selected
    record is or was published."""
    if not any(deletion_is_public(record) for record in queryset):
        return delete_selected(modeladmin, request, queryset)
    form = DeletionNoteForm(request.POST if request.POST.get("post") else None)
    if form.is_bound and form.is_valid():
        return deleting_with(form.note, lambda: delete_selected(modeladmin, request, queryset))
    if form.is_bound:
        # Without "post", Django's action shows its confirmation page again.
        request.POST = request.POST.copy()
        del request.POST["post"]
    response = delete_selected(modeladmin, request, queryset)
    response.context_data["deletion_note_form"] = form
    return response


class DeletionNoteAdmin:
    """For the admins of records the public sees (those with PUBLIC_FIELDS)."""

    def delete_view(self, request, object_id, extra_context=None):
        record = self.get_object(request, unquote(object_id))
        if record is None or not deletion_is_public(record):
            return super().delete_view(request, object_id, extra_context)
        form = DeletionNoteForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            request.deletion_note = form.note
        elif form.is_bound:
            # Django's delete view deletes on any non-empty POST: without it, the
            # confirmation page is shown again, with the form's error.
            request.POST = QueryDict()
        context = {**(extra_context or {}), "deletion_note_form": form}
        return super().delete_view(request, object_id, context)

    def delete_model(self, request, obj):
        note = getattr(request, "deletion_note", None)
        if note is None:
            return super().delete_model(request, obj)
        note.mark(obj)
        return deleting_with(
            note, lambda: super(DeletionNoteAdmin, self).delete_model(request, obj)
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            description = actions["delete_selected"][2]
            actions["delete_selected"] = (
                delete_selected_with_note,
                "delete_selected",
                description,
            )
        return actions

"""A published record is deleted in the admin only with a public note.

The note goes where an edit's note goes: simple-history's change reason on the deletion's
history row, from which the corrections log shows it beside "Deleted". The confirmation
page asks for it (templates/admin/whitepaper/delete_confirmation.html). The changelist's
bulk delete, which has no place for a note, deletes drafts only.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from whitepaper.corrections import is_public
from whitepaper.public_note import NOTE, NOTE_LENGTH

NOTE_REQUIRED = _(
    "This record is published: write a short public note saying why it is deleted. It is "
    "shown on the public corrections page."
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
        obj._change_reason = getattr(request, "deletion_note", None)
        super().delete_model(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            description = actions["delete_selected"][2]
            actions["delete_selected"] = (delete_selected_drafts, "delete_selected", description)
        return actions

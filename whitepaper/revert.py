"""Revert a record to a version in its history, as a new change.

simple-history's "Revert" shows the old version in the record's form. Saving it is an edit
like any other: it needs its public note where the record is public, is logged and goes into
the next release. What it is compared with is the record as it is now, not the old version it
shows: its changes, whether it needs a note, and the check for two people editing at once
(whitepaper.optimistic_lock), which would otherwise find the old version's edit time and
refuse every revert.
"""

from django.contrib.admin.utils import unquote


class RevertAdmin:
    """For a SimpleHistoryAdmin whose form is a whitepaper.public_note.PublicNoteForm."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.reverting_over = self.get_object(request, unquote(object_id))
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        current = getattr(request, "reverting_over", None)
        if current is None:
            return form
        return type(form.__name__, (form,), {"reverting_over": current})


class UnchangedNotSaved:
    """Saving a form that changes nothing of the record writes no history row (and so no
    new data version); the admin still says it was saved."""

    def save_model(self, request, obj, form, change):
        if change and not form.changes_record():
            return
        super().save_model(request, obj, form, change)

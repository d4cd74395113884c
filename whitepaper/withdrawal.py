"""Publishing and unpublishing records from the admin's lists.

Unpublishing a record the public sees is a public change: the list's action asks for a
public note (and its translations) on a page of its own, as deleting does, and the note goes
into the corrections log with the withdrawal. Publishing a record needs the source check's
consent: a record whose publication has no source text yet (or a publication without one)
stays a draft (whitepaper.fidelity.unverifiable). Each record is saved, so that the change is
in its history (queryset.update() writes none).
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from whitepaper.corrections import is_public
from whitepaper.fidelity import unverifiable
from whitepaper.models.correction import PUBLISHED_REASON
from whitepaper.public_note import CONFIRM_MISMATCH, MINOR_CHANGE, NOTE, NoteForm

NOTE_REQUIRED = _(
    "These records are published: write a short public note saying why they are withdrawn. "
    "It is shown on the public corrections page."
)


class WithdrawalNoteForm(NoteForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields[CONFIRM_MISMATCH]
        del self.fields[MINOR_CHANGE]
        self.fields[NOTE].required = True
        self.fields[NOTE].error_messages["required"] = NOTE_REQUIRED
        self.fields[NOTE].help_text = _(
            "Why these records are withdrawn, in a sentence. Shown to the public."
        )


def save_published(record, published, note=None):
    record.is_published = published
    if note is not None:
        note.mark(record)
    else:
        record._change_reason = PUBLISHED_REASON
    record.save(update_fields=["is_published", "updated_at"])


@admin.action(description=_("Publish the selected records"), permissions=["change"])
def publish(modeladmin, request, queryset):
    published, refused = 0, []
    for record in queryset.filter(is_published=False):
        record.is_published = True
        if unverifiable(record):
            refused.append(str(record))
            continue
        save_published(record, True)
        published += 1
    message = ngettext("%d record published.", "%d records published.", published)
    modeladmin.message_user(request, message % published, messages.SUCCESS)
    if refused:
        modeladmin.message_user(
            request,
            gettext(
                "Not published, because there is no source text to check their quotes "
                "against yet (paste it on the publication’s page): %(records)s"
            )
            % {"records": "; ".join(refused)},
            messages.ERROR,
        )


@admin.action(description=_("Unpublish the selected records"), permissions=["change"])
def unpublish(modeladmin, request, queryset):
    """Drafts are unpublished at once; public records only with a note, asked for on a page
    that lists them."""
    records = list(queryset.filter(is_published=True))
    public = [record for record in records if is_public(record)]
    form = WithdrawalNoteForm(request.POST if "note_given" in request.POST else None)
    if public and not (form.is_bound and form.is_valid()):
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": gettext("Withdraw published records"),
            "opts": modeladmin.model._meta,
            "records": records,
            "public": public,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/whitepaper/unpublish.html", context)
    note = form.note if public else None
    for record in records:
        save_published(record, False, note if record in public else None)
    message = ngettext("%d record unpublished.", "%d records unpublished.", len(records))
    modeladmin.message_user(request, message % len(records), messages.SUCCESS)
    return None

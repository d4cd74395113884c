"""The public note an editor writes when changing a published record in the admin.

The note is saved as simple-history's change reason, from which it goes into the public
corrections log (whitepaper.corrections) next to the change. A "minor change" (a typo, a
format) is listed there but folded. "Confirm mismatch" lets a record through the fidelity
guard (whitepaper.fidelity) when the note says why. On the publication's page one note
covers the records edited in its inlines.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from whitepaper.corrections import MINOR, is_public
from whitepaper.fidelity import CONFIRMED
from whitepaper.models import Publication
from whitepaper.optimistic_lock import OptimisticLockForm

NOTE = "public_note"
MINOR_CHANGE = "minor_change"
CONFIRM_MISMATCH = "confirm_mismatch"
#: The length of simple-history's change reason column, where the note is kept.
NOTE_LENGTH = 100
FIELDS = [NOTE, MINOR_CHANGE, CONFIRM_MISMATCH]

NOTE_REQUIRED = _(
    "This record is published: write a short public note saying what you changed and why. "
    "It is shown with the change on the public corrections page."
)
NOTE_FOR_MISMATCH = _("You confirmed a mismatch with the source: say why in the public note.")
PAGE_NOTE_REQUIRED = _(
    "You changed published records on this page: write a short “Public note” (in the "
    "“Public note” section of this page) saying what you changed and why. It is shown with "
    "the changes on the public corrections page."
)


@dataclass(frozen=True)
class Note:
    text: str = ""
    minor: bool = False
    confirm_mismatch: bool = False

    @classmethod
    def from_page(cls, data):
        """The note fields of the page's main form, as posted (for its inline rows)."""
        checked = forms.BooleanField(required=False).to_python
        return cls(
            text=(data.get(NOTE) or "").strip(),
            minor=checked(data.get(MINOR_CHANGE)),
            confirm_mismatch=checked(data.get(CONFIRM_MISMATCH)),
        )


class PublicNoteForm(OptimisticLockForm):
    public_note = forms.CharField(
        label=_("Public note"),
        required=False,
        max_length=NOTE_LENGTH,
        widget=forms.TextInput(attrs={"size": 80}),
        help_text=_(
            "Required when you change a published record: what changed and why, in a "
            "sentence. Shown to the public with the change."
        ),
    )
    minor_change = forms.BooleanField(
        label=_("Minor change (typo or formatting)"),
        required=False,
        help_text=_("Listed on the public corrections page, but folded."),
    )
    confirm_mismatch = forms.BooleanField(
        label=_("Confirm mismatch"),
        required=False,
        help_text=_(
            "Save although a number or the quote is not found in the source; say why in "
            "the public note."
        ),
    )

    def __init__(self, *args, page_note=None, publication_was_public=None, **kwargs):
        super().__init__(*args, **kwargs)
        #: For an inline row: the note of the page it is on (the row has no note fields).
        self.page_note = page_note
        if publication_was_public is not None:
            self.was_public = bool(self.instance.pk and self.instance.is_published) and (
                publication_was_public
            )
        else:
            self.was_public = is_public(self.instance)

    @property
    def note(self):
        if self.page_note is not None:
            return self.page_note
        cleaned = self.cleaned_data
        return Note(
            text=(cleaned.get(NOTE) or "").strip(),
            minor=bool(cleaned.get(MINOR_CHANGE)),
            confirm_mismatch=bool(cleaned.get(CONFIRM_MISMATCH)),
        )

    def public_changes(self):
        """The public fields this form changes (in any language), "is_published" for a
        withdrawal."""
        changed = set(self.changed_data) & set(self._meta.model.public_fields())
        if "is_published" in self.changed_data and not self.cleaned_data.get("is_published"):
            changed.add("is_published")
        return changed

    def needs_note(self):
        return self.was_public and bool(self.public_changes())

    def clean(self):
        note = self.note
        own_note = self.page_note is None
        if note.confirm_mismatch and not note.text and own_note:
            self.add_error(NOTE, NOTE_FOR_MISMATCH)
        if self.needs_note() and not note.text and own_note:
            self.add_error(NOTE, NOTE_REQUIRED)
        # Read by the model's clean() (the fidelity guard) and by the corrections log.
        setattr(self.instance, CONFIRMED, note.confirm_mismatch and bool(note.text))
        setattr(self.instance, MINOR, note.minor)
        self.instance._change_reason = note.text or None
        return super().clean()


class PublicNoteInlineFormSet(BaseInlineFormSet):
    """Rows edited on a publication's page: one note (the page's) covers them all; a
    changed or deleted published row without it is refused."""

    @cached_property
    def page_note(self):
        return Note.from_page(self.data) if self.is_bound else Note()

    @cached_property
    def publication_was_public(self):
        """As stored, before this save (the page's own form may be changing it)."""
        if self.instance.pk is None:
            return False
        return Publication.objects.filter(pk=self.instance.pk, is_published=True).exists()

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["page_note"] = self.page_note
        kwargs["publication_was_public"] = self.publication_was_public
        return kwargs

    def clean(self):
        super().clean()
        if self.page_note.text:
            return
        for form in self.forms:
            deleted = self.can_delete and self._should_delete_form(form)
            if form.was_public and (deleted or (form.has_changed() and form.public_changes())):
                raise ValidationError(PAGE_NOTE_REQUIRED, code="public_note")

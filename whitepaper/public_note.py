"""The public note an editor writes when changing a published record in the admin.

The note is saved as simple-history's change reason, from which it goes into the public
corrections log (whitepaper.corrections) next to the change. A "minor change" (a typo, a
format) is listed there but folded. "Confirm mismatch" lets a record through the fidelity
guard (whitepaper.fidelity) when the note says why. On the publication's page one note
covers the records edited in its inlines.
"""

from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet, model_to_dict
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from whitepaper.corrections import MINOR, NOTE_TRANSLATIONS, is_public
from whitepaper.fidelity import CONFIRMED
from whitepaper.models import Publication
from whitepaper.optimistic_lock import FIELD as LOADED_VERSION
from whitepaper.optimistic_lock import OptimisticLockForm
from whitepaper.translation import TRANSLATIONS, twin

NOTE = "public_note"
MINOR_CHANGE = "minor_change"
CONFIRM_MISMATCH = "confirm_mismatch"
#: The note's translations, named like the log's columns ("public_note_zh").
NOTE_TWINS = [twin(NOTE, lang) for lang in TRANSLATIONS]
#: The length of simple-history's change reason column, where the note is kept.
NOTE_LENGTH = 100
FIELDS = [NOTE, *NOTE_TWINS, MINOR_CHANGE, CONFIRM_MISMATCH]
#: A form's fields that are not the record's: saving only these changes nothing.
NOT_THE_RECORD = {*FIELDS, LOADED_VERSION}

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
    #: {twin column: text} of the note's translations ("public_note_zh": "…").
    translations: dict = field(default_factory=dict)

    @classmethod
    def from_page(cls, data):
        """The note fields of a form, as posted or cleaned (an inline row takes its page's)."""
        checked = forms.BooleanField(required=False).to_python
        return cls(
            text=(data.get(NOTE) or "").strip(),
            minor=checked(data.get(MINOR_CHANGE)),
            confirm_mismatch=checked(data.get(CONFIRM_MISMATCH)),
            translations={name: (data.get(name) or "").strip() for name in NOTE_TWINS},
        )

    def mark(self, instance):
        """Put the note on a record about to be saved: the change reason (the log's note),
        its translations, "minor", and the confirmation the source check reads."""
        setattr(instance, CONFIRMED, self.confirm_mismatch and bool(self.text))
        setattr(instance, MINOR, self.minor)
        setattr(instance, NOTE_TRANSLATIONS, self.translations if self.text else {})
        instance._change_reason = self.text or None


def note_fields():
    """The note's form fields: the note, its translations, "minor", "confirm mismatch"."""
    fields = {
        NOTE: forms.CharField(
            label=_("Public note"),
            required=False,
            max_length=NOTE_LENGTH,
            widget=forms.TextInput(attrs={"size": 80}),
            help_text=_(
                "Required when you change a published record: what changed and why, in a "
                "sentence. Shown to the public with the change."
            ),
        )
    }
    for lang, name in zip(TRANSLATIONS, NOTE_TWINS, strict=True):
        fields[name] = forms.CharField(
            label=format_lazy("{} ({})", _("Public note"), lang.column_label),
            required=False,
            max_length=NOTE_LENGTH,
            widget=forms.TextInput(attrs={"size": 80}),
            help_text=_(
                "Optional: this site’s translation of the note, shown on the pages in that "
                "language (the English note otherwise)."
            ),
        )
    fields[MINOR_CHANGE] = forms.BooleanField(
        label=_("Minor change (typo or formatting)"),
        required=False,
        help_text=_("Listed on the public corrections page, but folded."),
    )
    fields[CONFIRM_MISMATCH] = forms.BooleanField(
        label=_("Confirm mismatch"),
        required=False,
        help_text=_(
            "Save although a number or the quote is not found in the source; say why in "
            "the public note."
        ),
    )
    return fields


#: The note's fields, declared: a base of a record's form (PublicNoteForm) and of the forms
#: that change records without one (the CSV import, unpublishing).
NoteForm = type(
    "NoteForm",
    (forms.Form,),
    {**note_fields(), "note": property(lambda form: Note.from_page(form.cleaned_data))},
)


class PublicNoteForm(OptimisticLockForm, NoteForm):
    def __init__(self, *args, page_note=None, publication_was_public=None, **kwargs):
        super().__init__(*args, **kwargs)
        #: For an inline row: the note of the page it is on (the row has no note fields).
        self.page_note = page_note
        current = self.current
        if self.reverting_over is not None and self.is_bound:
            # A revert changes the record as it is now, not the old version it shows.
            self.initial.update(model_to_dict(current, fields=list(self.fields)))
        if publication_was_public is not None:
            self.was_public = bool(current.pk and current.is_published) and (publication_was_public)
        else:
            self.was_public = is_public(current)

    @property
    def note(self):
        if self.page_note is not None:
            return self.page_note
        return Note.from_page(self.cleaned_data)

    def changes_record(self):
        """Whether saving would change the record (not only the note fields)."""
        return bool(set(self.changed_data) - NOT_THE_RECORD)

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
        note.mark(self.instance)
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

"""The public corrections log, written from simple-history's history rows.

Whenever simple-history writes a history row, the row is compared with the one before it
(``prev_record``) over the model's PUBLIC_FIELDS. If the record was public before the change
(published, in a published publication; a region: named by such a record), each changed
public field becomes a Correction, as does a withdrawal (unpublished) or a deletion. The
change reason (the editor's public note) goes with it. A record's first publication, edits
to drafts and edits to staff-only fields (position, timestamps) are not logged.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import ForeignKey
from django.utils.text import Truncator

from whitepaper.models import (
    Correction,
    Publication,
    PublicRecord,
    Region,
    RegionalPresence,
)
from whitepaper.public import typed
from whitepaper.translation import LANGUAGE_LIST, in_source_language, twin

#: Set on an instance (by the admin form) for a typo or formatting fix: listed, but folded.
MINOR = "_minor_change"
#: Set on an instance (by the admin form) with the note's translations: {twin column: text}.
NOTE_TRANSLATIONS = "_public_note_translations"
#: The longest record label kept with a log row.
LABEL_LENGTH = 300


def record_labels(record):
    """The log's names of the record, by column: in English ("record_label") and in each
    translation (its twin; '' where there is none), as the log shows them after the record
    is gone."""
    return {
        twin("record_label", lang): Truncator(record.log_label(lang)).chars(LABEL_LENGTH)
        for lang in LANGUAGE_LIST
    }


def publications_showing_region(region_id):
    """The ids of the published publications with a published record of this region."""
    return list(
        RegionalPresence.objects.published()
        .filter(region_id=region_id)
        .order_by("publication_id")
        .values_list("publication_id", flat=True)
        .distinct()
    )


def publication_is_published(publication_id):
    return Publication.objects.filter(pk=publication_id, is_published=True).exists()


def shown_under(state, model):
    """The ids of the publications under which a record in this state is public: one for
    a record or a publication, one per publication naming it for a region, none for a
    draft. ``state`` is the record or one of its history rows."""
    if model is Publication:
        return [state.id] if state.is_published else []
    if model is Region:
        return publications_showing_region(state.id)
    if state.is_published and publication_is_published(state.publication_id):
        return [state.publication_id]
    return []


def is_public(record):
    """Whether the public can see the record now (before an edit the admin is checking)."""
    if record.pk is None:
        return False
    return bool(shown_under(record, type(record)))


def withdrawn_under(model, record_id):
    """The publications under which the record was withdrawn: it was public once, so its
    deletion is a public change too, logged there."""
    return list(
        Correction.objects.of_model(model)
        .filter(object_id=record_id, kind=Correction.Kind.WITHDRAWN, publication__isnull=False)
        .order_by("publication_id")
        .values_list("publication_id", flat=True)
        .distinct()
    )


def deletion_is_public(record):
    """Whether deleting the record is a public change (it needs a note, and is logged): it is
    public now, or was withdrawn from the public."""
    return is_public(record) or bool(withdrawn_under(type(record), record.pk))


def as_text(field, value):
    """A field's stored value as the log keeps it: plain text a reader can compare."""
    if value is None:
        return ""
    if isinstance(field, ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        if related is None:
            return str(value)
        with in_source_language():
            return str(related)
    return str(typed(value))


def changed_rows(model, history_row, previous):
    """One row per public field whose value differs from the previous history row, then a
    withdrawal if the record was unpublished."""
    delta = history_row.diff_against(previous, included_fields=model.public_fields())
    rows = [
        {
            "kind": Correction.Kind.CHANGED,
            "field_name": change.field,
            "old_value": as_text(model._meta.get_field(change.field), change.old),
            "new_value": as_text(model._meta.get_field(change.field), change.new),
        }
        for change in delta.changes
    ]
    if getattr(previous, "is_published", False) and not history_row.is_published:
        rows.append({"kind": Correction.Kind.WITHDRAWN})
    return rows


def log_change(sender, instance, history_instance, history_change_reason=None, **kwargs):
    """simple-history's post_create_historical_record: log a change to a public record."""
    model = type(instance)
    if not issubclass(model, PublicRecord) or history_instance.history_type == "+":
        return
    previous = history_instance.prev_record
    if previous is None:
        return
    publications = shown_under(previous, model)
    if history_instance.history_type == "-":
        publications = publications or withdrawn_under(model, history_instance.id)
        rows = [{"kind": Correction.Kind.DELETED}]
    else:
        rows = changed_rows(model, history_instance, previous)
    if publications and rows:
        common = {
            "changed_at": history_instance.history_date,
            "content_type_id": content_type_id(model),
            "object_id": history_instance.id,
            **record_labels(instance),
            "public_note": history_change_reason or "",
            **getattr(instance, NOTE_TRANSLATIONS, {}),
            "is_minor": bool(getattr(instance, MINOR, False)),
        }
        Correction.objects.bulk_create(
            Correction(publication_id=publication_id, **common, **row)
            for publication_id in publications
            for row in rows
        )
    if model is Publication and history_instance.history_type == "-":
        # The publication's rows stay in the log, without a publication to link to.
        Correction.objects.filter(publication_id=history_instance.id).update(publication=None)


def content_type_id(model):
    return ContentType.objects.get_for_model(model).pk

"""The admin's CSV import with one public note for the file, and a preview editors can read.

The import form asks for the note (with its translations, "minor change" and "confirm
mismatch"); the preview shows it and carries it to the confirmation, and the resource
(whitepaper.resources) refuses a row that changes a published record without it. The
preview lists each row's changes as field, old value, new value, one line each, so that it
fits a laptop and a phone whatever the number of columns in the file.
"""

from dataclasses import dataclass, field

from django.template.response import TemplateResponse
from django.utils.text import capfirst
from import_export.forms import ConfirmImportForm, ImportForm

from whitepaper.public_note import FIELDS, Note, NoteForm


class ImportNoteForm(ImportForm, NoteForm):
    """The file, and the note that covers every change it makes to published records."""


class ConfirmImportNoteForm(ConfirmImportForm, NoteForm):
    """The confirmation carries the note given with the file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in FIELDS:
            self.fields[name].widget = self.fields[name].hidden_widget()


@dataclass
class RowPreview:
    number: int
    kind: str  # import-export's: new, update, skip, delete
    record: str
    changes: list = field(default_factory=list)  # (field label, old, new)


def field_label(model, resource_field):
    try:
        return capfirst(model._meta.get_field(resource_field.attribute).verbose_name)
    except Exception:  # a column that is not a model field
        return resource_field.column_name


def preview_rows(result, resource):
    """Each valid row of a dry run, with the fields it changes (all of a new record's)."""
    model = resource._meta.model
    columns = resource.get_import_fields()
    rows = []
    for number, row in enumerate(result.rows, start=1):
        if not row.is_valid():
            continue
        preview = RowPreview(number, row.import_type, row.object_repr or "")
        if row.instance is not None and not row.is_skip():
            for column in columns:
                value = column.get_value(row.instance)
                before = column.get_value(row.original) if row.original is not None else None
                if value != before and (value not in ("", None) or before is not None):
                    old = column.export(row.original) if row.original is not None else ""
                    preview.changes.append(
                        (field_label(model, column), old, column.export(row.instance))
                    )
        rows.append(preview)
    return rows


class ImportNoteAdmin:
    """For an ImportExportMixin admin: the note in the import, the preview by field."""

    import_form_class = ImportNoteForm
    confirm_form_class = ConfirmImportNoteForm

    def get_import_resource_kwargs(self, request, *args, **kwargs):
        resource_kwargs = super().get_import_resource_kwargs(request, *args, **kwargs)
        form = kwargs.get("form")
        if form is not None and form.is_bound and hasattr(form, "cleaned_data"):
            resource_kwargs["note"] = Note.from_page(form.cleaned_data)
        return resource_kwargs

    def get_import_data_kwargs(self, **kwargs):
        # The instances of a dry run, for the preview.
        return {**super().get_import_data_kwargs(**kwargs), "retain_instance_in_row_result": True}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial.update({name: import_form.cleaned_data.get(name) for name in FIELDS})
        return initial

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None)
        if isinstance(response, TemplateResponse) and context and context.get("result"):
            resource = self.get_import_resource_classes(request)[0]()
            context["preview_rows"] = preview_rows(context["result"], resource)
            form = context.get("form")
            if form is not None and hasattr(form, "cleaned_data"):
                context["note"] = Note.from_page(form.cleaned_data)
        return response

"""Text as staff type, paste or import it: one kind of line ending.

Browsers post a textarea's lines with CRLF and spreadsheets may save them with CR, while the
records keep LF: without this, saving a form that nobody changed would look like a change
to every multi-line text (a public note asked for, a history row written, the corrections
log listing identical old and new text).
"""

from django import forms
from django.db import models


def normalise_newlines(text):
    if not isinstance(text, str):
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


class TextField(forms.CharField):
    """A form's field for a model's TextField: its lines end in LF."""

    def to_python(self, value):
        return normalise_newlines(super().to_python(value))


class NormalisedTextAdmin:
    """For a ModelAdmin or an inline: every TextField's form field is a TextField above."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField):
            kwargs.setdefault("form_class", TextField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

"""The site's languages, and how a record's translated fields are stored: said once, here.

The source is in English, the site's first language. Each other language in LANGUAGE_LIST
gives every field a model names in its TRANSLATED_FIELDS a twin column holding this site's
translation: ``label`` has ``label_zh``. The twins are added here, when the model class is
prepared, so no model declares one; the admin, the CSV resources, the search documents, the
downloads, the dataset package, the record pages and the corrections log ask this module for
them. An empty twin means "no translation yet": a page in that language then shows the
English, marked as such.

This module imports nothing of the project but whitepaper.lookups, so that the settings can
read LANGUAGES from it.
"""

from dataclasses import dataclass

from django.db.models.signals import class_prepared
from django.utils.text import format_lazy
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from whitepaper.lookups import model_at


@dataclass(frozen=True)
class Language:
    code: str  # Django's language code, also the URL prefix of the language's pages
    tag: str  # its BCP 47 tag, for lang attributes, file names and JSON keys
    suffix: str  # of its twin columns ("" for the source language, which has none)
    name: str  # its name in the language switcher and the settings
    column_label: str  # how a twin column's verbose name says the language
    locale: str  # its Open Graph locale (og:locale), language_TERRITORY
    script: str  # its ISO 15924 script: which fonts draw it (reports.sharing.fonts)


#: The source language first, then the site's translations.
LANGUAGE_LIST = (
    Language("en", "en", "", _("English"), _("English"), "en_GB", "Latn"),
    Language("zh-hans", "zh-Hans", "_zh", _("Simplified Chinese"), _("Chinese"), "zh_CN", "Hans"),
)
SOURCE_LANGUAGE = LANGUAGE_LIST[0]
#: The languages of the site's translations (every language but the source's).
TRANSLATIONS = LANGUAGE_LIST[1:]
#: For Django's LANGUAGES setting.
LANGUAGES = [(language.code, language.name) for language in LANGUAGE_LIST]
#: The BCP 47 tags of the languages whose texts are this site's own translation.
SITE_TRANSLATION_TAGS = tuple(language.tag for language in TRANSLATIONS)
#: BCP 47 tags by language code, e.g. {"en": "en", ...}.
HTML_LANG = {language.code: language.tag for language in LANGUAGE_LIST}
#: Language codes by BCP 47 tag, the reverse of HTML_LANG.
CODE_OF_TAG = {language.tag: language.code for language in LANGUAGE_LIST}
#: The help text of every twin column in the admin.
TWIN_HELP = _("This site's translation; empty until there is one.")


def language(code=None):
    """The Language of a code (default: the active language); the source language for a code
    the site does not have."""
    code = (code or get_language() or SOURCE_LANGUAGE.code).lower()
    return next((lang for lang in LANGUAGE_LIST if lang.code == code), SOURCE_LANGUAGE)


def in_source_language():
    """Django's translation.override for the source's language: for what is given in it
    whatever the page's language (citations, release files, the API's description)."""
    return override(SOURCE_LANGUAGE.code)


def is_source_language(code=None):
    return language(code) is SOURCE_LANGUAGE


def html_lang(code=None):
    """The lang attribute of a page or a text in the given (or the active) language."""
    return language(code).tag


def twin(field, lang):
    """The name of a field's column in a language: "label" -> "label_zh" (the field itself in
    the source language). ``field`` may be a lookup path such as "region__name"."""
    return f"{field}{lang.suffix}"


def twins(field):
    """The names of a field's translated columns, one per translation language."""
    return [twin(field, lang) for lang in TRANSLATIONS]


def translated_fields(model):
    return tuple(getattr(model, "TRANSLATED_FIELDS", ()))


def is_translated(model, field):
    return field in translated_fields(model)


def with_twins(fields, model):
    """The fields, each translated one followed by its twins: ("label", "value") ->
    ("label", "label_zh", "value"). For a lookup path ("region__name"), the model is the
    one the path starts from."""
    result = []
    for field in fields:
        result.append(field)
        if is_translated(model_at(model, field), field.rsplit("__", 1)[-1]):
            result += twins(field)
    return tuple(result)


def side_by_side(fields, model):
    """Admin field lines: each translated field beside its twins, ("label", "label_zh")."""
    return [(field, *twins(field)) if is_translated(model, field) else field for field in fields]


def twin_of(model, name):
    """(field, Language) if ``name`` is a twin column of the model ("label_zh" -> ("label",
    Chinese)), else None."""
    for lang in TRANSLATIONS:
        field = name.removesuffix(lang.suffix)
        if field != name and is_translated(model, field):
            return field, lang
    return None


def in_every_language(record, field):
    """{BCP 47 tag: text} of a translated field, the source language first; an empty twin is
    given as None (no translation yet)."""
    return {
        lang.tag: (getattr(record, twin(field, lang)) or None)
        if lang.suffix
        else getattr(record, field)
        for lang in LANGUAGE_LIST
    }


@dataclass(frozen=True)
class Text:
    """A field's text as a page in some language shows it."""

    text: str
    lang: str  # the BCP 47 tag of the language the text is in
    is_translation: bool  # the site's translation, not the source's own words
    is_fallback: bool  # a translation was wanted but there is none yet: this is the English

    def __str__(self):
        return self.text


class Translatable:
    """For models that name translated fields in TRANSLATED_FIELDS."""

    TRANSLATED_FIELDS = ()

    def text_in(self, field, code=None):
        """The field's text for a page in the given (or the active) language."""
        source = getattr(self, field)
        lang = language(code)
        if lang is SOURCE_LANGUAGE:
            return Text(source, SOURCE_LANGUAGE.tag, is_translation=False, is_fallback=False)
        translated = getattr(self, twin(field, lang))
        if translated:
            return Text(translated, lang.tag, is_translation=True, is_fallback=False)
        return Text(source, SOURCE_LANGUAGE.tag, is_translation=False, is_fallback=bool(source))


def twin_field(original, lang):
    """A blank copy of the field for its translation into ``lang``."""
    _name, _path, args, kwargs = original.deconstruct()
    kwargs.update(
        blank=True,
        # "label (Chinese)"; in Chinese with full-width parentheses: "标签（中文）".
        verbose_name=format_lazy(
            _("{field} ({language})"), field=original.verbose_name, language=lang.column_label
        ),
        help_text=TWIN_HELP,
    )
    for option in ("unique", "db_index", "validators", "error_messages", "default"):
        kwargs.pop(option, None)
    return type(original)(*args, **kwargs)


def add_twins(sender, **kwargs):
    """class_prepared: give each translated field of a concrete model (and of its history
    model, which copies the model's fields) its twin columns."""
    fields = translated_fields(sender)
    if not fields or sender._meta.abstract:
        return
    existing = {field.name for field in sender._meta.local_fields}
    for field in fields:
        original = sender._meta.get_field(field)
        for lang in TRANSLATIONS:
            name = twin(field, lang)
            if name not in existing:
                twin_field(original, lang).contribute_to_class(sender, name)


class_prepared.connect(add_twins)

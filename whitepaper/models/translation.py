"""Records in two languages: English as the source gives it, Simplified Chinese as this site
translates it.

A translated field such as ``label`` has a twin ``label_zh``. The Chinese text is always the
site's own translation (the source this site holds is in English); an empty twin means no
translation yet, and a Chinese page then shows the English text, marked as such.
"""

from dataclasses import dataclass

from django.utils.translation import get_language

#: Django's code of the Chinese edition (its URLs live under /zh-hans/).
CHINESE = "zh-hans"
#: BCP 47 tags for the lang attribute of text in each language.
HTML_LANG = {"en": "en", CHINESE: "zh-Hans"}


def is_chinese(language=None):
    return (language or get_language() or "").lower() == CHINESE


def html_lang(language=None):
    """The lang attribute of a page or a text in the given (or the active) language."""
    return HTML_LANG[CHINESE] if is_chinese(language) else HTML_LANG["en"]


@dataclass(frozen=True)
class Text:
    """A field's text as a page in some language shows it."""

    text: str
    lang: str  # the BCP 47 tag of the language the text is in
    is_translation: bool  # the site's translation, not the source's own words
    is_fallback: bool  # Chinese was wanted but there is none yet: this is the English

    def __str__(self):
        return self.text


class Translatable:
    """For models with ``<field>_zh`` twins of the fields named in TRANSLATED_FIELDS."""

    TRANSLATED_FIELDS = ()

    def text_in(self, field, language=None):
        """The field's text for a page in the given (or the active) language."""
        english = getattr(self, field)
        if not is_chinese(language):
            return Text(english, HTML_LANG["en"], is_translation=False, is_fallback=False)
        chinese = getattr(self, f"{field}_zh")
        if chinese:
            return Text(chinese, HTML_LANG[CHINESE], is_translation=True, is_fallback=False)
        return Text(english, HTML_LANG["en"], is_translation=False, is_fallback=bool(english))


def twin_of(field):
    """The name of a translated field's Chinese twin."""
    return f"{field}_zh"


def without_twins(model, names):
    """The names (e.g. a model's PUBLIC_FIELDS) less the twins of its translated fields: one
    name per text, for a representation that carries every language of a text together."""
    twins = {twin_of(field) for field in model.TRANSLATED_FIELDS}
    return [name for name in names if name not in twins]


def texts_by_language(record, field):
    """{BCP 47 tag: text} of a translated field in every language of the site; None for a
    language the field has no text in yet (never another language's text in its place)."""
    texts = {}
    for language, tag in HTML_LANG.items():
        shown = record.text_in(field, language)
        texts[tag] = shown.text if shown.lang == tag and not shown.is_fallback else None
    return texts


#: The BCP 47 tags of the languages whose texts are this site's own translation: every
#: language but English, the language of the source.
SITE_TRANSLATION_TAGS = tuple(tag for code, tag in HTML_LANG.items() if code != "en")

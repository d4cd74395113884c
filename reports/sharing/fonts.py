"""The fonts cards and chart images are set in: files in this package (reports/sharing/fonts/,
subsets of Noto Sans and Noto Sans CJK SC under the SIL Open Font License 1.1, written by
``manage.py subset_card_fonts``), never the machine's own, so that a card looks the same on
every machine and a Chinese card shows its Chinese on a fresh one.

An English card asks for Noto Sans first (Latin punctuation, proportional quotation marks), then
Noto Sans CJK SC for anything else; a Chinese card for Noto Sans CJK SC, whose punctuation is
full-width.
"""

import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

from whitepaper.translation import CODE_OF_TAG, language

FONT_DIR = Path(__file__).resolve().parent / "fonts"
LATIN = "Noto Sans"
CJK = "Noto Sans CJK SC"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Font:
    family: str
    weight: str  # "Regular" or "Bold"
    file_name: str

    @property
    def is_cjk(self):
        return self.family == CJK

    @property
    def path(self):
        return FONT_DIR / self.file_name


FONTS = (
    Font(LATIN, "Regular", "NotoSans-Regular-subset.ttf"),
    Font(LATIN, "Bold", "NotoSans-Bold-subset.ttf"),
    Font(CJK, "Regular", "NotoSansCJKsc-Regular-subset.otf"),
    Font(CJK, "Bold", "NotoSansCJKsc-Bold-subset.otf"),
)
#: The font families of a card's text, by the script of its language, first choice first.
FAMILIES = {"Latn": (LATIN, CJK), "Hans": (CJK,)}


def font_files():
    return [str(font.path) for font in FONTS]


def chosen(lang):
    """The families of a text in the language of this BCP 47 tag (the source's for another)."""
    return FAMILIES[language(CODE_OF_TAG.get(lang)).script]


def families(lang):
    """The CSS font-family list of a text in this language."""
    return ", ".join(f"'{family}'" for family in chosen(lang)) + ", sans-serif"


@cache
def advances(family, weight="Regular"):
    """{character: its advance width in ems} of a family's file: what a card's lines are
    measured with to wrap them (kerning aside, which only narrows a line)."""
    font = next(font for font in FONTS if font.family == family and font.weight == weight)
    with TTFont(font.path, lazy=True) as opened:
        per_em = opened["head"].unitsPerEm
        metrics = opened["hmtx"].metrics
        return {
            chr(code): metrics[glyph][0] / per_em for code, glyph in opened.getBestCmap().items()
        }


def characters(family):
    """Every character a family draws (its character map)."""
    return advances(family).keys()


def width(text, size, lang, bold=False):
    """How wide the text is drawn at ``size`` pixels in the language's fonts: each character
    from the first family that has it (as the rasteriser picks it), 1 em if none has it."""
    weight = "Bold" if bold else "Regular"
    tables = [advances(family, weight) for family in chosen(lang)]
    total = 0.0
    for character in text:
        total += next((table[character] for table in tables if character in table), 1.0)
    return total * size


def missing(text, lang):
    """The characters of the text that none of the language's fonts draws, in order, once
    each (whitespace aside)."""
    drawn = set().union(*(characters(family) for family in chosen(lang)))
    return "".join(dict.fromkeys(c for c in text if not c.isspace() and c not in drawn))


def warn_if_missing(text, lang, what):
    """Log the characters a card's fonts cannot draw (run ``subset_card_fonts`` again)."""
    lacking = missing(text, lang)
    if lacking:
        logger.warning("%s: the card fonts lack %r; run manage.py subset_card_fonts", what, lacking)
    return lacking

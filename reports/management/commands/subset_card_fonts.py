"""Write the fonts that share cards and chart images are set in (reports/sharing/fonts/).

The cards are drawn with these files only, never with the machine's fonts, so that a card looks
the same everywhere and a Chinese card shows its Chinese on a fresh machine. They are subsets
of Noto Sans and Noto Sans CJK SC (SIL Open Font License 1.1, which allows subsetting; the
licence travels beside them): every character of GB 2312 (the 6,763 common simplified Chinese
characters and its symbols), Latin with its punctuation, full-width forms, and every character
of the records and the Chinese interface text as they are when this runs. Run it again after
adding a language or a text with characters outside those sets; ``reports.sharing.fonts``
logs any character a card needs and the fonts lack, and the tests check the records' texts.

The sources are Debian's packages (fonts-noto-cjk, fonts-noto-core), read from their installed
paths or from the paths given.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

from reports.sharing.fonts import FONT_DIR, FONTS

CJK_SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-{weight}.ttc"
CJK_FACE = "Noto Sans CJK SC"
LATIN_SOURCE = "/usr/share/fonts/truetype/noto/NotoSans-{weight}.ttf"
#: Unicode blocks kept whole: Latin and its punctuation, symbols a figure or a credit may use,
#: and the CJK punctuation and full-width forms.
LATIN_BLOCKS = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x017F),  # Latin-1 Supplement, Latin Extended-A
    (0x2000, 0x206F),  # General Punctuation
    (0x20A0, 0x20BF),  # Currency Symbols
    (0x2190, 0x21FF),  # Arrows
    (0x2200, 0x22FF),  # Mathematical Operators
]
CJK_BLOCKS = [*LATIN_BLOCKS, (0x3000, 0x303F), (0xFF00, 0xFFEF)]


def gb2312():
    """Every character of GB 2312, decoded from its two-byte codes."""
    characters = set()
    for first in range(0xA1, 0xF8):
        for second in range(0xA1, 0xFF):
            try:
                characters.add(bytes([first, second]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return characters


def project_text():
    """Every character of the records and of the interface's translations."""
    files = [
        settings.BASE_DIR / "whitepaper" / "data" / "miit-2018.json",
        *Path(settings.BASE_DIR / "locale").glob("*/LC_MESSAGES/django.po"),
    ]
    return {character for path in files for character in path.read_text(encoding="utf-8")}


def blocks(ranges):
    return {chr(code) for start, end in ranges for code in range(start, end + 1)}


def options():
    chosen = subset.Options()
    # Horizontal text's features only (kerning, ligatures, composed forms, the CJK
    # punctuation's widths): not the vertical and other regions' forms a card never shows.
    chosen.layout_features = ["kern", "liga", "calt", "ccmp", "mark", "mkmk", "palt", "halt"]
    chosen.name_IDs = ["*"]  # the copyright, licence and trademark notices stay
    chosen.name_languages = ["*"]
    chosen.notdef_outline = True
    return chosen


def write_subset(font, characters, target):
    subsetter = subset.Subsetter(options())
    subsetter.populate(unicodes=[ord(c) for c in characters if ord(c) >= 0x20])
    subsetter.subset(font)
    font.save(target)


def cjk_face(path):
    collection = TTCollection(path)
    return next(font for font in collection.fonts if font["name"].getDebugName(1) == CJK_FACE)


class Command(BaseCommand):
    help = "Write the subset fonts of share cards and chart images (reports/sharing/fonts/)."

    def add_arguments(self, parser):
        parser.add_argument("--cjk", default=CJK_SOURCE, help="Noto Sans CJK, {weight} in it")
        parser.add_argument("--latin", default=LATIN_SOURCE, help="Noto Sans, {weight} in it")

    def handle(self, *args, **options):
        logging.getLogger("fontTools").setLevel(logging.WARNING)
        text = project_text()
        latin = blocks(LATIN_BLOCKS) | {c for c in text if ord(c) < 0x2E80}
        cjk = blocks(CJK_BLOCKS) | gb2312() | text
        for font in FONTS:
            if font.is_cjk:
                source, characters = cjk_face(options["cjk"].format(weight=font.weight)), cjk
            else:
                source, characters = TTFont(options["latin"].format(weight=font.weight)), latin
            target = FONT_DIR / font.file_name
            write_subset(source, characters, target)
            size = target.stat().st_size
            self.stdout.write(f"{target.name}: {len(characters):,} characters, {size:,} bytes")

"""What a page's preview card says, and where each line of it stands.

A card is 1,200 × 630 pixels (what link previews show large): the site's name and what the page
is at the top; the figure large, or the page's title; what the figure counts, or a few rows of
a list; then the credit, as the citation gives it ("Source: …", the date the source gives
the figures, this site and the release). Its text is in the page's language; where the words
are this site's translation, the card says so.

``Card`` holds the words; ``layout`` sets them in lines (wrapped as the card's own fonts
measure them) for ``templates/sharing/card.svg``.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext

from reports.sharing.fonts import families, width
from reports.sharing.lines import Style, fitting, wrap

WIDTH, HEIGHT = 1200, 630
MARGIN = 64
TEXT_WIDTH = WIDTH - 2 * MARGIN
ACCENT, INK, MUTED = "#1d4e89", "#1a1a1a", "#4a4a4a"

BRAND = Style(26, bold=True, fill=ACCENT)
KICKER = Style(26, fill=MUTED)
FIGURES = (Style(112, bold=True, fill="#123358", leading=1.1), Style(84, bold=True, fill="#123358"))
TITLES = (Style(60, bold=True, fill=INK, leading=1.2), Style(48, bold=True, fill=INK, leading=1.2))
CAPTION = Style(38, fill=INK)
ROW = Style(30, fill=INK)
ROW_VALUE = Style(30, bold=True, fill="#123358")
FOOT = Style(24, fill=INK, leading=1.35)
FOOT_MUTED = Style(22, fill=MUTED, leading=1.35)
#: Where the credit begins: everything above it must end before this line.
FOOTER_TOP = 480


@dataclass(frozen=True)
class Row:
    value: str
    label: str


@dataclass
class Card:
    """The words of a card, in the page's language (``lang``, a BCP 47 tag)."""

    lang: str
    kicker: str  # what the page is: "Statistic", "Table", "Release 1.0.0"
    headline: str  # the figure, or the page's title
    caption: str = ""  # what the figure counts
    rows: list = field(default_factory=list)  # a few rows of a list
    source: str = ""  # "Source: …"
    as_of: str = ""  # "Figures as of end of March 2018"
    site: str = ""  # "Blockchain White Paper Data, release 1.0.0"
    address: str = ""  # the page's address (host and path), so a shared image leads back
    note: str = ""  # that the words are this site's translation
    is_figure: bool = True  # the headline is a figure (set large), not a title

    @property
    def alt(self):
        """The card's alternative text, the figure first: what it shows but a list's rows,
        which the page itself lists."""
        parts = [self.headline, self.caption, self.source, self.as_of, self.site, self.address]
        return gettext("; ").join(part for part in parts if part)

    @property
    def text(self):
        """Every word the card draws."""
        rows = [f"{row.value}{row.label}" for row in self.rows]
        return "".join([self.kicker, self.headline, self.caption, *rows, *self.credit_lines])

    @property
    def credit_lines(self):
        lines = (self.source, self.as_of, self.site, self.address, self.note)
        return [line for line in lines if line]


@dataclass(frozen=True)
class Text:
    text: str
    x: int
    y: int
    style: Style
    anchor: str = "start"


def block(texts, lines, style, y, x=MARGIN):
    """Append the lines, the first at baseline ``y``; return the last one's baseline."""
    for number, line in enumerate(lines):
        texts.append(Text(line, x, y + number * style.line_height, style))
    return y + (len(lines) - 1) * style.line_height


def credit_texts(card):
    """The credit from the bottom up, so it always ends at the card's foot."""
    lines = []
    for text, style, most in (
        (card.source, FOOT, 2),
        (card.as_of, FOOT, 1),
        (card.site, FOOT_MUTED, 1),
        (card.address, FOOT_MUTED, 2),
        (card.note, FOOT_MUTED, 1),
    ):
        if text:
            lines += [(line, style) for line in wrap(text, style, card.lang, TEXT_WIDTH, most)]
    y = HEIGHT - 40 - sum(style.line_height for _line, style in lines[1:])
    texts = []
    for line, style in lines:
        texts.append(Text(line, MARGIN, y, style))
        y += style.line_height
    return texts


def layout(card):
    """The card's text, each line placed: the top line, the headline, then the caption or
    the rows as room allows, the credit at the foot."""
    lang = card.lang
    texts = [Text(gettext(settings.SITE_NAME), MARGIN, 76, BRAND)]
    texts.append(Text(card.kicker, WIDTH - MARGIN, 76, KICKER, anchor="end"))
    footer = credit_texts(card)
    bottom = min(FOOTER_TOP, footer[0].y - footer[0].style.size - 28) if footer else FOOTER_TOP
    styles = FIGURES if card.is_figure else TITLES
    style, lines = fitting(card.headline, styles, lang, TEXT_WIDTH, 2)
    y = block(texts, lines, style, 110 + style.size)
    if card.caption:
        y += CAPTION.size + 28
        room = max(1, (bottom - y) // CAPTION.line_height + 1)
        y = block(texts, wrap(card.caption, CAPTION, lang, TEXT_WIDTH, min(room, 3)), CAPTION, y)
    y += 12
    values = [width(row.value, ROW_VALUE.size, lang, bold=True) for row in card.rows if row.value]
    label_x = MARGIN + round(max(values) + 24) if values else MARGIN
    for row in card.rows:
        y += ROW.line_height + 8
        if y > bottom:
            break
        texts.append(Text(row.value, MARGIN, y, ROW_VALUE))
        label = wrap(row.label, ROW, lang, WIDTH - MARGIN - label_x, 1)[0]
        texts.append(Text(label, label_x, y, ROW))
    return texts + footer


def svg_context(card):
    return {
        "card": card,
        "width": WIDTH,
        "height": HEIGHT,
        "texts": layout(card),
        "font_family": families(card.lang),
        "accent": ACCENT,
    }

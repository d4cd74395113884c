"""A chart as an image that stands alone: the page's chart (its geometry from
``reports.records.charts``, its marks from the same template as the page's) with its title
above, and below it the credit (``citation.credit_parts``), this site, the release and the
chart's address, in the page's language. Given as SVG (text a reader can select, set in the
card fonts where the reader has them) and as PNG (drawn with the card fonts, twice the size)."""

from dataclasses import dataclass

from django.utils.translation import gettext

from reports.records.citation import credit_parts
from reports.sharing.fonts import families
from reports.sharing.lines import Style, wrap
from whitepaper.translation import html_lang, is_source_language

PADDING = 24
TITLE = Style(20, bold=True, fill="#1a1a1a", leading=1.25)
FOOT = Style(11, fill="#1a1a1a", leading=1.4)
FOOT_MUTED = Style(11, fill="#4a4a4a", leading=1.4)
#: The PNG's pixels per unit of the drawing.
PNG_ZOOM = 2


def shared_credit(records, publication, release=None):
    """The credit of the records shown together, where they share one; else the
    publication's (they then come from more than one source within it)."""
    credits = {credit_parts(record, release) for record in records}
    return credits.pop() if len(credits) == 1 else credit_parts(publication, release)


@dataclass(frozen=True)
class Line:
    text: str
    y: int
    style: Style


@dataclass
class ChartImage:
    chart: object  # reports.records.charts.BarChart
    credit: object  # reports.records.citation.Credit
    address: str  # the chart's page, so the image leads back

    @property
    def lang(self):
        return html_lang()

    @property
    def padding(self):
        return PADDING

    @property
    def inner_width(self):
        return self.chart.width

    @property
    def width(self):
        return self.chart.width + 2 * PADDING

    def title_lines(self):
        lines = wrap(self.chart.title, TITLE, self.lang, self.inner_width, 3)
        return [
            Line(text, PADDING + TITLE.size + n * TITLE.line_height, TITLE)
            for n, text in enumerate(lines)
        ]

    @property
    def chart_top(self):
        return self.title_lines()[-1].y + 20

    def foot_lines(self):
        credit = self.credit
        texts = [(credit.source, FOOT, 3)]
        if credit.as_of:
            texts.append((credit.figures_as_of, FOOT, 1))
        texts += [(credit.site, FOOT_MUTED, 1), (self.address, FOOT_MUTED, 2)]
        if not is_source_language():
            note = gettext(
                "The chart’s words are this site’s translation; the source is in English."
            )
            texts.append((note, FOOT_MUTED, 2))
        y = self.chart_top + self.chart.height + 16
        lines = []
        for text, style, most in texts:
            for line in wrap(text, style, self.lang, self.inner_width, most):
                y += style.line_height
                lines.append(Line(line, y, style))
        return lines

    @property
    def height(self):
        return self.foot_lines()[-1].y + PADDING

    @property
    def font_family(self):
        return families(self.lang)

    @property
    def alt(self):
        bars = "; ".join(f"{bar.label}: {bar.display}" for bar in self.chart.bars)
        return f"{self.chart.title}. {bars}. {self.credit.line}"

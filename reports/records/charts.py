"""Horizontal bar charts drawn as SVG on the server.

The geometry is computed here; ``templates/includes/_bar_chart.html`` draws it. The drawing is
as wide as a phone's screen (WIDTH units, shown at most MAX_SCALE times larger on a wide one),
so that its text stays readable everywhere: at least 12 px on a 390 px phone. Each bar's label
stands above it, its value at its end; the axis is labelled and ticked at round numbers. A
value with a qualifier other than "exactly" is drawn as a bound: a solid bar up to the bound
and an open, dashed continuation, labelled "over 80%" rather than "80%".
"""

import math
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from whitepaper.formatting import format_number
from whitepaper.models import Qualifier, Unit

WIDTH = 360
#: How much larger than WIDTH the chart may be shown (its text then about 17 px).
MAX_SCALE = 1.25
LINE_HEIGHT = 18  # of a bar's label, which wraps to the chart's width
LABEL_SIZE = 14  # the labels' font size (the template's CSS), to wrap them
BAR_HEIGHT = 22
ROW_GAP = 12
BAR_AREA = 250  # room for the value label to the right of the longest bar
BOUND_TAIL = 28  # length of the dashed "and more" continuation
LABEL_BASELINE = 14  # from the top of a label's line to its baseline
VALUE_GAP = 10  # between the end of a bar (or its tail) and its value label
ARROW_HALF = 6  # half the height of the arrowhead at the end of a bound's tail
AXIS_HEIGHT = 46  # the axis line, its tick labels and its title
TICK_STEPS = (1, 2, 2.5, 5)
MAX_TICKS = 5
LOWER_BOUNDS = {Qualifier.MORE_THAN, Qualifier.AT_LEAST}
APPROXIMATE = {Qualifier.ABOUT, Qualifier.LESS_THAN}


def text_width(text):
    """About how wide a text is drawn at LABEL_SIZE: a Chinese character a full em, a Latin
    one a little over half."""
    wide = sum(unicodedata.east_asian_width(character) in "WF" for character in text)
    return wide * LABEL_SIZE + (len(text) - wide) * LABEL_SIZE * 0.56


def wrapped(text, width=WIDTH):
    """The text in lines no wider than ``width``: at spaces where it has them (a Chinese
    text has none, and is cut between any two characters)."""
    pieces = text.split(" ") if " " in text else list(text)
    joiner = " " if " " in text else ""
    lines = [""]
    for piece in pieces:
        candidate = f"{lines[-1]}{joiner}{piece}" if lines[-1] else piece
        if lines[-1] and text_width(candidate) > width:
            lines.append(piece)
        else:
            lines[-1] = candidate
    return lines


@dataclass
class Line:
    text: str
    y: int


@dataclass
class Bar:
    label: str
    display: str
    is_lower_bound: bool
    is_approximate: bool
    y: int
    width: int
    anchor: str = ""
    height: int = BAR_HEIGHT

    @property
    def label_lines(self):
        return [
            Line(text, self.y + LABEL_BASELINE + number * LINE_HEIGHT)
            for number, text in enumerate(wrapped(self.label))
        ]

    @property
    def rows(self):
        """The height of the bar with its label and the gap after it."""
        return len(wrapped(self.label)) * LINE_HEIGHT + BAR_HEIGHT + ROW_GAP

    @property
    def bar_y(self):
        return self.y + len(wrapped(self.label)) * LINE_HEIGHT + 2

    @property
    def middle_y(self):
        return self.bar_y + self.height // 2

    @property
    def text_y(self):
        return self.middle_y + 5

    @property
    def tail_end(self):
        return self.width + BOUND_TAIL

    @property
    def arrow_path(self):
        """An open arrowhead at the end of the tail, pointing right."""
        top = self.middle_y - ARROW_HALF
        return f"M{self.tail_end} {top} l7 {ARROW_HALF} l-7 {ARROW_HALF}"

    @property
    def value_x(self):
        return self.width + (BOUND_TAIL if self.is_lower_bound else 0) + VALUE_GAP


@dataclass
class Tick:
    x: int
    label: str


@dataclass
class BarChart:
    slug: str
    title: str
    description: str
    axis_label: str
    bars: list = field(default_factory=list)
    ticks: list = field(default_factory=list)
    #: The records drawn, whose credit an image of the chart gives.
    records: list = field(default_factory=list)

    @property
    def rows_height(self):
        return sum(bar.rows for bar in self.bars)

    @property
    def height(self):
        return self.rows_height + AXIS_HEIGHT

    @property
    def width(self):
        return WIDTH

    @property
    def max_width(self):
        """The widest the chart is shown, in CSS pixels."""
        return round(WIDTH * MAX_SCALE)

    @property
    def has_bounds(self):
        return any(bar.is_lower_bound for bar in self.bars)

    @property
    def axis_y(self):
        return self.rows_height + 4

    @property
    def axis_end(self):
        return BAR_AREA

    @property
    def tick_label_y(self):
        return self.axis_y + 18

    @property
    def axis_label_y(self):
        return self.axis_y + 38


def round_scale(largest):
    """The end of the axis and its step: the smallest round step (1, 2, 2.5 or 5 times a
    power of ten) that covers the largest value in at most MAX_TICKS - 1 steps."""
    largest = max(Decimal(largest), Decimal(1))
    power = Decimal(10) ** (len(str(int(largest))) - 1)
    for magnitude in (power / 10, power, power * 10):
        for step in TICK_STEPS:
            size = Decimal(str(step)) * magnitude
            steps = math.ceil(largest / size)
            if steps <= MAX_TICKS - 1:
                return size * steps, size
    return largest, largest  # pragma: no cover - the last magnitude always fits


def label_in_page_language(statistic):
    return statistic.text_in("label").text


def bar_chart(slug, title, description, axis_label, statistics, label=label_in_page_language):
    """A chart of the given statistics, labelled in the page's language; percentages are
    drawn on a 0-100 scale, counts on a round scale a little beyond the largest."""
    statistics = list(statistics)
    if not statistics:
        return None
    percent = all(s.unit == Unit.PERCENT for s in statistics)
    if percent:
        scale_max, step = Decimal(100), Decimal(50)
    else:
        scale_max, step = round_scale(max(s.value for s in statistics))
    suffix = "%" if percent else ""
    chart = BarChart(slug, title, description, axis_label, records=statistics)
    count = int(scale_max / step)
    chart.ticks = [
        Tick(int(BAR_AREA * index / count), f"{format_number(step * index)}{suffix}")
        for index in range(count + 1)
    ]
    y = 0
    for statistic in statistics:
        bar = Bar(
            label=label(statistic),
            display=statistic.display_value,
            is_lower_bound=statistic.qualifier in LOWER_BOUNDS,
            is_approximate=statistic.qualifier in APPROXIMATE,
            y=y,
            width=max(int(BAR_AREA * statistic.value / scale_max), 2),
            anchor=statistic.get_absolute_url(),
        )
        chart.bars.append(bar)
        y += bar.rows
    return chart

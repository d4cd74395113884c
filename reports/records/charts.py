"""Horizontal bar charts drawn as inline SVG on the server.

The geometry is computed here; ``templates/includes/_bar_chart.html`` draws it. A value with a
qualifier other than "exactly" is drawn as a bound: a solid bar up to the bound and an open,
dashed continuation, labelled "over 80%" rather than "80%".
"""

from dataclasses import dataclass, field
from decimal import Decimal

from whitepaper.models import Qualifier, Unit

WIDTH = 640
LABEL_HEIGHT = 22
BAR_HEIGHT = 26
ROW_GAP = 18
BAR_AREA = 470  # room for the value label to the right of the longest bar
BOUND_TAIL = 40  # length of the dashed "and more" continuation
LABEL_BASELINE = 16  # from the top of a row to the baseline of its label
VALUE_GAP = 14  # between the end of a bar (or its tail) and its value label
ARROW_HALF = 7  # half the height of the arrowhead at the end of a bound's tail
AXIS_TEXT_DROP = 4  # from the bottom of the chart up to the axis labels' baseline
LOWER_BOUNDS = {Qualifier.MORE_THAN, Qualifier.AT_LEAST}
APPROXIMATE = {Qualifier.ABOUT, Qualifier.LESS_THAN}


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
    def label_y(self):
        return self.y + LABEL_BASELINE

    @property
    def bar_y(self):
        return self.y + LABEL_HEIGHT

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
        return f"M{self.tail_end} {top} l8 {ARROW_HALF} l-8 {ARROW_HALF}"

    @property
    def value_x(self):
        return self.width + (BOUND_TAIL if self.is_lower_bound else 0) + VALUE_GAP


@dataclass
class BarChart:
    slug: str
    title: str
    description: str
    bars: list = field(default_factory=list)
    scale_max: Decimal = Decimal(0)
    scale_label: str = ""

    @property
    def height(self):
        return len(self.bars) * (LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP) + 24

    @property
    def width(self):
        return WIDTH

    @property
    def has_bounds(self):
        return any(bar.is_lower_bound for bar in self.bars)

    @property
    def axis_y(self):
        return self.height - 20

    @property
    def axis_end(self):
        return BAR_AREA

    @property
    def axis_text_y(self):
        return self.height - AXIS_TEXT_DROP


def label_in_page_language(statistic):
    return statistic.text_in("label").text


def bar_chart(slug, title, description, statistics, label=label_in_page_language):
    """A chart of the given statistics, labelled in the page's language; percentages are
    drawn on a 0-100 scale."""
    statistics = list(statistics)
    if not statistics:
        return None
    percent = all(s.unit == Unit.PERCENT for s in statistics)
    scale_max = Decimal(100) if percent else max(s.value for s in statistics) or Decimal(1)
    chart = BarChart(
        slug=slug,
        title=title,
        description=description,
        scale_max=scale_max,
        scale_label=f"{scale_max.normalize():f}%" if percent else "",
    )
    for index, statistic in enumerate(statistics):
        width = int(BAR_AREA * statistic.value / scale_max) if scale_max else 0
        chart.bars.append(
            Bar(
                label=label(statistic),
                display=statistic.display_value,
                is_lower_bound=statistic.qualifier in LOWER_BOUNDS,
                is_approximate=statistic.qualifier in APPROXIMATE,
                y=index * (LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP),
                width=max(width, 2),
                anchor=statistic.get_absolute_url(),
            )
        )
    return chart

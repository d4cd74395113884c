"""An image drawn as SVG from a template, and rasterised to PNG by resvg (resvg-py).

resvg is a self-contained renderer (the wheel carries it; no system library), it loads the
font files it is given and, told so, no others: a card is drawn alike on every machine, and
never with whatever fonts the machine happens to have. CairoSVG would need the system's
libcairo and fontconfig, which choose fonts by the machine's configuration; Pillow draws text
but not SVG, so the page's chart could not be reused. A card renders in well under a second
(bench/cards.py).
"""

import resvg_py
from django.template.loader import render_to_string

from reports.sharing.fonts import FONTS, font_files


def svg(template_name, context):
    return render_to_string(template_name, context)


def png(svg_text, zoom=1):
    """The SVG as PNG bytes (``zoom`` pixels per unit), its text set in the card fonts only."""
    return resvg_py.svg_to_bytes(
        svg_string=svg_text,
        zoom=zoom,
        skip_system_fonts=True,
        font_files=font_files(),
        # A text that names no family of these, or only "sans-serif", gets the first.
        font_family=FONTS[0].family,
        sans_serif_family=FONTS[0].family,
        background="#ffffff",
    )

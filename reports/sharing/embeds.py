"""The code another site pastes to embed a record or a chart, and the oEmbed answer that gives it.

The code is an iframe of the embed's own page (``/embed/…``, the only pages another site may
frame), titled for screen readers, with a short script that sets the iframe's height to what
the embed reports (``postMessage``), so that it never shows a scrollbar; without the script
the iframe keeps the height it was given. An embed is either live (it follows the data) or
pinned to a release (it shows the record or the chart as that release holds it, for good).
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

#: What an embed's page sends its parent: {"type": MESSAGE, "height": <pixels>}.
MESSAGE = "whitepaper-embed-height"
#: Width and first height of the iframe, in pixels; the embed reports its own height.
WIDTH = 600
HEIGHTS = {"record": 300, "chart": 520}
#: Resize only the iframe the message came from, and only from the embed's origin.
RESIZE = (
    "(function(){{var f=document.currentScript.previousElementSibling;"
    "window.addEventListener('message',function(e){{"
    "if(e.source===f.contentWindow&&e.origin==={origin}&&e.data&&e.data.type==={message})"
    "{{f.style.height=Math.ceil(e.data.height)+'px';}}}});}})();"
)


@dataclass(frozen=True)
class Embed:
    url: str  # the embed's page, absolute
    origin: str  # its scheme and host, the only origin whose messages resize it
    title: str  # what it shows, for screen readers and the oEmbed answer
    what: str  # "record" or "chart"

    @property
    def height(self):
        return HEIGHTS[self.what]

    @property
    def code(self):
        """The HTML to paste: the iframe, then the script that fits it to its content."""
        # The origin is the request's own host (checked against ALLOWED_HOSTS), as JSON.
        script = RESIZE.format(origin=json.dumps(self.origin), message=json.dumps(MESSAGE))
        return format_html(
            '<iframe src="{}" title="{}" width="{}" height="{}" loading="lazy" '
            'style="border:0;width:100%;max-width:{}px;height:{}px"></iframe>'
            "<script>{}</script>",
            self.url,
            self.title,
            WIDTH,
            self.height,
            WIDTH,
            self.height,
            mark_safe(script),
        )

    def oembed(self, provider_url, maxwidth=None, maxheight=None):
        """The oEmbed 1.0 answer (type "rich"): its html is the embed code; its width and
        height within the consumer's maxwidth and maxheight, if it gives them (the iframe
        takes the width of its column in any case, and the height its embed reports)."""
        return {
            "version": "1.0",
            "type": "rich",
            "title": self.title,
            "provider_name": gettext(settings.SITE_NAME),
            "provider_url": provider_url,
            "html": str(self.code),
            "width": min(WIDTH, maxwidth or WIDTH),
            "height": min(self.height, maxheight or self.height),
            "cache_age": 3600,
        }

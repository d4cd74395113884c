"""Sharing a figure: the preview card of a page, a chart as an image that stands alone, the
code that embeds a record or a chart in another site, and the oEmbed answer. Each is drawn from
what the records layer already gives (a kind's heading and figure, the citation's credit, a
chart's geometry), in the page's language, with fonts that travel with the project."""

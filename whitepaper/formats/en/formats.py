"""English dates as the site writes them: 20 May 2018."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = r"j F Y, H:i (\U\T\CO)"

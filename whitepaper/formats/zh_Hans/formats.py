"""Chinese dates as Chinese readers write them: 2018年5月20日."""

DATE_FORMAT = "Y年n月j日"
DATETIME_FORMAT = r"Y年n月j日 H:i（\U\T\CO）"

"""The fixed vocabularies of a statistic: how its value relates to the truth, its unit and
its category."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Qualifier(models.TextChoices):
    """How the stored value relates to the true one, as the source words it."""

    EXACT = "exact", _("exactly")
    MORE_THAN = "more_than", _("more than")
    AT_LEAST = "at_least", _("at least")
    ABOUT = "about", _("about")
    LESS_THAN = "less_than", _("less than")


class Unit(models.TextChoices):
    ENTERPRISES = "enterprises", _("enterprises")
    STARTUPS = "startups", _("startups")
    PERCENT = "percent", _("percent")


class Category(models.TextChoices):
    ENTERPRISES = "enterprises", _("Blockchain enterprises")
    STARTUPS = "startups", _("Startups by business type")
    REGIONS = "regions", _("Regional distribution")


class StatedBy(models.TextChoices):
    """Whose statement a record is, as the source text attributes it."""

    WHITE_PAPER = "white_paper", _("white paper, via a news report")
    REPORT = "report", _("news report")
    QUOTED_PERSON = "quoted_person", _("a person, via a news report")
    WEB_PAGE = "web_page", _("web page of the news report, not its text")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WhitepaperConfig(AppConfig):
    name = "whitepaper"
    verbose_name = _("White paper records")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WhitepaperConfig(AppConfig):
    name = "whitepaper"
    verbose_name = _("White paper records")

    def ready(self):
        from simple_history.signals import post_create_historical_record

        from whitepaper.corrections import log_change

        post_create_historical_record.connect(log_change, dispatch_uid="whitepaper.corrections")

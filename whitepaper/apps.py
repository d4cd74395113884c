from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def advance_data_version(sender, **kwargs):
    """Every history row is a change the public may see: a new data version, in the same
    transaction (whitepaper.models.version)."""
    from whitepaper.models import DataVersion

    DataVersion.advance()


class WhitepaperConfig(AppConfig):
    name = "whitepaper"
    verbose_name = _("White paper records")

    def ready(self):
        from django.db.models.signals import post_migrate
        from simple_history.signals import post_create_historical_record

        from whitepaper import deletion_note, roles
        from whitepaper.corrections import log_change
        from whitepaper.search import documents, rebuild

        post_create_historical_record.connect(log_change, dispatch_uid="whitepaper.corrections")
        post_create_historical_record.connect(
            advance_data_version, dispatch_uid="whitepaper.data_version"
        )
        documents.connect()
        deletion_note.connect()
        post_migrate.connect(rebuild.build_if_missing, sender=self, dispatch_uid="search-index")
        post_migrate.connect(roles.grant_roles, sender=self, dispatch_uid="roles")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def advance_data_version(sender, **kwargs):
    """Every history row is a change the public may see: a new data version, in the same
    transaction (whitepaper.models.version)."""
    from whitepaper.models import DataVersion

    DataVersion.advance()


def grant_editors(sender, **kwargs):
    """The Editors group may do all staff do with every kind of
    record: whatever permissions a kind has (view, add, change, delete, import), and view
    its history. Derived from the models, so a new kind needs no migration of its own."""
    from django.contrib.auth.models import Group, Permission

    from whitepaper.models import RECORD_MODELS

    # Made by migration 0002, and again here after a database is emptied (a test's flush).
    editors, _created = Group.objects.get_or_create(name="Editors")
    names = [model._meta.model_name for model in RECORD_MODELS]
    codenames = [
        f"{action}_{name}"
        for model, name in zip(RECORD_MODELS, names, strict=True)
        for action in model._meta.default_permissions
    ] + [f"view_historical{name}" for name in names]
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="whitepaper", codename__in=codenames)
    )


class WhitepaperConfig(AppConfig):
    name = "whitepaper"
    verbose_name = _("White paper records")

    def ready(self):
        from django.db.models.signals import post_migrate
        from simple_history.signals import post_create_historical_record

        from whitepaper import deletion_note
        from whitepaper.corrections import log_change
        from whitepaper.search import documents, rebuild

        post_create_historical_record.connect(log_change, dispatch_uid="whitepaper.corrections")
        post_create_historical_record.connect(
            advance_data_version, dispatch_uid="whitepaper.data_version"
        )
        documents.connect()
        deletion_note.connect()
        post_migrate.connect(rebuild.build_if_missing, sender=self, dispatch_uid="search-index")
        post_migrate.connect(grant_editors, sender=self, dispatch_uid="editors")

"""Editors may import records from CSV (the permissions added in 0003)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

IMPORT_CODENAMES = [
    "import_statistic",
    "import_region",
    "import_industrysegment",
    "import_tendency",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("whitepaper")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="whitepaper", codename__in=IMPORT_CODENAMES
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editors in Group.objects.filter(name="Editors"):
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="whitepaper", codename__in=IMPORT_CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [("whitepaper", "0003_import_permissions")]

    operations = [migrations.RunPython(grant, revoke)]

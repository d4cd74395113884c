"""Create the Editors group: full control of the white paper's records, nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
RECORD_MODELS = [
    "publication",
    "statistic",
    "region",
    "regionalpresence",
    "industrysegment",
    "tendency",
    "finding",
]
HISTORY_MODELS = [f"historical{name}" for name in RECORD_MODELS]


def create_editors(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    app_config = apps.get_app_config("whitepaper")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    codenames = [
        f"{action}_{model}"
        for model in RECORD_MODELS
        for action in ("view", "add", "change", "delete")
    ] + [f"view_{model}" for model in HISTORY_MODELS]
    permissions = Permission.objects.filter(
        content_type__app_label="whitepaper", codename__in=codenames
    )
    editors.permissions.add(*permissions)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("whitepaper", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]

"""The Editors group: full control of the white paper's records, nothing else.

Editors view, add, change and delete every kind of record, view its history, and import
from CSV where the admin offers it. They cannot manage users, groups or permissions.
Safe to run on a database where the group exists already.
"""

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
IMPORTABLE_MODELS = ["statistic", "region", "industrysegment", "tendency"]


def editor_codenames():
    return (
        [
            f"{action}_{model}"
            for model in RECORD_MODELS
            for action in ("view", "add", "change", "delete")
        ]
        + [f"view_historical{model}" for model in RECORD_MODELS]
        + [f"import_{model}" for model in IMPORTABLE_MODELS]
    )


def create_editors(apps, schema_editor):
    # Permissions are normally created after all migrations have run: create them now.
    app_config = apps.get_app_config("whitepaper")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="whitepaper", codename__in=editor_codenames()
        )
    )


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("whitepaper", "0001_squashed_0008"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]

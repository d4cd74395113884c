"""The Publishers and Administrators groups, beside the Editors (0002).

Their permissions are set after every migrate from whitepaper.roles, where who may do what is
said once. Safe to run where the groups exist already.
"""

from django.db import migrations

ROLES = ["Publishers", "Administrators"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("whitepaper", "0019_notes_in_both_languages"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]

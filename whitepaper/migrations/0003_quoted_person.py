"""The source quotes Yu Jianing as the institute's director; it does not call him a
spokesperson, so the fields say "person quoted"."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("whitepaper", "0002_editors")]

    operations = [
        migrations.RenameField("publication", "spokesperson", "quoted_person"),
        migrations.RenameField("publication", "spokesperson_role", "quoted_person_role"),
        migrations.RenameField("historicalpublication", "spokesperson", "quoted_person"),
        migrations.RenameField("historicalpublication", "spokesperson_role", "quoted_person_role"),
    ]

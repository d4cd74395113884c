"""How the source describes a publication ("a white paper on blockchain industrial
development"), which citations name it by, with this site's short title in square brackets.
A publication loaded before this field existed takes it from the records file it was loaded
from; one staff have written themselves keeps what they wrote."""

import json
from pathlib import Path

from django.db import migrations, models

RECORDS = Path(__file__).resolve().parent.parent / "data" / "miit-2018.json"


def described_as_from_the_records(apps, schema_editor):
    Publication = apps.get_model("whitepaper", "Publication")
    row = json.loads(RECORDS.read_text(encoding="utf-8"))["publication"]
    Publication.objects.filter(slug=row["slug"], described_as="").update(
        described_as=row["described_as"], described_as_zh=row["described_as_zh"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("whitepaper", "0013_released_numbers_as_numbers"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalpublication",
            name="described_as",
            field=models.CharField(
                blank=True,
                help_text="How the source describes the publication, verbatim from the source quote: citations name it so, with this site's title in square brackets.",
                max_length=300,
                verbose_name="described by the source as",
            ),
        ),
        migrations.AddField(
            model_name="historicalpublication",
            name="described_as_zh",
            field=models.CharField(
                blank=True,
                help_text="This site's translation; empty until there is one.",
                max_length=300,
                verbose_name="described by the source as (Chinese)",
            ),
        ),
        migrations.AddField(
            model_name="publication",
            name="described_as",
            field=models.CharField(
                blank=True,
                help_text="How the source describes the publication, verbatim from the source quote: citations name it so, with this site's title in square brackets.",
                max_length=300,
                verbose_name="described by the source as",
            ),
        ),
        migrations.AddField(
            model_name="publication",
            name="described_as_zh",
            field=models.CharField(
                blank=True,
                help_text="This site's translation; empty until there is one.",
                max_length=300,
                verbose_name="described by the source as (Chinese)",
            ),
        ),
        migrations.AlterField(
            model_name="historicalpublication",
            name="title",
            field=models.CharField(
                help_text="This site's short title (the source may give none).",
                max_length=300,
                verbose_name="title",
            ),
        ),
        migrations.AlterField(
            model_name="publication",
            name="title",
            field=models.CharField(
                help_text="This site's short title (the source may give none).",
                max_length=300,
                verbose_name="title",
            ),
        ),
        migrations.RunPython(described_as_from_the_records, migrations.RunPython.noop),
    ]

"""Each statistic says where its figure stands in its quote (value_as_stated, "456
enterprises"); a new publication is a draft until staff publish it."""

import calendar
import re
from decimal import Decimal

from django.db import migrations, models

NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
MONTH_YEAR = re.compile(rf"\b(?:{'|'.join(calendar.month_name[1:])})\s+\d{{4}}\b", re.I)


def place_of(quote, value):
    """The number equal to the value that is not part of a date, with the word after it
    ("456 enterprises", "over 80%" is "80% of"); '' if the quote has no such number."""
    dates = [match.span() for match in MONTH_YEAR.finditer(quote)]
    for match in NUMBER.finditer(quote):
        if Decimal(match.group(0).replace(",", "")) != value:
            continue
        if any(start <= match.start() and match.end() <= end for start, end in dates):
            continue
        words = re.match(r"\S*(?:\s+\w+)?", quote[match.start() :]).group(0)
        return words.rstrip(",.;:")
    return ""


def fill_places(apps, schema_editor):
    Statistic = apps.get_model("whitepaper", "Statistic")
    for statistic in Statistic.objects.all():
        words = place_of(statistic.source_quote, statistic.value)
        Statistic.objects.filter(pk=statistic.pk).update(value_as_stated=words)


class Migration(migrations.Migration):
    dependencies = [
        ("whitepaper", "0017_search_words"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalstatistic",
            name="value_as_stated",
            field=models.CharField(
                default="",
                help_text="The words of the source quote that give this value, copied from it, for example “456 enterprises”: the value must be the number in them.",
                max_length=200,
                verbose_name="value as the quote writes it",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="statistic",
            name="value_as_stated",
            field=models.CharField(
                default="",
                help_text="The words of the source quote that give this value, copied from it, for example “456 enterprises”: the value must be the number in them.",
                max_length=200,
                verbose_name="value as the quote writes it",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_places, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="historicalpublication",
            name="is_published",
            field=models.BooleanField(default=False, verbose_name="published"),
        ),
        migrations.AlterField(
            model_name="historicalpublication",
            name="source_text",
            field=models.TextField(
                blank=True,
                help_text="The whole text this site holds, verbatim (paste it): every quote of the publication and of its records must be in it, and none can be published before it is here.",
                verbose_name="source text",
            ),
        ),
        migrations.AlterField(
            model_name="publication",
            name="is_published",
            field=models.BooleanField(default=False, verbose_name="published"),
        ),
        migrations.AlterField(
            model_name="publication",
            name="source_text",
            field=models.TextField(
                blank=True,
                help_text="The whole text this site holds, verbatim (paste it): every quote of the publication and of its records must be in it, and none can be published before it is here.",
                verbose_name="source text",
            ),
        ),
    ]

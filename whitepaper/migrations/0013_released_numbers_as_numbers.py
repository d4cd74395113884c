"""Releases published before the one representation of a record (whitepaper.public) kept a
record's numbers as text ("456"); every later release keeps them as JSON numbers (456), as the
API, the downloads and the record pages give them. This writes the earlier releases' stored
records the same way, so that comparing two releases never shows "456" -> 456 as a change.
The zips are not touched: they are written once and never again."""

from decimal import Decimal, InvalidOperation

from django.db import migrations, models


def as_number(text):
    try:
        number = Decimal(text)
    except (InvalidOperation, TypeError):
        return text
    return int(number) if number == number.to_integral_value() else float(number)


def decimal_names(model):
    return {field.name for field in model._meta.fields if isinstance(field, models.DecimalField)}


def numbers_as_numbers(apps, schema_editor):
    ReleasedRecord = apps.get_model("whitepaper", "ReleasedRecord")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for content_type in ContentType.objects.filter(app_label="whitepaper"):
        try:
            names = decimal_names(apps.get_model("whitepaper", content_type.model))
        except LookupError:
            continue
        if not names:
            continue
        for row in ReleasedRecord.objects.filter(content_type=content_type).iterator():
            for side in ("old", "new"):
                values = getattr(row, side)
                if values:
                    for name in names & values.keys():
                        if isinstance(values[name], str):
                            values[name] = as_number(values[name])
            row.save(update_fields=["old", "new"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("whitepaper", "0012_as_of_date_name"),
    ]

    operations = [migrations.RunPython(numbers_as_numbers, migrations.RunPython.noop)]

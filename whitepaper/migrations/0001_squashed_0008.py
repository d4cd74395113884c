"""The schema of the white paper's records, squashed from 0001-0007 (and an 0008 that changed
only model options and a message) before any deployment.

``replaces`` lets a database migrated with the old files carry on: Django records this
migration as applied there and runs only what follows. The Editors group, which the old
files created along the way, is created by 0002_editors.
"""

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("whitepaper", "0001_initial"),
        ("whitepaper", "0002_editors_group"),
        ("whitepaper", "0003_import_permissions"),
        ("whitepaper", "0004_editors_import"),
        ("whitepaper", "0005_portable_region_code_check"),
        ("whitepaper", "0006_statistic_indexes"),
        ("whitepaper", "0007_statistic_public_indexes"),
    ]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalPublication",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="last edited"),
                ),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                ("slug", models.SlugField(max_length=100, verbose_name="slug")),
                (
                    "publisher",
                    models.CharField(
                        help_text="The issuing body, in full.",
                        max_length=300,
                        verbose_name="publisher",
                    ),
                ),
                (
                    "publisher_abbreviation",
                    models.CharField(max_length=30, verbose_name="publisher abbreviation"),
                ),
                ("release_date", models.DateField(verbose_name="release date")),
                (
                    "data_as_of",
                    models.DateField(
                        help_text="The date the white paper's figures describe.",
                        verbose_name="data as of",
                    ),
                ),
                (
                    "spokesperson",
                    models.CharField(blank=True, max_length=200, verbose_name="spokesperson"),
                ),
                (
                    "spokesperson_role",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="spokesperson's role"
                    ),
                ),
                ("summary", models.TextField(verbose_name="summary")),
                (
                    "source_title",
                    models.CharField(
                        help_text="The title of the text this site holds.",
                        max_length=300,
                        verbose_name="source title",
                    ),
                ),
                ("source_url", models.URLField(blank=True, verbose_name="source URL")),
                (
                    "source_quote",
                    models.TextField(
                        help_text="The sentence announcing the publication, verbatim.",
                        verbose_name="source quote",
                    ),
                ),
                (
                    "dates_note",
                    models.TextField(
                        blank=True,
                        help_text="How the stored dates follow from the source, where the source is not exact.",
                        verbose_name="note on dates",
                    ),
                ),
                ("is_published", models.BooleanField(default=True, verbose_name="published")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical publication",
                "verbose_name_plural": "historical publications",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalRegion",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="last edited"),
                ),
                (
                    "name",
                    models.CharField(db_index=True, max_length=100, verbose_name="English name"),
                ),
                ("name_zh", models.CharField(max_length=50, verbose_name="Chinese name")),
                (
                    "code",
                    models.CharField(
                        db_index=True,
                        error_messages={"unique": "Another region already has this code."},
                        help_text="For example CN-BJ for Beijing.",
                        max_length=6,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^CN-[A-Z]{2}$",
                                message="Use the ISO 3166-2:CN form, for example CN-BJ.",
                            )
                        ],
                        verbose_name="ISO 3166-2:CN code",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("municipality", "municipality"),
                            ("province", "province"),
                            ("autonomous_region", "autonomous region"),
                            ("sar", "special administrative region"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical region",
                "verbose_name_plural": "historical regions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Publication",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last edited")),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                ("slug", models.SlugField(max_length=100, unique=True, verbose_name="slug")),
                (
                    "publisher",
                    models.CharField(
                        help_text="The issuing body, in full.",
                        max_length=300,
                        verbose_name="publisher",
                    ),
                ),
                (
                    "publisher_abbreviation",
                    models.CharField(max_length=30, verbose_name="publisher abbreviation"),
                ),
                ("release_date", models.DateField(verbose_name="release date")),
                (
                    "data_as_of",
                    models.DateField(
                        help_text="The date the white paper's figures describe.",
                        verbose_name="data as of",
                    ),
                ),
                (
                    "spokesperson",
                    models.CharField(blank=True, max_length=200, verbose_name="spokesperson"),
                ),
                (
                    "spokesperson_role",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="spokesperson's role"
                    ),
                ),
                ("summary", models.TextField(verbose_name="summary")),
                (
                    "source_title",
                    models.CharField(
                        help_text="The title of the text this site holds.",
                        max_length=300,
                        verbose_name="source title",
                    ),
                ),
                ("source_url", models.URLField(blank=True, verbose_name="source URL")),
                (
                    "source_quote",
                    models.TextField(
                        help_text="The sentence announcing the publication, verbatim.",
                        verbose_name="source quote",
                    ),
                ),
                (
                    "dates_note",
                    models.TextField(
                        blank=True,
                        help_text="How the stored dates follow from the source, where the source is not exact.",
                        verbose_name="note on dates",
                    ),
                ),
                ("is_published", models.BooleanField(default=True, verbose_name="published")),
            ],
            options={
                "verbose_name": "publication",
                "verbose_name_plural": "publications",
                "ordering": ["-release_date", "title"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("data_as_of__lte", models.F("release_date"))),
                        name="publication_data_not_after_release",
                        violation_error_message="The data cannot be dated after the release date.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalTendency",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="last edited"),
                ),
                (
                    "number",
                    models.PositiveSmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Numbers start at 1."
                            )
                        ],
                        verbose_name="number",
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        help_text="An editor's short title; not a quote.",
                        max_length=200,
                        verbose_name="short title",
                    ),
                ),
                ("text", models.TextField(verbose_name="text as stated")),
                ("source_quote", models.TextField(verbose_name="source quote")),
                ("is_published", models.BooleanField(default=True, verbose_name="published")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "publication",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="whitepaper.publication",
                        verbose_name="publication",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical development tendency",
                "verbose_name_plural": "historical development tendencies",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalStatistic",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="last edited"),
                ),
                (
                    "key",
                    models.SlugField(
                        help_text="A stable name for citing and linking.",
                        max_length=100,
                        verbose_name="key",
                    ),
                ),
                ("label", models.CharField(max_length=300, verbose_name="label")),
                (
                    "value",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=14,
                        validators=[
                            django.core.validators.MinValueValidator(
                                0, message="A count or share cannot be negative."
                            )
                        ],
                        verbose_name="value",
                    ),
                ),
                (
                    "unit",
                    models.CharField(
                        choices=[
                            ("enterprises", "enterprises"),
                            ("startups", "startups"),
                            ("percent", "percent"),
                        ],
                        max_length=20,
                        verbose_name="unit",
                    ),
                ),
                (
                    "qualifier",
                    models.CharField(
                        choices=[
                            ("exact", "exactly"),
                            ("more_than", "more than"),
                            ("at_least", "at least"),
                            ("about", "about"),
                            ("less_than", "less than"),
                        ],
                        default="exact",
                        help_text='Store "over 80%" as 80 with "more than": the source gives a bound.',
                        max_length=20,
                        verbose_name="qualifier",
                    ),
                ),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("enterprises", "Blockchain enterprises"),
                            ("startups", "Startups by business type"),
                            ("regions", "Regional distribution"),
                        ],
                        max_length=20,
                        verbose_name="category",
                    ),
                ),
                ("as_of", models.DateField(verbose_name="as of")),
                (
                    "source_quote",
                    models.TextField(
                        help_text="The sentence, verbatim.", verbose_name="source quote"
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                ("position", models.PositiveIntegerField(default=0, verbose_name="position")),
                ("is_published", models.BooleanField(default=True, verbose_name="published")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "publication",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="whitepaper.publication",
                        verbose_name="publication",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical statistic",
                "verbose_name_plural": "historical statistics",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalIndustrySegment",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="last edited"),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("slug", models.SlugField(max_length=100, verbose_name="slug")),
                (
                    "stage",
                    models.CharField(
                        choices=[
                            ("upstream_hardware", "upstream hardware manufacturing"),
                            ("platform_services", "platform services"),
                            ("security", "security"),
                            (
                                "downstream_applications",
                                "downstream industrial application services",
                            ),
                            ("other_industries", "other industries applying blockchain"),
                        ],
                        max_length=30,
                        verbose_name="stage",
                    ),
                ),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("source_quote", models.TextField(verbose_name="source quote")),
                ("position", models.PositiveIntegerField(default=0, verbose_name="position")),
                ("is_published", models.BooleanField(default=True, verbose_name="published")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "publication",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="whitepaper.publication",
                        verbose_name="publication",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical industry segment",
                "verbose_name_plural": "historical industry segments",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalFinding",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="last edited"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("observation", "observation in the white paper"),
                            ("related", "related note in the source text"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("text", models.TextField(verbose_name="statement")),
                ("source_quote", models.TextField(verbose_name="source quote")),
                ("note", models.TextField(blank=True, verbose_name="note")),
                ("position", models.PositiveIntegerField(default=0, verbose_name="position")),
                ("is_published", models.BooleanField(default=True, verbose_name="published")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "publication",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="whitepaper.publication",
                        verbose_name="publication",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical finding",
                "verbose_name_plural": "historical findings",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Finding",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last edited")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("observation", "observation in the white paper"),
                            ("related", "related note in the source text"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("text", models.TextField(verbose_name="statement")),
                ("source_quote", models.TextField(verbose_name="source quote")),
                ("note", models.TextField(blank=True, verbose_name="note")),
                ("position", models.PositiveIntegerField(default=0, verbose_name="position")),
                ("is_published", models.BooleanField(default=True, verbose_name="published")),
                (
                    "publication",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="findings",
                        to="whitepaper.publication",
                        verbose_name="publication",
                    ),
                ),
            ],
            options={
                "verbose_name": "finding",
                "verbose_name_plural": "findings",
                "ordering": ["publication_id", "position", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Region",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last edited")),
                (
                    "name",
                    models.CharField(max_length=100, unique=True, verbose_name="English name"),
                ),
                ("name_zh", models.CharField(max_length=50, verbose_name="Chinese name")),
                (
                    "code",
                    models.CharField(
                        error_messages={"unique": "Another region already has this code."},
                        help_text="For example CN-BJ for Beijing.",
                        max_length=6,
                        unique=True,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^CN-[A-Z]{2}$",
                                message="Use the ISO 3166-2:CN form, for example CN-BJ.",
                            )
                        ],
                        verbose_name="ISO 3166-2:CN code",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("municipality", "municipality"),
                            ("province", "province"),
                            ("autonomous_region", "autonomous region"),
                            ("sar", "special administrative region"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
            ],
            options={
                "verbose_name": "region",
                "verbose_name_plural": "regions",
                "ordering": ["name"],
                "permissions": [("import_region", "Can import regions from CSV")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            django.db.models.lookups.Exact(
                                django.db.models.functions.text.Length("code"), 5
                            ),
                            ("code__startswith", "CN-"),
                        ),
                        name="region_code_iso_format",
                        violation_error_message="Use the ISO 3166-2:CN form, for example CN-BJ.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Statistic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last edited")),
                (
                    "key",
                    models.SlugField(
                        help_text="A stable name for citing and linking.",
                        max_length=100,
                        verbose_name="key",
                    ),
                ),
                ("label", models.CharField(max_length=300, verbose_name="label")),
                (
                    "value",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=14,
                        validators=[
                            django.core.validators.MinValueValidator(
                                0, message="A count or share cannot be negative."
                            )
                        ],
                        verbose_name="value",
                    ),
                ),
                (
                    "unit",
                    models.CharField(
                        choices=[
                            ("enterprises", "enterprises"),
                            ("startups", "startups"),
                            ("percent", "percent"),
                        ],
                        max_length=20,
                        verbose_name="unit",
                    ),
                ),
                (
                    "qualifier",
                    models.CharField(
                        choices=[
                            ("exact", "exactly"),
                            ("more_than", "more than"),
                            ("at_least", "at least"),
                            ("about", "about"),
                            ("less_than", "less than"),
                        ],
                        default="exact",
                        help_text='Store "over 80%" as 80 with "more than": the source gives a bound.',
                        max_length=20,
                        verbose_name="qualifier",
                    ),
                ),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("enterprises", "Blockchain enterprises"),
                            ("startups", "Startups by business type"),
                            ("regions", "Regional distribution"),
                        ],
                        max_length=20,
                        verbose_name="category",
                    ),
                ),
                ("as_of", models.DateField(verbose_name="as of")),
                (
                    "source_quote",
                    models.TextField(
                        help_text="The sentence, verbatim.", verbose_name="source quote"
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                ("position", models.PositiveIntegerField(default=0, verbose_name="position")),
                ("is_published", models.BooleanField(default=True, verbose_name="published")),
                (
                    "publication",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="statistics",
                        to="whitepaper.publication",
                        verbose_name="publication",
                    ),
                ),
            ],
            options={
                "verbose_name": "statistic",
                "verbose_name_plural": "statistics",
                "ordering": ["publication_id", "position", "pk"],
                "permissions": [("import_statistic", "Can import statistics from CSV")],
            },
        ),
        migrations.CreateModel(
            name="RegionalPresence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last edited")),
                (
                    "position",
                    models.PositiveIntegerField(
                        default=0,
                        help_text="The order in which the source lists the region.",
                        verbose_name="position",
                    ),
                ),
                (
                    "rank",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="Only if the source states a rank.",
                        null=True,
                        verbose_name="rank",
                    ),
                ),
                (
                    "company_count",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="Only if the source states a number for this region.",
                        null=True,
                        verbose_name="number of companies",
                    ),
                ),
                ("source_quote", models.TextField(verbose_name="source quote")),
                ("note", models.TextField(blank=True, verbose_name="note")),
                ("is_published", models.BooleanField(default=True, verbose_name="published")),
                (
                    "publication",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="regional_presences",
                        to="whitepaper.publication",
                        verbose_name="publication",
                    ),
                ),
                (
                    "region",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="presences",
                        to="whitepaper.region",
                        verbose_name="region",
                    ),
                ),
                (
                    "combined_share",
                    models.ForeignKey(
                        blank=True,
                        help_text="The figure this region contributes to together with others.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="regions",
                        to="whitepaper.statistic",
                        verbose_name="combined share",
                    ),
                ),
            ],
            options={
                "verbose_name": "regional presence",
                "verbose_name_plural": "regional presences",
                "ordering": ["publication_id", "position", "pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalRegionalPresence",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="last edited"),
                ),
                (
                    "position",
                    models.PositiveIntegerField(
                        default=0,
                        help_text="The order in which the source lists the region.",
                        verbose_name="position",
                    ),
                ),
                (
                    "rank",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="Only if the source states a rank.",
                        null=True,
                        verbose_name="rank",
                    ),
                ),
                (
                    "company_count",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="Only if the source states a number for this region.",
                        null=True,
                        verbose_name="number of companies",
                    ),
                ),
                ("source_quote", models.TextField(verbose_name="source quote")),
                ("note", models.TextField(blank=True, verbose_name="note")),
                ("is_published", models.BooleanField(default=True, verbose_name="published")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "publication",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="whitepaper.publication",
                        verbose_name="publication",
                    ),
                ),
                (
                    "region",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="whitepaper.region",
                        verbose_name="region",
                    ),
                ),
                (
                    "combined_share",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The figure this region contributes to together with others.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="whitepaper.statistic",
                        verbose_name="combined share",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical regional presence",
                "verbose_name_plural": "historical regional presences",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Tendency",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last edited")),
                (
                    "number",
                    models.PositiveSmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(
                                1, message="Numbers start at 1."
                            )
                        ],
                        verbose_name="number",
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        help_text="An editor's short title; not a quote.",
                        max_length=200,
                        verbose_name="short title",
                    ),
                ),
                ("text", models.TextField(verbose_name="text as stated")),
                ("source_quote", models.TextField(verbose_name="source quote")),
                ("is_published", models.BooleanField(default=True, verbose_name="published")),
                (
                    "publication",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tendencies",
                        to="whitepaper.publication",
                        verbose_name="publication",
                    ),
                ),
            ],
            options={
                "verbose_name": "development tendency",
                "verbose_name_plural": "development tendencies",
                "ordering": ["publication_id", "number"],
                "permissions": [("import_tendency", "Can import development tendencies from CSV")],
            },
        ),
        migrations.CreateModel(
            name="IndustrySegment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last edited")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("slug", models.SlugField(max_length=100, verbose_name="slug")),
                (
                    "stage",
                    models.CharField(
                        choices=[
                            ("upstream_hardware", "upstream hardware manufacturing"),
                            ("platform_services", "platform services"),
                            ("security", "security"),
                            (
                                "downstream_applications",
                                "downstream industrial application services",
                            ),
                            ("other_industries", "other industries applying blockchain"),
                        ],
                        max_length=30,
                        verbose_name="stage",
                    ),
                ),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("source_quote", models.TextField(verbose_name="source quote")),
                ("position", models.PositiveIntegerField(default=0, verbose_name="position")),
                ("is_published", models.BooleanField(default=True, verbose_name="published")),
                (
                    "publication",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="segments",
                        to="whitepaper.publication",
                        verbose_name="publication",
                    ),
                ),
            ],
            options={
                "verbose_name": "industry segment",
                "verbose_name_plural": "industry segments",
                "ordering": ["publication_id", "position", "pk"],
                "permissions": [
                    ("import_industrysegment", "Can import industry segments from CSV")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("publication", "slug"),
                        name="segment_unique_slug",
                        violation_error_message="This publication already has a segment with this slug.",
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="statistic",
            index=models.Index(
                fields=["publication", "position", "id"], name="statistic_default_order"
            ),
        ),
        migrations.AddIndex(
            model_name="statistic",
            index=models.Index(
                condition=models.Q(("is_published", True)),
                fields=["publication", "position", "id"],
                name="statistic_public_default",
            ),
        ),
        migrations.AddIndex(
            model_name="statistic",
            index=models.Index(
                condition=models.Q(("is_published", True)),
                fields=["value", "id", "publication"],
                name="statistic_public_value",
            ),
        ),
        migrations.AddIndex(
            model_name="statistic",
            index=models.Index(
                condition=models.Q(("is_published", True)),
                fields=["label", "id", "publication"],
                name="statistic_public_label",
            ),
        ),
        migrations.AddIndex(
            model_name="statistic",
            index=models.Index(
                condition=models.Q(("is_published", True)),
                fields=["as_of", "id", "publication"],
                name="statistic_public_as_of",
            ),
        ),
        migrations.AddIndex(
            model_name="statistic",
            index=models.Index(
                condition=models.Q(("is_published", True)),
                fields=["category", "publication", "position", "id"],
                name="statistic_public_cat_default",
            ),
        ),
        migrations.AddIndex(
            model_name="statistic",
            index=models.Index(
                condition=models.Q(("is_published", True)),
                fields=["unit", "publication", "position", "id"],
                name="statistic_public_unit_default",
            ),
        ),
        migrations.AddIndex(
            model_name="statistic",
            index=models.Index(
                condition=models.Q(("is_published", True)),
                fields=["qualifier", "publication", "position", "id"],
                name="statistic_public_qual_default",
            ),
        ),
        migrations.AddConstraint(
            model_name="statistic",
            constraint=models.UniqueConstraint(
                fields=("publication", "key"),
                name="statistic_unique_key",
                violation_error_message="This publication already has a statistic with this key.",
            ),
        ),
        migrations.AddConstraint(
            model_name="statistic",
            constraint=models.CheckConstraint(
                condition=models.Q(("value__gte", 0)),
                name="statistic_value_not_negative",
                violation_error_message="A count or share cannot be negative.",
            ),
        ),
        migrations.AddConstraint(
            model_name="statistic",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("unit", "percent"), _negated=True),
                    ("value__lte", 100),
                    _connector="OR",
                ),
                name="statistic_percent_at_most_100",
                violation_error_message="A percentage cannot be above 100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="regionalpresence",
            constraint=models.UniqueConstraint(
                fields=("publication", "region"),
                name="presence_unique_region",
                violation_error_message="This publication already has a record for this region.",
            ),
        ),
        migrations.AddConstraint(
            model_name="tendency",
            constraint=models.UniqueConstraint(
                fields=("publication", "number"),
                name="tendency_unique_number",
                violation_error_message="This publication already has a tendency with this number.",
            ),
        ),
        migrations.AddConstraint(
            model_name="tendency",
            constraint=models.CheckConstraint(
                condition=models.Q(("number__gte", 1)),
                name="tendency_number_positive",
                violation_error_message="Numbers start at 1.",
            ),
        ),
    ]

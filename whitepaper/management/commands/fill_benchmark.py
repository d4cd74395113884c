"""Fill a database with synthetic publications and statistics for benchmarks.

It refuses a database that already holds records that are not its own synthetic ones (the
site's real data), unless --force is given, so it cannot bloat the site by accident.
Statistics are inserted with executemany in batches, bypassing model saves, so they have
no history rows: benchmark data only.
"""

import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from whitepaper.management.progress import progress_line
from whitepaper.models import Category, Publication, Qualifier, StatedBy, Statistic, Unit
from whitepaper.translation import TRANSLATIONS, twins

SYNTHETIC_PREFIX = "synthetic-"
BATCH_SIZE = 5000
SENTENCE_POOL = 997  # distinct labels and quotes to draw from (prime, so pairs vary)
WORDS = [
    "blockchain",
    "enterprises",
    "startups",
    "platform",
    "services",
    "security",
    "hardware",
    "finance",
    "real",
    "economy",
    "investment",
    "media",
    "human",
    "resources",
    "supply",
    "chain",
    "identity",
    "payments",
    "trade",
    "energy",
    "logistics",
    "government",
    "data",
    "sharing",
    "credible",
    "digitization",
    "standard",
    "supervision",
    "application",
]


#: Chinese words for the synthetic Chinese labels (so that searches in Chinese have work).
WORDS_ZH = [
    "区块链",
    "企业",
    "创业公司",
    "平台",
    "服务",
    "安全",
    "硬件",
    "金融",
    "实体经济",
    "投资",
    "媒体",
    "人力资源",
    "供应链",
    "身份",
    "支付",
    "贸易",
    "能源",
    "物流",
    "政府",
    "数据",
    "共享",
    "可信",
    "数字化",
    "标准",
    "监管",
    "应用",
    "北京",
    "上海",
    "广东",
    "浙江",
]


def chinese_phrase(rng, low, high):
    return "".join(rng.choice(WORDS_ZH) for _ in range(rng.randint(low, high)))


def sentence(rng, low, high):
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return (" ".join(words)).capitalize() + "."


class Command(BaseCommand):
    help = "Fill the database given by DATABASE_URL with synthetic benchmark data."

    def add_arguments(self, parser):
        parser.add_argument("--statistics", type=int, default=1_000_000)
        parser.add_argument("--publications", type=int, default=10)
        parser.add_argument("--seed", type=int, default=2018)
        parser.add_argument(
            "--force", action="store_true", help="Fill even a database with real records."
        )

    def handle(self, *args, **options):
        total = options["statistics"]
        if total < 0 or options["publications"] < 1:
            raise CommandError("Give a positive number of publications and statistics.")
        real = Publication.objects.exclude(slug__startswith=SYNTHETIC_PREFIX)
        if real.exists() and not options["force"]:
            raise CommandError(
                f"The database {connection.settings_dict['NAME']} holds real records "
                f"({real.count()} publication(s)). Point DATABASE_URL at a benchmark database, "
                "or pass --force."
            )
        rng = random.Random(options["seed"])
        publications = self.create_publications(options["publications"])
        labels = [sentence(rng, 4, 10) for _ in range(SENTENCE_POOL)]
        translated_labels = [chinese_phrase(rng, 3, 6) for _ in range(SENTENCE_POOL)]
        quotes = [sentence(rng, 15, 40) for _ in range(SENTENCE_POOL)]
        sql = self.insert_sql()
        started = time.monotonic()
        out = sys.stderr if options["verbosity"] else None
        for offset in range(0, total, BATCH_SIZE):
            count = min(BATCH_SIZE, total - offset)
            rows = self.rows(
                rng, publications, labels, translated_labels, quotes, offset, count, total
            )
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, rows)
            if out:
                out.write(progress_line(offset + count, total, started, "statistics"))
        if out:
            out.write("\n")
        elapsed = time.monotonic() - started
        self.stdout.write(f"Created {total:,} statistics in {elapsed:.1f} s.")

    def create_publications(self, count):
        """count synthetic publications, a day apart, in one insert (existing ones kept)."""
        first = date(2018, 5, 20)
        Publication.objects.bulk_create(
            [
                Publication(
                    slug=f"{SYNTHETIC_PREFIX}{number:05d}",
                    title=f"Synthetic white paper {number}",
                    publisher="Synthetic publisher",
                    publisher_abbreviation="SYN",
                    release_date=first + timedelta(days=number),
                    data_as_of=first + timedelta(days=number - 50),
                    summary="Synthetic data for benchmarks.",
                    source_title="Synthetic",
                    source_quote="Synthetic.",
                    is_published=True,
                )
                for number in range(count)
            ],
            ignore_conflicts=True,
        )
        slugs = [f"{SYNTHETIC_PREFIX}{number:05d}" for number in range(count)]
        by_slug = Publication.objects.in_bulk(slugs, field_name="slug")
        return [by_slug[slug] for slug in slugs]

    def insert_sql(self):
        table = connection.ops.quote_name(Statistic._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(c) for c in STATISTIC_COLUMNS)
        placeholders = ", ".join(["%s"] * len(STATISTIC_COLUMNS))
        return f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"

    def rows(self, rng, publications, labels, translated_labels, quotes, offset, count, total):
        ops = connection.ops
        now = ops.adapt_datetimefield_value(timezone.now())
        as_of = [ops.adapt_datefield_value(p.data_as_of) for p in publications]
        categories = list(Category.values)
        units = [Unit.ENTERPRISES, Unit.STARTUPS, Unit.PERCENT]
        qualifiers = list(Qualifier.values)
        per_publication = -(-total // len(publications))
        rows = []
        for n in range(offset, offset + count):
            # One publication after the other, so that every index grows at its end;
            # `place` is the row's place in its publication and sets its qualifier, so
            # that one publication and one qualifier select an exact slice.
            which, place = divmod(n, per_publication)
            unit = units[n % 3]
            value = Decimal(rng.randint(0, 10000 if unit == Unit.PERCENT else 1_000_000)) / 100
            rows.append(
                (
                    now,
                    now,
                    publications[which].pk,
                    f"{SYNTHETIC_PREFIX}{n:07d}",
                    labels[n % SENTENCE_POOL],
                    *(translated_labels[(n * 3) % SENTENCE_POOL] for _ in TRANSLATIONS),
                    ops.adapt_decimalfield_value(value, 14, 2),
                    "",
                    unit.value,
                    qualifiers[place % len(qualifiers)],
                    categories[n % len(categories)],
                    as_of[which],
                    quotes[(n * 7) % SENTENCE_POOL],
                    StatedBy.WHITE_PAPER.value,
                    "",
                    *("" for _ in TRANSLATIONS),
                    place,
                    True,
                )
            )
        return rows


STATISTIC_COLUMNS = [
    "created_at",
    "updated_at",
    "publication_id",
    "key",
    "label",
    *twins("label"),
    "value",
    "value_as_stated",
    "unit",
    "qualifier",
    "category",
    "as_of",
    "source_quote",
    "stated_by",
    "note",
    *twins("note"),
    "position",
    "is_published",
]

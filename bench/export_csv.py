"""Benchmark: stream the full statistics CSV through the real view, against a floor.

    .venv/bin/python bench/export_csv.py [--rows 1000000] [--db PATH] [--keep]

It fills a separate SQLite database (never the site's own) with synthetic statistics, then,
each in a fresh process:
  - export: GET /statistics.csv?bom=0 through the real Django view, consuming the stream;
  - floor: Python's sqlite3 runs the view's own SQL and writes the rows with csv.writer.
It prints rows per second and the peak memory (max RSS) of each process.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.local_server import isolated_env, manage  # noqa: E402

BENCH_KEY = "bench-only-secret-key-" + "abcdefghijklmnopqrstuvwxyz0123456789"


def django_env(db_path):
    return isolated_env(
        DJANGO_SQLITE_PATH=str(db_path),
        DJANGO_SECRET_KEY=BENCH_KEY,
        DJANGO_SETTINGS_MODULE="whitepaper.settings",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )


def run_phase(env, phase, db_path):
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--phase", phase, "--db", str(db_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise RuntimeError(f"{phase} phase failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def peak_rss_mb():
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_export():
    import django

    django.setup()
    from django.test import RequestFactory

    from reports.urls import urlpatterns

    view = next(p.callback for p in urlpatterns if p.name == "statistics_csv")
    request = RequestFactory().get("/statistics.csv", {"bom": "0"})
    before = peak_rss_mb()
    started = time.perf_counter()
    response = view(request)
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\r\n")
    elapsed = time.perf_counter() - started
    return {
        "rows": lines - 1,
        "seconds": elapsed,
        "bytes": size,
        "rss_before_mb": before,
        "peak_rss_mb": peak_rss_mb(),
    }


def phase_floor(db_path):
    """The same SQL the view runs, read with sqlite3 and written with csv.writer."""
    import csv
    import sqlite3

    import django

    django.setup()
    from reports.downloads.exports import columns
    from reports.tables.tables import StatisticTable
    from whitepaper.models import Statistic

    table_columns = columns(Statistic, StatisticTable.export_fields)
    queryset = Statistic.objects.for_table().values_list(
        *[column.value.name for column in table_columns]
    )
    sql, params = queryset.query.sql_with_params()
    before = peak_rss_mb()
    started = time.perf_counter()
    connection = sqlite3.connect(db_path)
    rows = 0
    with open(os.devnull, "w", newline="", encoding="utf-8") as sink:
        writer = csv.writer(sink, lineterminator="\r\n")
        writer.writerow([column.name for column in table_columns])
        for row in connection.execute(sql, params):
            writer.writerow(row)
            rows += 1
    elapsed = time.perf_counter() - started
    return {"rows": rows, "seconds": elapsed, "rss_before_mb": before, "peak_rss_mb": peak_rss_mb()}


def phase_results(db_path):
    """The export and the floor on a filled database, each in a fresh process."""
    env = django_env(db_path)
    return run_phase(env, "export", db_path), run_phase(env, "floor", db_path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--keep", action="store_true", help="Keep the benchmark database.")
    parser.add_argument("--phase", choices=["export", "floor"], help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase == "export":
        print(json.dumps(phase_export()))
        return
    if args.phase == "floor":
        print(json.dumps(phase_floor(args.db)))
        return

    workdir = Path(tempfile.mkdtemp(prefix="whitepaper-bench-"))
    db_path = args.db or workdir / "bench.sqlite3"
    env = django_env(db_path)
    if not db_path.exists():
        manage(env, "migrate", "--noinput", "-v0")
        started = time.perf_counter()
        manage(env, "fill_benchmark", "--statistics", str(args.rows))
        print(f"fill: {args.rows:,} statistics in {time.perf_counter() - started:.1f} s")

    export, floor = phase_results(db_path)
    ratio = export["seconds"] / floor["seconds"]
    print(f"database: {db_path}")
    for name, result in (("export (Django view)", export), ("floor (sqlite3+csv)", floor)):
        print(
            f"{name:22} {result['rows']:>9,} rows in {result['seconds']:6.2f} s = "
            f"{result['rows'] / result['seconds']:>9,.0f} rows/s; "
            f"peak RSS {result['peak_rss_mb']:.0f} MB (at start {result['rss_before_mb']:.0f} MB)"
        )
    print(f"export / floor time: {ratio:.2f}x (target at most 1.5x)")
    print(f"export peak memory: {export['peak_rss_mb']:.0f} MB (target under 150 MB)")
    if not args.keep and not args.db:
        for path in workdir.iterdir():
            path.unlink()
        workdir.rmdir()


if __name__ == "__main__":
    main()

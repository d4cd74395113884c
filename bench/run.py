"""Every performance figure in one run; writes bench/RESULTS.md.

    .venv/bin/python bench/run.py [--rows 1000000] [--publications 4000] [--duration 10]
                                  [--connections 16] [--repeat 3]

1. Builds two SQLite databases in a temporary folder (never the site's own): the real white
   paper, and the white paper plus --rows synthetic statistics spread over --publications
   synthetic publications (manage.py fill_benchmark).
2. For each, starts gunicorn with production settings on 127.0.0.1 and drives it with wrk at
   --connections concurrent clients: the overview, the statistics table (default order, sorted
   by value, filtered by category, a page deep in the list, 100 rows), the API's list of 100
   statistics (default order, sorted by value, from a cursor 1,000 records before the end)
   and a CSV download of one
   publication's figures with one qualifier (50 rows at 1,000,000 rows over 4,000
   publications; the real data's 4 statistics otherwise), with the page cache on (as
   served) and off (every request rendered). The four servers run together and the runs are
   interleaved, --repeat times; the report gives the median of the runs.
   Then the distinct deep pages: for each run a fresh gunicorn with the page cache off, which
   has seen no page yet, and wrk asking random page numbers between 2 and the last page
   (bench/deep_pages.lua), so that every URL is a first visit.
3. Streams the full CSV of the large database against the sqlite3 + csv.writer floor
   (bench/export_csv.py).
4. Records the peak memory (max RSS) of the gunicorn workers.

Before each round the database files are read through once, so that they are in the
operating system's file cache, as a server's database of this size (under 1 GB) is: the
figures measure the site, not the disk. (This VM's memory reclaim drops file pages that
were not read for a while; without the read, a round could start on a cold disk.)
"""

import argparse
import datetime
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from export_csv import phase_results
from load import PRODUCTION, run_wrk

from tests.local_server import isolated_env, manage, start_gunicorn, stop

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
WORKERS = os.environ.get("WEB_CONCURRENCY", "2")
THREADS = os.environ.get("GUNICORN_THREADS", "4")


#: The figures of the last run before the render path was reworked (bench/RESULTS.md at
#: commit 2c536a8; the distinct deep pages from the issue that asked for that work), shown
#: beside today's in the report.
BEFORE = {
    ("real data", "on", "overview"): 987,
    ("real data", "on", "table: default order"): 1018,
    ("real data", "on", "table: sorted by value"): 897,
    ("real data", "on", "table: category filter"): 963,
    ("real data", "on", "table: deep page"): 1042,
    ("real data", "on", "CSV: one publication, one qualifier"): 120,
    ("real data", "off", "overview"): 171,
    ("real data", "off", "table: default order"): 152,
    ("real data", "off", "table: sorted by value"): 125,
    ("real data", "off", "table: category filter"): 176,
    ("real data", "off", "table: deep page"): 145,
    ("real data", "off", "CSV: one publication, one qualifier"): 130,
    ("large", "on", "overview"): 871,
    ("large", "on", "table: default order"): 1019,
    ("large", "on", "table: sorted by value"): 851,
    ("large", "on", "table: category filter"): 970,
    ("large", "on", "table: deep page"): 718,
    ("large", "on", "CSV: one publication, one qualifier"): 196,
    ("large", "off", "overview"): 150,
    ("large", "off", "table: default order"): 55,
    ("large", "off", "table: sorted by value"): 51,
    ("large", "off", "table: category filter"): 29,
    ("large", "off", "table: deep page"): 37,
    ("large", "off", "CSV: one publication, one qualifier"): 200,
    ("large", "off", "distinct deep pages"): 14,
}
DEEP_PAGES_SCRIPT = ROOT / "bench" / "deep_pages.lua"


def before(result):
    data = "real data" if result["data"] == "real data" else "large"
    figure = BEFORE.get((data, result["cache"], result["target"]))
    return f"{figure:,}" if figure else "new"


def targets(deep_page, csv_query, deep_cursor):
    return [
        ("overview", "/"),
        ("table: default order", "/statistics/"),
        ("table: sorted by value", "/statistics/?sort=-value"),
        ("table: category filter", "/statistics/?category=startups"),
        ("table: deep page", f"/statistics/?page={deep_page}"),
        ("table: 100 rows", "/statistics/?per_page=100"),
        ("API: 100 statistics", "/api/v1/statistics?limit=100"),
        ("API: 100 statistics, sorted by value", "/api/v1/statistics?limit=100&sort=-value"),
        ("API: 100 statistics, deep cursor", f"/api/v1/statistics?limit=100&after={deep_cursor}"),
        ("CSV: one publication, one qualifier", f"/statistics.csv?{csv_query}"),
    ]


#: The API's cursor of the statistic at a given place in the default order (the key of the
#: record before it, as the API's `next` would give it), printed by a management shell.
DEEP_CURSOR = """
from reports.api.paging import Order
from reports.tables.catalogue import TABLE_OF_MODEL
from reports.tables.pagination import encode_key
from whitepaper.models import Statistic
order = Order(TABLE_OF_MODEL[Statistic].queryset())
rows = order.queryset
print(encode_key(order.key_of(rows[max(rows.count() - {from_end}, 0)])))
"""


def deep_cursor(env, from_end=1000):
    """A cursor deep in the statistics list: from_end records before its end."""
    code = DEEP_CURSOR.format(from_end=from_end)
    return manage(env, "shell", "-c", code).split()[-1]


def build(workdir, name, rows, publications):
    # No rate limit on the API: wrk is one client asking as fast as it can.
    env = isolated_env(
        **PRODUCTION,
        DJANGO_SQLITE_PATH=str(workdir / f"{name}.sqlite3"),
        DJANGO_API_REQUESTS_PER_MINUTE="0",
    )
    return env, fill_database(env, rows, publications)


def fill_database(env, rows, publications):
    """Migrate the database env points at, load the white paper, then add rows synthetic
    statistics over publications synthetic publications; the seconds the filling took
    (None without rows). bench/search.py builds its database with it too."""
    for command in (["migrate", "--noinput"], ["createcachetable"], ["load_whitepaper"]):
        manage(env, *command)
    if not rows:
        return None
    started = time.perf_counter()
    manage(
        env,
        "fill_benchmark",
        "--statistics",
        str(rows),
        "--publications",
        str(publications),
        "--force",
    )
    return time.perf_counter() - started


def worker_peak_rss_mb(server_pid):
    children = subprocess.run(
        ["pgrep", "-P", str(server_pid)], capture_output=True, text=True
    ).stdout.split()
    peaks = []
    for pid in children:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return max(peaks, default=0.0)


def measure(setups, args):
    """wrk against every target of every setup (data, page cache on or off), each served by
    its own gunicorn, all started together. The runs are interleaved (every server for one
    target, then the next target, --repeat times), so a slow spell of the machine falls on
    every setup alike; each figure is the median of its runs."""
    servers = []
    try:
        for label, env, deep_page, csv_query in setups:
            server_targets = targets(deep_page, csv_query, deep_cursor(env))
            for cache in ("on", "off"):
                seconds = "600" if cache == "on" else "0"
                server, base = start_gunicorn(dict(env, DJANGO_PAGE_CACHE_SECONDS=seconds))
                servers.append((label, cache, server, base, server_targets))
        for _, _, _, base, server_targets in servers:
            for _, path in server_targets:
                warm_up(base + path)
        runs = {}
        for round_number in range(args.repeat):
            keep_in_file_cache(env for _, env, _, _ in setups)
            for index in range(len(servers[0][4])):
                for label, cache, _, base, server_targets in servers:
                    name, path = server_targets[index]
                    figures = run_wrk(f"{base}{path}", args.connections, args.duration)
                    runs.setdefault((label, cache, name, path), []).append(figures)
                    print(
                        f"run {round_number + 1}: {label:>14} cache {cache:3} {name:36} "
                        f"{figures['rps']:7.0f} req/s  p50 {figures['p50']:7.1f} ms  "
                        f"p99 {figures['p99']:7.1f} ms",
                        flush=True,
                    )
        results = [median_of(key, figures) for key, figures in runs.items()]
        labels = [setup[0] for setup in setups]
        results.sort(key=lambda r: (labels.index(r["data"]), r["cache"] == "off"))
        for label, cache, server, _, _ in servers:
            results.append(
                {"data": label, "cache": cache, "worker_peak_mb": worker_peak_rss_mb(server.pid)}
            )
        return results
    finally:
        for server in servers:
            stop(server[2])


def keep_in_file_cache(envs):
    """Read each database file through once (see the module's docstring)."""
    for env in envs:
        with open(env["DJANGO_SQLITE_PATH"], "rb") as database:
            while database.read(1 << 24):
                pass


def forget_bookmarks(env):
    """Empty the database's "paging" cache (the bookmarks every worker shares), as a new data
    version would: the next server starts with none. (Row counts live in each server's
    memory, which a fresh server starts without.)"""
    database = sqlite3.connect(env["DJANGO_SQLITE_PATH"])
    with database:
        database.execute("DELETE FROM paging_cache")
    database.close()


def median_of(key, runs):
    """The median of each figure over the runs of one target, and the sum of errors."""
    label, cache, name, path = key
    figures = {field: statistics.median(run[field] for run in runs) for field in FIGURES}
    for field in ("requests", "non_2xx", "socket_errors"):
        figures[field] = sum(run[field] for run in runs)
    figures.update(data=label, cache=cache, target=name, path=path)
    return figures


FIGURES = ("rps", "p50", "p99")


def warm_up(url):
    """One request first, so that wrk measures the steady state rather than the first
    rendering (and row count) in the worker that answers it."""
    try:
        urllib.request.urlopen(
            urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"}), timeout=120
        ).read()
    except OSError as error:
        print(f"warm-up of {url} failed: {error}", flush=True)


def table(results):
    lines = [
        "| data | page cache | target | req/s | before | p50 ms | p99 ms | errors |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        if "target" in r and not r["requests"]:
            lines.append(
                f"| {r['data']} | {r['cache']} | {r['target']} | no response within the "
                "10 s timeout | | | | |"
            )
        elif "target" in r:
            errors = r["non_2xx"] + r["socket_errors"]
            lines.append(
                f"| {r['data']} | {r['cache']} | {r['target']} | {r['rps']:.0f} | {before(r)} | "
                f"{r['p50']:.1f} | {r['p99']:.1f} | {errors} |"
            )
    return "\n".join(lines)


def distinct_deep_pages(label, env, last_page, args):
    """wrk asking random page numbers of the statistics table, each run against a fresh
    gunicorn with the page cache off that has answered nothing but its health check, on a
    database whose shared cache holds no row count and no bookmarks."""
    runs = []
    for round_number in range(args.repeat):
        forget_bookmarks(env)
        keep_in_file_cache([env])
        server, base = start_gunicorn(dict(env, DJANGO_PAGE_CACHE_SECONDS="0"))
        try:
            figures = run_wrk(
                f"{base}/statistics/",
                args.connections,
                args.duration,
                script=DEEP_PAGES_SCRIPT,
                env=dict(os.environ, LAST_PAGE=str(last_page)),
            )
        finally:
            stop(server)
        runs.append(figures)
        print(
            f"run {round_number + 1}: {label:>14} cache off distinct deep pages "
            f"{figures['rps']:7.0f} req/s  p50 {figures['p50']:7.1f} ms  "
            f"p99 {figures['p99']:7.1f} ms",
            flush=True,
        )
    return median_of((label, "off", "distinct deep pages", "/statistics/?page=<random>"), runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--publications", type=int, default=4000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per URL and run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3, help="runs per URL (median)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="whitepaper-bench-run-"))
    print(f"building databases in {workdir}", flush=True)
    manage(isolated_env(**PRODUCTION), "collectstatic", "--noinput")
    real_env, _ = build(workdir, "real", 0, 0)
    large_env, fill_seconds = build(workdir, "large", args.rows, args.publications)
    print(f"fill: {args.rows:,} statistics in {fill_seconds:.1f} s", flush=True)

    real_csv = "publication=miit-blockchain-white-paper-2018"
    large_csv = "publication=synthetic-00123&qualifier=about"
    deep_page = (args.rows // 25) - 10
    results = measure(
        [
            ("real data", real_env, 1, real_csv),
            (f"{args.rows:,} rows", large_env, deep_page, large_csv),
        ],
        args,
    )
    results.append(distinct_deep_pages(f"{args.rows:,} rows", large_env, args.rows // 25, args))
    export, floor = phase_results(Path(large_env["DJANGO_SQLITE_PATH"]))

    memory = [r for r in results if "worker_peak_mb" in r]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    report = f"""# Benchmark results

Written by `{" ".join([".venv/bin/python", "bench/run.py", *sys.argv[1:]])}`
({args.rows:,} rows over {args.publications:,} publications, {args.repeat} runs of
{args.duration} s per URL, {args.connections} connections) on
{datetime.date.today().isoformat()}, commit {commit}.

Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()},
SQLite {sqlite3.sqlite_version}; gunicorn gthread {WORKERS} workers x {THREADS} threads; wrk on the
same machine. Runs are interleaved across the setups; figures are the medians of the runs,
errors are summed; the database files are read into the OS file cache before each round.
"Page cache on" is how
the site is served (pages cached per data version); "off" renders every request.

## Pages

{table(results)}

Worker peak memory (max RSS): {", ".join(f"{m['data']} cache {m['cache']}: {m['worker_peak_mb']:.0f} MB" for m in memory)}.

## Fill and full export ({args.rows:,} rows)

- fill_benchmark: {fill_seconds:.1f} s ({args.rows / fill_seconds:,.0f} rows/s)
- full CSV through the view: {export["seconds"]:.1f} s ({export["rows"] / export["seconds"]:,.0f} rows/s), peak RSS {export["peak_rss_mb"]:.0f} MB
- floor, sqlite3 + csv.writer: {floor["seconds"]:.1f} s ({floor["rows"] / floor["seconds"]:,.0f} rows/s)
- export / floor: {export["seconds"] / floor["seconds"]:.2f}x
"""
    RESULTS.write_text(report)
    print(report)


if __name__ == "__main__":
    main()

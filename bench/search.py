"""Search at scale: the rebuild of the index, its size, and searches under load.

    .venv/bin/python bench/search.py [--rows 1000000] [--publications 4000] [--duration 10]
                                     [--connections 16] [--repeat 3] [--db PATH]

1. Builds a SQLite database in a temporary folder (never the site's own): the white paper
   plus --rows synthetic statistics over --publications publications (fill_benchmark, which
   writes with raw SQL, so the synthetic rows are not indexed yet). With --db, uses a copy of
   nothing: that database as it is (filled, not yet rebuilt).
2. Size before: the database file (WAL checkpointed), without an index of the synthetic rows.
3. Times `manage.py rebuild_search_index` under /usr/bin/time -v: wall time and peak memory.
4. Size after, and the index's own tables (dbstat).
5. Serves the database with gunicorn and production settings, page cache off (every request
   searched and rendered), and runs wrk (--connections, --duration s, --repeat rounds,
   median) against TARGETS: a common word (English and Chinese pages, JSON), two words
   (English, Chinese), a rare word (page, JSON) and a word no record has. Besides requests
   per second and latency it gives the CPU time the gunicorn workers spent per request,
   which other work on the machine does not change as much: the machine's capacity for a
   target is about its CPUs divided by that.
"""

import argparse
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from load import PRODUCTION, run_wrk
from run import fill_database

from tests.local_server import ROOT, isolated_env, manage, start_gunicorn, stop

TARGETS = [
    ("common word, page", "/search/?q=blockchain"),
    ("common word, Chinese page", "/zh-hans/search/?q=%E5%8C%BA%E5%9D%97%E9%93%BE"),  # 区块链
    ("common word, JSON", "/search.json?q=blockchain"),
    ("two words, page", "/search/?q=blockchain+startups"),
    ("Chinese words, page", "/zh-hans/search/?q=" + quote("区块链企业")),
    ("rare word, page", "/search/?q=Guangdong"),
    ("rare word, JSON", "/search.json?q=Guangdong"),
    ("no match, page", "/search/?q=okapi"),
]


def size_mb(path):
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.stat().st_size / 2**20


def index_tables_mb(path):
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT name, SUM(pgsize) FROM dbstat WHERE name LIKE 'whitepaper_search%' "
            "GROUP BY name ORDER BY 2 DESC"
        ).fetchall()
    return {name: size / 2**20 for name, size in rows}


def timed_rebuild(env):
    """Wall time (s) and peak memory (MB) of rebuild_search_index, from /usr/bin/time -v."""
    result = subprocess.run(
        ["/usr/bin/time", "-v", sys.executable, "manage.py", "rebuild_search_index"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)[1])
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", result.stderr)[
        1
    ]
    seconds = sum(float(part) * 60**i for i, part in enumerate(reversed(wall.split(":"))))
    return seconds, peak_kb / 1024, result.stdout.strip()


def workers_cpu_seconds(server_pid):
    """CPU time (user + system) used so far by the gunicorn workers of a server."""
    children = subprocess.run(
        ["pgrep", "-P", str(server_pid)], capture_output=True, text=True
    ).stdout.split()
    ticks = 0
    for pid in children:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--publications", type=int, default=4000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", type=Path, help="a filled database to use instead")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="whitepaper-search-"))
    path = args.db or workdir / "search.sqlite3"
    env = isolated_env(**PRODUCTION, DJANGO_SQLITE_PATH=str(path), DJANGO_PAGE_CACHE_SECONDS="0")
    try:
        if not args.db:
            started = time.perf_counter()
            fill_database(env, args.rows, args.publications)
            print(f"built {args.rows:,} statistics in {time.perf_counter() - started:.0f} s")
        manage(env, "collectstatic", "--noinput")
        before = size_mb(path)
        seconds, peak, said = timed_rebuild(env)
        after = size_mb(path)
        print(f"rebuild_search_index: {seconds:.1f} s, peak memory {peak:.0f} MB ({said})")
        print(
            f"database: {before:,.0f} MB before, {after:,.0f} MB after "
            f"(x{after / before:.2f}; the index adds {after - before:,.0f} MB)"
        )
        for name, size in index_tables_mb(path).items():
            print(f"  {name:32} {size:8,.0f} MB")

        server, base = start_gunicorn(env)
        try:
            for _, target in TARGETS:
                subprocess.run(["curl", "-fsS", "-o", "/dev/null", base + target], check=True)
            runs = {name: [] for name, _ in TARGETS}
            for _ in range(args.repeat):
                for name, target in TARGETS:
                    before = workers_cpu_seconds(server.pid)
                    figures = run_wrk(base + target, args.connections, args.duration)
                    used = workers_cpu_seconds(server.pid) - before
                    figures["cpu_ms"] = 1000 * used / max(figures["requests"], 1)
                    runs[name].append(figures)
            print(
                f"wrk: {args.connections} connections, {args.duration} s x {args.repeat} "
                f"(median), page cache off, {os.cpu_count()} CPUs"
            )
            print(
                f"{'target':28} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>7} "
                f"{'CPU ms/request':>15}"
            )
            for name, figures in runs.items():
                median = {
                    key: statistics.median(run[key] for run in figures)
                    for key in ("rps", "p50", "p99", "cpu_ms")
                }
                errors = sum(run["non_2xx"] + run["socket_errors"] for run in figures)
                print(
                    f"{name:28} {median['rps']:7.0f} {median['p50']:7.1f} "
                    f"{median['p99']:7.1f} {errors:7} {median['cpu_ms']:15.1f}"
                )
        finally:
            stop(server)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

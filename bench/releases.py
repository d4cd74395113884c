"""Releases at scale: publishing at 1,000,000 statistics while the site serves pages, and
the first page of a comparison of two releases that differ in 1,000 records.

    .venv/bin/python bench/releases.py [--rows 1000000] [--publications 4000] [--changed 1000]
                                       [--duration 20] [--connections 8] [--pace MS]
                                       [--db PATH]

1. Builds a SQLite database in a temporary folder (never the site's own): the white paper
   (load_whitepaper publishes 1.0.0) plus --rows synthetic statistics (fill_benchmark).
   With --db, uses that database as it is.
2. Serves it with gunicorn (production settings, page cache off) and measures a table page
   with wrk (--connections, --duration s): a baseline, then in windows of --duration s one
   after the other for as long as each publish runs (the last window may outlast it). By
   default each connection asks again as soon as it has an answer, which keeps every core
   busy: on a 2-core machine the publisher then gets what the server and wrk leave. With
   --pace, each connection waits MS milliseconds between requests (a steady load of at most
   connections x 1000 / MS requests a second, as readers make it).
3. Publishes the synthetic rows (`publish_release`, a minor release that adds them all) under
   /usr/bin/time -v: wall time and peak memory.
4. Changes the value of --changed statistics and publishes again (a patch release): wall
   time and peak memory.
5. Times the first page of the comparison of the last two releases, and of the newest
   release's own page (median of 5, cold page cache).
Targets (issue 21): each publish at most 3 minutes and 400 MB; a comparison's first page
under a second.
"""

import argparse
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.request import Request, urlopen

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from load import PRODUCTION, run_wrk
from run import fill_database

from tests.local_server import ROOT, isolated_env, manage, start_gunicorn, stop

PAGE = "/statistics/?page=2000"
#: As behind the TLS proxy that the production settings expect (what wrk sends too).
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}


def get(url):
    with urlopen(Request(url, headers=PROXY_HEADERS)) as response:
        return response.read()


def timed_publish(env, notes):
    """Wall time (s), peak memory (MB) and output of publish_release, from /usr/bin/time -v."""
    result = subprocess.run(
        ["/usr/bin/time", "-v", sys.executable, "manage.py", "publish_release", "--notes", notes],
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


def paced(pace_ms, folder):
    """A wrk script whose connections wait pace_ms between requests (None: no wait)."""
    if not pace_ms:
        return None
    script = folder / "pace.lua"
    script.write_text(f"function delay()\n  return {pace_ms}\nend\n")
    return script


def publish_under_load(env, notes, base, args, script):
    """Publish while wrk asks for a table page, in windows of --duration seconds one after
    the other until the publish ends: the publish's figures and each window's."""
    windows = []
    done = threading.Event()

    def load():
        while not done.is_set():
            windows.append(run_wrk(base + PAGE, args.connections, args.duration, script=script))

    thread = threading.Thread(target=load)
    thread.start()
    try:
        published = timed_publish(env, notes)
    finally:
        done.set()
        thread.join()
    return published, windows


def change_values(path, count):
    """Change the value of ``count`` synthetic statistics (raw SQL, as fill_benchmark wrote
    them: a release compares the data itself, not its history)."""
    # One less (one more below 1), so that a percentage stays within 0 to 100.
    with sqlite3.connect(path) as db:
        db.execute(
            "UPDATE whitepaper_statistic "
            "SET value = CASE WHEN value >= 1 THEN value - 1 ELSE value + 1 END WHERE id IN "
            "(SELECT id FROM whitepaper_statistic ORDER BY id DESC LIMIT ?)",
            (count,),
        )


def first_page_ms(url, repeat=5):
    """The time of the first request for the page, and the median of ``repeat``."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        get(url)
        timings.append(1000 * (time.perf_counter() - started))
    return timings[0], statistics.median(timings)


def show(name, figures):
    print(
        f"  {name:30} {figures['rps']:7.0f} req/s  p50 {figures['p50']:7.1f} ms  "
        f"p99 {figures['p99']:7.1f} ms  errors {figures['non_2xx'] + figures['socket_errors']}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--publications", type=int, default=4000)
    parser.add_argument("--changed", type=int, default=1000)
    parser.add_argument("--duration", type=int, default=20, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--pace", type=int, default=0, help="ms each connection waits between requests"
    )
    parser.add_argument("--db", type=Path, help="a filled database to use instead")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="whitepaper-releases-"))
    path = args.db or workdir / "releases.sqlite3"
    env = isolated_env(**PRODUCTION, DJANGO_SQLITE_PATH=str(path), DJANGO_PAGE_CACHE_SECONDS="0")
    try:
        if not args.db:
            started = time.perf_counter()
            fill_database(env, args.rows, args.publications)
            print(f"built {args.rows:,} statistics in {time.perf_counter() - started:.0f} s")
        manage(env, "collectstatic", "--noinput")
        server, base = start_gunicorn(env)
        script = paced(args.pace, workdir)
        try:
            pace = f", {args.pace} ms between requests" if args.pace else ""
            print(f"{PAGE}, wrk {args.connections} connections{pace}, {args.duration} s:")
            show("baseline", run_wrk(base + PAGE, args.connections, args.duration, script=script))
            for name, notes in (
                ("first publish (all rows)", "The synthetic rows."),
                (f"{args.changed:,} values changed", "Synthetic corrections."),
            ):
                if notes == "Synthetic corrections.":
                    change_values(path, args.changed)
                (seconds, peak, said), windows = publish_under_load(env, notes, base, args, script)
                print(f"publish, {name}: {seconds:.1f} s, peak memory {peak:.0f} MB ({said})")
                for number, figures in enumerate(windows, start=1):
                    show(f"during it, {args.duration} s window {number}", figures)
            versions = re.findall(r'href="/releases/([0-9.]+)/"', get(base + "/releases/").decode())
            newer, older = versions[0], versions[1]
            for name, url in (
                (f"comparison {older}...{newer}", f"{base}/releases/{older}...{newer}/"),
                (f"release {newer}", f"{base}/releases/{newer}/"),
            ):
                first, median = first_page_ms(url)
                print(
                    f"{name}, first page: {first:.0f} ms the first time, {median:.0f} ms median of 5"
                )
        finally:
            stop(server)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Load: gunicorn with production settings on 127.0.0.1, driven by wrk.

    .venv/bin/python bench/load.py [--connections 32] [--duration 30] [--db PATH]

Starts gunicorn (the project's gunicorn.conf.py, DEBUG off, HTTPS settings on, as behind one
TLS-terminating proxy) on a free loopback port against its own SQLite copy of the white paper,
then runs wrk (Debian package `wrk`) against the overview, a table page and a CSV download,
one after the other. Prints requests per second, p50 and p99 latency, and errors. Only
loopback addresses are ever targeted; every run is bounded by --duration.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.local_server import isolated_env, manage, start_gunicorn, stop  # noqa: E402

TARGETS = [
    ("overview", "/"),
    ("table page", "/statistics/?sort=-value"),
    ("CSV download", "/statistics.csv"),
]
PRODUCTION = {
    "DJANGO_SECRET_KEY": "load-test-secret-key-" + "0123456789abcdefghijklmnopqrstuvwxyz",
    "DJANGO_HTTPS": "1",
    "DJANGO_TRUSTED_PROXIES": "1",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_LOG_LEVEL": "WARNING",
}


def to_ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def parse_wrk(output):
    percentiles = dict(re.findall(r"^\s+(50|99)(?:\.000)?%\s+(\S+)", output, re.M))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": to_ms(percentiles["50"]),
        "p99": to_ms(percentiles["99"]),
        "requests": requests,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
    }


def run_wrk(url, connections, duration, threads=2, script=None, env=None):
    """wrk against one URL (or the requests a Lua script makes), as behind a TLS proxy; its
    figures as parse_wrk gives them."""
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "--latency",
            "-H",
            "X-Forwarded-Proto: https",
            "-H",
            "X-Forwarded-For: 127.0.0.1",
            *(["-s", str(script)] if script else []),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 60,
        env=env,
    ).stdout
    return parse_wrk(output)


def prepare_database(env):
    for command in (
        ["migrate", "--noinput"],
        ["createcachetable"],
        ["load_whitepaper"],
        ["collectstatic", "--noinput"],
    ):
        manage(env, *command)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=int, default=30, help="seconds per URL")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--db", type=Path, help="an existing database to serve instead")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")

    workdir = Path(tempfile.mkdtemp(prefix="whitepaper-load-"))
    env = isolated_env(**PRODUCTION, DJANGO_SQLITE_PATH=str(args.db or workdir / "load.sqlite3"))
    if not args.db:
        prepare_database(env)

    server, base = start_gunicorn(env)
    try:
        workers = env.get("WEB_CONCURRENCY", "2")
        threads = env.get("GUNICORN_THREADS", "4")
        print(
            f"gunicorn gthread, {workers} workers x {threads} threads on {base}; "
            f"wrk {args.connections} connections, {args.duration} s per URL, {os.cpu_count()} CPUs"
        )
        print(
            f"{'target':14} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} {'errors':>7}"
        )
        for name, path in TARGETS:
            figures = run_wrk(f"{base}{path}", args.connections, args.duration, args.threads)
            errors = figures["non_2xx"] + figures["socket_errors"]
            print(
                f"{name:14} {figures['rps']:8.0f} {figures['p50']:8.1f} {figures['p99']:8.1f} "
                f"{figures['requests']:9} {errors:7}"
            )
    finally:
        stop(server)
        if not args.db:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

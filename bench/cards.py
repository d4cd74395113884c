"""Preview cards and chart images: the first render and the cached answer, over HTTP.

    .venv/bin/python bench/cards.py [--repeat 50] [--artifacts artifacts/cards]

Builds the real data in a fresh SQLite database in a temporary folder (`migrate`,
`load_whitepaper`, which publishes release 1.0.0), serves it with gunicorn (production
settings, one worker, the page cache on as the site is served) and asks, in turn, for each
card and chart image in English and in Chinese: the first request draws it (the very first one
in the worker also loads the renderer and the fonts' metrics), the next --repeat requests are
answered from the page cache. Prints the time of each first request and the median and p95 of
the cached ones, and writes every image to --artifacts to be looked at.
"""

import argparse
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.local_server import isolated_env, manage, start_gunicorn, stop  # noqa: E402

PUBLICATION = "/publications/miit-blockchain-white-paper-2018"
TARGETS = [
    ("statistic card", f"{PUBLICATION}/statistics/blockchain-enterprises/card.png"),
    ("region card", f"{PUBLICATION}/regions/CN-BJ/card.png"),
    ("tendency card", f"{PUBLICATION}/tendencies/4/card.png"),
    ("table card", "/cards/statistics.png"),
    ("overview card", "/cards/overview.png"),
    ("release card", "/releases/1.0.0/card.png"),
    (
        "statistic card, release 1.0.0",
        f"/releases/1.0.0{PUBLICATION}/statistics/blockchain-enterprises/card.png",
    ),
    ("chart PNG", "/charts/startups.png"),
    ("chart SVG", "/charts/startups.svg"),
]
LANGUAGES = {"en": "", "zh": "/zh-hans"}


def fetch(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        body = response.read()
        status = response.status
    return time.perf_counter() - started, status, body


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=50, help="cached requests per image")
    parser.add_argument("--artifacts", default=str(ROOT / "artifacts" / "cards"))
    options = parser.parse_args()
    artifacts = Path(options.artifacts)
    artifacts.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        env = isolated_env(
            DJANGO_SQLITE_PATH=f"{folder}/site.sqlite3",
            DJANGO_SECRET_KEY="bench-cards-secret-key-" + "0123456789abcdefghijklmnopqrstuvwxyz",
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DJANGO_LOG_LEVEL="WARNING",
            WEB_CONCURRENCY="1",
        )
        for command in (["migrate", "--noinput"], ["createcachetable"], ["load_whitepaper"]):
            manage(env, *command)
        server, base = start_gunicorn(env)
        try:
            rows = []
            for language, prefix in LANGUAGES.items():
                for name, path in TARGETS:
                    first, status, body = fetch(base + prefix + path)
                    assert status == 200, (path, status)
                    suffix = path.rsplit(".", 1)[1]
                    slug = name.replace(",", "").replace(" ", "-")
                    (artifacts / f"{slug}-{language}.{suffix}").write_bytes(body)
                    cached = sorted(fetch(base + prefix + path)[0] for _ in range(options.repeat))
                    p95 = cached[max(0, round(len(cached) * 0.95) - 1)]
                    rows.append((name, language, first, statistics.median(cached), p95, len(body)))
        finally:
            stop(server)
    print(
        f"{'image':<32} {'lang':<4} {'first ms':>9} {'cached p50':>11} {'cached p95':>11} {'bytes':>8}"
    )
    for name, language, first, median, p95, size in rows:
        print(
            f"{name:<32} {language:<4} {first * 1000:>9.1f} {median * 1000:>11.2f} "
            f"{p95 * 1000:>11.2f} {size:>8,}"
        )
    print(f"images written to {artifacts}")


if __name__ == "__main__":
    main()

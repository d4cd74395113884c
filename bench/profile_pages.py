"""Profile the render path of public pages without the page cache.

    DJANGO_SQLITE_PATH=/tmp/big.sqlite3 .venv/bin/python bench/profile_pages.py \
        [--requests 40] [--path /statistics/] [--html profile.html]

Asks each URL once through Django's test client with the page cache off (every request
rendered), distinct page numbers so that nothing is reused, and prints pyinstrument's
profile, or writes it as HTML.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "whitepaper.settings")
os.environ["DJANGO_PAGE_CACHE_SECONDS"] = "0"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--path", default="/statistics/")
    parser.add_argument("--html", help="write the profile here as HTML")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from pyinstrument import Profiler

    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    client.get(args.path)  # warm: templates compiled, row count cached
    rng = random.Random(1)
    paths = [f"{args.path}?page={rng.randint(2, 400)}" for _ in range(args.requests)]
    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    with profiler:
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
    elapsed = time.perf_counter() - started
    print(
        f"{args.requests} requests in {elapsed:.2f} s: {1000 * elapsed / args.requests:.1f} ms each"
    )
    if args.html:
        Path(args.html).write_text(profiler.output_html())
    else:
        print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()

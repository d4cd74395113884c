"""What each middleware costs a public request, measured in-process.

    .venv/bin/python bench/middleware.py [--requests 3000]

Serves three kinds of request through Django's WSGI handler on the real data (a fresh SQLite
database in a temporary folder): a page from the page cache, a small download from the
cache, and the health check. Every middleware is wrapped in a timer that counts the time
spent in it but not in what it calls, so the figures add up to the whole request; the rest
is the handler itself and the view. Median over 5 rounds of --requests requests.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from django.utils.module_loading import import_string  # noqa: E402

from tests.local_server import isolated_env, manage  # noqa: E402

TARGETS = [
    ("cached page", "/statistics/"),
    ("cached download", "/statistics.csv?category=startups"),
    ("health check", "/healthz"),
]


def wsgi_environ(path):
    target, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": target,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


#: Time spent in each middleware, without what it calls, in nanoseconds.
SPENT = {}


def timed(path):
    """A middleware factory: the middleware at path, timed (see SPENT)."""
    factory = import_string(path)

    class Timed:
        def __init__(self, get_response):
            self.below = 0

            def get_response_timed(request):
                started = time.perf_counter_ns()
                try:
                    return get_response(request)
                finally:
                    self.below += time.perf_counter_ns() - started

            self.inner = factory(get_response_timed)

        def __call__(self, request):
            started, below = time.perf_counter_ns(), self.below
            try:
                return self.inner(request)
            finally:
                spent = time.perf_counter_ns() - started - (self.below - below)
                SPENT[path] = SPENT.get(path, 0) + spent

    return Timed


def request_once(handler, path):
    body = handler(wsgi_environ(path), lambda status, headers: None)
    for _chunk in body:
        pass
    body.close()


def measure(handler, path, requests, middleware):
    """Median microseconds per request: the whole request, and each middleware's share."""
    rounds = []
    for _ in range(5):
        SPENT.clear()
        started = time.perf_counter_ns()
        for _ in range(requests):
            request_once(handler, path)
        whole = time.perf_counter_ns() - started
        rounds.append({"whole": whole, **{name: SPENT.get(name, 0) for name in middleware}})
    return {
        name: statistics.median(r[name] for r in rounds) / requests / 1000 for name in rounds[0]
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-middleware-"))
    env = isolated_env(
        DJANGO_SQLITE_PATH=str(workdir / "site.sqlite3"),
        DJANGO_SECRET_KEY="bench-" + "0123456789abcdefghijklmnopqrstuvwxyz" * 2,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_LOG_LEVEL="WARNING",
    )
    for command in (["migrate", "--noinput"], ["createcachetable"], ["load_whitepaper"]):
        manage(env, *command)
    manage(env, "collectstatic", "--noinput")
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "whitepaper.settings"

    import django
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler

    django.setup()
    middleware = list(settings.MIDDLEWARE)
    for number, path in enumerate(middleware):
        globals()[f"Timed{number}"] = timed(path)
    settings.MIDDLEWARE = [f"__main__.Timed{number}" for number in range(len(middleware))]
    handler = WSGIHandler()

    print(f"{'request':16} {'middleware':52} {'µs':>7}")
    for label, path in TARGETS:
        for _ in range(50):  # fill the caches
            request_once(handler, path)
        figures = measure(handler, path, args.requests, middleware)
        print(f"{label:16} {'(the whole request)':52} {figures['whole']:7.1f}")
        for name in middleware:
            print(f"{label:16} {name:52} {figures[name]:7.1f}")
        rest = figures["whole"] - sum(figures[name] for name in middleware)
        print(f"{label:16} {'(the handler and the view)':52} {rest:7.1f}")


if __name__ == "__main__":
    main()

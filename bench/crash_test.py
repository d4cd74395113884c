"""Crash safety: SIGKILL the server in the middle of admin writes, then check the database.

    .venv/bin/python bench/crash_test.py [--rounds 20]

Each round starts gunicorn on 127.0.0.1 against a SQLite file, a writer signs in to the admin
and saves one statistic again and again (every save sets its label and its note to the same
counter, so a half-applied edit would show as a mismatch), and the server's process group is
killed with SIGKILL at a random moment. Then the database is checked:

- PRAGMA integrity_check answers "ok";
- the label and the note carry the same counter (no half-applied edit);
- the stored counter is at least the last save the server acknowledged (no lost commit);
- every acknowledged save has its history row.
"""

import argparse
import http.cookiejar
import os
import random
import re
import signal
import sqlite3
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.local_server import create_staff, isolated_env, manage, start_gunicorn  # noqa: E402

PASSWORD = "crash-test-password-long-enough"
KEY = "blockchain-enterprises"


class Writer(threading.Thread):
    """Signs in and saves the statistic until stopped; remembers what was acknowledged."""

    def __init__(self, base, statistic_id, start_at):
        super().__init__(daemon=True)
        self.base = base
        self.url = f"{base}/admin/whitepaper/statistic/{statistic_id}/change/"
        self.counter = start_at
        self.acknowledged = []
        self.stop = threading.Event()
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar), NoRedirect()
        )
        self.jar = jar

    def csrf(self):
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def post(self, url, fields):
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(url, data=data, headers={"Referer": url})
        return self.opener.open(request, timeout=10)

    def login(self):
        self.opener.open(f"{self.base}/admin/login/", timeout=10).read()
        self.post(
            f"{self.base}/admin/login/",
            {"username": "crash", "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()},
        )

    def save_once(self):
        page = self.opener.open(self.url, timeout=10).read().decode()
        fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page))
        textareas = dict(re.findall(r'<textarea name="(\w+)"[^>]*>\n?(.*?)</textarea>', page, re.S))
        self.counter += 1
        form = {
            "publication": re.search(r'<option value="(\d+)" selected>', page).group(1),
            "key": KEY,
            "label": f"Crash test {self.counter}",
            "value": "456",
            "value_as_stated": "456 enterprises",
            "unit": "enterprises",
            "qualifier": "exact",
            "category": "enterprises",
            "as_of": "2018-03-31",
            "source_quote": textareas.get("source_quote", "quote"),
            "note": f"edit {self.counter}",
            "public_note": f"Crash test edit {self.counter}.",
            "position": "1",
            "is_published": "on",
            "loaded_version": fields["loaded_version"],
            "csrfmiddlewaretoken": self.csrf(),
        }
        response = self.post(self.url, form)
        if response.status in (302, 303):
            self.acknowledged.append(self.counter)

    def run(self):
        try:
            self.login()
            while not self.stop.is_set():
                self.save_once()
        except (urllib.error.URLError, ConnectionError, OSError, StopIteration, AttributeError):
            pass  # the server died under us: that is the point


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_302(self, request, response, code, message, headers):
        return response

    http_error_303 = http_error_302


def check(db_path, acknowledged):
    connection = sqlite3.connect(db_path)
    (integrity,) = connection.execute("PRAGMA integrity_check").fetchone()
    label, note = connection.execute(
        "SELECT label, note FROM whitepaper_statistic WHERE key = ?", (KEY,)
    ).fetchone()
    label_n = int(label.rsplit(" ", 1)[1]) if label.startswith("Crash test") else 0
    note_n = int(note.rsplit(" ", 1)[1]) if note.startswith("edit") else 0
    history = {
        int(n.rsplit(" ", 1)[1])
        for (n,) in connection.execute(
            "SELECT note FROM whitepaper_historicalstatistic WHERE key = ? AND note LIKE 'edit %'",
            (KEY,),
        )
    }
    connection.close()
    problems = []
    if integrity != "ok":
        problems.append(f"integrity_check: {integrity}")
    if label_n != note_n:
        problems.append(f"half-applied edit: label {label_n}, note {note_n}")
    if acknowledged and note_n < max(acknowledged):
        problems.append(f"lost commit: stored {note_n}, acknowledged {max(acknowledged)}")
    missing = set(acknowledged) - history
    if missing:
        problems.append(f"acknowledged saves without history: {sorted(missing)[:5]}")
    return problems, note_n


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    workdir = Path(tempfile.mkdtemp(prefix="whitepaper-crash-"))
    db_path = workdir / "crash.sqlite3"
    key_file = workdir / "secret_key"
    key_file.write_text("crash-test-secret-key-" + "0123456789abcdefghijklmnopqrstuvwxyz")
    env = isolated_env(
        DJANGO_SQLITE_PATH=str(db_path),
        DJANGO_SECRET_KEY_FILE=str(key_file),
        DJANGO_LOG_LEVEL="ERROR",
        WEB_CONCURRENCY="1",
    )
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "load_whitepaper")
    create_staff(env, "crash", PASSWORD, superuser=False, editor=True)
    statistic_id = (
        sqlite3.connect(db_path)
        .execute("SELECT id FROM whitepaper_statistic WHERE key = ?", (KEY,))
        .fetchone()[0]
    )

    total_acknowledged = 0
    failures = 0
    counter = 0
    for round_number in range(1, args.rounds + 1):
        server, base = start_gunicorn(env, new_session=True)
        writer = Writer(base, statistic_id, counter)
        writer.start()
        deadline = time.monotonic() + 10
        while not writer.acknowledged and time.monotonic() < deadline:
            time.sleep(0.01)  # kill only once saves are flowing
        time.sleep(rng.uniform(0.05, 1.0))
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
        writer.stop.set()
        writer.join(timeout=15)

        problems, counter = check(db_path, writer.acknowledged)
        total_acknowledged += len(writer.acknowledged)
        status = "ok" if not problems else "FAILED: " + "; ".join(problems)
        print(
            f"round {round_number:2}: {len(writer.acknowledged):3} saves acknowledged, "
            f"stored edit {counter}: {status}"
        )
        failures += bool(problems)

    print(
        f"{args.rounds} kills (SIGKILL) during admin writes, {total_acknowledged} acknowledged "
        f"saves: {args.rounds - failures} rounds consistent, {failures} with problems"
    )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

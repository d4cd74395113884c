"""Settings come from the environment; production refuses to start without a real key."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def run_manage(args, env_overrides, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env["DJANGO_SECRET_KEY_FILE"] = str(tmp_path / "no-such-key")
    env["DJANGO_SQLITE_PATH"] = str(tmp_path / "site.sqlite3")
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_key(tmp_path):
    result = run_manage(["check"], {}, tmp_path)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is missing or insecure" in result.stderr


@pytest.mark.parametrize("key", ["short", "django-insecure-" + "x" * 60, "ab" * 40])
def test_production_refuses_an_insecure_key(tmp_path, key):
    result = run_manage(["check"], {"DJANGO_SECRET_KEY": key}, tmp_path)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is missing or insecure" in result.stderr


def test_debug_starts_without_a_key(tmp_path):
    result = run_manage(["check"], {"DJANGO_DEBUG": "1"}, tmp_path)
    assert result.returncode == 0, result.stderr


def test_key_file_is_used_when_no_variable_is_set(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text("file-key-0123456789" * 4)
    result = run_manage(
        ["shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)"],
        {"DJANGO_SECRET_KEY_FILE": str(key_file)},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "file-key-0123456789" * 4


def test_sqlite_file_runs_wal_with_full_sync(tmp_path):
    result = run_manage(
        [
            "shell",
            "-c",
            "from django.db import connection; c = connection.cursor(); "
            "print(c.execute('PRAGMA journal_mode').fetchone()[0], "
            "c.execute('PRAGMA synchronous').fetchone()[0])",
        ],
        {"DJANGO_SECRET_KEY": "s" * 25 + "t" * 25 + "uvwxy"},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["wal", "2"]  # 2 is FULL
    assert sqlite3.connect(tmp_path / "site.sqlite3").execute("PRAGMA journal_mode").fetchone() == (
        "wal",
    )


def test_debug_is_off_and_hosts_are_explicit():
    assert settings.DEBUG is False
    assert "*" not in settings.ALLOWED_HOSTS


def test_whitenoise_follows_security_middleware():
    assert settings.MIDDLEWARE[:2] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]

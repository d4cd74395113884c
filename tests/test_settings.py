"""Settings come from the environment and are read strictly; production refuses to start
without a real key."""

import ast
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.local_server import isolated_env

ROOT = Path(__file__).resolve().parent.parent
ENV_READERS = {
    "env_bool",
    "env_int",
    "env_str",
    "env_list",
    "env_email_url",
    "env_email_address",
    "os.environ.get",
    "os.getenv",
}
GOOD_KEY = "s" * 25 + "t" * 25 + "uvwxy"


def run_python(args, env_overrides, tmp_path):
    env = {
        "DJANGO_SECRET_KEY_FILE": str(tmp_path / "no-such-key"),
        "DJANGO_SQLITE_PATH": str(tmp_path / "site.sqlite3"),
        **env_overrides,
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=isolated_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_manage(args, env_overrides, tmp_path):
    return run_python(["manage.py", *args], env_overrides, tmp_path)


@pytest.mark.slow  # starts a Python process
def test_production_refuses_to_start_without_a_key(tmp_path):
    result = run_manage(["check"], {}, tmp_path)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is missing or insecure" in result.stderr


@pytest.mark.slow  # starts a Python process
@pytest.mark.parametrize("key", ["short", "django-insecure-" + "x" * 60, "ab" * 40])
def test_production_refuses_an_insecure_key(tmp_path, key):
    result = run_manage(["check"], {"DJANGO_SECRET_KEY": key}, tmp_path)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is missing or insecure" in result.stderr


@pytest.mark.slow  # starts a Python process
def test_debug_starts_without_a_key(tmp_path):
    result = run_manage(["check"], {"DJANGO_DEBUG": "1"}, tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow  # starts a Python process
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


@pytest.mark.slow  # starts a Python process
def test_static_files_go_where_the_setting_says(tmp_path):
    result = run_manage(
        ["shell", "-c", "from django.conf import settings; print(settings.STATIC_ROOT)"],
        {"DJANGO_DEBUG": "1", "DJANGO_STATIC_ROOT": str(tmp_path / "static")},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(tmp_path / "static")


@pytest.mark.slow  # starts a Python process
def test_sqlite_file_runs_wal_with_full_sync(tmp_path):
    result = run_manage(
        [
            "shell",
            "-c",
            "from django.db import connection; c = connection.cursor(); "
            "print(c.execute('PRAGMA journal_mode').fetchone()[0], "
            "c.execute('PRAGMA synchronous').fetchone()[0])",
        ],
        {"DJANGO_SECRET_KEY": GOOD_KEY},
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


@pytest.mark.slow  # starts a Python process
def test_a_misspelt_boolean_stops_start_up(tmp_path):
    result = run_manage(
        ["check"], {"DJANGO_SECRET_KEY": GOOD_KEY, "DJANGO_HTTPS": "ture"}, tmp_path
    )
    assert result.returncode != 0
    assert (
        "DJANGO_HTTPS must be one of 1/0, true/false, yes/no, on/off (in any case), not 'ture'."
        in result.stderr
    )


@pytest.mark.slow  # starts a Python process
@pytest.mark.parametrize(
    "name, value, minimum",
    [
        ("DJANGO_HSTS_SECONDS", "1y", 0),
        ("DJANGO_CONN_MAX_AGE", "1.5", 0),
        ("DJANGO_LOCKOUT_MINUTES", "0", 1),
    ],
)
def test_a_bad_integer_stops_start_up(tmp_path, name, value, minimum):
    result = run_manage(["check"], {"DJANGO_SECRET_KEY": GOOD_KEY, name: value}, tmp_path)
    assert result.returncode != 0
    assert f"{name} must be a whole number, at least {minimum}, not {value!r}." in result.stderr


@pytest.mark.slow  # starts a Python process
def test_a_bad_integer_stops_gunicorn(tmp_path):
    result = run_python(
        ["-m", "gunicorn", "--config", "gunicorn.conf.py", "--check-config", "whitepaper.wsgi"],
        {"DJANGO_SECRET_KEY": GOOD_KEY, "GUNICORN_THREADS": "four"},
        tmp_path,
    )
    assert result.returncode != 0
    assert "GUNICORN_THREADS must be a whole number, at least 1, not 'four'." in result.stderr


def https_settings(tmp_path, **env):
    """SECURE_SSL_REDIRECT, SESSION_COOKIE_SECURE and SECURE_HSTS_PRELOAD as the site reads
    them from env."""
    result = run_manage(
        [
            "shell",
            "-c",
            "from django.conf import settings as s; "
            "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_PRELOAD)",
        ],
        {"DJANGO_SECRET_KEY": GOOD_KEY, **env},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    return " ".join(result.stdout.split()[-3:])


@pytest.mark.slow  # starts a Python process
@pytest.mark.parametrize(
    "on, off",
    [
        ("1", "0"),
        ("true", "false"),
        ("TRUE", "FALSE"),
        ("True", "False"),
        ("yes", "no"),
        ("YES", "No"),
        ("on", "off"),
        ("On", "OFF"),
    ],
)
def test_each_spelling_of_a_boolean_is_read(tmp_path, on, off):
    # With HTTPS on, HSTS preload is on unless turned off.
    assert https_settings(tmp_path, DJANGO_HTTPS=on, DJANGO_HSTS_PRELOAD=off) == "True True False"


@pytest.mark.slow  # starts a Python process
def test_an_empty_boolean_takes_its_default(tmp_path):
    assert https_settings(tmp_path, DJANGO_HTTPS="", DJANGO_HSTS_PRELOAD="") == "False False False"
    assert https_settings(tmp_path, DJANGO_HTTPS="1", DJANGO_HSTS_PRELOAD="") == "True True True"


def variables_read(path):
    """The environment variables a module reads: the first argument of each call of an env
    helper (or of os.environ.get, os.getenv), and each os.environ[...]."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and ast.unparse(node.func) in ENV_READERS:
            name = node.args[0]
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            name = node.slice
        else:
            continue
        assert isinstance(name, ast.Constant), f"{path.name}, line {node.lineno}: name a variable"
        names.add(name.value)
    return names


def variables_documented():
    """The backticked names in the first column of the README's settings table."""
    section = (ROOT / "README.md").read_text().split("\n## Settings\n")[1].split("\n## ")[0]
    lines = section.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    names = set()
    for line in lines[start + 2 :]:  # past the header and its underline
        if not line.startswith("|"):
            break
        names.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", line.split("|")[1]))
    return names


def test_every_variable_read_is_in_the_readme_and_every_one_there_is_read():
    read = variables_read(ROOT / "whitepaper" / "settings.py") | variables_read(
        ROOT / "gunicorn.conf.py"
    )
    documented = variables_documented()
    assert {"DATABASE_URL", "DJANGO_HTTPS", "PORT", "HOST"} <= read & documented
    assert sorted(read - documented) == [], "read but missing from the README's settings table"
    assert sorted(documented - read) == [], "in the README's settings table but never read"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp+tls://editor%40example.org:s3cret@mail.example.org:587",
            {
                "EMAIL_HOST": "mail.example.org",
                "EMAIL_PORT": 587,
                "EMAIL_HOST_USER": "editor@example.org",
                "EMAIL_HOST_PASSWORD": "s3cret",
                "EMAIL_USE_TLS": True,
            },
        ),
        ("smtp+ssl://u:p@mail.example.org:465", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
    ],
)
def test_the_mail_server_is_read_from_email_url(monkeypatch, url, expected):
    from whitepaper.env import env_email_url

    monkeypatch.setenv("EMAIL_URL", url)
    config = env_email_url("EMAIL_URL")
    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert {name: config[name] for name in expected} == expected


@pytest.mark.parametrize("url", ["smpt://u:s3cret@host:587", "smtp://u:s3cret@host:abc", "smtp://"])
def test_a_bad_email_url_is_refused_naming_the_variable_not_its_password(monkeypatch, url):
    from django.core.exceptions import ImproperlyConfigured

    from whitepaper.env import env_email_url

    monkeypatch.setenv("EMAIL_URL", url)
    with pytest.raises(ImproperlyConfigured) as refused:
        env_email_url("EMAIL_URL")
    assert "EMAIL_URL" in str(refused.value)
    assert "s3cret" not in str(refused.value)


@pytest.mark.slow  # starts a Python process
def test_a_bad_email_url_or_sender_stops_start_up(tmp_path):
    for name, value in (("EMAIL_URL", "smpt://host"), ("EMAIL_FROM", "not an address")):
        result = run_manage(["check"], {"DJANGO_SECRET_KEY": GOOD_KEY, name: value}, tmp_path)
        assert result.returncode != 0
        assert name in result.stderr.splitlines()[-1]


def test_without_a_mail_server_messages_go_to_the_log(caplog, settings):
    from django.core.mail import send_mail

    from whitepaper import settings as site_settings

    # Without EMAIL_URL (pytest-django puts its in-memory outbox in the test settings).
    assert site_settings.EMAIL_BACKEND == "whitepaper.mail.LogBackend"
    settings.EMAIL_BACKEND = site_settings.EMAIL_BACKEND
    with caplog.at_level("INFO", logger="whitepaper.mail"):
        send_mail("Reset", "Follow http://127.0.0.1:8000/admin/reset/x/y/", None, ["a@b.org"])
    assert "http://127.0.0.1:8000/admin/reset/x/y/" in caplog.text


def test_each_app_runs_its_own_configuration():
    """whitepaper/apps.py holds one AppConfig (with two, Django would choose none and skip its
    ready(): no corrections log, no data version); static files skip what the site never
    serves."""
    from django.apps import apps
    from django.contrib.staticfiles.finders import AppDirectoriesFinder

    from whitepaper.apps import WhitepaperConfig

    assert type(apps.get_app_config("whitepaper")) is WhitepaperConfig
    ignored = apps.get_app_config("staticfiles").ignore_patterns
    listed = [path for path, _storage in AppDirectoriesFinder().list(ignored)]
    assert "ninja/swagger-ui-bundle.js" in listed
    assert not [path for path in listed if "redoc" in path]

"""Run the site as a separate gunicorn process on 127.0.0.1, for tests and benchmarks.

Used by the tests that start the site in a subprocess and by the scripts under bench/: each
builds its environment with `isolated_env`, prepares its own database through `manage`, then
`start_gunicorn` serves it on a free loopback port.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def isolated_env(**overrides):
    """os.environ without the site's own settings (DATABASE_URL, REDIS_URL, DJANGO_*), plus
    the overrides: a process started for a test or a benchmark never reaches the developer's
    database or cache, nor takes the settings of their shell."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DATABASE_URL", "REDIS_URL") and not name.startswith("DJANGO_")
    }
    env.update(overrides)
    return env


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    """Run a management command with the given environment; raise if it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def create_staff(env, username, password, superuser=True, editor=False, group=None, key=None):
    """A staff account in the database that env points at: a superuser, or a member of the
    Editors (editor=True) or of another group; with an authenticator app set up on the
    TOTP key ``key`` (hex) if given."""
    maker = "create_superuser" if superuser else "create_user"
    group = "Editors" if editor else group
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth.models import Group, User; "
        "from django_otp.plugins.otp_totp.models import TOTPDevice; "
        f"u = User.objects.{maker}({username!r}, {username + '@example.org'!r}, {password!r}); "
        "u.is_staff = True; u.save(); "
        + (f"u.groups.add(Group.objects.get(name={group!r})); " if group else "")
        + (f"TOTPDevice.objects.create(user=u, name='app', key={key!r}); " if key else ""),
    )


def start_gunicorn(env, log=subprocess.DEVNULL, new_session=False, timeout=30):
    """Start gunicorn with the project's gunicorn.conf.py; return (process, base URL) once
    /healthz answers."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "-" if log is not subprocess.DEVNULL else "/dev/null",
            "whitepaper.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=new_session,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} during start-up")
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1).read()
            return process, base
        except OSError:
            time.sleep(0.05)
    process.terminate()
    raise RuntimeError(f"gunicorn did not answer on {base} within {timeout} s")


def stop(process):
    process.terminate()
    process.wait(timeout=30)

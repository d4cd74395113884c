"""Read settings from environment variables, strictly.

A value that cannot be read stops start-up with a message naming the variable, rather than
falling back to a default: `DJANGO_HTTPS=ture` must not quietly serve the site without HTTPS.
Surrounding spaces are ignored and an empty variable counts as unset.

Used by whitepaper/settings.py and by gunicorn.conf.py, which imports it before Django is set
up (django.core.exceptions needs no settings).
"""

import os
import re

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}


def _value(name):
    """The variable's value without surrounding spaces, or None when it is unset or empty."""
    value = os.environ.get(name, "").strip()
    return value or None


def env_str(name, default):
    value = _value(name)
    return default if value is None else value


def env_bool(name, default):
    value = _value(name)
    if value is None:
        return default
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off (in any case), not {value!r}."
    )


def env_int(name, default, minimum=None):
    value = _value(name)
    if value is None:
        return default
    if not re.fullmatch(r"-?[0-9]+", value) or (minimum is not None and int(value) < minimum):
        at_least = "" if minimum is None else f", at least {minimum}"
        raise ImproperlyConfigured(f"{name} must be a whole number{at_least}, not {value!r}.")
    return int(value)


def env_list(name, default):
    """A comma-separated list; blank items are left out."""
    value = _value(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_email_url(name):
    """The mail server from a URL (``smtp+tls://user:password@host:587``), as django-environ
    reads it: a dict of Django's EMAIL_* settings, or None when the variable is unset. The
    message of a bad value names the variable but never repeats it (it holds a password)."""
    value = _value(name)
    if value is None:
        return None
    import environ  # only when there is a URL to read: gunicorn.conf.py imports this module

    try:
        config = environ.Env.email_url_config(value)
    except (ImproperlyConfigured, ValueError) as error:
        raise ImproperlyConfigured(
            f"{name} must be a mail server URL such as smtp+tls://user:password@host:587 ({error})."
        ) from None
    if config["EMAIL_BACKEND"].endswith("smtp.EmailBackend") and not config["EMAIL_HOST"]:
        raise ImproperlyConfigured(f"{name} names no host: smtp+tls://user:password@host:587.")
    return config


def env_email_address(name, default):
    """An e-mail address, alone or with a name ("Site <noreply@example.org>")."""
    from email.utils import parseaddr

    from django.core.validators import validate_email

    value = _value(name)
    if value is None:
        return default
    _display, address = parseaddr(value)
    try:
        validate_email(address)
    except Exception:
        raise ImproperlyConfigured(
            f"{name} must be an e-mail address, e.g. noreply@example.org or "
            f"'Site <noreply@example.org>', not {value!r}."
        ) from None
    return value

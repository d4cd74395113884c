"""Protection from abuse: the client's address behind a proxy, a count of requests in a
window of the clock, and the sign-in lockout rule (django-axes)."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


def client_ip(request):
    """The client's address. Behind N trusted reverse proxies (DJANGO_TRUSTED_PROXIES), the
    Nth address from the right of X-Forwarded-For, which the nearest trusted proxy wrote;
    the addresses to its left are the client's own claims and could be forged."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def count_in_window(cache, name, seconds, now):
    """How many times ``name`` was counted in the current window of ``seconds`` of the
    clock, this time included, and the seconds until the window ends. One atomic increment
    (Redis INCR) where the cache has one, so that two app servers never both let the same
    request through; a count expires with its window."""
    window = int(now // seconds)
    key = f"{name}:{window}"
    # add() is a no-op when the key exists.
    cache.add(key, 0, seconds * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, seconds * 2)
        count = 1
    return count, (window + 1) * seconds - now


class LockoutHandler(AxesDatabaseHandler):
    """Two limits, so that no one can lock staff out from afar and no one can guess freely:

    - a username is locked for one address after AXES_FAILURE_LIMIT failures from it;
    - an address is locked after ADDRESS_FAILURE_LIMIT failures, whatever the usernames.

    Never a username alone: that would let anyone lock every staff member out.
    Requires AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"].
    """

    def get_failures(self, request, credentials=None):
        totals = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        per_username_and_address, per_address = totals
        scaled = per_address * settings.AXES_FAILURE_LIMIT // settings.ADDRESS_FAILURE_LIMIT
        return max(per_username_and_address, scaled)

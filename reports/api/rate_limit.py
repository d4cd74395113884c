"""A per-client limit on requests to the API, counted in the cache.

Each client (its address, as the login lockout reads it behind DJANGO_TRUSTED_PROXIES) has a
count per minute of the clock, kept in the default cache: Redis when REDIS_URL is set, so
every app server and worker shares one count; without Redis each server process counts on
its own. Past DJANGO_API_REQUESTS_PER_MINUTE a request is answered 429 with Retry-After (the
seconds left in the minute). Counting is one atomic increment (Redis INCR), so two servers
never both let the same request through; a count expires with its minute.

Only paths under /api/ count. A CORS preflight never reaches here (django-cors-headers
answers it first), and a 429 still carries the CORS headers, so that a browser app can read
it.
"""

import math
import time

from django.conf import settings
from django.core.cache import cache

from reports.api.problems import problem
from whitepaper.security import client_ip, count_in_window

API_PATH = "/api/"
WINDOW_SECONDS = 60


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.API_REQUESTS_PER_MINUTE
        if not limit or not request.path_info.startswith(API_PATH):
            return self.get_response(request)
        count, seconds_left = count_in_window(
            cache, f"api-rate:{client_ip(request)}", WINDOW_SECONDS, time.time()
        )
        if count > limit:
            retry_after = max(1, math.ceil(seconds_left))
            return problem(
                429,
                f"More than {limit} requests in a minute from this address. "
                f"Try again in {retry_after} seconds.",
                **{"Retry-After": str(retry_after)},
            )
        return self.get_response(request)

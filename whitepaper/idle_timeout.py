"""Staff sessions end after a while without activity, and after a working day whatever.

The admin's session records when the staff member signed in and when they were last seen;
a request after STAFF_IDLE_SECONDS without one, or SESSION_COOKIE_AGE after signing in, signs
them out and sends them to the sign-in page. Public requests carry no session
(whitepaper.middleware) and are not concerned.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext

from whitepaper.middleware import is_admin

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN = "last_seen"
#: Write "last seen" at most this often (each write is a session save).
RESOLUTION = 60


def idle_timeout(get_response):
    def middleware(request):
        if not is_admin(request) or not request.user.is_authenticated:
            return get_response(request)
        now = int(time.time())
        session = request.session
        signed_in, last_seen = session.setdefault(SIGNED_IN_AT, now), session.get(LAST_SEEN, now)
        if now - last_seen > settings.STAFF_IDLE_SECONDS or (
            now - signed_in > settings.SESSION_COOKIE_AGE
        ):
            logout(request)
            messages.info(
                request,
                gettext("You were signed out after %(minutes)d minutes without activity.")
                % {"minutes": settings.STAFF_IDLE_SECONDS // 60},
            )
            return redirect_to_login(request.get_full_path(), "admin:login")
        if now - session.get(LAST_SEEN, 0) >= RESOLUTION:
            session[LAST_SEEN] = now
        return get_response(request)

    return middleware

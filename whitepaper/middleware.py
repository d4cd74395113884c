"""Middleware that public requests skip.

The public site is read-only: its pages answer GET and HEAD only (reports.caching.freshness) and
use no session, signed-in user, message or edit history. Those serve staff in the admin, so
the classes below are Django's and simple-history's own, run for requests under /admin/ and
skipped for every other (bench/middleware.py measures what each costs). The admin keeps
every protection; CSRF protection and the login lockout (django-axes) stay on for every
request, as Django's deploy check and django-axes's own check require.
"""

from django.contrib.auth.middleware import AuthenticationMiddleware as BaseAuthentication
from django.contrib.messages.middleware import MessageMiddleware as BaseMessages
from django.contrib.sessions.middleware import SessionMiddleware as BaseSessions
from django_otp.middleware import OTPMiddleware as BaseOTP
from simple_history.middleware import HistoryRequestMiddleware as base_history

from whitepaper.language import ADMIN_PATH


def is_admin(request):
    return request.path_info.startswith(ADMIN_PATH)


class AdminOnly:
    """Run the middleware for admin requests; pass public requests straight on."""

    async_capable = False

    def __call__(self, request):
        if is_admin(request):
            return super().__call__(request)
        return self.get_response(request)


class SessionMiddleware(AdminOnly, BaseSessions):
    pass


class AuthenticationMiddleware(AdminOnly, BaseAuthentication):
    pass


class MessageMiddleware(AdminOnly, BaseMessages):
    pass


class OTPMiddleware(AdminOnly, BaseOTP):
    """Whether the signed-in staff member gave their second factor (whitepaper.two_factor)."""


def HistoryRequestMiddleware(get_response):
    """simple-history's middleware (it records who made an edit) for admin requests."""
    history = base_history(get_response)

    def middleware(request):
        return history(request) if is_admin(request) else get_response(request)

    return middleware

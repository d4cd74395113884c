"""Mail without a mail server: each message written to the log, whole, so that a developer
running `make run` can follow the links it carries (a password reset, say). Production sets
EMAIL_URL (docs/operations.md); `manage.py check --deploy` warns when it does not."""

import logging

from django.core.checks import Warning, register
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger("whitepaper.mail")

LOG_BACKEND = "whitepaper.mail.LogBackend"


class LogBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            logger.info(
                "Mail not sent (no EMAIL_URL), written here instead:\n%s",
                message.message().as_string(),
            )
        return len(email_messages)


@register(deploy=True)
def mail_server_set(app_configs, **kwargs):
    from django.conf import settings

    if settings.EMAIL_BACKEND != LOG_BACKEND:
        return []
    return [
        Warning(
            "No mail server: password resets and followers' e-mails are written to the log, not sent.",
            hint="Set EMAIL_URL, e.g. smtp+tls://user:password@host:587 (docs/operations.md).",
            id="whitepaper.W001",
        )
    ]

"""A real SMTP server for the tests (aiosmtpd), on a free loopback port.

`smtp_server` (tests/conftest.py) starts one for a test and points the site's mail settings
at it through EMAIL_URL, read as the site reads it: what a message looks like when a mail
server receives it, headers and encoding included, not Django's in-memory outbox.
"""

import email
import email.policy
import logging
import threading

from aiosmtpd.controller import Controller

from tests.local_server import free_port

# aiosmtpd logs each connection at INFO from its own thread, which can outlive the test whose
# captured output the log handler writes to; its warnings and errors still show.
logging.getLogger("mail.log").setLevel(logging.WARNING)


class Inbox:
    """aiosmtpd's handler: every message the server accepts, parsed."""

    def __init__(self):
        self.messages = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.arrived:
            self.messages.append((envelope.rcpt_tos, message))
            self.arrived.notify_all()
        return "250 Message accepted for delivery"

    def text_of(self, message):
        return message.get_body(preferencelist=("plain",)).get_content()


class SMTPServer:
    def __init__(self):
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    @property
    def messages(self):
        return [message for _recipients, message in self.inbox.messages]

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

"""A real SMTP server (aiosmtpd) per test, and the settings that send mail through it."""

import email
import email.policy
import re
import socket
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller

SITE_URL = "https://referater.example.dk"


class Inbox:
    """What the SMTP server received: parsed messages, in order."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message.envelope_to = list(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"

    def to(self, address):
        return [m for m in self.messages if address in m.envelope_to]


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def links_in(message, name):
    """The site paths of `name` links (confirm, unsubscribe, manage, forget) in a mail's text part."""
    found = re.findall(rf"{re.escape(SITE_URL)}(/(?:en/)?alerts/{name}/[^/\s]+/)", text_of(message))
    return found


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A running SMTP server on a free port; Django sends to it. Yields the Inbox."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.SITE_URL = SITE_URL
    settings.DEFAULT_FROM_EMAIL = "Referatarkivet <noreply@referater.example.dk>"
    settings.ALERTS_SETTLE_SECONDS = 0
    inbox.controller = controller
    yield inbox
    controller.stop()


def path_of(url):
    return urlsplit(url).path

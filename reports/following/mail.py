"""The site's e-mails to readers who follow a figure: the confirmation, "you already follow
this", and the notice of a release that changed what they follow. Each is plain text and
HTML, in the language its reader subscribed in, with its links absolute (DJANGO_SITE_URL)
and the List-Unsubscribe and List-Unsubscribe-Post headers of a one-click unsubscribe
(RFC 8058)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from reports.following import targets, tokens
from reports.releases import changes as release_changes
from whitepaper.translation import html_lang

#: Records a notice lists; past these it gives their count and links to the release.
NOTICE_LIMIT = 50


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def confirm_url(subscription):
    token = tokens.make(subscription, tokens.CONFIRM_SALT)
    return absolute(reverse("reports:follow_confirm", kwargs={"token": token}))


def unsubscribe_url(subscription):
    token = tokens.make(subscription, tokens.UNSUBSCRIBE_SALT)
    return absolute(reverse("reports:follow_unsubscribe", kwargs={"token": token}))


def message_id(notification):
    """The same Message-ID however often the notice is tried, so that a mail program shows
    a notice sent twice (after a crash mid-send) once."""
    return f"<{notification.uuid}@{urlsplit(settings.SITE_URL).hostname or 'localhost'}>"


def compose(subscription, template, subject, context=None, headers=None, connection=None):
    """A message to the subscription's address from its template, in its language."""
    followed = targets.of_subscription(subscription)
    with translation.override(subscription.language):
        context = {
            **(context or {}),
            "lang": html_lang(),
            "site_name": gettext(settings.SITE_NAME),
            "site_url": absolute(reverse("reports:overview")),
            "followed_name": followed.name(),
            "followed_url": absolute(followed.page_url()),
            "unsubscribe_url": unsubscribe_url(subscription),
        }
        subject = str(subject(context))
        text = render_to_string(f"following/mail/{template}.txt", context)
        html = render_to_string(f"following/mail/{template}.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            **(headers or {}),
        },
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation(subscription):
    return compose(
        subscription,
        "confirm",
        lambda context: (
            gettext("Confirm: e-mails about %(name)s") % {"name": context["followed_name"]}
        ),
        {"confirm_url": confirm_url(subscription), "days": tokens.CONFIRM_DAYS},
    )


def already_following(subscription):
    return compose(
        subscription,
        "already_following",
        lambda context: gettext("You already follow %(name)s") % {"name": context["followed_name"]},
    )


def notice_changes(rows):
    """What a notice lists of each record: its name, what happened, the fields changed (old
    → new) and its page as the release holds it."""
    listed = []
    for row in rows:
        found = release_changes.record_change(row, row)
        if found is None:
            continue
        listed.append(
            {
                "name": row.text_in("label").text,
                "change": row.get_change_display(),
                "fields": found.fields,
                "url": absolute(found.released_url),
            }
        )
    return listed


def release_notice(notification, connection=None):
    subscription, release = notification.subscription, notification.release
    rows = targets.of_subscription(subscription).rows(release)
    with translation.override(subscription.language):
        context = {
            "release": release,
            "notes": release.text_in("notes").text,
            "release_url": absolute(release.get_absolute_url()),
            "changes": notice_changes(rows[:NOTICE_LIMIT]),
            "total": rows.count(),
            "limit": NOTICE_LIMIT,
        }
    return compose(
        subscription,
        "release_notice",
        lambda context: (
            gettext("Release %(version)s changes %(name)s")
            % {"version": release.version, "name": context["followed_name"]}
        ),
        context,
        headers={"Message-ID": message_id(notification)},
        connection=connection,
    )

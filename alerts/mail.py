"""The mails: confirm a subscription, "you already follow this", and the alert itself.

Every mail has a plain-text and an HTML part, in the language the subscription was made in, and
only absolute links (settings.SITE_URL). An alert carries `List-Unsubscribe` and
`List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): a mail program's own
"unsubscribe" button POSTs to the address's forget page, which deletes everything about it.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def absolute(path):
    """`path` on the site's own address (DJANGO_SITE_URL)."""
    return settings.SITE_URL + path


def url(name, language, **kwargs):
    """The absolute address of the alerts page `name` in `language`."""
    with translation.override(language):
        return absolute(reverse(f"alerts:{name}", kwargs=kwargs))


def _message(to, subject, template, context, language, headers=None):
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL, "subject": subject}
        text = render_to_string(f"alerts/mail/{template}.txt", context)
        html = render_to_string(f"alerts/mail/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def confirmation(subscription, label):
    """The mail with the link to confirm `subscription` (label: what it follows)."""
    language = subscription.language
    with translation.override(language):
        subject = _("Bekræft at du vil følge %(what)s") % {"what": label}
    context = {
        "label": label,
        "confirm_url": url("confirm", language, token=subscription.confirm_token()),
        "days": 7,
    }
    return _message(subscription.subscriber.email, subject, "confirm", context, language)


def already_following(subscription, label):
    """The mail for a request to follow what the address already follows: a link to its alerts."""
    language = subscription.language
    with translation.override(language):
        subject = _("Du følger allerede %(what)s") % {"what": label}
    context = {
        "label": label,
        "manage_url": url("manage", language, token=subscription.subscriber.manage_token()),
    }
    return _message(subscription.subscriber.email, subject, "already", context, language)


def alert(email, language, sections, manage_token):
    """One alert for `email`: `sections` is a list of dicts (label, page_url, unsubscribe_url,
    count, and the items already rendered as body_text and body_html; alerts/sending.py)."""
    forget_url = url("forget", language, token=manage_token)
    count = sum(section["count"] for section in sections)
    with translation.override(language):
        subject = ngettext(
            "Nyt fra Referatarkivet: %(count)s punkt", "Nyt fra Referatarkivet: %(count)s punkter", count
        ) % {"count": count}
    context = {
        "sections": sections,
        "language": language,
        "manage_url": url("manage", language, token=manage_token),
        "forget_url": forget_url,
    }
    headers = {
        "List-Unsubscribe": f"<{forget_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }
    return _message(email, subject, "alert", context, language, headers=headers)

"""The alerts pages: subscribe (POST), confirm, unsubscribe, "my alerts", forget me, privacy.

Why the subscribe form carries no CSRF token. The case, committee and search pages are cached
whole and served to every reader alike (meetings.views.public_page), so a form on them cannot hold
a per-reader CSRF token: the cached copy would carry one reader's token, and Django's CSRF check
would then refuse every other reader (who has no matching cookie). The form therefore posts to
`subscribe`, an uncached view that is `csrf_exempt`. That costs nothing here, because CSRF
protects what a browser's cookies authorise, and these views read no cookie and no session: a
forged cross-site POST can do exactly what its author could do by posting directly. What stops
anyone from subscribing someone else is double opt-in (nothing is mailed to an address until its
owner presses a button behind the link in the confirmation mail), a honeypot field for bots, and
a daily limit of confirmation mails per address and per client address (alerts/throttle.py).

The other views act on a signed token in their address (alerts/models.py), which only the mail's
recipient has: the token is the authority, so they are `csrf_exempt` too, and must be, since a
mail program's one-click unsubscribe (RFC 8058) POSTs without any cookie. Opening a link (GET)
only ever shows a page with a button; only the button's POST confirms, unsubscribes or deletes,
so a mail scanner that opens links changes nothing. These pages are never cached (their address
is private) and tell search engines not to index them.
"""

import smtplib

from django.db import transaction
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import mail, throttle
from .following import NotFollowable, describe, path_of, target_from
from .forms import SubscribeForm
from .models import CONFIRM_DAYS, Subscriber, Subscription, find_by_token

TOKEN_PROBLEMS = {
    "bad": (
        404,
        gettext_lazy("Linket er ikke gyldigt. Måske er det blevet afkortet: kopiér hele linket fra mailen."),
    ),
    "expired": (410, gettext_lazy("Linket er udløbet. Bed om en ny bekræftelse fra siden, du ville følge.")),
    "gone": (410, gettext_lazy("Linket er allerede brugt, eller abonnementet findes ikke længere.")),
}


def _page(request, template, context=None, status=200):
    response = render(request, f"alerts/{template}.html", context or {}, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _message(request, title, text, status, **extra):
    return _page(request, "message", {"title": title, "text": text, **extra}, status=status)


def _token_problem(request, why):
    status, text = TOKEN_PROBLEMS[why]
    return _message(request, _("Linket virker ikke"), text, status)


def _label(subscription):
    return describe(subscription.kind, subscription.case, subscription.committee, subscription.query)


def _language():
    return "en" if (translation.get_language() or "da").startswith("en") else "da"


def _refuse(request, form, data, error, status):
    """The subscribe form again, with what was wrong."""
    context = {"form": form, "error": error, "kind": None, "target": "", "email": data.get("email", "")[:254]}
    for kind in ("case", "committee", "search"):
        if kind in data:
            context["kind"], context["target"] = kind, data[kind]
            break
    return _page(request, "subscribe", context, status=status)


@csrf_exempt
@never_cache
@require_POST
def subscribe(request):
    """Ask to follow a case, committee or search: mails a confirmation link, stores a pending request."""
    data = request.POST
    form = SubscribeForm(data)
    try:
        kind, case, committee, query = target_from(data)
    except NotFollowable as problem:
        return _refuse(request, form, data, str(problem), 400)
    if data.get("website"):  # the hidden honeypot: a bot; it is told what a person is told
        return _page(request, "subscribe_done", {"label": describe(kind, case, committee, query)})
    if not form.is_valid():
        return _refuse(request, form, data, " ".join(form.errors["email"]), 400)
    email = form.cleaned_data["email"]
    if not throttle.allow_client(request) or not throttle.allow_address(email):
        text = _(
            "Der er sendt for mange bekræftelser i dag, til denne adresse eller herfra. Prøv igen i morgen."
        )
        return _refuse(request, form, data, text, 429)
    language = _language()
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.get_or_create(email=email)
        subscription, _created = Subscription.objects.get_or_create(
            subscriber=subscriber,
            kind=kind,
            case=case,
            committee=committee,
            query=query,
            defaults={"language": language},
        )
        label = describe(kind, case, committee, query)
        if subscription.confirmed:
            message = mail.already_following(subscription, label)
        else:
            subscription.language = language
            subscription.confirmation_sent = timezone.now()
            subscription.save(update_fields=["language", "confirmation_sent"])
            message = mail.confirmation(subscription, label)
        try:
            message.send()
        except (smtplib.SMTPException, OSError):
            transaction.set_rollback(True)
            text = _("Vi kan ikke sende mail lige nu. Prøv igen om lidt.")
            return _refuse(request, form, data, text, 503)
    return _page(request, "subscribe_done", {"label": label})


def _subscriptions():
    return Subscription.objects.select_related("subscriber", "case__municipality", "committee__municipality")


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The confirmation link: a page with a button (GET); the button confirms (POST)."""
    subscription, why = find_by_token(_subscriptions(), token, "alerts.confirm", max_age=CONFIRM_DAYS * 86400)
    if why:
        return _token_problem(request, why)
    label = _label(subscription)
    manage_url = mail.url("manage", _language(), token=subscription.subscriber.manage_token())
    if subscription.confirmed:
        return _message(
            request,
            _("Allerede bekræftet"),
            _("Du følger allerede %(what)s.") % {"what": label},
            409,
            manage_url=manage_url,
        )
    if request.method == "POST":
        now = timezone.now()
        subscription.confirmed = subscription.sent_until = now
        subscription.save(update_fields=["confirmed", "sent_until"])
        return _page(request, "confirmed", {"label": label, "manage_url": manage_url})
    return _page(request, "confirm", {"label": label})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """Stop following one thing: a page with a button (GET); the button deletes it (POST)."""
    subscription, why = find_by_token(_subscriptions(), token, "alerts.unsubscribe")
    if why:
        return _token_problem(request, why)
    label = _label(subscription)
    if request.method == "POST":
        subscriber = subscription.subscriber
        subscription.delete()
        remaining = subscriber.subscriptions.exists()
        if not remaining:
            subscriber.delete()  # an address that follows nothing is not kept
        manage_url = mail.url("manage", _language(), token=subscriber.manage_token()) if remaining else None
        return _page(request, "unsubscribed", {"label": label, "manage_url": manage_url})
    return _page(request, "unsubscribe", {"label": label})


@never_cache
@require_http_methods(["GET", "HEAD"])
def manage(request, token):
    """ "My alerts": everything this address follows, each with its own unsubscribe button."""
    subscriber, why = find_by_token(Subscriber.objects.all(), token, "alerts.manage")
    if why:
        return _token_problem(request, why)
    rows = []
    for subscription in _subscriptions().filter(subscriber=subscriber).order_by("created"):
        kind, case, committee, query = (
            subscription.kind,
            subscription.case,
            subscription.committee,
            subscription.query,
        )
        rows.append(
            {
                "label": describe(kind, case, committee, query),
                "page": path_of(kind, case, committee, query),
                "subscription": subscription,
                "unsubscribe_token": subscription.unsubscribe_token(),
            }
        )
    return _page(request, "manage", {"subscriber": subscriber, "rows": rows, "token": token})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def forget(request, token):
    """Delete everything about an address: a page with a button (GET), or the button / a mail
    program's one-click unsubscribe (POST, RFC 8058). This is the mails' List-Unsubscribe address."""
    subscriber, why = find_by_token(Subscriber.objects.all(), token, "alerts.manage")
    if why:
        return _token_problem(request, why)
    if request.method == "POST":
        email = subscriber.email
        subscriber.delete()  # and with it every subscription (CASCADE)
        throttle.forget_address(email)
        return _page(request, "forgotten")
    return _page(request, "forget", {"count": subscriber.subscriptions.count()})

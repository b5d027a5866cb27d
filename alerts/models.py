"""What the archive keeps about a person who follows something by e-mail: the address, what it
follows, times, and a keyed hash per address and client for the daily limit. Nothing else.

Tokens in links are not stored: each is a signature (django.core.signing, keyed by SECRET_KEY)
over a row's id and creation time, so a link cannot be forged, and it stops working when the
row is deleted (a deleted and re-made subscription has another id and time).
"""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.core import signing
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# An unconfirmed request is deleted after this long (and its link stops working).
CONFIRM_DAYS = 7


class Subscriber(models.Model):
    """One e-mail address (lower-cased), however many things it follows."""

    email = models.EmailField(_("e-mail"), max_length=254, unique=True)
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("modtager")
        verbose_name_plural = _("modtagere")

    def __str__(self):
        return self.email

    def manage_token(self):
        """The token of the "my alerts" page: lists and deletes everything about this address."""
        return make_token(self, "alerts.manage")


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed__isnull=False)

    def expired(self, now=None):
        """Requests not confirmed within CONFIRM_DAYS of their last confirmation mail."""
        now = now or timezone.now()
        return self.filter(
            confirmed__isnull=True, confirmation_sent__lt=now - datetime.timedelta(days=CONFIRM_DAYS)
        )


class Subscription(models.Model):
    """One thing an address follows: a case, a committee or a search (its normalised query string)."""

    class Kind(models.TextChoices):
        CASE = "case", _("sag")
        COMMITTEE = "committee", _("udvalg")
        SEARCH = "search", _("søgning")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions", verbose_name=_("modtager")
    )
    kind = models.CharField(_("følger"), max_length=10, choices=Kind.choices)
    case = models.ForeignKey(
        "agenda_items.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    committee = models.ForeignKey(
        "meetings.Committee", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The search's query string, normalised (alerts/following.py): equal searches share one query.
    query = models.TextField(_("søgning"), blank=True)
    # The language of the page it was made on: the mails are in it ("da" or "en").
    language = models.CharField(_("sprog"), max_length=8, default="da")
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)
    confirmation_sent = models.DateTimeField(_("bekræftelse sendt"), null=True, blank=True)
    confirmed = models.DateTimeField(_("bekræftet"), null=True, blank=True)
    # Items whose meeting changed after this moment are new to this subscription; each sent
    # alert moves it to the time the run started (alerts/sending.py).
    sent_until = models.DateTimeField(_("sendt til og med"), null=True, blank=True, db_index=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementer")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "case"], condition=models.Q(kind="case"), name="alert_unique_case"
            ),
            models.UniqueConstraint(
                fields=["subscriber", "committee"],
                condition=models.Q(kind="committee"),
                name="alert_unique_committee",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "query"], condition=models.Q(kind="search"), name="alert_unique_search"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="case", case__isnull=False, committee__isnull=True)
                    | models.Q(kind="committee", committee__isnull=False, case__isnull=True)
                    | models.Q(kind="search", case__isnull=True, committee__isnull=True)
                ),
                name="alert_target_matches_kind",
            ),
        ]

    def __str__(self):
        return f"{self.subscriber_id}: {self.kind} {self.case_id or self.committee_id or self.query}"

    def confirm_token(self):
        return make_token(self, "alerts.confirm")

    def unsubscribe_token(self):
        return make_token(self, "alerts.unsubscribe")


class Throttle(models.Model):
    """How many confirmation mails went today to one address or from one client address.

    `key` is a keyed hash (HMAC with SECRET_KEY) of "address:..." or "client:...": the client's
    IP address is never stored, and rows older than a day are deleted by send_alerts.
    """

    key = models.CharField(max_length=64)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "day"], name="alert_throttle_unique")]

    def __str__(self):
        return f"{self.day}: {self.count}"


def make_token(row, salt):
    """A signed, URL-safe token naming `row` (its id and creation time)."""
    return signing.dumps([row.pk, int(row.created.timestamp())], salt=salt)


def find_by_token(queryset, token, salt, max_age=None):
    """(row, None) for the row of `queryset` a token from make_token() names, else (None, why):
    "bad" (not a token of ours: mistyped, cut off or forged), "expired" (older than `max_age`
    seconds) or "gone" (a real token whose row has been deleted: used up or unsubscribed)."""
    try:
        pk, created = signing.loads(token, salt=salt, max_age=max_age)
        pk, created = int(pk), int(created)
    except signing.SignatureExpired:
        return None, "expired"
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        return None, "bad"
    row = queryset.filter(pk=pk).first()
    if row is None or int(row.created.timestamp()) != created:
        return None, "gone"
    return row, None


def keyed_hash(text):
    """HMAC-SHA256 of `text` under SECRET_KEY, hex: a throttle key that does not reveal its text."""
    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()

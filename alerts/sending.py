"""send_alerts: one mail per address per run with everything new in all that address follows.

What is new. AgendaItem has no time of its own, and its model belongs to another app; an item
counts as new or changed when its meeting's `updated` (auto_now, set by every import of the
meeting: an agenda replaced by minutes brings the decision) is later than the subscription's
`sent_until`. So a re-import of unchanged minutes announces their items again, and a clerk's
edit of one item in the admin (which saves the item, not the meeting) announces nothing.

A run looks at meetings changed up to `cutoff` = now minus ALERTS_SETTLE_SECONDS: an import
saves the meeting first and commits a moment later, and a meeting saved before the cutoff but
committed after the run had read would otherwise be missed for good. Each sent mail moves its
subscriptions' `sent_until` to the cutoff; a subscription with nothing new is moved too, so
the next run looks back no further than it must.

Matching, at scale. The changed items are read once. Cases and committees are matched from them
in memory. Searches are grouped by their normalised query string and each distinct search is run
once (search.request.SearchRequest.run(), through the site's own search index) over the changed
items only, however many addresses follow it. A search that times out is left for the next run.

Closed items. A followed committee lists a closed item as its number and "Lukket punkt", as the
meeting page does; nothing else of it is read from the database into a mail (not even the
title, though the issue allowed it: the site never shows a closed item's title, and a mail is
kept forever). A followed case leaves closed items out, as the case page does: saying that the
case was on a closed item is already more than the site says. A search never finds them.

Sending, once. Addresses are claimed and sent in batches of BATCH, one transaction each: their
subscriptions are locked (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL) and an address is sent
to only if its subscriptions still have the `sent_until` the run planned with; they are moved to
the cutoff and the mails sent before commit. A second run at the same time skips rows the first
holds and finds the ones it committed already moved, so it sends nothing twice. (On SQLite, which
has no row locks, the second run's write fails with "database is locked" instead: it stops,
having sent nothing.) If SMTP fails, the batch's addresses not yet sent get their `sent_until`
back, the ones sent stay marked, and the run stops with an error: the next run sends the rest.
Only a crash of the process itself in the middle of a batch (its transaction rolled back after
some mails went out) can send those few mails again; one transaction per address would narrow
that to one mail at three times the database round trips (docs/PERFORMANCE.md).
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Substr
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from agenda_items.models import AgendaItem
from meetings.models import Meeting
from search.request import InvalidSearch, SearchRequest

from . import mail, throttle
from .following import describe, path_of, search_request
from .models import Subscriber, Subscription, make_token

logger = logging.getLogger(__name__)

# Items listed per followed thing in one mail; the rest are counted, with a link to the page.
SECTION_LIMIT = 30
# How much of a decision a mail quotes.
DECISION_CHARS = 300
# Pages of one search's hits read per run (20 hits a page).
SEARCH_PAGES = 5
CHUNK = 500
# Addresses claimed and sent per transaction (see claim_and_send).
BATCH = 100


@dataclass
class Planned:
    """One subscription, as the run read it, and the changed items it gets (ids, in no order)."""

    pk: int
    subscriber_id: int
    email: str
    kind: str
    case_id: int | None
    committee_id: int | None
    query: str
    language: str
    sent_until: datetime.datetime
    created: datetime.datetime
    subscriber_created: datetime.datetime
    item_ids: list = field(default_factory=list)
    more: int = 0


@dataclass
class Report:
    """What a run did."""

    addresses: int = 0  # mails sent
    subscriptions: int = 0  # subscriptions with news in the sent mails
    searches: int = 0  # distinct searches run
    skipped: int = 0  # addresses another run held or had sent to
    quiet: int = 0  # subscriptions with nothing new, moved on
    expired: int = 0  # unconfirmed requests deleted


class ChangedItemsSearch(SearchRequest):
    """A followed search over the items whose meeting changed in (since, cutoff] only."""

    def __init__(self, query, since, cutoff):
        super().__init__(search_request(query).params, newest_first=True)
        self.since, self.cutoff = since, cutoff

    def items(self):
        chosen = super().items()  # the search page's own filters, whatever they are
        chosen = AgendaItem.objects.all() if chosen is None else chosen
        return chosen.filter(meeting__updated__gt=self.since, meeting__updated__lte=self.cutoff)


def search_hits(query, since, cutoff):
    """(ids of the open items the search finds among those changed in (since, cutoff], how many
    more it found than were read), or None if the search could not run this time."""
    request = ChangedItemsSearch(query, since, cutoff)
    try:
        request.check()
    except InvalidSearch as error:  # e.g. a filter's committee that is gone
        logger.warning("Followed search %r can no longer run: %s", query, error)
        return set(), 0
    found = set()
    for page in range(1, SEARCH_PAGES + 1):
        results = request.run(page=page)
        if results.timed_out:
            return None
        if results.fuzzy:  # titles that merely look alike are not what the reader follows
            return set(), 0
        found.update(hit.item.pk for hit in results.hits)
        if not results.has_next:
            return found, 0
    return found, max(0, results.total - len(found))


def cleanup(now):
    """Delete unconfirmed requests older than the confirmation period, addresses that follow
    nothing, and the confirmation counts of earlier days. Returns the number of requests deleted."""
    expired, _rows = Subscription.objects.expired(now).delete()
    Subscriber.objects.annotate(n=Count("subscriptions")).filter(n=0).delete()
    throttle.delete_old()
    return expired


def plan(cutoff):
    """The confirmed subscriptions due a look, each with the ids of its new items; None marks a
    subscription whose search could not run (left as it is)."""
    fields = ["pk", "subscriber_id", "subscriber__email", "kind", "case_id", "committee_id", "query"]
    fields += ["language", "sent_until", "created", "subscriber__created"]
    planned = [
        Planned(*row)
        for row in Subscription.objects.confirmed()
        .filter(sent_until__lt=cutoff)
        .order_by("subscriber__email", "pk")
        .values_list(*fields)
    ]
    if not planned:
        return planned, 0
    since = min(p.sent_until for p in planned)
    changed = AgendaItem.objects.filter(meeting__updated__gt=since, meeting__updated__lte=cutoff)
    updated, by_case, by_committee = {}, defaultdict(list), defaultdict(list)
    for pk, case_id, committee_id, when, closed in changed.values_list(
        "pk", "case_id", "meeting__committee_id", "meeting__updated", "closed"
    ):
        updated[pk] = when
        by_committee[committee_id].append(pk)
        if case_id and not closed:
            by_case[case_id].append(pk)

    searches = defaultdict(list)
    for p in planned:
        if p.kind == Subscription.Kind.SEARCH:
            searches[p.query].append(p)
        else:
            source = by_case.get(p.case_id, ()) if p.kind == Subscription.Kind.CASE else ()
            source = by_committee.get(p.committee_id, ()) if p.kind == Subscription.Kind.COMMITTEE else source
            p.item_ids = [pk for pk in source if updated[pk] > p.sent_until]
    for query, group in searches.items():
        hits = search_hits(query, min(p.sent_until for p in group), cutoff) if updated else (set(), 0)
        for p in group:
            if hits is None:
                p.item_ids = None
            else:
                p.item_ids = [pk for pk in hits[0] if updated[pk] > p.sent_until]
                p.more = hits[1]
    return planned, len(searches)


def entries(ids):
    """{item id: dict of what a mail shows of it}; a closed item's title and text are never read."""
    found = {}
    ids = list(ids)
    for start in range(0, len(ids), CHUNK):
        rows = (
            AgendaItem.objects.filter(pk__in=ids[start : start + CHUNK])
            .annotate(
                decision_start=Substr("decision", 1, DECISION_CHARS + 50), title_start=Substr("title", 1, 500)
            )
            .values_list(
                "pk",
                "number",
                "order",
                "closed",
                "title_start",
                "decision_start",
                "meeting_id",
                "meeting__date",
                "meeting__kind",
                "meeting__committee__name",
                "meeting__committee__municipality__name",
            )
        )
        for pk, number, order, closed, title, decision, meeting, date, kind, committee, municipality in rows:
            found[pk] = {
                "number": number,
                "closed": closed,
                "title": "" if closed else " ".join(title.split()),
                "decision": "" if closed else shorten(decision),
                "meeting_id": meeting,
                "date": date,
                "kind": kind,
                "committee": committee,
                "municipality": municipality,
                "sort": (date or datetime.date.max, meeting, order, pk),
            }
    return found


def shorten(text, limit=DECISION_CHARS):
    """The start of a text on one line, cut at a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


class Renderer:
    """Builds the mails' sections, remembering what every address shares (labels, item links)."""

    def __init__(self, items, targets):
        self.items, self.targets = items, targets
        self.cache = {}

    def _memo(self, key, make):
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]

    def entry(self, pk, language):
        def make():
            item = dict(self.items[pk])
            with translation.override(language):
                path = reverse(
                    "agenda_items:item", kwargs={"meeting": item["meeting_id"], "number": item["number"]}
                )
                item["kind_label"] = str(Meeting.Kind(item["kind"]).label)
            item["url"] = mail.absolute(path)
            return item

        return self._memo(("entry", pk, language), make)

    def target(self, p, language):
        def make():
            case, committee = (
                self.targets.get(("case", p.case_id)),
                self.targets.get(("committee", p.committee_id)),
            )
            with translation.override(language):
                return describe(p.kind, case, committee, p.query), mail.absolute(
                    path_of(p.kind, case, committee, p.query)
                )

        key = (p.kind, p.case_id or p.committee_id or p.query, language)
        return self._memo(("target", key), make)

    def section(self, p, language):
        """One followed thing's part of a mail. Its items are rendered once for every address that
        gets the same items about the same thing (most followers of a committee or a search)."""
        ordered = tuple(sorted(p.item_ids, key=lambda pk: self.items[pk]["sort"]))
        label, page_url = self.target(p, language)
        shown, more = ordered[:SECTION_LIMIT], max(0, len(ordered) - SECTION_LIMIT) + p.more

        def make():
            context = {
                "entries": [self.entry(pk, language) for pk in shown],
                "more": more,
                "page_url": page_url,
            }
            with translation.override(language):
                text = render_to_string("alerts/mail/_section.txt", context)
                html = render_to_string("alerts/mail/_section.html", context)
            return text.strip("\n"), mark_safe(html.strip())

        body_text, body_html = self._memo(("body", language, shown, more, page_url), make)
        token = make_token(_Row(p.pk, p.created), "alerts.unsubscribe")
        return {
            "label": label,
            "page_url": page_url,
            "unsubscribe_url": mail.url("unsubscribe", language, token=token),
            "count": len(shown) + more,
            "body_text": body_text,
            "body_html": body_html,
        }


@dataclass
class _Row:
    """What make_token() reads of a row, without loading the row."""

    pk: int
    created: datetime.datetime


def targets_of(planned):
    """The cases and committees the subscriptions with news follow, by ("case"|"committee", id)."""
    from agenda_items.models import Case
    from meetings.models import Committee

    case_ids = {p.case_id for p in planned if p.case_id and p.item_ids}
    committee_ids = {p.committee_id for p in planned if p.committee_id and p.item_ids}
    found = {("case", c.pk): c for c in Case.objects.filter(pk__in=case_ids).select_related("municipality")}
    found |= {
        ("committee", c.pk): c
        for c in Committee.objects.filter(pk__in=committee_ids).select_related("municipality")
    }
    return found


def claim_and_send(batch, cutoff, connection):
    """Send each (subscriptions, message) of `batch` that this run still owns.

    Returns (how many addresses were sent to, with how many subscriptions; how many were skipped).

    One transaction for the batch: the subscriptions are locked (skipping rows another run holds)
    and an address is sent to only if all its subscriptions still have the `sent_until` it was
    planned with; they are moved to `cutoff` and the mails sent before commit. If a send fails,
    the addresses not yet sent get their `sent_until` back, the ones sent stay marked, the
    transaction commits and the error is raised again.
    """
    failure = None
    with transaction.atomic():
        ids = [p.pk for subscriptions, _message in batch for p in subscriptions]
        current = dict(
            Subscription.objects.select_for_update(skip_locked=True)
            .filter(pk__in=ids)
            .values_list("pk", "sent_until")
        )
        ready = [
            (subscriptions, message)
            for subscriptions, message in batch
            if all(current.get(p.pk) == p.sent_until for p in subscriptions)
        ]
        Subscription.objects.filter(
            pk__in=[p.pk for subscriptions, _m in ready for p in subscriptions]
        ).update(sent_until=cutoff)
        sent = 0
        try:
            for _subscriptions, message in ready:
                connection.send_messages([message])
                sent += 1
        except Exception as error:  # SMTP down, refused, timed out: keep only what went out
            failure = error
            for subscriptions, _message in ready[sent:]:
                for p in subscriptions:
                    Subscription.objects.filter(pk=p.pk).update(sent_until=p.sent_until)
    if failure is not None:
        raise failure
    return sent, sum(len(subscriptions) for subscriptions, _m in ready), len(batch) - len(ready)


def settle_seconds():
    return settings.ALERTS_SETTLE_SECONDS


def send_alerts(now=None, connection=None, log=None):
    """One run: clean up, plan, send one mail per address with news, move the quiet ones on.

    Raises whatever the mail connection raises (the run stops; see the module docstring)."""
    now = now or timezone.now()
    log = log or (lambda message: None)
    report = Report(expired=cleanup(now))
    cutoff = now - datetime.timedelta(seconds=settle_seconds())
    planned, report.searches = plan(cutoff)
    with_news = [p for p in planned if p.item_ids]
    items = entries({pk for p in with_news for pk in p.item_ids})
    renderer = Renderer(items, targets_of(with_news))
    by_address = defaultdict(list)
    for p in with_news:
        by_address[p.email].append(p)
    connection = connection or get_connection()
    addresses = list(by_address.items())
    with connection:
        for start in range(0, len(addresses), BATCH):
            batch = []
            for email, subscriptions in addresses[start : start + BATCH]:
                # The language of the newest subscription with news (one mail, one language).
                language = max(subscriptions, key=lambda p: p.created).language
                sections = [renderer.section(p, language) for p in subscriptions]
                first = subscriptions[0]
                manage = make_token(_Row(first.subscriber_id, first.subscriber_created), "alerts.manage")
                batch.append((subscriptions, mail.alert(email, language, sections, manage)))
            sent, with_news, skipped = claim_and_send(batch, cutoff, connection)
            report.addresses += sent
            report.subscriptions += with_news
            report.skipped += skipped
    quiet = [p.pk for p in planned if p.item_ids == []]
    for start in range(0, len(quiet), CHUNK):
        report.quiet += Subscription.objects.filter(
            pk__in=quiet[start : start + CHUNK], sent_until__lt=cutoff
        ).update(sent_until=cutoff)
    log(
        f"{report.addresses} mails sent ({report.subscriptions} subscriptions with news, {report.searches} "
        f"searches run); {report.skipped} addresses left to another run; {report.quiet} without news; "
        f"{report.expired} unconfirmed requests deleted"
    )
    return report

"""Atom feeds of agenda items: a case's items and a search's newest hits.

- /cases/<pk>/feed/ : an entry per open item on the case, newest meeting first, so a reader is told
  each time the case is on a meeting again

Only open items are ever entries. The search feed, built on this base, is in search/feeds.py.
An entry's id is the item's address, which re-imports keep; it is updated when its meeting is.
"""

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from meetings.feeds import meeting_heading

from .models import Case

CASE_FEED_LENGTH = 100


class ItemFeedBase(Feed):
    feed_type = Atom1Feed
    author_name = "Referatarkivet"

    def item_title(self, item):
        return _("Punkt %(number)s: %(title)s (%(meeting)s)") % {
            "number": item.number,
            "title": item.title,
            "meeting": meeting_heading(item.meeting),
        }

    def item_description(self, item):
        parts = [f"{meeting_heading(item.meeting)}, {item.meeting.committee.municipality.name}"]
        if item.recommendation:
            parts.append(f"{_('Indstilling')}:\n{item.recommendation}")
        if item.decision:
            parts.append(f"{_('Beslutning')}:\n{item.decision}")
        # Atom1Feed sends the description as HTML: escape the minutes' text (linebreaks() does).
        return linebreaks("\n\n".join(parts), autoescape=True)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.meeting.created

    def item_updateddate(self, item):
        return item.meeting.updated

    def item_author_name(self, item):
        return item.meeting.committee.name

    def item_categories(self, item):
        return [item.meeting.committee.municipality.name, item.meeting.committee.name]


class CaseFeed(ItemFeedBase):
    """/cases/<pk>/feed/: the case's open items, newest meeting first (404 for a case with none)."""

    def get_object(self, request, pk):
        return Case.objects.public().select_related("municipality").get(pk=pk)

    def title(self, case):
        return _("Sag %(number)s · %(municipality)s") % {
            "number": case.number,
            "municipality": case.municipality.name,
        }

    def link(self, case):
        return case.get_absolute_url()

    def description(self, case):
        return _("Hver gang sagen er på et møde.")

    def items(self, case):
        return (
            case.items.public()
            .with_meeting()
            .order_by(F("meeting__date").desc(nulls_last=True), "-meeting_id", "order")[:CASE_FEED_LENGTH]
        )

"""SQLite, the zero-setup default: every word must occur in the item's text or its Bilag,
case-insensitively (æ/ø/å folded by the minutes_casefold function of search/index.py)."""

from contextlib import nullcontext

from django.db.models import Exists, F, Func, OuterRef, Q, TextField, Value
from django.db.models.functions import Concat

from attachments.models import Attachment

from .common import WORD, item_text, plain_snippets


def bounded(using):
    """No statement timeout on SQLite: the search runs as it is."""
    return nullcontext()


def estimated_count(matched):
    return 0  # SQLite always counts (up to MAX_RESULTS)


def rank(query):
    return Value(0.0)


def match(base, q, section, results, sections):
    """(matched items, None, None): no compiled query, nothing to estimate from."""
    return _fallback_match(base, q, section, sections), None, None


def _casefold(expression):
    # minutes_casefold is registered on every SQLite connection (agenda_items/apps.py):
    # SQLite's own lower() and LIKE fold ASCII only, and Danish needs æ/ø/å.
    return Func(expression, function="minutes_casefold", output_field=TextField())


def _fallback_match(base, q, section, sections):
    words = [w.casefold() for w in WORD.findall(q)]
    if not words:
        return None

    def in_attachments(word):
        attachments = Attachment.objects.filter(agenda_item=OuterRef("pk")).annotate(
            t=_casefold(Concat("title", Value("\n"), "text", output_field=TextField()))
        )
        return Exists(attachments.filter(t__contains=word))

    if section in sections and sections[section]:
        matched = base.annotate(search_text=_casefold(F(sections[section])))
    else:
        text = Concat("title", Value("\n"), item_text(), output_field=TextField())
        matched = base.annotate(search_text=_casefold(text))
    condition = Q()
    for word in words:
        if section == "attachments":
            condition &= in_attachments(word)
        elif section in sections:
            condition &= Q(search_text__contains=word)
        else:
            condition &= Q(search_text__contains=word) | in_attachments(word)
    return matched.filter(condition)


def snippets(items, query, q):
    return plain_snippets(items, q)

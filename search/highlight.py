"""Snippets cut from an item's text with the query's words marked, and the Bilag a hit was found in.

A mark covers whole words that begin with a query word or its stem ("ukrainer" marks
"ukrainesituationen", "screening" marks "miljøscreening" through the compound list of
search/vocabulary.py), never a piece inside a word: "or" in "orientering" stays unmarked.
"""

import re

from django.db.models.functions import Left
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .query import fold, is_prefix, stem

# Bilag text read to decide which Bilag matched, as much as the index holds (index.py).
BILAG_CHARS = 200_000


def word_pattern(words):
    """A regex matching whole words that begin with any of `words`, their stems or æ/ø/å reading;
    a number or a one-letter word only as itself, as the backends match it (query.is_prefix)."""
    starts, exact = set(), set()
    for word in words:
        word = word.casefold()
        if not is_prefix(word):
            exact.add(word)
            continue
        starts.update({word, fold(word), stem(word)})
    starts.discard("")
    if not starts and not exact:
        return None
    choices = []
    if starts:
        choices.append(f"(?:{_any_of(starts)})[^\\W_]*")
    if exact:
        choices.append(f"(?:{_any_of(exact)})(?![^\\W_])")
    return re.compile(r"(?<![^\W_])(?:" + "|".join(choices) + ")", re.IGNORECASE)


def _any_of(words):
    """A regex alternation of `words`, the longest first."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def phrase_pattern(phrases):
    """A regex matching any of `phrases` (tuples of words) as written: each word as word_pattern()
    reads it, with nothing but spaces and punctuation between (None: no phrases)."""
    choices = []
    for words in phrases:
        parts = [word_pattern([word]) for word in words]
        if all(parts):
            choices.append(r"\W+".join(part.pattern for part in parts))
    return re.compile("|".join(choices), re.IGNORECASE) if choices else None


def snippet(text, pattern, width=110, focus=None):
    """A window of `text` around the first match of `focus` (a phrase typed), else of `pattern`,
    escaped, every match of `pattern` marked."""
    text = " ".join(text.split())
    m = (focus and focus.search(text)) or pattern.search(text)
    start = max(0, m.start() - width) if m else 0
    if start:  # begin at a word, not in the middle of one
        start = text.find(" ", start, m.start()) + 1 or start
    window = text[start : start + 2 * width + 40]
    if start + len(window) < len(text):
        window = window.rsplit(" ", 1)[0]
    parts, last = [], 0
    for hit in pattern.finditer(window):
        parts.append(escape(window[last : hit.start()]))
        parts.append(f"<mark>{escape(hit.group(0))}</mark>")
        last = hit.end()
    parts.append(escape(window[last:]))
    ellipsis_after = " …" if start + len(window) < len(text) else ""
    return mark_safe(("… " if start else "") + "".join(parts) + ellipsis_after)


def plain_snippets(items, words, phrases=(), width=110):
    """{item pk: snippet} of the items' decision, recommendation and presentation, cut around the
    first of `phrases` (tuples of words) where one is found, else around the first of `words`.

    The same on both databases. (PostgreSQL's ts_headline() did it there: 8 to 15 ms for a page
    of 20 hits at 100 000 items, where this takes about one.)"""
    pattern = word_pattern(words)
    if pattern is None:
        return {}
    focus = phrase_pattern(phrases)
    texts = {item.pk: f"{item.decision}\n{item.recommendation}\n{item.presentation}" for item in items}
    return {pk: snippet(text, pattern, width, focus) for pk, text in texts.items()}


def matching_bilag(hits, words, only_bilag=False):
    """Name on each hit the first Bilag holding a query word (`hit.attachment`), when the item's own
    text does not (or the search was of Bilag only); its snippet is then cut from that Bilag."""
    pattern = word_pattern(words)
    if pattern is None or not hits:
        return
    wanting = {}
    for hit in hits:
        item = hit.item
        own = f"{item.title}\n{item.decision}\n{item.recommendation}\n{item.presentation}"
        if only_bilag or not pattern.search(own):
            wanting[item.pk] = hit
    if not wanting:
        return
    from attachments.models import Attachment

    rows = (
        Attachment.objects.filter(agenda_item__in=list(wanting))
        .order_by("agenda_item", "order")
        .annotate(start=Left("text", BILAG_CHARS))
        .defer("text", "pages")
    )
    for attachment in rows:
        hit = wanting.get(attachment.agenda_item_id)
        if hit is None or hit.attachment is not None:
            continue
        text = f"{attachment.title}\n{attachment.start}"
        if pattern.search(text):
            hit.attachment = attachment
            hit.snippet = snippet(attachment.start or attachment.title, pattern)

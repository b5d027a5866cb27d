"""Helpers shared by the Aarhus grammars: lines, dates and times, text clean-up and title keys.

Nothing here knows one document kind from another; the page and document grammars are in
pages.py, the kinds in referat.py, indstilling.py and dagsorden.py.
"""

import datetime
import difflib
import re

from ...text import MONTH_NAMES, MONTHS, clean_block, make_date

MUNICIPALITY = "Aarhus"

DANISH_DATE = re.compile(rf"\b(\d{{1,2}})\.?\s*({MONTH_NAMES})\s+(\d{{4}})\b", re.IGNORECASE)
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[.-](\d{1,2})[.-](\d{4})\b")
LONE_NUMERIC_DATE = re.compile(r"^\d{1,2}[.-]\d{1,2}[.-]\d{4}$")
# "(10 min)" after a Referat title, "(15 min.)" after an agenda "Tid:".
# No leading \s*: with search() it would restart at every blank of a long run (quadratic, found by
# bench/fuzz_parsers.py); callers strip what is left before the suffix.
MINUTES_SUFFIX = re.compile(r"\(\s*(\d{1,3})\s*min(?:\.|utter)?\s*\)\s*$")
BULLET_ENTRY = re.compile(r"^[-–•]\s*(.*)$")
EMPTY_SECTION = re.compile(r"^[-–—.\s]*$")
# "Bilag: Ingen" / "BILAG" / "-": no attachment.
NO_ATTACHMENT = re.compile(r"^(?:ingen(?:\s+bilag)?|[-–—]+)\.?$", re.IGNORECASE)
# A title wraps over a few lines at most; lines past this many are text, not title.
MAX_TITLE_LINES = 5
MULTISPACE = re.compile(r"[ \t]{2,}|\t")
BULLET_SPACING = re.compile(r"^([•▪◦])[ \t]+", re.MULTILINE)
TITLE_KEY_JUNK = re.compile(r"[^\w]+")


# --- Lines ----------------------------------------------------------------------------------------


def _first_nonblank(lines, start=0):
    for i in range(start, len(lines)):
        if lines[i]:
            return i
    return None


def _last_nonblank(lines):
    for i in range(len(lines) - 1, -1, -1):
        if lines[i]:
            return i
    return None


def _head(lines, count):
    """The first `count` non-blank lines."""
    out = []
    for line in lines:
        if line:
            out.append(line)
            if len(out) == count:
                break
    return out


# --- Titles, dates, text --------------------------------------------------------------------------


def _title_key(title):
    """A title for comparison: lower case, no "(10 min)", no punctuation."""
    title = MINUTES_SUFFIX.sub("", title).rstrip()
    return TITLE_KEY_JUNK.sub(" ", title.lower()).strip()


def _title_score(ka, kb):
    """How well two title keys (see _title_key) match, 0..1: one a prefix of the other counts as a match."""
    if not ka or not kb:
        return 0.0
    if max(len(ka), len(kb)) > 500:
        return float(ka == kb)  # difflib on a page-long "title" would take long; only equality counts
    if ka == kb:
        return 1.0
    short, long = sorted((ka, kb), key=len)
    # "status på integrationshandleplan" / "status på integrationshandleplanen", "budgetopfølgning" /
    # "budgetopfølgning pr 30 september 2024"; but not a mere "orientering" (too short to tell).
    if long.startswith(short) and len(short) >= 12:
        return 0.85 + 0.1 * len(short) / len(long)
    matcher = difflib.SequenceMatcher(None, ka, kb)
    if matcher.real_quick_ratio() < 0.65 or matcher.quick_ratio() < 0.65:
        return 0.0
    return matcher.ratio()


def _find_date(text):
    """The first date in `text`: "26. juni 2024", "24.06.2024" or "24-06-2024"."""
    m = DANISH_DATE.search(text)
    if m:
        found = _make_date(m.group(3), MONTHS[m.group(2).lower()], m.group(1))
        if found:
            return found
    for m in NUMERIC_DATE.finditer(text):
        found = _make_date(m.group(3), m.group(2), m.group(1))
        if found:
            return found
    return None


def _make_date(year, month, day):
    """A date of the bundle's era only: digit runs elsewhere in the text are no years."""
    return make_date(year, month, day) if 1900 <= int(year) <= 2200 else None


def _make_time(hour, minute):
    try:
        return datetime.time(int(hour), int(minute))
    except ValueError:
        return None


def _join_texts(first, second):
    return "\n\n".join(part for part in (first, second) if part)


def _clean(lines):
    """Wrapped lines as clean text, joined across blank lines (Aarhus puts them inside sentences)."""
    return clean_block(lines, join_across_blank=True)


def _tidy(text):
    """One space between words, and "•\t" bullets as "• "; keeps the line structure."""
    if "  " not in text and "\t" not in text:
        return text.strip()
    text = MULTISPACE.sub(" ", BULLET_SPACING.sub(r"\1 ", text))
    if " \n" in text or "\n " in text:
        text = "\n".join(line.strip() for line in text.split("\n"))
    return text.strip()


def _first_words(text, limit=60):
    """The start of a text's first line, as a title for an attachment that has none."""
    first = text.split("\n", 1)[0].strip()
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + " …"


def _preview(doc):
    first = next((line for page in doc.pages for line in page.lines if line), "")
    return f"'{first[:60]}'"

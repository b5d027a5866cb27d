"""Parser for what Aarhus Kommune publishes: a BUNDLE of PDF documents run together as text.

The text of one bundle holds several documents, one after the other, in any order:

* a ``Referat`` of an alderman's meeting (rådmandsmøde): a page that starts with "Referat" and
  holds items ``Punkt N: <title> (10 min)`` followed by the decision text only. The date is
  usually not stated.
* an ``Indstilling til Rådmanden``: each page starts with the header " Indstilling til Rådmanden",
  "24.06.2024 - 10 minutter", "side 1 af 2". Page 1 holds the title and sections in CAPITALS
  (INDLEDNING, INDSTILLING, SAGSFREMSTILLING, RESSOURCER, KOMMUNIKATION, VIDERE PROCES,
  KOORDINERET MED, BILAG) and a footer (department, date, Sagsbehandler, Tlf., E-post).
  It belongs to the Referat item with the same title, and gives that Referat its date.
* the Indstilling's Bilag: either unlabelled pages right after the Indstilling's last page, or
  pages labelled "Punkt 3, Bilag 2:" (the label line sits just before the page or on top of it).
* a ``Dagsorden`` (agenda) of a committee: page furniture " 21. juni 2024" + "Side 1 af 5"
  (glued to text on later pages: "Side 2 af 5Tid: ..."), "Emne:" (hyphenated "Em-"/"ne:"),
  "Mødedato:", "Mødetid:", "Mødested:", "Dagsorden kort:" (a table of contents), then items
  ``N. <title>`` with the fields Baggrund/formål, Metode, Ansvarlig, Tid and Bilag, and
  sub-points "A) ...". A letterhead sidebar from page 1 ("SOCIALE FORHOLD OG" / "BESKÆFTIGELSE" /
  ... / "Aarhus Kommune" / address / "Sag: EMN-2024-027961" / "Sagsbehandler:") is printed in the
  middle of the text; it names the department and the agenda's case number (the document's
  case, which is not given to the items).

A line that starts with a space and has content marks where a new PDF page began.

The pipeline, one step per module of this package:

1. pages.py: cut the text where a page begins; move "Punkt 3, Bilag 2:" labels onto their page.
2. pages.py: a page that starts a Referat, an Indstilling or an agenda starts a document; other
   pages continue the current one (an agenda until its "Side M af M", an Indstilling until its
   "side M af M"), or, after a finished Indstilling, are its unlabelled Bilag.
3. parse each kind: referat.py (items with decisions), indstilling.py (title, date,
   recommendation, sections, BILAG list), dagsorden.py (a meeting with items); letterhead.py
   gives the department and the document's case number (not its items').
4. match.py: each Indstilling goes into the Referat item with the same title (and dates that
   Referat); its Bilag documents fill its BILAG list; an Indstilling that matches no item
   becomes an agenda of its own. Output: the Referats (kind "minutes"), the agendas, and such
   Indstillinger, in the order of the bundle.

Everything is linear in the length of the text (no line is compared with all others), and
anything that does not fit the format ends in a warning on the meeting, never in a crash.
Pure Python, no Django: the result is a list of ``ParsedMeeting`` (see imports/types.py);
common.py holds the helpers the steps share.
"""

from ...text import normalize
from ...types import MinutesError, NotMinutesError
from .common import MUNICIPALITY

# Single rules that tests/importers/test_aarhus.py checks one by one (re-exported on purpose).
from .common import _title_key as _title_key  # noqa: I001
from .common import _title_score as _title_score
from .dagsorden import _committee as _committee
from .letterhead import _strip_letterhead as _strip_letterhead
from .match import _build_meetings
from .pages import _classify_page, _group_documents, _mark_form_feeds, _split_pages
from .referat import _absences as _absences

NAME = "Aarhus bundle"

__all__ = ["MUNICIPALITY", "NAME", "looks_like", "parse"]


def looks_like(text):
    """Cheap check: does the (normalised) text hold an Aarhus Referat, Indstilling or agenda?"""
    if not isinstance(text, str):
        return False
    lines = normalize(_mark_form_feeds(text)).split("\n")
    return any(_classify_page(page)[0] for page in _split_pages(lines))


def parse(text, base_url=None):
    """The meetings in an Aarhus bundle. Raises NotMinutesError, and nothing else, on a bad input."""
    try:
        return _parse_bundle(text)
    except MinutesError:
        raise
    except Exception as exc:  # the importer's contract: a bad file is reported, never a crash
        raise NotMinutesError(
            f"Teksten kan ikke læses som et bundt fra Aarhus ({type(exc).__name__}: {exc})"
        ) from exc


def _parse_bundle(text):
    """The pipeline; `parse` only adds the guarantee that nothing but NotMinutesError escapes."""
    lines = normalize(_mark_form_feeds(text)).split("\n")
    pages = _split_pages(lines)
    docs = _group_documents(pages)
    if not any(doc.kind in ("referat", "indstilling", "agenda") for doc in docs):
        first = next((n for n, line in enumerate(lines, 1) if line.strip()), None)
        raise NotMinutesError(
            "Ikke et bundt fra Aarhus: intet referat, ingen indstilling til rådmanden og ingen dagsorden",
            line=first,
        )
    return _build_meetings(docs)

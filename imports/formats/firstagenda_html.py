"""Parser for a FirstAgenda Publication meeting page saved as HTML (dagsordener.aarhus.dk and the
other municipalities' "dagsordener.<kommune>.dk" sites).

Pure Python (BeautifulSoup with lxml), no Django. The page is read by its structure, never
flattened to text first:

    <h1 class="green dato">Dagsorden 8. oktober 2025 kl. 16.00</h1>   <- "Referat ..." for minutes
    <span class="udvalg">Aarhus Byråd</span> ... <span class="sted">Byrådssalen</span>
    <table class="dagsordeninfo"> Udvalg / Mødedato <span class="dato"> / Mødested / Mødedeltagere
    <tr class="punktrow" id="punktrow_<guid>">                          <- one per item
      <td><span class="label">2</span></td>                             <- the item's number
      <td><h2 class="overskrift">Forslag til budget 2026-2029</h2>      <- "Lukket: ..." when closed
          <div class="details"><span class="sagsnummer">EMN-2025-008308</span>
            <div class="punkt"><div id="sagsfremstillingContainer">
              <span class="resume"><div>.</div></span>                  <- text under no heading
              <h3>Resume</h3> <span class="resume"><div>...</div>...</span>
              <h3>Beslutningspunkter</h3> ... <h3>Sagsforløb:</h3> ...
            </div></div>
            <h3>Bilag</h3><ul><li><span>PDF</span><a class="bilag-link" href="/vis/pdf/bilag/<guid>/...">
                                                    Bilag 1: Budgetredegørelsen 2026-2029</a></li></ul>
      <td> the item's menu ("Hent som PDF", "Kopier link"): page furniture, never read

Each <h3> starts a section; a paragraph that is a capital heading of imports.vocabulary
("BESLUTNINGSFORSLAG FRA S, SF, RV, M OG ALT", "INDSTILLING FRA ...") starts one too, as it does
in the PDF print of the same item, so both give the same sections. Other heading-like paragraphs
("Baggrund", "Beslutning:" inside a proposal) are text. What the sections mean and how
they become the item is imports.vocabulary's (`build_item`): "Resume" is the presentation, after
the untitled text before it; the proposal and the other text sections are ParsedSections. Each
<div> is one paragraph, unless it only finishes the sentence of the one before (`_paragraphs`).

The municipality is the one the committee's name says ("Aarhus Byråd"), else the one whose site
the page's address or its absolute Bilag links are on, else "" (the importer then asks for it).

Bilag are the links of the item's Bilag list: the link's text is the title, its address made
absolute from the page's own address (the `base_url` given, else the saved page's
<link rel="canonical">, og:url or <base href>); when the page's address is unknown the link is
kept as the page wrote it (relative). The page's dialogs ("Kopier link", "Tip en ven"), menus,
filters and footer are outside the item rows and never read.

The site's front page (committee filters and a list of meetings) is a FirstAgenda page with no
item rows: parse() refuses it with NotMinutesError.
"""

import re
from urllib.parse import parse_qs, urljoin, urlsplit

from bs4 import BeautifulSoup

from ..html import fragment_blocks
from ..municipalities import from_text, from_url
from ..text import continues, join_two
from ..types import NotMinutesError, ParsedAttachment, ParsedMeeting
from ..vocabulary import build_item, committee_name, heading_role, is_capital_heading
from .aabenraa import set_date_and_time, split_names

NAME = "FirstAgenda HTML"

# For looks_like(): an HTML document that names FirstAgenda or carries its item rows.
LOOKS_HTML = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
LOOKS_FIRSTAGENDA = re.compile(r"firstagenda|class=\"punktrow\"|id=\"dagsordenDetaljer\"", re.IGNORECASE)
LOOKS_HEAD_CHARS = 4096

KIND = re.compile(r"^\s*(?P<kind>Referat|Dagsorden|Tillægsdagsorden|Tillæg)\b", re.IGNORECASE)
CLOSED_PREFIX = re.compile(r"^Lukket\s*:\s*")
CLOSED_LABEL = re.compile(r"^Lukket punkt$", re.IGNORECASE)
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def looks_like(text: str) -> bool:
    """Cheap check: the text is an HTML page (not a fragment, not JSON, not PDF text) that names
    FirstAgenda or has its "punktrow" item rows."""
    return bool(LOOKS_HTML.match(text[:LOOKS_HEAD_CHARS].lstrip("\ufeff")) and LOOKS_FIRSTAGENDA.search(text))


def parse(text: str, base_url: str | None = None) -> list[ParsedMeeting]:
    """One ParsedMeeting for a saved FirstAgenda meeting page; NotMinutesError when it is not one."""
    soup = BeautifulSoup(text, "lxml")
    rows = soup.select("tr.punktrow") or soup.select('[id^="punktrow_"]')
    if not rows:
        raise NotMinutesError(
            "a FirstAgenda Publication page, but no agenda items found (no item rows): this is not a "
            "meeting's page (the site's front page or a search?); save the page of one meeting"
        )
    page_url = base_url or _own_address(soup)
    heading = _text(soup.select_one(".title h1") or soup.find("h1"))
    kind_match = KIND.match(heading) or KIND.match(_text(soup.title))
    kind = "minutes" if kind_match and kind_match["kind"].casefold() == "referat" else "agenda"
    committee = committee_name(_text(soup.select_one(".udvalg")))
    if not committee:
        raise NotMinutesError("a FirstAgenda meeting page, but it does not name the committee (no 'udvalg')")

    warnings = []
    meeting = ParsedMeeting(municipality="", committee=committee, kind=kind, warnings=warnings)
    set_date_and_time(meeting, heading, _text(soup.select_one("table.dagsordeninfo .dato")), "")
    meeting.location = _text(soup.select_one(".sted")) or None
    meeting.participants = _participants(soup.select_one(".deltagere"))
    meeting.municipality = (
        from_text(committee) or from_url(page_url or "") or _municipality_of_links(soup) or ""
    )
    meeting.source_url = page_url
    meeting.external_id = _meeting_id(page_url)

    for index, row in enumerate(rows, start=1):
        item = _parse_row(row, index, page_url)
        if kind == "minutes" and not item.closed and not item.decision:
            warnings.append(f"Punkt {item.number}: ingen beslutning")
        meeting.items.append(item)
    return [meeting]


def _text(node):
    """The text of `node` with white space collapsed; "" for None."""
    return " ".join(node.get_text(" ").split()) if node is not None else ""


def _own_address(soup):
    """The address the saved page gives for itself, or None: <link rel="canonical">, og:url or
    <base href>, when absolute."""
    candidates = [
        soup.find("link", rel="canonical"),
        soup.find("meta", property="og:url"),
        soup.find("base"),
    ]
    for tag in candidates:
        url = (tag.get("href") or tag.get("content") or "").strip() if tag else ""
        if url.startswith(("http://", "https://")) and _valid(url):
            return url
    return None


def _municipality_of_links(soup):
    """The municipality whose site the page's absolute Bilag links point to (a page saved with
    its links made absolute: "https://dagsordener.greve.dk/vis/pdf/bilag/..."), or None."""
    for link in soup.select("a.bilag-link[href^=http]"):
        found = from_url(link["href"])
        if found:
            return found
    return None


def _valid(url):
    """Whether `url` can be taken apart ("http://[::1/" cannot)."""
    try:
        urlsplit(url)
    except ValueError:
        return False
    return True


def _meeting_id(url):
    """The meeting's id in a FirstAgenda address ("/vis?Aarhus_Byraad&id=<guid>"), or None."""
    if not url:
        return None
    try:
        values = parse_qs(urlsplit(url).query).get("id", [])
    except ValueError:  # "http://[::1/vis?id=...": no valid address
        return None
    return values[0] if values and GUID.match(values[0]) else None


def _participants(cell):
    """The names in the Mødedeltagere cell: one per element, or split at commas."""
    if cell is None:
        return []
    names = [_text(node) for node in cell.find_all(["li", "div", "span"]) if not node.find(["li", "div"])]
    names = [name for name in names if name] or [_text(cell)]
    return [found for name in names for found in split_names(name)]


def _parse_row(row, index, page_url):
    """One item from its <tr class="punktrow">."""
    number = _text(row.select_one(".label")) or str(index)
    title = _text(row.select_one(".overskrift") or row.find(["h2", "h3"]))
    closed = bool(CLOSED_PREFIX.match(title)) or any(
        CLOSED_LABEL.match(_text(node)) for node in row.select(".label, .lukket, .closed")
    )
    title = CLOSED_PREFIX.sub("", title)
    case_number = _text(row.select_one(".sagsnummer")) or None
    if closed:
        return build_item(number, title, case_number, True, [], [], _paragraphs)

    sections, current = [], (None, [])
    body = row.select_one(".punkt")
    for block in fragment_blocks(body) if body is not None else []:
        if block.heading:
            sections.append(current)
            current = (block.text.rstrip(" ."), [])
            continue
        # Only the <h3>s are the page's headings; of the paragraphs, only a capital heading
        # ("BESLUTNINGSFORSLAG FRA RV") starts a section, as it does in the PDF print.
        found = heading_role(block.text) if is_capital_heading(block.text) else None
        if found:
            sections.append(current)
            current = (found[1], [])
        else:
            current[1].append(block.text)
    sections.append(current)
    return build_item(number, title, case_number, False, sections, _attachments(row, page_url), _paragraphs)


def _paragraphs(lines):
    """One paragraph per element, except that an element that finishes the sentence of the one
    before it joins it: an editor's hard line breaks became elements ("... beder forvaltningen
    om at" / "undersøge muligheden for ...")."""
    result = []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if result and "\n" not in result[-1] and continues(result[-1], line):
            result[-1] = join_two(result[-1], line)
        else:
            result.append(line)
    return result


def _attachments(row, page_url):
    """The item's Bilag: each link of its Bilag list, title and address."""
    links = row.select("a.bilag-link")
    if not links:  # another skin of the page: the links of the list after the "Bilag" heading
        heading = next((h for h in row.find_all(["h3", "h4"]) if _text(h).rstrip(":") == "Bilag"), None)
        listing = heading.find_next_sibling(["ul", "ol"]) if heading else None
        links = listing.find_all("a", href=True) if listing else []
    attachments = []
    for link in links:
        title = _text(link)
        href = (link.get("href") or "").strip()
        if not title:
            continue
        attachments.append(ParsedAttachment(title, url=_absolute(page_url, href)))
    return attachments


def _absolute(page_url, href):
    """`href` made absolute against the page's address when that is known; a link that is no
    valid address ("http://[::1") is kept as written."""
    if not href:
        return None
    try:
        return urljoin(page_url, href) if page_url else href
    except ValueError:
        return href

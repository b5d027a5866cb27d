"""Aarhus bundles, step 3a: the letterhead sidebar printed in the middle of a document's text.

The grammar (seed lines 775-794): up to four lines of the department in CAPITALS ("SOCIALE
FORHOLD OG" / "BESKÆFTIGELSE") or one or two short name lines ("Fagligt Sekretariat"), then
"Aarhus Kommune", an address block, contact fields ("Telefon:", "Direkte e-mail:", addresses),
"Sag: EMN-2024-027961" and "Sagsbehandler:" with the names on the next lines. It names the
department and the document's case number, and is removed from the text.
"""

import re
from dataclasses import dataclass

LETTERHEAD_ANCHOR = "Aarhus Kommune"
LETTERHEAD_FIELD = re.compile(
    r"^(?:(?:Telefon|Direkte telefon|Tlf|Fax|Direkte e-?mail|E-?mail|E-?post|Sag|Sagsnr|Sagsbehandler|"
    r"Dato|CVR|EAN)\b\.?\s*:|www\.)",
    re.IGNORECASE,
)
CASE_LINE = re.compile(r"^Sag(?:snr\.?|snummer)?\s*:\s*(\S+)")
SAGSBEHANDLER = re.compile(r"^Sagsbehandler\s*:\s*(.*)$")
# "\S+@\S+" would be quadratic in a long line without spaces (found by bench/fuzz_parsers.py):
# searching needs only the "@" with a character either side; a whole line is matched from its start.
EMAIL = re.compile(r"\S@\S")
POSTCODE = re.compile(r"^\d{4}\s+\w")
ALL_CAPS = re.compile(r"^[A-ZÆØÅÉ][A-ZÆØÅÉ ,/&-]*$")
SMALL_WORDS = {"og", "i", "for", "af", "til", "med", "på"}


@dataclass
class _Letterhead:
    department: str | None = None
    case_number: str | None = None


def _strip_letterhead(lines):
    """Remove letterhead sidebars from a document's lines; return (lines, _Letterhead).

    The sidebar of page 1 (seed lines 775-794) lands in the middle of the text:
    "SOCIALE FORHOLD OG" / "BESKÆFTIGELSE" / "Fagligt Sekretariat" / "Aarhus Kommune" / address /
    "Telefon: ..." / "Direkte e-mail:" / addresses / "Sag: EMN-2024-027961" / "Sagsbehandler:" / names.
    """
    info = _Letterhead()
    drop = set()
    for anchor, line in enumerate(lines):
        if line != LETTERHEAD_ANCHOR or anchor in drop:
            continue
        end = _letterhead_end(lines, anchor)
        if end is None:
            continue  # "Aarhus Kommune" alone on a line but no phone/case/e-mail after it: not a letterhead
        start, department = _letterhead_start(lines, anchor)
        for i in range(start, end + 1):
            drop.add(i)
            m = CASE_LINE.match(lines[i])
            if m and info.case_number is None:
                info.case_number = m.group(1).rstrip(".,")
        if department and info.department is None:
            info.department = department
    if not drop:
        return lines, info
    return [line for i, line in enumerate(lines) if i not in drop], info


def _letterhead_start(lines, anchor):
    """Index of the letterhead's first line, and the department it names.

    Above "Aarhus Kommune" stand up to two short name lines ("Fagligt Sekretariat") and, above
    them, the department in CAPITALS ("SOCIALE FORHOLD OG" / "BESKÆFTIGELSE"). Without capitals,
    the upper name line is the department, but only when the block stands alone (a blank line or
    the page start above it): otherwise it may be the end of a sentence of the text.
    """
    i = anchor - 1
    names = []
    while i >= 0 and len(names) < 2 and _is_letterhead_name(lines[i]) and not ALL_CAPS.match(lines[i]):
        names.append(i)
        i -= 1
    caps = []
    while i >= 0 and len(caps) < 4 and lines[i] and ALL_CAPS.match(lines[i]):
        caps.append(i)
        i -= 1
    if caps:
        return caps[-1], _title_case(" ".join(lines[k] for k in reversed(caps)))
    standalone = i < 0 or not lines[i]
    if len(names) == 2 and standalone:
        return names[-1], lines[names[-1]]  # "Sociale Forhold og Beskæftigelse" / "Fagligt Sekretariat"
    if len(names) == 1 and standalone:
        return names[0], lines[names[0]]  # "Børn og Unge" / "Aarhus Kommune"
    return (names[0] if names else anchor), None


def _is_letterhead_name(line):
    """A short line naming something: "Fagligt Sekretariat", not a field and not the end of a sentence."""
    short = len(line.split()) < 6
    return bool(line) and short and ":" not in line and not line.endswith((".", ",", "!", "?"))


def _letterhead_end(lines, anchor):
    """Index of the letterhead's last line, or None when no contact/case line follows the anchor."""
    end = None
    seen_field = False
    i = anchor + 1
    limit = min(len(lines), anchor + 30)
    while i < limit:
        line = lines[i]
        if not line:
            i += 1
            continue
        if line == LETTERHEAD_ANCHOR:
            break  # the next letterhead (one after the other, they are each looked at once)
        if SAGSBEHANDLER.match(line):
            end = i
            # The names follow on the next lines ("Sofie Brøndt Jørgensen/" / "Jan Gehlert").
            name_on_line = SAGSBEHANDLER.match(line).group(1).strip()
            more = not name_on_line or name_on_line.endswith(("/", ","))
            j = i + 1
            while more and j < len(lines) and lines[j] and ":" not in lines[j] and len(lines[j].split()) <= 5:
                end = j
                more = lines[j].endswith(("/", ","))
                j += 1
            return end
        if LETTERHEAD_FIELD.match(line) or EMAIL.search(line) or POSTCODE.match(line):
            seen_field = True
            end = i
        elif not seen_field and len(line.split()) <= 6 and not line.endswith("."):
            end = i  # the address block: "FAS Ledelse og Sundhed" / "Jægergården," / "Værkmestergade 15 B"
        else:
            break
        i += 1
    return end if seen_field else None


def _title_case(caps):
    """ "SOCIALE FORHOLD OG BESKÆFTIGELSE" -> "Sociale Forhold og Beskæftigelse"."""
    words = []
    for word in caps.split():
        lower = word.lower()
        words.append(lower if lower in SMALL_WORDS and words else word.capitalize())
    return " ".join(words)

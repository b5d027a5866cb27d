"""Clean-up shared by the parsers: line endings, page furniture, wrapped lines and hyphenation."""

import datetime
import re

# "Side 2 af 5", "side 1 af 2": page furniture, sometimes glued to the next line's text
# ("Side 2 af 5Tid: 17.53 – 17.55" in the Aarhus agendas).
PAGE_OF = re.compile(r"^\s*[Ss]ide\s+\d+\s+af\s+\d+")
# A table-of-contents line: title, dot leader, page number ("Godkendelse af dagsorden.....\t3").
# (?<!\.) keeps a long run of dots from being tried at every position (8 000 dots took 2 s).
TOC_LINE = re.compile(r"(?<!\.)\.{4,}\s*\d*\s*$")
BULLET = re.compile(r"^(?:[-–•*▪◦]|\d{1,2}[.)])\s+")
MONTHS = {
    "januar": 1,
    "februar": 2,
    "marts": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
MONTH_NAMES = "|".join(MONTHS)


def make_date(year, month, day):
    """datetime.date from numbers or digit strings as a document prints them; None for a date
    that does not exist ("31-02-2025")."""
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


# A wrapped line that starts with a date ("... den" / "12. september 2024 med ...") is no
# numbered point, though it looks like one.
DATE_START = re.compile(rf"^\d{{1,2}}\.\s*(?:{MONTH_NAMES})\b", re.IGNORECASE)
# "3.1: Fremme demokratiske værdier," is a list line (Aarhus agendas).
SUB_NUMBER = re.compile(r"^\d{1,2}\.\d{1,2}:\s")
# Words that follow a hyphen that stays a hyphen: "Social- og Beskæftigelsesudvalget".
_CONJUNCTIONS = {"og", "eller", "samt", "til", "som", "hhv", "&"}
# Prefixes whose hyphen is part of the word: "ikke-vestlige", "EU-borgere".
_KEEP_HYPHEN = {"ikke", "non", "anti", "ex", "co", "semi", "multi", "inter", "post", "pre"}
_HYPHENATED_END = re.compile(r"(\w+)-$")
_JOIN_WINDOW = 200
_SENTENCE_END = re.compile(r"[.!?:;”\"»)]\s*$")


def normalize(text):
    """Unify line endings and odd spaces; drop soft hyphens and a BOM. Keeps leading spaces."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\xa0", " ").replace("\u202f", " ").replace("\xad", "")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def strip_page_of(line):
    """`line` without a leading "Side N af M" (which may be glued to real text)."""
    return PAGE_OF.sub("", line, count=1).strip()


def join_two(left, right):
    """Join two wrapped lines, undoing hyphenation at the break but keeping real hyphens."""
    left, right = left.rstrip(), right.strip()
    if not left:
        return right
    if not right:
        return left
    # Only the end of `left` is looked at, so joining line after line stays linear.
    m = _HYPHENATED_END.search(left[-80:]) if left.endswith("-") else None
    if m and right[0].isalpha():
        word = m.group(1)
        first = re.match(r"[\w&]+", right)
        if first and first.group(0).lower() in _CONJUNCTIONS:
            return f"{left} {right}"  # "Social-" + "og ..." -> "Social- og ..."
        if right[0].isupper() or word.lower() in _KEEP_HYPHEN or word.isupper() or word[-1].isdigit():
            return left + right  # "EU-" + "Borgere", "ikke-" + "vestlige": hyphen kept
        return left[:-1] + right  # "status-" + "notatet" -> "statusnotatet"
    return f"{left} {right}"


def ends_sentence(line):
    return bool(_SENTENCE_END.search(line))


def is_list_line(line):
    """Whether `line` starts a list item (a bullet or a numbered point) rather than wrapping on."""
    if SUB_NUMBER.match(line):
        return True
    return bool(BULLET.match(line)) and not DATE_START.match(line)


def continues(prev_line, next_line):
    """Whether `next_line`, after a blank line, is the rest of `prev_line`'s sentence.

    Text extracted from some PDFs puts a blank line inside a wrapped sentence
    ("... opbrugt retten til" / "" / "danskuddannelse laves ...").
    """
    nxt = next_line.strip()
    if not prev_line or not nxt:
        return False
    if DATE_START.match(nxt):
        return not ends_sentence(prev_line)  # "... den" / "" / "12. september 2024 med ..."
    if is_list_line(nxt):
        return False
    if prev_line.endswith("-") and _HYPHENATED_END.search(prev_line[-80:]):
        return nxt[0].isalpha()
    return nxt[0].islower() and not ends_sentence(prev_line)


def paragraphs(lines, join_across_blank=False):
    """Group wrapped lines into paragraphs; a bullet starts a new line within its paragraph.

    Returns a list of paragraphs, each a list of logical lines (a bullet item or a sentence run).
    """
    result, current = [], []  # current: the paragraph's logical lines, each a list of raw lines
    pending_blank = False
    for raw in lines:
        line = raw.strip()
        if not line:
            pending_blank = bool(current)
            continue
        if pending_blank:
            pending_blank = False
            if join_across_blank and continues(current[-1][-1], line):
                current[-1].append(line)
                continue
            result.append(current)
            current = []
        if not current or is_list_line(line):
            current.append([line])
        else:
            current[-1].append(line)
    if current:
        result.append(current)
    return [[one_line(logical) for logical in paragraph] for paragraph in result]


def to_text(paras):
    """Paragraphs (lists of logical lines) as text: lines joined by newline, paragraphs by a blank line."""
    return "\n\n".join("\n".join(p) for p in paras if p)


def clean_block(lines, join_across_blank=False):
    """Wrapped lines to clean text in one step."""
    return to_text(paragraphs(lines, join_across_blank))


def one_line(lines):
    """Several wrapped lines (a title, a paragraph) as one line, in linear time.

    join_two only needs the end of the text joined so far, so the joined text is kept as finished
    pieces plus a short tail; joining onto one growing string would be quadratic (a 1000-line
    paragraph took seconds).
    """
    done, tail = [], ""
    for line in lines:
        tail = join_two(tail, line) if tail else line.strip()
        if len(tail) > _JOIN_WINDOW:
            cut = tail.rfind(" ", 0, len(tail) - _JOIN_WINDOW // 2) + 1  # keep whole words in the tail
            if cut:
                done.append(tail[:cut])
                tail = tail[cut:]
    done.append(tail)
    return "".join(done).strip()

"""Mutations of real minutes for fuzzing the parsers (bench/fuzz_parsers.py and tests/hostile/).

A mutant is a window of lines from one of the sample documents (the seed minutes and the golden
files), changed by a list of steps. A step is (operation, number): the number seeds the step's own
choices, so a mutant is fully described by (document, start, length, steps) and can be replayed,
and hypothesis can shrink a failing one to its fewest steps.
"""

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted([*ROOT.glob("fixtures/minutes/*.txt"), *ROOT.glob("tests/data/*/*.txt")])

# Lines that mean something to the parsers: headings, labels, page furniture, dates, times.
KEYWORDS = [
    "REFERAT",
    "DAGSORDEN",
    "REFERAT Økonomiudvalget d. 03-02-2026",
    "DAGSORDEN Byrådet den 31-02-2026",
    "Mødedato Tirsdag d. 03. februar 2026 kl. 14:30",
    "Mødedato Mandag d. 99. marts 20266 kl. 25:61 - 07:00",
    "Mødested",
    "Mødedeltagere",
    "Indholdsfortegnelse",
    "Godkendelse af dagsorden.....\t3",
    "Punkt 1: Godkendelse af dagsorden",
    "Punkt 10:",
    "Punkt 3a: Lukket punkt",
    "Punkt : ",
    "Sagsfremstilling",
    "Sagen afgøres i",
    "Indstilling",
    "Beslutning Økonomiudvalget den 03-02-2026",
    "Beslutning",
    "Bilag",
    "Bilag: Ingen",
    "Afbud: Susanne Provstgaard (V).",
    "Fraværende:",
    "Økonomi",
    "Høring",
    "Side 3 af 20",
    "Side 99 af 1",
    "12",
    "25/31181",
    "27.00.00-P20-3-24",
    "Referat",
    "Dagsorden",
    "Aarhus Kommune",
    "Til Magistraten",
    "Den 12. september 2024",
    "Tid: 17.53 – 17.55",
    "Varighed: 10 min.",
    "Ansvarlig: Jobcenter og Borgerservice",
    "Indstilling:",
    "Beslutning:",
    "Punkt 1, Magistratens møde den 2. oktober 2024",
    "Rådmandsmøde",
    "3.1: Fremme demokratiske værdier,",
    "•",
    "-",
    "1)",
]
ODD_TEXT = [
    "\x00",
    "\x0c",
    "\r",
    "\t",
    "\u00ad",  # soft hyphen
    "\u00a0",
    "\u200b",
    "\u202e",  # right-to-left override
    "\ufeff",
    "\u0301\u0301\u0301",  # combining marks
    "\ud800",  # a lone surrogate
    "٣",  # an Arabic-Indic digit
    "ﬁ",
    "😀",
    "ÆØÅæøå",
    "." * 5000,
    "-" * 300,
    " " * 1000,
    "(" * 200,
    "Punkt " * 200,
    "a" * 20000,
]
OPERATIONS = [
    "delete_line",
    "duplicate_line",
    "swap_lines",
    "move_block",
    "insert_keyword",
    "insert_line_from_another_document",
    "insert_odd_text",
    "cut_line",
    "replace_digits",
    "change_case",
    "join_lines",
    "split_line",
    "drop_blank_lines",
    "repeat_block",
    "random_characters",
]


def load_samples():
    return [path.read_text(encoding="utf-8").split("\n") for path in SAMPLES]


def mutant(documents, document, start, length, steps):
    """The text of one mutant: lines start..start+length of `documents[document]`, then `steps`."""
    source = documents[document % len(documents)]
    start %= max(len(source), 1)
    lines = list(source[start : start + max(length, 1)])
    for operation, number in steps:
        apply(operation, random.Random(number), lines, documents)
    return "\n".join(lines)


def apply(operation, rng, lines, documents):
    if not lines:
        lines.append("")
    i = rng.randrange(len(lines))
    if operation == "delete_line":
        del lines[i]
    elif operation == "duplicate_line":
        lines.insert(i, lines[i])
    elif operation == "swap_lines":
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif operation == "move_block":
        size = rng.randint(1, 30)
        block = lines[i : i + size]
        del lines[i : i + size]
        j = rng.randrange(len(lines) + 1)
        lines[j:j] = block
    elif operation == "insert_keyword":
        lines.insert(i, rng.choice(KEYWORDS))
    elif operation == "insert_line_from_another_document":
        other = rng.choice(documents)
        lines.insert(i, rng.choice(other) if other else "")
    elif operation == "insert_odd_text":
        at = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:at] + rng.choice(ODD_TEXT) + lines[i][at:]
    elif operation == "cut_line":
        lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
    elif operation == "replace_digits":
        lines[i] = "".join(rng.choice("0123456789") if c.isdigit() else c for c in lines[i])
    elif operation == "change_case":
        lines[i] = rng.choice([str.upper, str.lower, str.title, str.swapcase])(lines[i])
    elif operation == "join_lines" and i + 1 < len(lines):
        lines[i : i + 2] = [lines[i] + rng.choice(["", " ", "\t"]) + lines[i + 1]]
    elif operation == "split_line":
        at = rng.randrange(len(lines[i]) + 1)
        lines[i : i + 1] = [lines[i][:at], lines[i][at:]]
    elif operation == "drop_blank_lines":
        lines[:] = [line for line in lines if line.strip()] or [""]
    elif operation == "repeat_block":
        size = rng.randint(1, 20)
        lines[i:i] = lines[i : i + size] * rng.randint(2, 50)
    elif operation == "random_characters":
        alphabet = "".join(chr(c) for c in range(32, 0x250)) + "\n\t:.-/()"
        at = rng.randrange(len(lines[i]) + 1)
        lines[i] = (
            lines[i][:at] + "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 80))) + lines[i][at:]
        )


def random_mutant(rng, documents):
    """A mutant with its recipe, drawn from `rng`: (text, recipe)."""
    document = rng.randrange(len(documents))
    size = len(documents[document])
    # Mostly a window of a document, sometimes all of it (the whole structure, header to Bilag).
    start, length = (0, size) if rng.random() < 0.2 else (rng.randrange(size), rng.randint(5, 300))
    steps = [(rng.choice(OPERATIONS), rng.getrandbits(32)) for _ in range(rng.randint(0, 12))]
    recipe = (document, start, length, steps)
    return mutant(documents, *recipe), recipe


def parse_all_ways(text):
    """Parse `text` as the importer would, and with each parser forced; a MinutesError is the
    parsers' way to refuse a document, anything else they raise is a bug. Returns how many of the
    three found meetings."""
    import json

    from imports.detect import parse_text
    from imports.types import MinutesError

    found = 0
    for municipality in (None, "Aabenraa", "Aarhus"):
        try:
            meetings = parse_text(text, municipality=municipality)
        except MinutesError:
            continue
        json.dumps([m.as_dict() for m in meetings], ensure_ascii=False, default=str)
        found += bool(meetings)
    return found

"""Plain text from the HTML fragments meeting systems publish an item's text in.

Pure Python (BeautifulSoup with the lxml parser), no Django. The API is three functions:

* `parse_fragment(html)` -> the parsed fragment (a bs4 Tag), for a caller that wants to pick parts;
* `fragment_blocks(html_or_node)` -> the text as a list of `Block`s, one per paragraph, list, table
  or heading, in document order; a caller splits an item at the headings it knows;
* `fragment_text(html_or_node)` -> the text as one string, blocks separated by a blank line.

What the text looks like:

* a paragraph (<p>, <div>, ...) is a block; `<br>` is a line break inside it and `<br><br>` (an
  empty line) a paragraph break, as FirstAgenda writes "Godkendt.<br><br>Fraværende: A";
* a list is one block of lines, "- item" for <ul>, "1. item" for <ol> (the numbers matter: a
  decision says "Punkterne 1.-7. anbefales"); nested lists are indented two spaces;
* a table is one block, a row a line, its non-empty cells joined by " | ";
* a heading (<h1>-<h6>) is a block with `heading=True`; an empty one (a template placeholder such as
  `<h2><div><em><br></em></div></h2>`) is dropped. A "heading" that holds paragraphs, lists, tables
  or other headings (editors paste whole sections into an <h2>) is read as ordinary content;
* entities are decoded, runs of white space (non-breaking spaces included) are one space,
  zero-width spaces and soft hyphens go, empty paragraphs ("<p>&nbsp;</p>") go; no markup remains.
"""

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import Declaration, Doctype, ProcessingInstruction

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that start and end a paragraph. Everything else (span, em, strong, u, a, font, ...) is
# inline: its text joins the paragraph around it.
BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "header", "footer", "main", "aside", "blockquote", "pre",
        "address", "center", "dl", "dt", "dd", "figure", "figcaption", "hr", "body", "html", "form",
        "fieldset", "details", "summary", "caption", "tbody", "thead", "tfoot", "tr", "td", "th", "li",
    }
)  # fmt: skip
# Never text: code, styles, page furniture of a saved web page, embedded objects.
SKIPPED = frozenset(
    {
        "script", "style", "head", "title", "meta", "link", "noscript", "template", "iframe", "object",
        "embed", "svg", "canvas", "button", "input", "select", "textarea", "nav", "img", "audio", "video",
    }
)  # fmt: skip
# What makes an <hN> content rather than a heading.
NOT_IN_HEADING = frozenset({"p", "li", "ul", "ol", "table", "tr", "blockquote", *HEADINGS})
MAX_HEADING_CHARS = 200

_BR = "\ue000"  # a <br> in the inline text, until the paragraph is cut into lines
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\xad]")
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)


@dataclass(frozen=True)
class Block:
    """One paragraph, list, table or heading of a fragment: its text, lines separated by "\\n"."""

    text: str
    heading: bool = False


def parse_fragment(html):
    """The fragment `html` parsed (lxml), as a Tag to search or to pass to the other functions."""
    return BeautifulSoup(html or "", "lxml")


def fragment_blocks(source, keep_empty_headings=False):
    """The blocks of `source` (an HTML string, or a parsed Tag) in document order.

    With `keep_empty_headings` an empty heading is kept as `Block("", heading=True)`: a parser that
    knows a template can read it as a section whose name the editor deleted.
    """
    node = parse_fragment(source) if isinstance(source, str) else source
    renderer = _Renderer(keep_empty_headings)
    if isinstance(node, NavigableString):
        renderer.inline.append(str(node))
    else:
        renderer.walk(node)
    renderer.flush()
    return renderer.blocks


def fragment_text(source):
    """The plain text of `source` (an HTML string, or a parsed Tag): blocks separated by a blank line."""
    return blocks_text(fragment_blocks(source))


def blocks_text(blocks):
    """The text of `blocks` as fragment_text() writes it."""
    return "\n\n".join(block.text for block in blocks if block.text)


class _Renderer:
    """Walks a tree once, collecting inline text until a block boundary cuts it into a Block."""

    def __init__(self, keep_empty_headings=False):
        self.blocks = []
        self.inline = []
        self.keep_empty_headings = keep_empty_headings

    def walk(self, node):
        for child in node.children:
            if isinstance(child, _NOT_TEXT):
                continue
            if isinstance(child, NavigableString):
                self.inline.append(str(child))
                continue
            name = child.name
            if name in SKIPPED:
                continue
            if name == "br":
                self.inline.append(_BR)
            elif name in HEADINGS and _is_heading(child):
                self.flush()
                text = _one_line(_inline_text(child))
                if text or self.keep_empty_headings:
                    self.blocks.append(Block(text, heading=True))
            elif name in ("ul", "ol"):
                self.flush()
                self._add(_list_lines(child))
            elif name == "table":
                self.flush()
                self._add(_table_lines(child))
            elif name in BLOCKS or name in HEADINGS:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)

    def flush(self):
        """Cut the inline text collected so far into paragraphs: an empty line separates them."""
        if not self.inline:
            return
        text = "".join(self.inline)
        self.inline = []
        lines = []
        for raw in text.split(_BR):
            line = _one_line(raw)
            if line:
                lines.append(line)
            elif lines:
                self._add(lines)
                lines = []
        self._add(lines)

    def _add(self, lines):
        if lines:
            self.blocks.append(Block("\n".join(lines)))


def _one_line(text):
    return " ".join(_INVISIBLE.sub("", text).split())


def _is_heading(tag):
    """Whether an <hN> is a heading, not content an editor put inside one."""
    if tag.find(NOT_IN_HEADING) is not None:
        return False
    text = tag.get_text()
    return len(text) <= MAX_HEADING_CHARS * 3 and len(_one_line(text)) <= MAX_HEADING_CHARS


def _inline_text(tag):
    """The text of `tag` with a <br> read as a space ("Sagsprocedure<br><span></span>")."""
    parts = []
    for node in tag.descendants:
        if isinstance(node, NavigableString) and not isinstance(node, _NOT_TEXT):
            if not any(parent.name in SKIPPED for parent in node.parents if parent is not tag):
                parts.append(str(node))
        elif isinstance(node, Tag) and node.name == "br":
            parts.append(" ")
    return "".join(parts)


def _child_lines(node):
    """The lines of a list item's or a table cell's content (its blocks, one after the other)."""
    renderer = _Renderer()
    renderer.walk(node)
    renderer.flush()
    return [line for block in renderer.blocks for line in block.text.split("\n")]


def _list_lines(tag):
    """ "- item" / "1. item" lines; an item's further lines and nested lists indented two spaces."""
    ordered = tag.name == "ol"
    number = _list_start(tag) if ordered else 0
    letters = ordered and _lettered(tag)
    lines = []
    for child in tag.children:
        if isinstance(child, Tag) and child.name == "li":
            item_lines = _child_lines(child)
            if not item_lines:
                continue
            marker = f"{_letter(number) if letters else number}. " if ordered else "- "
            number += 1
            lines.append(marker + item_lines[0])
            lines.extend("  " + line for line in item_lines[1:])
        elif isinstance(child, Tag) and child.name in ("ul", "ol"):
            lines.extend("  " + line for line in _list_lines(child))  # <ol><ol><li>: a sub-list
        elif isinstance(child, Tag) and child.name not in SKIPPED:
            lines.extend(_child_lines(child))  # stray content between the items
        elif isinstance(child, NavigableString) and not isinstance(child, _NOT_TEXT):
            text = _one_line(str(child))
            if text:
                lines.append(text)
    return lines


def _list_start(tag):
    start = (tag.get("start") or "").strip()
    return int(start) if start.isdigit() and len(start) < 6 else 1


def _lettered(tag):
    """Whether an <ol> counts a, b, c: type="a" or style="list-style-type: lower-alpha"."""
    style = (tag.get("style") or "").replace(" ", "").lower()
    return (tag.get("type") or "").lower() == "a" or "alpha" in style or "latin" in style


def _letter(number):
    return chr(ord("a") + number - 1) if 1 <= number <= 26 else str(number)


def _table_lines(table):
    """One line per row of `table` (not of tables nested in it), non-empty cells joined by " | "."""
    lines = []
    for row in table.find_all("tr"):
        if row.find_parent("table") is not table:
            continue
        cells = []
        for cell in row.find_all(("td", "th"), recursive=False):
            text = " ".join(_child_lines(cell))
            if text:
                cells.append(text)
        if cells:
            lines.append(" | ".join(cells))
    return lines

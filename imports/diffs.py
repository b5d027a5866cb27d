"""Word-level differences for the clerk's re-import preview: what a changed field said and will say.

`word_diff("Godkendt.", "Godkendt med bemærkninger.")` gives the old text with the removed words in
<del> and the new text with the added words in <ins>, both escaped, for side-by-side display.
"""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Words and the space after them stay together, so a diff never splits a word.
WORD = re.compile(r"\S+\s*|\s+")


def as_text(value):
    """A stored or parsed field value as plain text: sections as "heading: text", lists joined."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return "\n".join(f"{k}: {as_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        if all(isinstance(v, dict) and set(v) == {"heading", "text"} for v in value) and value:
            return "\n\n".join(f"{v['heading']}\n{v['text']}" for v in value)
        return "\n".join(as_text(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def word_diff(old, new):
    """(old HTML, new HTML): escaped text with removed words in <del> and added words in <ins>."""
    before, after = WORD.findall(as_text(old)), WORD.findall(as_text(new))
    old_html, new_html = [], []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = escape("".join(before[i1:i2])), escape("".join(after[j1:j2]))
        if tag == "equal":
            old_html.append(removed)
            new_html.append(added)
            continue
        if removed:
            old_html.append(f"<del>{removed}</del>")
        if added:
            new_html.append(f"<ins>{added}</ins>")
    return mark_safe("".join(old_html)), mark_safe("".join(new_html))  # noqa: S308 (every part escaped)

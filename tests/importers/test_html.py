"""imports/html.py: item HTML to plain text."""

from imports.html import Block, fragment_blocks, fragment_text


def test_paragraphs_breaks_and_entities():
    html = "<div><p>&Oslash;konomiudvalget   anbefaler\n overfor byr&aring;det.</p><p>&nbsp;</p><p>Næste.</p>"
    assert fragment_text(html) == "Økonomiudvalget anbefaler overfor byrådet.\n\nNæste."
    # FirstAgenda's decision span: one <br> a line break, two a paragraph break.
    assert fragment_text("<span>Godkendt.<br>Linje to.<br><br>Fraværende: A</span>") == (
        "Godkendt.\nLinje to.\n\nFraværende: A"
    )


def test_inline_markup_joins_words_without_spaces():
    assert fragment_text("<h2><span>I</span>ndstilling</h2><p>S<span>agen</span> <em>er</em> klar</p>") == (
        "Indstilling\n\nSagen er klar"
    )


def test_lists():
    html = (
        "<ul><li>et</li><li><p>to</p><ul><li>under</li></ul></li></ul>"
        "<ol><li>at A</li><li>at B</li></ol>"
        '<ol start="3"><li>at C</li></ol>'
        '<ol><ol style="list-style-type: lower-alpha;"><li>a-punkt</li><li>b-punkt</li></ol></ol>'
    )
    assert (
        fragment_text(html)
        == "- et\n- to\n  - under\n\n1. at A\n2. at B\n\n3. at C\n\n  a. a-punkt\n  b. b-punkt"
    )


def test_tables_are_rows_of_cells():
    html = (
        "<table><tr><td><p><strong>Dato</strong></p></td><td><p>Handling</p></td></tr>"
        "<tr><td></td><td></td></tr><tr><td>9. januar</td><td>1. behandling</td></tr></table>"
    )
    assert fragment_text(html) == "Dato | Handling\n9. januar | 1. behandling"


def test_headings_placeholders_and_content_in_headings():
    html = (
        "<h2>Resume</h2><p>Tekst.</p><h2>\n<div><em><br>\n</em></div>\n</h2>"
        "<h2><table><tr><td>Projekt</td><td>1.000</td></tr></table></h2>"
    )
    assert fragment_blocks(html) == [Block("Resume", heading=True), Block("Tekst."), Block("Projekt | 1.000")]
    assert Block("", heading=True) in fragment_blocks(html, keep_empty_headings=True)


def test_no_markup_scripts_or_comments():
    html = (
        "<p>Før<script>alert(1)</script><!-- note --> efter<style>p{}</style>\u200b</p><img src=x onerror=y>"
    )
    assert fragment_text(html) == "Før efter"
    assert fragment_text("") == ""
    assert fragment_text("bare tekst &amp; mere") == "bare tekst & mere"

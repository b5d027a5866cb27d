"""Word-level differences for the re-import preview (imports/diffs.py)."""

from imports.diffs import as_text, word_diff


def test_only_the_changed_words_are_marked():
    old, new = word_diff("Udvalget godkendte indstillingen.", "Udvalget afviste indstillingen.")
    assert old == "Udvalget <del>godkendte </del>indstillingen."
    assert new == "Udvalget <ins>afviste </ins>indstillingen."


def test_text_is_escaped():
    old, new = word_diff("a < b", "a <script>alert(1)</script> b")
    assert "<script>" not in new
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in new
    assert old == "a <del>&lt; </del>b"


def test_an_empty_side_has_nothing_marked():
    assert word_diff("", "Godkendt.") == ("", "<ins>Godkendt.</ins>")


def test_sections_and_lists_read_as_text():
    sections = [{"heading": "Økonomi", "text": "Ingen udgifter."}]
    assert as_text(sections) == "Økonomi\nIngen udgifter."
    assert as_text(["Jens Bach", "Mette Hansen"]) == "Jens Bach\nMette Hansen"
    assert as_text(None) == ""

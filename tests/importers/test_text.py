"""The clean-up both parsers share: hyphenation, wrapped lines, lists and page furniture."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imports.text import (
    TOC_LINE,
    clean_block,
    is_list_line,
    join_two,
    normalize,
    one_line,
    paragraphs,
    strip_page_of,
)


@pytest.mark.parametrize(
    "left, right, joined",
    [
        ("status-", "notatet fremgår", "statusnotatet fremgår"),
        ("områ-", "de", "område"),
        ("Social-", "og Beskæftigelsesudvalget", "Social- og Beskæftigelsesudvalget"),
        ("herunder ikke-", "vestlige", "herunder ikke-vestlige"),
        ("EU-", "borgere", "EU-borgere"),
        ("Beskæftigelsesplan 2023-", "26", "Beskæftigelsesplan 2023- 26"),
        ("implementeringen –", "nedenfor", "implementeringen – nedenfor"),
    ],
)
def test_join_two_undoes_hyphenation_but_keeps_real_hyphens(left, right, joined):
    assert join_two(left, right) == joined


def test_bullets_stay_lines_and_wrapped_lines_join():
    lines = ["Indkommer fra:", "", "- Fremadrettede besparelser", "opgjort efter KL.", "- Tilbagebetaling."]
    expected = "Indkommer fra:\n\n- Fremadrettede besparelser opgjort efter KL.\n- Tilbagebetaling."
    assert clean_block(lines) == expected


def test_blank_lines_inside_a_sentence_are_joined_only_when_asked():
    lines = ["For ledige der har opbrugt retten til", "", "danskuddannelse laves en indsats."]
    assert paragraphs(lines) == [
        ["For ledige der har opbrugt retten til"],
        ["danskuddannelse laves en indsats."],
    ]
    assert paragraphs(lines, join_across_blank=True) == [
        ["For ledige der har opbrugt retten til danskuddannelse laves en indsats."]
    ]


def test_a_wrapped_date_is_no_numbered_point_but_a_sub_number_is():
    assert not is_list_line("12. september 2024 med udvalget")
    assert is_list_line("3.1: Fremme demokratiske værdier,")
    assert is_list_line("1. at rådmanden tager status til efterretning.")
    lines = ["Mødet holdes den", "", "12. september 2024 på rådhuset."]
    assert paragraphs(lines, join_across_blank=True) == [["Mødet holdes den 12. september 2024 på rådhuset."]]


def test_page_furniture_glued_to_text_is_cut_off():
    assert strip_page_of("Side 2 af 5Tid: 17.53 – 17.55 (2 min.)") == "Tid: 17.53 – 17.55 (2 min.)"


def test_toc_lines_are_recognised_and_long_dot_runs_are_cheap():
    assert TOC_LINE.search("Godkendelse af dagsorden.....\t3")
    assert not TOC_LINE.search("Godkendt." + "." * 2 + " Slut")
    assert TOC_LINE.search("." * 100_000 + " 3")  # would take seconds if the regex backtracked


def test_normalize_keeps_danish_letters_and_quotes():
    assert normalize("\ufeffMødedato\r\n”Det Gode Liv”\xa0– æøå\xad") == "Mødedato\n”Det Gode Liv” – æøå"


@given(
    st.lists(st.sampled_from(["status-", "notatet", "Social-", "og", "ikke-", "vestlige", "x", "", "a b"]))
)
@settings(max_examples=300, deadline=None)
def test_one_line_equals_joining_two_lines_at_a_time(lines):
    folded = ""
    for line in lines:
        folded = join_two(folded, line) if folded else line.strip()
    assert one_line(lines) == folded.strip()


def test_one_line_handles_a_very_long_paragraph():
    lines = [
        "Kontrolgruppen har modtaget 242 sager, og heraf udgør interne anmel-",
        "delser og undringer",
    ] * 10_000
    joined = one_line(lines)
    assert joined.count("anmeldelser") == 10_000 and "anmel-" not in joined

"""The parsers on a few thousand mutants of real minutes: a MinutesError or meetings, nothing else.

bench/fuzz_parsers.py runs the same mutations 100 000 times (docs/OPERATIONS.md); here hypothesis
draws the recipes, so a failure shrinks to the fewest mutation steps that cause it.
"""

import random
import re
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.mutate import OPERATIONS, SAMPLES, load_samples, mutant, parse_all_ways, random_mutant

DOCUMENTS = load_samples()
steps = st.lists(st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 2**32 - 1)), max_size=12)


@settings(
    max_examples=3000,
    deadline=None,  # time is checked below, per input, with room for a busy machine
    derandomize=True,  # the same inputs on every run, in CI too
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    document=st.integers(0, len(SAMPLES) - 1),
    start=st.integers(0, 2000),
    length=st.integers(1, 400),
    steps=steps,
)
def test_the_parsers_refuse_or_parse_mutated_minutes_and_never_crash(document, start, length, steps):
    text = mutant(DOCUMENTS, document, start, length, steps)
    began = time.perf_counter()
    parse_all_ways(text)
    assert time.perf_counter() - began < 2, "one input may not take seconds: a parser is not linear"


def test_the_mutations_start_from_both_formats():
    names = " ".join(path.name for path in SAMPLES)
    assert "aabenraa" in names and "aarhus" in names


AARHUS_SEED = next(path for path in SAMPLES if path.name.startswith("aarhus-"))


def test_a_long_line_under_a_letterhead_is_parsed_in_linear_time():
    """Found by bench/fuzz_parsers.py: one such input took 124 s while the e-mail pattern was quadratic."""
    text = AARHUS_SEED.read_text(encoding="utf-8").replace(
        "Aarhus Kommune\n", "Aarhus Kommune\n" + "x" * 40_000 + "\n", 1
    )
    began = time.perf_counter()
    parse_all_ways(text)
    assert time.perf_counter() - began < 5  # linear: well under a second; quadratic: minutes


def test_long_runs_of_blanks_in_titles_are_parsed_in_linear_time():
    """Found by bench/fuzz_parsers.py (input 1:57897): MINUTES_SUFFIX began with \\s*, quadratic."""
    text, _ = random_mutant(random.Random("1:57897"), DOCUMENTS)
    text = re.sub(r" {200,}", " " * 16_000, text)  # 37 lines with 16 000 blanks in a row
    began = time.perf_counter()
    parse_all_ways(text)
    assert time.perf_counter() - began < 10  # linear: well under a second; quadratic: about a minute

"""Fuzz the minutes parsers: 100 000 mutants of real minutes, zero unexpected exceptions.

    .venv/bin/python bench/fuzz_parsers.py                       # 100 000 inputs, seed 1, 2 processes
    .venv/bin/python bench/fuzz_parsers.py --count 20000 --seed 7
    .venv/bin/python bench/fuzz_parsers.py --replay 7:1234       # run one input again, with its traceback

Each input is a mutant of the seed minutes or a golden file (bench/mutate.py: windows of
lines, moved, repeated, cut, with headings, odd characters and broken dates put in), parsed as the
importer parses it and with each parser forced. A MinutesError is the parsers refusing a document,
as they should; any other exception, or an input that takes more than --slow seconds, is a failure.
Input number i of seed s is always the same text, so a failure is replayed with --replay s:i; the
failing texts are also written to bench/results/fuzz-failures/. The run stops after --max-minutes.
Prints a summary and writes it as JSON (--json, default bench/results/fuzz-parsers.json).
Exit status 1 when anything failed.
"""

import argparse
import json
import multiprocessing
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.mutate import SAMPLES, load_samples, parse_all_ways, random_mutant  # noqa: E402

RESULTS = ROOT / "bench" / "results"
DOCUMENTS = None


def input_number(seed, index):
    """(text, recipe) of input `index` of run `seed`."""
    return random_mutant(random.Random(f"{seed}:{index}"), DOCUMENTS)


def run_chunk(args):
    """Fuzz inputs start..stop of `seed`; stops at `deadline` (a time.time() value)."""
    seed, start, stop, slow, deadline = args
    done, parsed_somehow, failures, slowest = 0, 0, [], (0.0, None)
    for index in range(start, stop):
        if time.time() > deadline:
            break
        text, _recipe = input_number(seed, index)
        began = time.perf_counter()
        try:
            parsed_somehow += parse_all_ways(text) > 0
        except Exception as exc:  # what the fuzzer is looking for
            failures.append({"input": f"{seed}:{index}", "error": f"{exc.__class__.__name__}: {exc}"[:500]})
            save(seed, index, text)
        took = time.perf_counter() - began
        if took > slowest[0]:
            slowest = (took, f"{seed}:{index}")
        if took > slow:
            failures.append({"input": f"{seed}:{index}", "error": f"took {took:.2f} s (limit {slow} s)"})
            save(seed, index, text)
        done += 1
    return done, failures, slowest, parsed_somehow


def save(seed, index, text):
    folder = RESULTS / "fuzz-failures"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{seed}-{index}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")


def init_worker():
    global DOCUMENTS
    DOCUMENTS = load_samples()


def replay(spec):
    seed, index = spec.split(":")
    text, recipe = input_number(seed, int(index))
    print(f"input {spec}: {len(text)} characters; document, start, length = {recipe[:3]}; steps {recipe[3]}")
    began = time.perf_counter()
    try:
        parse_all_ways(text)
    except Exception:
        traceback.print_exc()
        return 1
    print(f"parsed without an unexpected exception in {time.perf_counter() - began:.3f} s")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="Number of inputs (default 100 000).")
    parser.add_argument("--seed", default="1", help="Run seed; input i of a seed is always the same text.")
    parser.add_argument("--workers", type=int, default=2, help="Processes (default 2, one per core here).")
    parser.add_argument("--slow", type=float, default=2.0, help="Seconds one input may take (default 2).")
    parser.add_argument("--max-minutes", type=float, default=30, help="Stop after this long (default 30).")
    parser.add_argument("--replay", metavar="SEED:INDEX", help="Run one input again and show its traceback.")
    parser.add_argument(
        "--json", default=str(RESULTS / "fuzz-parsers.json"), help="Where to write the summary."
    )
    options = parser.parse_args()
    init_worker()
    if options.replay:
        return replay(options.replay)

    began = time.time()
    deadline = began + options.max_minutes * 60
    size = 2000
    chunks = [
        (options.seed, start, min(start + size, options.count), options.slow, deadline)
        for start in range(0, options.count, size)
    ]
    done, parsed, failures, slowest = 0, 0, [], (0.0, None)
    with multiprocessing.Pool(options.workers, initializer=init_worker) as pool:
        for chunk_done, chunk_failures, chunk_slowest, chunk_parsed in pool.imap_unordered(run_chunk, chunks):
            done += chunk_done
            parsed += chunk_parsed
            failures += chunk_failures
            slowest = max(slowest, chunk_slowest, key=lambda s: s[0])
            print(f"\r{done:,} inputs, {len(failures)} failures", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    seconds = time.time() - began
    summary = {
        "inputs": done,
        "asked": options.count,
        "seed": options.seed,
        "unexpected_exceptions_or_slow": len(failures),
        "failures": failures[:50],
        "slowest_input_seconds": round(slowest[0], 3),
        "slowest_input": slowest[1],
        "seconds": round(seconds, 1),
        "inputs_per_second": round(done / seconds, 1),
        "inputs_that_parsed_to_meetings": parsed,
        "samples": [str(p.relative_to(ROOT)) for p in SAMPLES],
    }
    Path(options.json).parent.mkdir(parents=True, exist_ok=True)
    Path(options.json).write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    print(
        f"{done:,} inputs (seed {options.seed}) in {seconds:.0f} s, {parsed:,} of them parsed to meetings: "
        f"{len(failures)} unexpected exceptions or slow inputs; "
        f"slowest input {slowest[0] * 1000:.0f} ms ({slowest[1]}). Summary: {options.json}"
    )
    for failure in failures[:10]:
        print(f"  {failure['input']}: {failure['error']}  (replay: --replay {failure['input']})")
    return 1 if failures or done < options.count else 0


if __name__ == "__main__":
    sys.exit(main())

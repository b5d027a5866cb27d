"""Fill the database with realistic synthetic minutes, for benchmarks and load tests.

    .venv/bin/python bench/corpus.py --meetings 1000 --seed 1
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/minutes_bench \\
        .venv/bin/python bench/corpus.py --meetings 66667      # about a million agenda items

The work is done by bench/corpus_generator.py; see its docstring for what the corpus looks like.
The same seed gives the same corpus on an empty database. Nothing else may write to the archive's
tables while it runs (it assigns ids itself). The database is the site's (DATABASE_URL).
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Add synthetic meetings (5–25 agenda items each) for benchmarks; "
        "deterministic for a seed."
    )
    parser.add_argument(
        "--meetings", type=int, required=True, help="How many meetings to add (≈ 15 agenda items each)."
    )
    parser.add_argument("--seed", type=int, default=0, help="Random seed; the same seed, the same corpus.")
    parser.add_argument(
        "--progress",
        action="store_true",
        help="Show progress bars even when stdout is not a terminal (they are shown on a terminal).",
    )
    parser.add_argument(
        "--no-search-index",
        action="store_true",
        help="Skip building the search vectors at the end (PostgreSQL); rebuild_search_index does it later.",
    )
    parser.add_argument(
        "-v", "--verbosity", type=int, choices=[0, 1, 2, 3], default=1, help="0: print nothing at the end."
    )
    args = parser.parse_args(argv)
    if args.meetings < 1:
        parser.error("--meetings must be at least 1")
    return args


def main(argv=None):
    """Generate the corpus into the configured database and say what was added."""
    args = parse_args(argv)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minutes_site.settings")
    import django

    django.setup()
    from bench.corpus_generator import generate

    show = args.progress or sys.stdout.isatty()
    bars = []

    def bar(description, total, unit):
        if not show:
            return None
        from tqdm import tqdm

        progress_bar = tqdm(total=total, desc=description, unit=unit, file=sys.stdout)
        bars.append(progress_bar)
        return progress_bar.update

    try:
        stats = generate(
            args.meetings,
            seed=args.seed,
            progress=bar("meetings", args.meetings, "meeting"),
            index_progress=bar("search index", None, "item"),
            search_index=not args.no_search_index,
        )
    finally:
        for progress_bar in bars:
            progress_bar.close()
    if args.verbosity >= 1:
        print(
            f"Added {stats.meetings} meetings with {stats.items} agenda items "
            f"({stats.closed_items} closed), "
            f"{stats.cases} cases, {stats.attachments} attachments and {stats.positions} positions "
            f"in {stats.municipalities} new "
            f"municipalities: {stats.load_seconds:.1f} s ({stats.items_per_second:.0f} items/s)"
            + (f", search index {stats.index_seconds:.1f} s." if stats.index_seconds else "."),
            flush=True,
        )
    return stats


if __name__ == "__main__":
    main()

"""Fill the database with realistic synthetic minutes, for benchmarks and load tests.

    python manage.py generate_corpus --meetings 1000 --seed 1
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/minutes_bench \\
        python manage.py generate_corpus --meetings 66667      # about a million agenda items

The work is done by meetings/corpus.py; see its docstring for what the corpus looks like. The
same seed gives the same corpus on an empty database. Nothing else may write to the archive's
tables while it runs (it assigns ids itself).
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from meetings.corpus import generate


class Command(BaseCommand):
    help = "Add synthetic meetings (5–25 agenda items each) for benchmarks; deterministic for a seed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--meetings", type=int, required=True, help="How many meetings to add (≈ 15 agenda items each)."
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="Random seed; the same seed, the same corpus."
        )
        parser.add_argument(
            "--progress",
            action="store_true",
            help="Show progress bars even when stdout is not a terminal (they are shown on a terminal).",
        )
        parser.add_argument(
            "--no-search-index",
            action="store_true",
            help=(
                "Skip building the search vectors at the end (PostgreSQL); "
                "rebuild_search_index does it later."
            ),
        )

    def handle(self, *args, **options):
        if options["meetings"] < 1:
            raise CommandError("--meetings must be at least 1")
        show = options["progress"] or sys.stdout.isatty()
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
                options["meetings"],
                seed=options["seed"],
                progress=bar("meetings", options["meetings"], "meeting"),
                index_progress=bar("search index", None, "item"),
                search_index=not options["no_search_index"],
            )
        finally:
            for progress_bar in bars:
                progress_bar.close()
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Added {stats.meetings} meetings with {stats.items} agenda items "
                f"({stats.closed_items} closed), "
                f"{stats.cases} cases and {stats.attachments} attachments in {stats.municipalities} new "
                f"municipalities: {stats.load_seconds:.1f} s ({stats.items_per_second:.0f} items/s)"
                + (f", search index {stats.index_seconds:.1f} s." if stats.index_seconds else ".")
            )

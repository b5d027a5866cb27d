"""Import minutes and agendas: FirstAgenda PDF, saved meeting page (HTML) or Publication API JSON
(.json or .json.gz), and the Aabenraa and Aarhus text layouts.

    python manage.py import_minutes fixtures/minutes/*.txt
    python manage.py import_minutes --dry-run --json minutes.pdf

A file that cannot be read or is not minutes is reported on stderr as one line naming the
file (and the line, where it applies) and skipped; the exit status is then 2. Every file is
saved in its own transaction, so a failure leaves nothing of that file behind.
"""

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError

from imports.load import import_file
from imports.types import MinutesError

PROGRESS_BAR_FROM = 4  # files; fewer are quick enough to need no bar


class Command(BaseCommand):
    help = "Import minutes or agendas (text or PDF files) into the archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="Minutes files (.pdf, .html, .json, .json.gz, .txt)."
        )
        parser.add_argument(
            "--municipality",
            help="Municipality of the files, when the documents do not say it or say it wrongly "
            "(created if the archive does not know it yet).",
        )
        parser.add_argument(
            "--base-url",
            help="The address the document was published at (e.g. https://dagsordener.aarhus.dk/vis?id=...), "
            "for absolute Bilag links and the municipality.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Parse and report; save nothing.")
        parser.add_argument(
            "--json", action="store_true", help="Print the parsed meetings as one JSON object on stdout."
        )

    def handle(self, *paths, **options):
        paths = options["paths"]
        self.verbosity = options["verbosity"]
        dry_run, as_json = options["dry_run"], options["json"]
        show_bar = not as_json and len(paths) >= PROGRESS_BAR_FROM and sys.stdout.isatty()
        if show_bar:
            from tqdm import tqdm

            paths = tqdm(paths, unit="file")
        parsed_all, failed = [], 0
        for path in paths:
            try:
                parsed, results = import_file(
                    path,
                    municipality=options["municipality"],
                    base_url=options["base_url"],
                    dry_run=dry_run,
                    max_pdf_pages=settings.MINUTES_MAX_PDF_PAGES,
                )
            except OSError as exc:
                failed += 1
                self.stderr.write(f"{path}: cannot read the file ({exc.strerror or exc})")
                continue
            except MinutesError as exc:
                failed += 1
                self.stderr.write(f"{path}: {exc}")
                continue
            except DatabaseError as exc:
                failed += 1
                self.stderr.write(
                    f"{path}: not saved, the database refused it ({exc.__class__.__name__}: {exc})"
                )
                continue
            parsed_all.extend(parsed)
            if not as_json:
                self.report(path, parsed, results, dry_run)
        if as_json:
            self.stdout.write(json.dumps({"meetings": [m.as_dict() for m in parsed_all]}, ensure_ascii=False))
        if failed:
            sys.exit(2)

    def report(self, path, parsed, results, dry_run):
        if self.verbosity < 1:
            return
        for i, meeting in enumerate(parsed):
            when = meeting.date.isoformat() if meeting.date else "date not stated"
            line = (
                f"{path}: {meeting.municipality} / {meeting.committee} {when} ({meeting.kind}), "
                f"{len(meeting.items)} items"
            )
            if results:
                line += " — " + ("created" if results[i].created else "updated")
            elif dry_run:
                line += " — dry run, not saved"
            self.stdout.write(line)
            if self.verbosity >= 2:
                for warning in meeting.warnings:
                    self.stdout.write(f"  warning: {warning}")

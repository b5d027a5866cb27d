"""Harvest FirstAgenda Publication sites (dagsordener.<kommune>.dk) into the archive (imports/harvest.py).

    python manage.py harvest https://dagsordener.greve.dk --municipality Greve
    python manage.py harvest https://dagsordener.greve.dk --since 2024-01-01 --committee Byrådet
    python manage.py harvest --all               # one job per enabled site on the RQ queue "harvest"
    python manage.py harvest --all --foreground  # every enabled site here, one after the other

One line per meeting, a progress bar on a terminal, and a closing summary per site. The exit
status is 1 if any meeting (or a whole site) failed; failed meetings are tried again next run.
"""

import datetime
import sys

from django.core.management.base import BaseCommand, CommandError

from imports.harvest import QUEUE_NAME, enqueue_all, get_site, harvest_site
from imports.models import HarvestSite
from imports.types import MinutesError


class Command(BaseCommand):
    help = "Harvest meetings and Bilag text from FirstAgenda Publication sites."

    def add_arguments(self, parser):
        parser.add_argument("site", nargs="?", metavar="SITE_URL", help="e.g. https://dagsordener.greve.dk")
        parser.add_argument(
            "--municipality", help="The site's municipality (required the first time a site is harvested)."
        )
        parser.add_argument(
            "--since",
            type=datetime.date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="Only meetings from this date.",
        )
        parser.add_argument(
            "--committee",
            action="append",
            default=[],
            metavar="NAME",
            help="Only this committee (repeatable).",
        )
        parser.add_argument(
            "--all", action="store_true", help="Every enabled site (queued unless --foreground)."
        )
        parser.add_argument(
            "--foreground", action="store_true", help="With --all: harvest here, without a queue."
        )
        parser.add_argument(
            "--delay",
            type=float,
            metavar="SECONDS",
            help="Pause between requests (default: the site's setting).",
        )

    def handle(self, *args, **options):
        if bool(options["site"]) == bool(options["all"]):
            raise CommandError("give either a SITE_URL or --all")
        self.verbosity = options["verbosity"]
        if options["all"] and not options["foreground"]:
            try:
                jobs = enqueue_all()
            except MinutesError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(
                f"queued {len(jobs)} site(s) on the RQ queue '{QUEUE_NAME}' (workers: rq worker {QUEUE_NAME})"
            )
            return
        if options["all"]:
            sites = list(HarvestSite.objects.enabled())
        else:
            try:
                sites = [get_site(options["site"], options["municipality"])]
            except MinutesError as exc:
                raise CommandError(str(exc)) from None
        failed = False
        for site in sites:
            summary = harvest_site(
                site,
                since=options["since"],
                committees=options["committee"],
                report=self.report,
                progress=sys.stdout.isatty() and self.verbosity >= 1,
                delay=options["delay"],
            )
            failed = failed or bool(summary.failed)
        if failed:
            sys.exit(1)

    def report(self, line):
        if self.verbosity >= 1:
            self.stdout.write(line)

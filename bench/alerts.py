"""Benchmark: one send_alerts run for 100 000 subscriptions and 1 000 new agenda items.

    .venv/bin/python bench/alerts.py                      # a fresh SQLite file, var/bench-alerts.sqlite3
    .venv/bin/python bench/alerts.py --database-url postgres://postgres@127.0.0.1:5432/minutes_alerts_bench

The archive: 20 municipalities with 10 committees each, 5 000 cases, 6 000 items in older meetings
(changed a month ago) and `--items` new ones in meetings changed now, a third of them on cases.
The followers: `--subscriptions` subscriptions of about 0.7 as many addresses, half following a
case, 30% a committee and 20% one of `--searches` distinct searches (several query strings per
search, so the grouping by normalised query is exercised). Mail goes to Django's locmem backend:
what is timed is matching, rendering and the per-address claim, not an SMTP server. A second
run, with nothing new, is timed too. Prints one JSON object; the figures go to docs/PERFORMANCE.md.
"""

import argparse
import datetime
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import empty_database  # noqa: E402 (after the path is set)

WORDS = [
    "vindmøller",
    "skole",
    "budget",
    "lokalplan",
    "klima",
    "daginstitution",
    "vej",
    "affald",
    "cykelsti",
    "ældrepleje",
    "bibliotek",
    "idrætshal",
    "spildevand",
    "havn",
    "kollektiv",
    "trafik",
    "boliger",
    "solceller",
    "naturpark",
    "kunstgræs",
    "skatteprocent",
    "anlæg",
    "beskæftigelse",
    "integration",
]
PLACES = ["Kliplev", "Rødekro", "Padborg", "Tinglev", "Bov", "Løjt", "Genner", "Varnæs", "Bolderslev"]


def build(rng, items, subscriptions, searches):
    """The archive and the followers described in the module docstring."""
    from django.db import transaction
    from django.utils import timezone

    from agenda_items.models import AgendaItem, Case
    from alerts.following import normalise_query
    from alerts.models import Subscriber, Subscription
    from meetings.models import Committee, Meeting, Municipality
    from search.index import refresh_search_vectors

    now = timezone.now()
    month_ago = now - datetime.timedelta(days=30)
    with transaction.atomic():
        municipalities = Municipality.objects.bulk_create(
            Municipality(name=f"Kommune {m}", slug=f"kommune-{m}") for m in range(20)
        )
        committees = Committee.objects.bulk_create(
            Committee(municipality=m, name=f"Udvalg {c}", slug=f"udvalg-{c}")
            for m in municipalities
            for c in range(10)
        )
        cases = Case.objects.bulk_create(
            Case(
                municipality=rng.choice(municipalities),
                number=f"25/{30000 + n}",
                normalized=f"25/{30000 + n}",
            )
            for n in range(5000)
        )

        def meetings_with_items(count, start_day):
            made = Meeting.objects.bulk_create(
                Meeting(
                    committee=committees[n % len(committees)],
                    date=start_day + datetime.timedelta(days=n // 200),
                    fingerprint=f"b{start_day}{n}",
                )
                for n in range(-(-count // 15))
            )
            rows = []
            for n in range(count):
                words = rng.sample(WORDS, 2)
                rows.append(
                    AgendaItem(
                        meeting=made[n // 15],
                        number=str(n % 15 + 1),
                        order=n % 15,
                        title=f"{words[0].capitalize()} og {words[1]} i {rng.choice(PLACES)}",
                        case=rng.choice(cases) if n % 3 == 0 else None,
                        closed=n % 40 == 0,
                        decision=f"Indstillingen om {words[0]} blev godkendt. " + "Begrundelse. " * 30,
                        recommendation=f"at {words[1]} prioriteres.",
                    )
                )
            AgendaItem.objects.bulk_create(rows, batch_size=1000)
            return made

        old = meetings_with_items(6000, datetime.date(2024, 1, 1))
        Meeting.objects.filter(pk__in=[m.pk for m in old]).update(updated=month_ago)
        meetings_with_items(items, datetime.date(2026, 3, 1))

        addresses = Subscriber.objects.bulk_create(
            (Subscriber(email=f"borger{n}@example.dk") for n in range(int(subscriptions * 0.7))),
            batch_size=5000,
        )
        queries = [" ".join(rng.sample(WORDS, rng.choice([1, 1, 2]))) for _ in range(searches)]
        seen, rows = set(), []
        while len(rows) < subscriptions:
            subscriber = (
                addresses[len(rows) % len(addresses)] if len(rows) < len(addresses) else rng.choice(addresses)
            )
            roll = rng.random()
            if roll < 0.5:
                target = {"kind": "case", "case": rng.choice(cases)}
                key = ("case", target["case"].pk)
            elif roll < 0.8:
                target = {"kind": "committee", "committee": rng.choice(committees)}
                key = ("committee", target["committee"].pk)
            else:
                q = rng.choice(queries)
                raw = rng.choice([f"q={q}", f"q={q}&sort=date", f"page=2&q= {q} "])
                target = {"kind": "search", "query": normalise_query(raw)}
                key = ("search", target["query"])
            if (subscriber.pk, key) in seen:
                continue
            seen.add((subscriber.pk, key))
            rows.append(
                Subscription(
                    subscriber=subscriber,
                    language=rng.choice(["da"] * 9 + ["en"]),
                    confirmation_sent=month_ago,
                    confirmed=month_ago,
                    sent_until=month_ago,
                    **target,
                )
            )
        Subscription.objects.bulk_create(rows, batch_size=5000)
        refresh_search_vectors()  # bulk_create sends no signals: index what was made
    return len(addresses), len(set(queries))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscriptions", type=int, default=100_000)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--database-url", help="default: a fresh SQLite file under var/")
    parser.add_argument(
        "--profile", action="store_true", help="print cProfile's top functions of the first run"
    )
    args = parser.parse_args()

    empty_database("alerts", args.database_url)
    from django.conf import settings
    from django.core import mail
    from django.db import connection

    from alerts.sending import send_alerts

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ALERTS_SETTLE_SECONDS = 0
    mail.outbox = []

    started = time.perf_counter()
    addresses, distinct = build(random.Random(22), args.items, args.subscriptions, args.searches)
    build_seconds = time.perf_counter() - started

    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    cpu_started = time.process_time()
    report = send_alerts()
    first_seconds = time.perf_counter() - started
    first_cpu = time.process_time() - cpu_started
    if profiler:
        import pstats

        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
    sent = len(mail.outbox)
    sizes = sorted(len(m.body) for m in mail.outbox)
    started = time.perf_counter()
    again = send_alerts()
    second_seconds = time.perf_counter() - started

    result = {
        "database": connection.vendor,
        "subscriptions": args.subscriptions,
        "addresses": addresses,
        "distinct_searches": distinct,
        "new_items": args.items,
        "build_seconds": round(build_seconds, 1),
        "send_alerts_seconds": round(first_seconds, 1),
        "send_alerts_cpu_seconds": round(first_cpu, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "mails": sent,
        "searches_run": report.searches,
        "subscriptions_with_news": report.subscriptions,
        "quiet_subscriptions": report.quiet,
        "median_text_chars": sizes[len(sizes) // 2] if sizes else 0,
        "second_run_seconds": round(second_seconds, 2),
        "second_run_mails": again.addresses,
        "target": "send_alerts under 60 s",
        "met": first_seconds < 60 and again.addresses == 0,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

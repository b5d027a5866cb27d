"""Benchmark steps 3 and 4: which pages are measured, and SQL queries per page (in-process)."""

import statistics
import time
from urllib.parse import parse_qs, urlencode, urlsplit

from bench.common import log
from bench.searches import count_matches, people_urls, search_urls


def pick_urls(rotate=100):
    """Each measured page: name -> list of paths (several where the page is one of many)."""
    import random

    from django.db.models import Count
    from django.http import QueryDict

    from agenda_items.models import AgendaItem, Case
    from meetings.filters import MeetingFilter
    from meetings.models import Committee, Meeting
    from meetings.paging import Cursor

    rng = random.Random(1)
    max_id = Meeting.objects.order_by("-id").values_list("id", flat=True).first()
    meeting_ids = []
    while len(meeting_ids) < rotate:
        found = (
            Meeting.objects.filter(id__gte=rng.randint(1, max_id)).order_by("id").values_list("id", flat=True)
        )
        meeting_ids += list(found[:1])
    items = []
    for meeting_id in meeting_ids:
        item = AgendaItem.objects.filter(meeting_id=meeting_id, closed=False).order_by("order").first()
        if item:
            items.append(item.get_absolute_url())
    recurring = list(
        Case.objects.filter(items__closed=False)
        .annotate(n=Count("items"))
        .filter(n__gte=3, n__lte=6)
        .values_list("id", "number")[:rotate]
    )
    committee = (
        Committee.objects.filter(name="Økonomiudvalget").annotate(n=Count("meetings")).order_by("-n").first()
        or Committee.objects.annotate(n=Count("meetings")).order_by("-n").first()
    )
    filters = {
        "municipality": committee.municipality.slug,
        "committee": committee.slug,
        "date_after": "2012-01-01",
        "date_before": "2016-12-31",
    }
    ordered = Meeting.objects.filter(date__isnull=False).order_by("-date", "-id")
    depth = min(100_000, ordered.count() - 21)
    deep = ordered[depth]
    from search.results import MANY_RESULTS_PAGES

    search_words = pick_search_words()
    urls = {
        "front page": ["/"],
        "meeting list, first page": ["/meetings/"],
        "meeting list, filtered (committee + dates)": ["/meetings/?" + urlencode(filters)],
        f"meeting list, deep page ({depth // 20 + 1})": ["/meetings/?after=" + str(Cursor.of(deep))],
        "meeting page": [f"/meetings/{pk}/" for pk in meeting_ids],
        "item page": items,
        "case page": [f"/cases/{pk}/" for pk, _ in recurring],
        f"search, common word ({search_words['common']})": [
            "/search/?" + urlencode({"q": search_words["common"]})
        ],
        f"search, rare word ({search_words['rare']})": ["/search/?" + urlencode({"q": search_words["rare"]})],
        f"search, phrase ({search_words['phrase']})": [
            "/search/?" + urlencode({"q": search_words["phrase"]})
        ],
        "search, case number (redirect)": [
            "/search/?" + urlencode({"q": number}) for _, number in recurring[:20]
        ],
        f"search, common word, last page ({MANY_RESULTS_PAGES})": [
            "/search/?" + urlencode({"q": search_words["common"], "page": MANY_RESULTS_PAGES})
        ],
    }
    urls[f"search, rare phrase of common words ({search_words['rare_phrase']})"] = [
        "/search/?" + urlencode({"q": search_words["rare_phrase"]})
    ]
    if search_words.get("ranked"):
        urls[f"search, ranked word ({search_words['ranked']})"] = [
            "/search/?" + urlencode({"q": search_words["ranked"]})
        ]
    more, picked = search_urls(search_words["rare"])
    urls.update(more)
    people, people_meta = people_urls()
    urls.update(people)
    # The matches of each search, counted the way the site matches (uncapped up to COUNT_CAP).
    matches = {}
    for name, paths in urls.items():
        if name.startswith("search,") and "case number" not in name:
            params = parse_qs(urlsplit(paths[0]).query)
            matches[name] = count_matches(params["q"][0], params.get("section", [None])[0])
    matches["meeting list, filtered (committee + dates)"] = MeetingFilter(
        QueryDict(urlencode(filters)), queryset=Meeting.objects.all()
    ).qs.count()
    meta = {"filters": filters, "words": search_words, "deep_position": depth, "picked": picked}
    return urls, {**meta, "people": people_meta, "matches": matches}


def pick_search_words():
    """A common word, a rare one (a generated place name in a handful of items), a phrase, and a
    "ranked" word: a place-name prefix in 1 000-10 000 items, which search counts, ranks and facets
    in full (the costliest of its paths)."""
    import random

    from django.contrib.postgres.search import SearchQuery

    from agenda_items.models import AgendaItem
    from bench.corpus_text import place_names

    def matches(word, cap=100_000):
        query = SearchQuery(word, config="danish", search_type="websearch")
        return AgendaItem.objects.filter(search_vector=query).values("pk")[:cap].count()

    rare = None
    names = place_names(random.Random(1))
    for name in names[2000::97]:
        if 5 <= matches(name, 200) <= 60:
            rare = name
            break
    ranked = None
    for name in names[::97]:
        prefix = name[: max(4, len(name) - 4)]
        query = SearchQuery(f"{prefix}:*", config="danish", search_type="raw")
        if 1_000 <= AgendaItem.objects.filter(search_vector=query).values("pk")[:10_001].count() <= 10_000:
            ranked = prefix
            break
    return {
        "common": "kommune",
        "rare": rare or names[-1],
        "phrase": '"sociale ydelser"',
        # Both words are in most items, next to each other in almost none: the phrase's worst case.
        "rare_phrase": '"budget kommune"',
        "ranked": ranked,
    }


# --- 3./4. measuring the site -----------------------------------------------------------------


def count_queries(urls, repeat=5):
    """Per page, in-process: SQL queries, and the median time in SQL and in the whole view (ms).

    The two times tell the database's share from Python's (view, template) on this machine.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_X_FORWARDED_PROTO="https")
    counts = {}
    for name, paths in urls.items():
        sql_ms, total_ms = [], []
        for i in range(repeat + 1):
            with CaptureQueriesContext(connection) as context:
                started = time.perf_counter()
                response = client.get(paths[i % len(paths)])
                elapsed = (time.perf_counter() - started) * 1000
            if i:  # the first request warms caches
                total_ms.append(elapsed)
                sql_ms.append(sum(float(q["time"]) for q in context.captured_queries) * 1000)
        counts[name] = {
            "queries": len(context.captured_queries),
            "status": response.status_code,
            "sql_ms": statistics.median(sql_ms),
            "view_ms": statistics.median(total_ms),
        }
        log(f"  {name}: {counts[name]}")
    return counts

"""Benchmark step 6: the table of targets and measurements, on stdout and in docs/PERFORMANCE.md."""

from bench.common import ROOT

PERFORMANCE_MD = ROOT / "docs" / "PERFORMANCE.md"
MARK_START = "<!-- bench:start (written by bench/run.py; edit outside these marks) -->"
MARK_END = "<!-- bench:end -->"


def verdict(value, target, higher_is_better=False):
    if value is None:
        return "not measured"
    met = value >= target if higher_is_better else value <= target
    return "met" if met else "MISSED"


def report_rows(results):
    """(what, target, measured, verdict) for the table."""
    rows = []
    parsing = results.get("parsing")
    if parsing:
        s, p = parsing["seeds"], parsing["pdf"]
        rows.append(
            (
                "Parse seed minutes",
                "≥ 5 MB/s",
                f"{s['parse_mb_per_s']:.1f} MB/s",
                verdict(s["parse_mb_per_s"], 5, True),
            )
        )
        rows.append(
            (
                f"PDF {p['pages']} pages: parse + load vs pdfplumber extraction",
                "≤ 20%",
                f"{p['overhead'] * 100:.1f}% (extract {p['extract_seconds']:.1f} s, "
                f"parse {p['parse_seconds']:.2f} s, "
                f"load {p['load_seconds']:.2f} s; pypdfium2 {p['extract_pypdfium2_seconds'] or 0:.2f} s)",
                verdict(p["overhead"], 0.20),
            )
        )
        real = parsing.get("real_pdf")
        if real:
            rows.append(
                (
                    f"Real PDF ({real['file']}, {real['items']} items): import vs pdfplumber extract_text",
                    "≤ 1.5×",
                    f"{real['ratio']:.2f}× (import {real['import_seconds']:.2f} s, "
                    f"pdfplumber {real['pdfplumber_seconds']:.2f} s)",
                    verdict(real["ratio"], 1.5),
                )
            )
    corpus = results.get("corpus")
    if corpus:
        generation = corpus.get("generation")
        if generation:
            rows.append(
                (
                    f"Load {generation['items']:,} items (generate_corpus)",
                    "≥ 2 000 items/s",
                    f"{generation['items_per_second']:.0f} items/s "
                    f"({generation['load_seconds'] / 60:.1f} min; "
                    f"search index {generation['index_seconds'] / 60:.1f} min more)",
                    verdict(generation["items_per_second"], 2000, True),
                )
            )
        sample = corpus.get("sample")
        if sample:
            rows.append(
                (
                    f"Load {sample['items']:,} items (sample, this run)",
                    "≥ 2 000 items/s",
                    f"{sample['items_per_second']:.0f} items/s",
                    verdict(sample["items_per_second"], 2000, True),
                )
            )
    single = results.get("single_client", {})
    queries = results.get("queries", {})
    targets = {
        "meeting list, filtered": 50,
        "meeting page": 30,
        "item page": 30,
        "case page": 30,
        "search": 200,
    }
    first_page = single.get("meeting list, first page", {}).get("p95_ms")
    for name, r in single.items():
        target = next((t for prefix, t in targets.items() if name.startswith(prefix)), None)
        q = queries.get(name, {}).get("queries")
        measured = f"p50 {r['p50_ms']:.1f} / p95 {r['p95_ms']:.1f} / p99 {r['p99_ms']:.1f} ms; {q} queries"
        if r["requests"] < results.get("requests_per_page", r["requests"]):
            measured += f"; only {r['requests']} requests in the time limit"
        if "sql_ms" in queries.get(name, {}):
            measured += (
                f" (in-process: SQL {queries[name]['sql_ms']:.0f} of {queries[name]['view_ms']:.0f} ms)"
            )
        if name.startswith("meeting list, deep page") and first_page:
            rows.append(
                (
                    name,
                    f"as fast as page 1 (p95 {first_page:.1f} ms)",
                    measured,
                    verdict(r["p95_ms"], first_page * 1.5 + 2),
                )
            )
        elif target:
            rows.append((name, f"p95 ≤ {target} ms", measured, verdict(r["p95_ms"], target)))
        else:
            rows.append((name, "—", measured, ""))
    for name, r in results.get("under_load", {}).items():
        if "requests_per_second" in r:
            ok = r["requests_per_second"] and r["requests_per_second"] >= 300 and r["errors"] == 0
            rows.append(
                (
                    f"{name}, no page cache, {r['connections']} connections",
                    "≥ 300 req/s, 0 errors" if name == "meeting page" else "—",
                    f"{r['requests_per_second']:.0f} req/s, "
                    f"p50 {r.get('p50_ms', 0):.0f} / p99 {r.get('p99_ms', 0):.0f} ms, "
                    f"{r['errors']} errors",
                    ("met" if ok else "MISSED") if name == "meeting page" else "",
                )
            )
    for name, r in results.get("cached", {}).get("under_load", {}).items():
        if r.get("requests_per_second") is not None:
            one = results["cached"]["single_client"].get(name, {})
            ok = r["requests_per_second"] >= 300 and r["errors"] == 0
            rows.append(
                (
                    f"{name} with the site's page cache (Redis), {r['connections']} connections",
                    "≥ 300 req/s, 0 errors" if name == "meeting page" else "—",
                    f"{r['requests_per_second']:.0f} req/s, {r['errors']} errors; "
                    f"single client p50 {one.get('p50_ms', 0):.1f} / p95 {one.get('p95_ms', 0):.1f} ms",
                    ("met" if ok else "MISSED") if name == "meeting page" else "",
                )
            )
    for name, r in results.get("datasette", {}).get("single_client", {}).items():
        ours = single.get(name)
        if ours and r.get("p50_ms"):
            ratio = r["p50_ms"] / ours["p50_ms"]
            rows.append(
                (
                    f"vs Datasette: {name}",
                    "ratio ≥ 1 (Datasette p50 / ours)",
                    f"{ratio:.2f}× (Datasette p50 {r['p50_ms']:.1f} / p95 {r['p95_ms']:.1f} ms; "
                    f"ours p50 {ours['p50_ms']:.1f} ms)",
                    verdict(ratio, 1, True),
                )
            )
    return rows


def table(rows):
    lines = ["| What | Target | Measured | |", "| --- | --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def write_performance_md(results, rows):
    m = results["machine"]
    corpus = results.get("corpus", {})
    block = "\n".join(
        [
            MARK_START,
            f"Latest run: {results['date']} — `{results['command']}`",
            "",
            f"Machine: {m.get('nproc')} cores ({m.get('cpu', '?')}), {m.get('memory_gib')} GiB, "
            f"PostgreSQL {m.get('postgresql')} (shared_buffers {m.get('shared_buffers')}), "
            f"Python {m.get('python')}; "
            f"load average at start {results.get('load_average_start')}, "
            f"at end {results.get('load_average_end')}.",
            f"Corpus: {corpus.get('items', 0):,} agenda items in {corpus.get('meetings', 0):,} meetings, "
            f"database {corpus.get('database_bytes', 0) / 1e9:.1f} GB. gunicorn: {results.get('gunicorn')}.",
            "",
            table(rows),
            MARK_END,
        ]
    )
    text = PERFORMANCE_MD.read_text(encoding="utf-8") if PERFORMANCE_MD.exists() else "# Performance\n\n"
    if MARK_START in text and MARK_END in text:
        before, rest = text.split(MARK_START, 1)
        after = rest.split(MARK_END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    PERFORMANCE_MD.write_text(text, encoding="utf-8")

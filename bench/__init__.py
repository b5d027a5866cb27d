"""Benchmarks, load and fault tests, the parser fuzzer and the synthetic corpus (not part of the app).

The scripts run as `.venv/bin/python bench/<script>.py`; the helpers here (pdfmaker, minutes,
mutate, import_child) are shared with the test suite, which imports them as `bench.<module>`.
Nothing in bench/ imports from tests/, and no app imports from bench/.
"""

"""The child process that imports minutes and is killed half-way (bench/faults.py, tests/hostile/)."""

# `manage.py import_minutes FILE [OPTIONS]`, run as `python -c CHILD FILE HALF [OPTIONS]`: it says
# "half-way" on stdout once HALF items are saved (inside the file's one transaction) and carries on
# until it is killed.
CHILD = """
import sys

import django

django.setup()
from django.core.management import call_command

from imports import load

half, saved, save_attachments = int(sys.argv[2]), 0, load.save_attachments


def counting(item, parsed_attachments):
    global saved
    save_attachments(item, parsed_attachments)
    saved += 1
    if saved == half:
        print("half-way", flush=True)


load.save_attachments = counting
call_command("import_minutes", sys.argv[1], *sys.argv[3:])
"""

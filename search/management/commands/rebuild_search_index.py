"""Recompute every agenda item's stored search vector (PostgreSQL; nothing to do on SQLite).

python manage.py rebuild_search_index
"""

from django.core.management.base import BaseCommand
from django.db import connection

from search.index import refresh_search_vectors


class Command(BaseCommand):
    help = "Rebuild the full-text search index of all agenda items."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("SQLite searches the text directly; there is no index to rebuild.")
            return
        count = refresh_search_vectors()
        self.stdout.write(f"Search index rebuilt for {count} agenda items.")

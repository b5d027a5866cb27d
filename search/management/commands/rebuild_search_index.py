"""Recompute every agenda item's search index (PostgreSQL's stored vectors, SQLite's FTS5 table)
and the vocabulary.

python manage.py rebuild_search_index
"""

from django.core.management.base import BaseCommand

from search.index import refresh_search_vectors


class Command(BaseCommand):
    help = "Rebuild the full-text search index of all agenda items."

    def handle(self, *args, **options):
        count = refresh_search_vectors()
        self.stdout.write(f"Search index rebuilt for {count} agenda items.")

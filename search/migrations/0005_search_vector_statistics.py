"""PostgreSQL: keep statistics of ten times more words of the search vectors, so that the planner
knows a rare word is rare.

ANALYZE keeps the most common lexemes of a tsvector column (ten per unit of the statistics
target) and estimates every other lexeme at half the rarest one kept. With the default target of
100 the rarest kept lexeme was in 5 % of the items of a 250 000-item corpus, so any lexeme not
kept counted as 0.5 %, and a rare word searched with its 30 compound tails ("toftbørnehaven" and
the compounds ending in it; search/vocabulary.py) was estimated at 34 183 matches for 418: the
search took the path for words in most items (newest first down the date index) and its p95 went
from about 60 to 160 ms. At 3 000 the rarest kept lexeme is in 0.04 % of the items and the same
query is estimated at 1 355; planning takes no longer (0.54 ms against 0.60). docs/PERFORMANCE.md
has the figures. The ANALYZE here takes a few seconds per 100 000 items; reversing sets the default.
"""

from django.db import migrations

TABLE = "agenda_items_agendaitem"
TARGET = 3000


def set_target(apps, schema_editor, target=TARGET):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET STATISTICS {target}")
        schema_editor.execute(f"ANALYZE {TABLE} (search_vector)")


def reset_target(apps, schema_editor):
    set_target(apps, schema_editor, target=-1)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_reindex_numbers_slashes_responsible")]

    operations = [migrations.RunPython(set_target, reset_target)]

"""PostgreSQL only: a trigram index on the upper-cased name of each person, which the search page's
name lookup (search/people.py: `name__icontains`, read as UPPER(name) LIKE UPPER('%...%')) reads
instead of every person's name. SQLite has no such index, and needs none at its sizes."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS person_name_upper_trgm ON meetings_person USING gin (upper(name) gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS person_name_upper_trgm"]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("meetings", "0010_source_files_unguessable")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]

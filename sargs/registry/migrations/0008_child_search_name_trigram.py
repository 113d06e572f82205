"""The child search's name condition (``search_name LIKE '%word%'``) served by a trigram index
on PostgreSQL (issue 20, docs/adr/0023): the search and its count read the matching children,
not every child of the municipality. Other databases keep the plain scan."""

from django.db import migrations

INDEX = "child_search_name_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON registry_child USING gin (search_name gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0007_child_by_name"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]

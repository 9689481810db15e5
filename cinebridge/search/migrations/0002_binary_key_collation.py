"""On PostgreSQL, compare search keys by code point so that prefix ranges are exact under any collation."""

from django.db import migrations


def use_binary_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('ALTER TABLE search_searchkey ALTER COLUMN "key" TYPE varchar(64) COLLATE "C"')


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(use_binary_collation, migrations.RunPython.noop)]

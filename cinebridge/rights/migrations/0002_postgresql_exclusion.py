"""The rights state's single row everywhere; on PostgreSQL the exclusion constraint on exclusive OUTs.

PostgreSQL only (a vendor check, since SQLite has no such constraint): the btree_gist and intarray
extensions, generated int[] columns from the key texts, and an exclusion constraint so that two active
exclusive OUT grants for every language of one work never overlap in territory, media and time, even
when two transactions race. NULL dates are open bounds, so a term still waiting for its release event
blocks at every time.

Territories use intarray's `gist__intbig_ops` (a signature, rechecked against the row, so still
exact): `gist__int_ops` refuses arrays of more than 199 elements, and "World" has about 250 countries.
Media (a couple of dozen leaves) keep the exact `gist__int_ops`.
"""

from django.db import migrations

CONSTRAINT = "rights_grant_exclusive_out_no_overlap"

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    "CREATE EXTENSION IF NOT EXISTS intarray",
    "ALTER TABLE rights_grant ADD COLUMN territory_ids integer[] "
    "GENERATED ALWAYS AS (string_to_array(territory_keys, ' ')::integer[]) STORED",
    "ALTER TABLE rights_grant ADD COLUMN media_ids integer[] "
    "GENERATED ALWAYS AS (string_to_array(media_keys, ' ')::integer[]) STORED",
    f"ALTER TABLE rights_grant ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist ("
    " work_id WITH =,"
    " territory_ids gist__intbig_ops WITH &&,"
    " media_ids gist__int_ops WITH &&,"
    " daterange(start_date, end_date, '[)') WITH &&"
    ") WHERE (direction = 'out' AND exclusivity = 'exclusive' AND status = 'active' AND language_uses = '')",
]

BACKWARD = [
    f"ALTER TABLE rights_grant DROP CONSTRAINT IF EXISTS {CONSTRAINT}",
    "ALTER TABLE rights_grant DROP COLUMN IF EXISTS media_ids",
    "ALTER TABLE rights_grant DROP COLUMN IF EXISTS territory_ids",
]


def add_exclusion_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def drop_exclusion_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


def create_state(apps, schema_editor):
    apps.get_model("rights", "RightsState").objects.get_or_create(pk=1, defaults={"version": 0})


class Migration(migrations.Migration):
    dependencies = [("rights", "0001_initial")]
    operations = [
        migrations.RunPython(create_state, migrations.RunPython.noop),
        migrations.RunPython(add_exclusion_constraint, drop_exclusion_constraint),
    ]

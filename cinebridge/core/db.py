"""Database maintenance shared by the apps."""

from django.db import connection
from django.db.models import Model


def analyze(*models: type[Model]) -> None:
    """Refresh the query planner's statistics for these tables after a large write.

    Without fresh statistics SQLite (and PostgreSQL until autovacuum gets to it) may scan a table
    instead of using the index a query needs.
    """
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

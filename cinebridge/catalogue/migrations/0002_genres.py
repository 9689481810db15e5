"""Seed the shared genre vocabulary (its names are UI strings in catalogue.vocabularies)."""

from django.db import migrations

GENRES = [
    "drama", "comedy", "family", "adventure", "war", "history", "biography", "romance",
    "thriller", "crime", "fantasy", "musical", "social", "nature", "sport",
]


def add_genres(apps, schema_editor):
    Genre = apps.get_model("catalogue", "Genre")
    for code in GENRES:
        Genre.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(add_genres, migrations.RunPython.noop)]

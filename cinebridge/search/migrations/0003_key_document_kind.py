"""Keys carry their document's kind, so that lookups are pure index range scans."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_document_kind(apps, schema_editor):
    SearchKey = apps.get_model("search", "SearchKey")
    SearchDocument = apps.get_model("search", "SearchDocument")
    SearchKey.objects.update(
        document_kind=Subquery(SearchDocument.objects.filter(pk=OuterRef("document_id")).values("kind")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_binary_key_collation")]

    operations = [
        migrations.RemoveIndex(model_name="searchkey", name="search_key_lookup"),
        migrations.AddField(
            model_name="searchkey",
            name="document_kind",
            field=models.CharField(choices=[("film", "film"), ("person", "person")], default="", max_length=10),
            preserve_default=False,
        ),
        migrations.RunPython(copy_document_kind, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="searchkey",
            index=models.Index(fields=["document_kind", "key_kind", "key"], name="search_key_lookup"),
        ),
    ]

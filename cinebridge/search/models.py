"""Search documents: every name a film or person is known by, as normalised words and cross-script keys."""

from django.db import models


class DocumentKind(models.TextChoices):
    FILM = "film", "film"
    PERSON = "person", "person"


class SearchDocument(models.Model):
    """One searchable object with all its names, kept for ranking the candidates the keys find."""

    kind = models.CharField(max_length=10, choices=DocumentKind.choices)
    object_id = models.BigIntegerField()
    names = models.TextField(help_text="Every title or name, one a line.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class KeyKind(models.TextChoices):
    WORD = "w", "normalised word"
    SKELETON = "s", "cross-script skeleton"


class SearchKey(models.Model):
    """One lookup key of a document; an index on (kind, key) makes retrieval a range scan."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="keys")
    key_kind = models.CharField(max_length=1, choices=KeyKind.choices)
    key = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["key_kind", "key"], name="search_key_lookup")]
        constraints = [
            models.UniqueConstraint(fields=["document", "key_kind", "key"], name="search_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.key_kind}:{self.key}"

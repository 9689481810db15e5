"""Search documents: every name a film or person is known by, as normalised words and cross-script keys."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class KeyKind(models.TextChoices):
    WORD = "w", "normalised word"
    SKELETON = "s", "cross-script skeleton"


class SearchKey(models.Model):
    """One lookup key of a document; the index on (document kind, key kind, key) makes a lookup a range scan."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="keys")
    # The document's kind again, so that a lookup never joins the documents (the planner would scan them).
    document_kind = models.CharField(max_length=10, choices=DocumentKind.choices)
    key_kind = models.CharField(max_length=1, choices=KeyKind.choices)
    key = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("search key")
        verbose_name_plural = _("search keys")
        indexes = [models.Index(fields=["document_kind", "key_kind", "key"], name="search_key_lookup")]
        constraints = [
            models.UniqueConstraint(fields=["document", "key_kind", "key"], name="search_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.key_kind}:{self.key}"

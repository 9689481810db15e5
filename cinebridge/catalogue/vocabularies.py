"""The catalogue's shared vocabularies whose names are UI strings, translated by gettext."""

from django.utils.translation import gettext_lazy as _

GENRE_NAMES = {
    "drama": _("Drama"),
    "comedy": _("Comedy"),
    "family": _("Family"),
    "adventure": _("Adventure"),
    "war": _("War"),
    "history": _("History"),
    "biography": _("Biography"),
    "romance": _("Romance"),
    "thriller": _("Thriller"),
    "crime": _("Crime"),
    "fantasy": _("Fantasy"),
    "musical": _("Musical"),
    "social": _("Social"),
    "nature": _("Nature"),
    "sport": _("Sport"),
}


def genre_name(code: str) -> str:
    return str(GENRE_NAMES.get(code, code))

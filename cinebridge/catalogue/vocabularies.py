"""The catalogue's shared vocabularies whose names are UI strings, translated by gettext."""

from django.utils.translation import pgettext_lazy

GENRE_NAMES = {
    "drama": pgettext_lazy("genre", "Drama"),
    "comedy": pgettext_lazy("genre", "Comedy"),
    "family": pgettext_lazy("genre", "Family"),
    "adventure": pgettext_lazy("genre", "Adventure"),
    "war": pgettext_lazy("genre", "War"),
    "history": pgettext_lazy("genre", "History"),
    "biography": pgettext_lazy("genre", "Biography"),
    "romance": pgettext_lazy("genre", "Romance"),
    "thriller": pgettext_lazy("genre", "Thriller"),
    "crime": pgettext_lazy("genre", "Crime"),
    "fantasy": pgettext_lazy("genre", "Fantasy"),
    "musical": pgettext_lazy("genre", "Musical"),
    "social": pgettext_lazy("genre", "Social"),
    "nature": pgettext_lazy("genre", "Nature"),
    "sport": pgettext_lazy("genre", "Sport"),
}


def genre_name(code: str) -> str:
    return str(GENRE_NAMES.get(code, code))

"""Reads for the film catalogue: each answers one question, with the queries it needs and no more."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Case, IntegerField, Model, Prefetch, Q, QuerySet, When
from django.http import Http404

from cinebridge.accounts import policy
from cinebridge.accounts.models import Organisation
from cinebridge.core.i18n import active_language

from .counts import count_films, public_counts
from .models import Audience, Credit, Film, FilmCountry, FilmTranslation, Person, PersonName, SubtitleTrack

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class FilmFilters:
    """The catalogue's filters, as a visitor sets them on the page or in the API."""

    kind: str = ""
    audience: str = ""
    year_from: int | None = None
    year_to: int | None = None
    country: str = ""
    language: str = ""
    subtitles: str = ""
    owner: str = ""

    def as_q(self) -> Q:
        q = Q()
        if self.kind:
            q &= Q(kind=self.kind)
        if self.audience:
            q &= Q(audience=self.audience)
        if self.year_from is not None:
            q &= Q(year__gte=self.year_from)
        if self.year_to is not None:
            q &= Q(year__lte=self.year_to)
        if self.country:
            # A subquery, not a join: a join would repeat films and need DISTINCT, which sorts the catalogue.
            q &= Q(pk__in=FilmCountry.objects.filter(country=self.country.upper()).values("film_id"))
        if self.language:
            q &= Q(original_language=self.language)
        if self.owner:
            q &= Q(owner__slug=self.owner)
        if self.subtitles:
            tracks = SubtitleTrack.objects.filter(language_code=self.subtitles)
            q &= Q(pk__in=tracks.values("version__film_id"))
        return q


def _translations_in(language: str) -> Prefetch[str, QuerySet[FilmTranslation]]:
    return Prefetch(
        "translations", queryset=FilmTranslation.objects.filter(language_code__in=[language, "en"])
    )


def _in_rank_order(qs: QuerySet[M], ranked_ids: Sequence[int]) -> QuerySet[M]:
    """Only the rows of `ranked_ids`, in that order (a search result's ranking)."""
    order = Case(*(When(pk=pk, then=i) for i, pk in enumerate(ranked_ids)), output_field=IntegerField())
    return qs.filter(pk__in=ranked_ids).order_by(order)


def films_visible(viewer: policy.Viewer) -> QuerySet[Film]:
    """Published films, plus the unpublished ones the viewer's organisations own or oversee."""
    private_owners = policy.organisations_where(viewer, policy.CATALOGUE_VIEW_PRIVATE)
    return Film.objects.filter(Q(is_published=True) | Q(owner__in=private_owners))


def films_hidden_ids(viewer: policy.Viewer) -> set[int]:
    """The unpublished films the viewer may not see (few: most of the catalogue is published)."""
    private_owners = policy.organisations_where(viewer, policy.CATALOGUE_VIEW_PRIVATE)
    return set(
        Film.objects.filter(is_published=False).exclude(owner__in=private_owners).values_list("pk", flat=True)
    )


def film_list(
    *,
    viewer: policy.Viewer,
    filters: FilmFilters,
    language: str | None = None,
    ranked_ids: Sequence[int] | None = None,
) -> QuerySet[Film]:
    """Films the viewer may see, filtered, newest first or in the order of `ranked_ids` (a search result)."""
    lang = language or active_language()
    qs = films_visible(viewer).filter(filters.as_q())
    if ranked_ids is not None:
        qs = _in_rank_order(qs, ranked_ids)
    else:
        qs = qs.order_by("-year", "original_title", "pk")
    return qs.select_related("owner").prefetch_related(_translations_in(lang), "countries")


def film_get_visible(*, viewer: policy.Viewer, slug: str) -> Film:
    """One film with everything its page shows; 404 when it does not exist or the viewer may not see it."""
    qs = (
        films_visible(viewer)
        .select_related("owner")
        .prefetch_related(
            "translations",
            "countries",
            "genres",
            "ratings",
            "festival_entries",
            "versions__subtitles",
            Prefetch(
                "credits", queryset=Credit.objects.select_related("person").prefetch_related("person__names")
            ),
        )
    )
    try:
        return qs.get(slug=slug)
    except Film.DoesNotExist:
        raise Http404 from None


def film_get_editable(*, viewer: policy.Viewer, slug: str) -> Film:
    """A film the viewer may edit; 404 when it is not theirs to edit (we do not confirm it exists)."""
    film = film_get_visible(viewer=viewer, slug=slug)
    if not policy.can(viewer, policy.CATALOGUE_EDIT, film.owner):
        raise Http404
    return film


def person_get(*, slug: str) -> Person:
    """A person's page: names in every script and their visible credits are loaded separately."""
    try:
        return Person.objects.prefetch_related("names").get(slug=slug)
    except Person.DoesNotExist:
        raise Http404 from None


def person_credits(*, viewer: policy.Viewer, person: Person, language: str | None = None) -> QuerySet[Credit]:
    """The person's credits on films the viewer may see, newest first."""
    lang = language or active_language()
    return (
        Credit.objects.filter(person=person, film__in=films_visible(viewer))
        .select_related("film")
        .prefetch_related(Prefetch("film__translations", queryset=_translations_in(lang).queryset))
        .order_by("-film__year", "position")
    )


def person_list(*, ranked_ids: Sequence[int] | None = None) -> QuerySet[Person]:
    """People, all or in the order of a search result."""
    qs = Person.objects.prefetch_related("names")
    return qs.order_by("slug") if ranked_ids is None else _in_rank_order(qs, ranked_ids)


def organisation_films(*, viewer: policy.Viewer, organisation: Organisation) -> QuerySet[Film]:
    """The films an organisation offers, as the viewer may see them."""
    return film_list(viewer=viewer, filters=FilmFilters(owner=organisation.slug))


def film_names_for_indexing(*, limit: int) -> dict[int, list[str]]:
    """Up to `limit` films whose search document is stale, each with every title it is known by.

    Plain values rather than model objects: a rebuild reads hundreds of thousands of titles.
    """
    names = dict(
        Film.objects.filter(search_index_dirty=True)
        .order_by("pk")
        .values_list("pk", "original_title")[:limit]
    )
    titles: dict[int, list[str]] = {pk: [title] for pk, title in names.items()}
    for film_id, title in FilmTranslation.objects.filter(film_id__in=list(titles)).values_list(
        "film_id", "title"
    ):
        titles[film_id].append(title)
    return titles


def person_names_for_indexing(*, limit: int) -> dict[int, list[str]]:
    """Up to `limit` people whose search document is stale, each with every name they are known by."""
    ids = list(
        Person.objects.filter(search_index_dirty=True).order_by("pk").values_list("pk", flat=True)[:limit]
    )
    names: dict[int, list[str]] = {pk: [] for pk in ids}
    for person_id, name in PersonName.objects.filter(person_id__in=ids).values_list("person_id", "name"):
        names[person_id].append(name)
    return names


def catalogue_counts(*, viewer: policy.Viewer) -> dict[str, int]:
    """How many films the viewer may see there are of each kind and audience, and in all (the home page)."""
    private_owners = policy.organisations_where(viewer, policy.CATALOGUE_VIEW_PRIVATE)
    # For a visitor this queryset is empty and Django sends no query for it.
    unpublished = count_films(Film.objects.filter(owner__in=private_owners, is_published=False))
    public = public_counts()
    return {key: public.get(key, 0) + unpublished[key] for key in unpublished}


def films_for_young_audiences(
    *, viewer: policy.Viewer, limit: int, language: str | None = None
) -> list[Film]:
    """The newest films for children and youth the viewer may see: the programme's priority strand."""
    young = film_list(viewer=viewer, filters=FilmFilters(), language=language).filter(
        audience__in=[Audience.CHILDREN, Audience.YOUTH]
    )
    return list(young[:limit])


def films_latest(*, viewer: policy.Viewer, limit: int, language: str | None = None) -> list[Film]:
    """The films most recently added to the catalogue that the viewer may see."""
    latest = film_list(viewer=viewer, filters=FilmFilters(), language=language).order_by("-created_at", "-pk")
    return list(latest[:limit])


def film_find(*, slug: str) -> Film | None:
    """The film at this address whoever may see it, or None (for imports and seeds, not for pages)."""
    try:
        return Film.objects.get(slug=slug)
    except Film.DoesNotExist:
        return None


def films_by_identifiers(
    *, eidrs: Iterable[str] = (), imdb_ids: Iterable[str] = (), slugs: Iterable[str] = ()
) -> tuple[dict[str, Film], dict[str, Film], dict[str, Film]]:
    """Films by EIDR, by IMDb id and by address, whoever may see them (for imports, not for pages)."""
    wanted = [sorted(set(eidrs)), sorted(set(imdb_ids)), sorted(set(slugs))]
    found: list[dict[str, Film]] = []
    for field, keys in zip(("eidr", "imdb_id", "slug"), wanted, strict=True):
        films = Film.objects.filter(**{f"{field}__in": keys}) if keys else Film.objects.none()
        found.append({getattr(film, field): film for film in films})
    return found[0], found[1], found[2]


def films_of_owner(*, owner: Organisation) -> QuerySet[Film]:
    """Every film of an organisation, published or not, with all its translations (for imports)."""
    return Film.objects.filter(owner=owner).prefetch_related("translations")


def person_find(*, slug: str) -> Person | None:
    """The person at this address, or None (for imports and seeds)."""
    try:
        return Person.objects.get(slug=slug)
    except Person.DoesNotExist:
        return None


def film_slugs_with_prefix(*, prefix: str) -> list[str]:
    """The addresses of every film whose address starts with `prefix` (an import's own namespace)."""
    return list(Film.objects.filter(slug__startswith=prefix).values_list("slug", flat=True))


def person_slugs_with_prefix(*, prefix: str) -> list[str]:
    """The addresses of every person whose address starts with `prefix` (an import's own namespace)."""
    return list(Person.objects.filter(slug__startswith=prefix).values_list("slug", flat=True))


def film_lock(*, pk: int) -> Film | None:
    """The film with its owner, its row locked until the transaction ends; None when there is none.

    The per-work lock of the rights services (SELECT … FOR NO KEY UPDATE on PostgreSQL: writers of the
    film's rights wait for each other, rows that merely refer to the film do not; SQLite has one
    writer at a time anyway). Call it inside a transaction.
    """
    try:
        return Film.objects.select_for_update(of=("self",), no_key=True).select_related("owner").get(pk=pk)
    except Film.DoesNotExist:
        return None


def films_lock(*, pks: Iterable[int], chunk: int = 5000) -> dict[int, int]:
    """{film id: owner id} of those of `pks` that exist, their rows locked in id order (no deadlocks)."""
    owners: dict[int, int] = {}
    ordered = sorted(set(pks))
    for start in range(0, len(ordered), chunk):
        rows = (
            Film.objects.select_for_update(no_key=True)
            .filter(pk__in=ordered[start : start + chunk])
            .order_by("pk")
            .values_list("pk", "owner_id")
        )
        owners.update(rows)
    return owners

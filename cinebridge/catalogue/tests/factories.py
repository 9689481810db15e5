"""Factories for films and people (straight to the models: service behaviour is tested on its own)."""

import factory

from cinebridge.accounts.tests.factories import OrganisationFactory
from cinebridge.catalogue.models import Film, FilmKind, FilmTranslation, Person, PersonName


class FilmFactory(factory.django.DjangoModelFactory[Film]):
    class Meta:
        model = Film
        skip_postgeneration_save = True

    owner = factory.SubFactory(OrganisationFactory)
    slug = factory.Sequence(lambda n: f"film-{n}")
    original_title = factory.Sequence(lambda n: f"فیلم {n}")
    original_language = "fa"
    kind = FilmKind.FEATURE
    year = 2020
    runtime_minutes = 90

    @factory.post_generation
    def english_title(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            FilmTranslation.objects.create(film=obj, language_code="en", title=extracted or f"Film {obj.pk}")


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"person-{n}")

    @factory.post_generation
    def names(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            for language, name in (extracted or {"en": f"Person {obj.pk}"}).items():
                PersonName.objects.create(person=obj, language_code=language, name=name)

"""Catalogue forms: what they accept, what they refuse and how a service's refusal lands on them."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cinebridge.accounts.models import Organisation, OrganisationKind
from cinebridge.accounts.tests.factories import OrganisationFactory
from cinebridge.catalogue.forms import (
    CreditForm,
    DigitsDateField,
    DigitsIntegerField,
    FilmFilterForm,
    FilmForm,
    RatingForm,
)
from cinebridge.catalogue.selectors import FilmFilters
from cinebridge.core.errors import ApplicationError
from cinebridge.core.forms import add_service_error


def film_form_data(owner, **changes):
    data = {
        "owner": str(owner.pk),
        "original_title": "بچه‌های آسمان",
        "original_language": "fa",
        "kind": "feature",
        "audience": "children",
        "year": "1997",
        "runtime_minutes": "89",
        "countries": ["IR", "BY"],
        "genres": ["family", "drama"],
        "is_published": "on",
        "title_en": "Children of Heaven",
        "synopsis_en": "A lost pair of shoes.",
        "title_ru": "Дети небес",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("typed", ["2015", "۲۰۱۵", "٢٠١٥", " ۲۰۱۵ "])
def test_integer_field_reads_persian_and_arabic_indic_digits(typed):
    assert DigitsIntegerField().clean(typed) == 2015


def test_date_field_reads_persian_digits():
    assert DigitsDateField().clean("۲۰۲۴-۰۳-۰۵").isoformat() == "2024-03-05"


def test_filter_form_turns_valid_fields_into_filters():
    form = FilmFilterForm({"kind": "animation", "year_from": "۲۰۱۰", "year_to": "2020", "country": "BY"})
    assert form.is_valid(), form.errors
    assert form.filters() == FilmFilters(kind="animation", year_from=2010, year_to=2020, country="BY")


def test_filter_form_reports_wrong_values_and_leaves_them_out_of_the_filters():
    form = FilmFilterForm({"kind": "opera", "year_from": "soon", "audience": "youth"})
    assert not form.is_valid()
    assert set(form.errors) == {"kind", "year_from"}
    assert form.filters() == FilmFilters(audience="youth")


def test_filter_form_refuses_an_end_year_before_the_start_year():
    form = FilmFilterForm({"year_from": "2020", "year_to": "2010"})
    assert not form.is_valid()
    assert "year_to" in form.errors


def test_filter_form_refuses_a_year_before_cinema():
    form = FilmFilterForm({"year_from": "1700"})
    assert not form.is_valid()
    assert "year_from" in form.errors


@pytest.mark.django_db
def test_film_form_builds_the_service_input_with_only_the_languages_given():
    owner = OrganisationFactory()
    form = FilmForm(film_form_data(owner, year="۱۹۹۷"), owners=Organisation.objects.all())
    assert form.is_valid(), form.errors
    data = form.film_data()
    assert data.year == 1997
    assert set(data.translations) == {"en", "ru"}
    assert data.translations["en"].synopsis == "A lost pair of shoes."
    assert list(data.countries) == ["IR", "BY"]
    assert set(data.genre_codes) == {"family", "drama"}


@pytest.mark.django_db
def test_film_form_offers_only_the_organisations_given_as_owners():
    mine = OrganisationFactory(kind=OrganisationKind.RIGHTS_HOLDER)
    other = OrganisationFactory(kind=OrganisationKind.RIGHTS_HOLDER)
    form = FilmForm(film_form_data(other), owners=Organisation.objects.filter(pk=mine.pk))
    assert not form.is_valid()
    assert "owner" in form.errors


@pytest.mark.django_db
def test_film_form_for_editing_has_no_owner_field():
    form = FilmForm(film_form_data(OrganisationFactory()))
    assert "owner" not in form.fields
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_film_form_lists_english_first_among_the_five_languages():
    codes = [text.code for text in FilmForm().translation_fields()]
    assert codes[0] == "en"
    assert sorted(codes) == ["ar", "be", "en", "fa", "ru"]


@pytest.mark.django_db
def test_service_error_lands_on_the_field_it_names():
    form = FilmForm(film_form_data(OrganisationFactory()))
    assert form.is_valid()
    add_service_error(form, ApplicationError("An English title is required.", extra={"field": "title_en"}))
    assert form.errors["title_en"] == ["An English title is required."]


@pytest.mark.django_db
def test_service_error_naming_an_unknown_field_goes_above_the_form():
    form = FilmForm(film_form_data(OrganisationFactory()))
    assert form.is_valid()
    add_service_error(form, ApplicationError("Unknown language code “xx”.", extra={"field": "translations"}))
    assert form.non_field_errors() == ["Unknown language code “xx”."]


@pytest.mark.django_db
def test_model_validation_errors_land_on_matching_fields_or_above_the_form():
    form = FilmForm(film_form_data(OrganisationFactory()))
    assert form.is_valid()
    add_service_error(form, ValidationError({"eidr": ["Taken."], "slug": ["Clash."]}))
    assert form.errors["eidr"] == ["Taken."]
    assert form.non_field_errors() == ["Clash."]


def test_credit_form_refuses_a_character_for_a_director():
    form = CreditForm({"name": "Majid Majidi", "name_language": "en", "role": "director", "character": "Ali"})
    assert not form.is_valid()
    assert "character" in form.errors


def test_credit_form_accepts_a_character_for_an_actor():
    form = CreditForm(
        {"name": "Amir Farrokh Hashemian", "name_language": "en", "role": "actor", "character": "Ali"}
    )
    assert form.is_valid(), form.errors


def test_rating_choices_are_grouped_by_country_and_labelled_in_the_active_language():
    with translation.override("fa"):
        form = RatingForm()
        groups = dict(form.fields["rating_code"].choices[1:])
    iran = next(ratings for name, ratings in groups.items() if name == "ایران")
    assert ("+12", "بالای ۱۲ سال") in iran

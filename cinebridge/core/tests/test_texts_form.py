"""Texts typed in several languages (core.forms.TextsMixin) and their shared template: an input per
interface language, English first; a required text needs one language; the page groups each text's
inputs and then shows the other fields; the `names` filter reads a map back in the reader's language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from cinebridge.core.forms import TEXT_LANGUAGES, BootstrapMixin, Text, TextsMixin


class _Form(TextsMixin, BootstrapMixin, forms.Form):
    TEXTS: tuple[Text, ...] = (Text("title", "Title", required=True), Text("synopsis", "Synopsis", long=True))

    year = forms.IntegerField(label="Year")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class _Names(_Form):
    TEXTS = (Text("names", "Name", required=True),)
    short_max_length = 300
    texts_required_message = "Give the name in at least one language."


def _data(**typed: str) -> dict[str, Any]:
    return {"year": "2026", **typed}


def test_an_input_per_interface_language_english_first_after_the_forms_own_fields():
    form = _Form()
    assert TEXT_LANGUAGES[0] == "en"
    assert sorted(TEXT_LANGUAGES) == ["ar", "be", "en", "fa", "ru"]
    assert list(form.fields) == [
        "year",
        "version",
        *(f"title_{code}" for code in TEXT_LANGUAGES),
        *(f"synopsis_{code}" for code in TEXT_LANGUAGES),
    ]
    title_fa = form.fields["title_fa"]
    assert isinstance(title_fa.widget, forms.TextInput)
    assert title_fa.widget.attrs == {"lang": "fa", "dir": "auto", "class": "form-control", "maxlength": "200"}
    assert title_fa.max_length == 200
    assert isinstance(form.fields["synopsis_ru"].widget, forms.Textarea)
    assert form.fields["synopsis_ru"].max_length == 4000
    assert _Names().fields["names_be"].max_length == 300


def test_the_texts_given_fill_the_inputs():
    form = _Form(texts={"title": {"fa": "بادبادک", "en": "The Kite"}})
    assert form["title_fa"].value() == "بادبادک"
    assert form["title_en"].value() == "The Kite"
    assert form["title_ru"].value() == ""
    assert form["synopsis_en"].value() == ""


def test_a_required_text_needs_one_language_and_the_message_goes_under_english():
    form = _Form(_data(synopsis_en="A boy and a kite."))
    assert not form.is_valid()
    assert form.errors == {"title_en": ["Enter it in at least one language."]}
    names = _Names(_data())
    assert not names.is_valid()
    assert names.errors == {"names_en": ["Give the name in at least one language."]}


def test_any_one_language_will_do_and_empty_ones_are_left_out():
    form = _Form(_data(title_be="  Паветраны змей  ", title_ru="   "))
    assert form.is_valid(), form.errors
    assert form.texts_of("title") == {"be": "Паветраны змей"}
    assert form.texts_of("synopsis") == {}


def test_the_page_groups_each_texts_inputs_then_shows_the_other_visible_fields():
    form = _Form(texts={"title": {"en": "The Kite"}})
    groups = form.text_groups()
    assert [(group.prefix, group.label, group.long) for group in groups] == [
        ("title", "Title", False),
        ("synopsis", "Synopsis", True),
    ]
    assert [code for code, _language, _field in groups[0].fields] == list(TEXT_LANGUAGES)
    assert [field.name for field in form.other_fields()] == ["year"]

    with translation.override("en"):
        html = render_to_string("web/components/texts_form.html", {"form": form})
    assert html.index('id="texts-title"') < html.index('id="texts-synopsis"') < html.index('name="year"')
    assert 'type="hidden" name="version"' in html
    assert html.count('class="col-md-4"') == len(TEXT_LANGUAGES)  # the title's inputs
    assert html.count('class="col-md-6"') == len(TEXT_LANGUAGES)  # the synopsis's, wider
    assert 'value="The Kite"' in html
    assert ">Persian</label>" in html


def test_the_page_shows_the_required_message_under_the_english_input():
    form = _Form(_data())
    form.is_valid()
    html = render_to_string("web/components/texts_form.html", {"form": form})
    assert 'id="id_title_en_error"' in html
    assert "Enter it in at least one language." in html


def test_the_names_filter_reads_a_map_in_the_readers_language_else_english_else_any():
    template = Template("{% load cinebridge %}{{ value|names }}")
    for language, expected in (("fa", "بادبادک"), ("ru", "The Kite")):
        with translation.override(language):
            assert template.render(Context({"value": {"en": "The Kite", "fa": "بادبادک"}})) == expected
    with translation.override("ru"):
        assert template.render(Context({"value": {"be": "Паветраны змей"}})) == "Паветраны змей"
        assert template.render(Context({"value": None})) == ""


def test_the_apps_libraries_give_the_same_names_filter():
    for library in ("events", "coproduction_directory"):
        template = Template("{% load " + library + " %}{{ value|names }}")
        with translation.override("fa"):
            assert template.render(Context({"value": {"en": "Minsk", "fa": "مینسک"}})) == "مینسک"

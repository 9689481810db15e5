"""Festival pages as real users of several organisations: the public festivals and edition pages, entering
a catalogue film (live eligibility check, refusal listing every problem), the applicant's submissions,
the festival office (editions, sections, calls, the submissions table, decisions with stale versions,
juries, awards) and the jury's sheet — and who is refused where: another festival's editors, another
rights holder, applicants who must never see scores or private notes. Pages render in fa right to left."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from cinebridge.accounts.models import Role
from cinebridge.accounts.tests.factories import UserFactory, member_of
from cinebridge.catalogue.models import FilmKind
from cinebridge.events.models import (
    Award,
    Call,
    Edition,
    Festival,
    JuryMember,
    JuryScore,
    Section,
    Strand,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
    Venue,
)
from cinebridge.events.tests.factories import (
    CallFactory,
    FestivalFactory,
    JuryMemberFactory,
    JuryScoreFactory,
    SectionFactory,
    SubmissionFactory,
    festival_film,
    festival_organisation,
    festival_scene,
    rights_holder,
)
from cinebridge.events.views.festivals import call_rule_lines, submission_steps

pytestmark = pytest.mark.django_db


def url(name, *args, language="en", query="", **kwargs):
    with translation.override(language):
        return reverse(f"events:{name}", args=args or None, kwargs=kwargs or None) + (
            f"?{query}" if query else ""
        )


def as_user(client, user):
    client.force_login(user)
    return client


def text(response):
    return response.content.decode()


@pytest.fixture
def scene():
    return festival_scene(call_fields={"min_runtime": 60, "max_runtime": 150, "kinds": ["feature"]})


@pytest.fixture
def slug(scene):
    return scene.edition.programme.slug


@pytest.fixture
def other_festival_editor():
    """An editor of another festival (same kind of organisation, another festival)."""
    festival = FestivalFactory(organisation=festival_organisation(name="Fajr"), names={"en": "Fajr"})
    return member_of(festival.organisation, Role.EDITOR)


@pytest.fixture
def other_holder_editor():
    """An editor of another rights holder, with a film of its own."""
    holder = rights_holder(name="Belarusfilm", country="BY")
    festival_film(owner=holder, countries=("BY",))
    return member_of(holder, Role.EDITOR)


@pytest.fixture
def submission(scene):
    return SubmissionFactory(call=scene.call, film=scene.film, applicant=scene.rights_holder)


@pytest.fixture
def in_review(submission):
    submission.status = SubmissionStatus.IN_REVIEW
    submission.save()
    return submission


@pytest.fixture
def juror(scene):
    return JuryMemberFactory(section=scene.section).user


# --- public pages ------------------------------------------------------------------------------------


def test_anyone_sees_the_festivals_with_their_editions(client, scene, slug):
    response = client.get(url("festival_list"))

    assert response.status_code == 200
    assert "Listapad" in text(response)
    assert url("edition_detail", slug) in text(response)


def test_the_edition_page_shows_sections_and_each_call_in_words(client, scene, slug):
    youth = SectionFactory(
        edition=scene.edition, code="youth", names={"en": "Youth competition"}, strand=Strand.CHILDREN
    )
    CallFactory(section=youth, countries=["IR", "BY"], premiere="national", min_year=2023)

    response = client.get(url("edition_detail", slug))

    page = text(response)
    assert response.status_code == 200
    assert "Main competition" in page
    assert "Runtime from 60 to 150 minutes." in page
    assert "Kinds of film: Feature." in page
    assert "Produced in 2023 or later." in page
    assert "Made or co-produced in: Iran or Belarus." in page
    assert "At least a “National premiere” is required." in page
    assert 'class="badge text-bg-warning children-strand"' in page
    # Signed-out visitors see the calls, not the entry button.
    assert "Submit a film" not in page


def test_the_edition_page_names_each_city_of_its_venues_once(client, scene, slug):
    for name in ("Pobeda", "Moskva"):
        Venue.objects.create(
            programme=scene.edition.programme,
            names={"en": name},
            city_names={"en": "Minsk", "ru": "Минск"},
            city_key="minsk",
            time_zone="Europe/Minsk",
        )
    Venue.objects.create(
        programme=scene.edition.programme,
        names={"en": "Dom Kino"},
        city_names={"en": "Brest"},
        city_key="brest",
        time_zone="Europe/Minsk",
    )

    page = text(client.get(url("edition_detail", slug)))
    facts = page[page.index('id="edition-facts"') :]
    facts = " ".join(re.sub(r"<[^>]+>", " ", facts[: facts.index("</ul>")]).split())

    assert "Brest · Minsk — Belarus" in facts  # in the order of the city codes, each once
    assert facts.count("Minsk") == 1


def test_submit_is_offered_to_those_who_may_enter_films_only(client, scene, slug, other_festival_editor):
    assert "Submit a film" in text(as_user(client, scene.applicant_editor).get(url("edition_detail", slug)))
    assert "Submit a film" not in text(
        as_user(client, other_festival_editor).get(url("edition_detail", slug))
    )


def test_a_closed_call_offers_no_entry(client, scene, slug):
    scene.call.deadline = timezone.localdate() - timedelta(days=1)
    scene.call.opens_on = scene.call.deadline - timedelta(days=10)
    scene.call.save()

    response = as_user(client, scene.applicant_editor).get(url("edition_detail", slug))

    assert "Entries closed" in text(response)
    assert "Submit a film" not in text(response)


def test_an_unknown_edition_is_404(client):
    assert client.get(url("edition_detail", "no-such-edition")).status_code == 404


def test_call_rules_say_when_nothing_restricts(scene):
    call = Call(section=scene.section, opens_on=scene.call.opens_on, deadline=scene.call.deadline)

    assert call_rule_lines(call) == ["Every kind of film.", "No premiere status is required."]


# --- entering a film ---------------------------------------------------------------------------------


def test_the_entry_form_offers_only_the_viewers_catalogue_films(client, scene, slug, other_holder_editor):
    response = as_user(client, scene.applicant_editor).get(url("submission_create", slug))

    assert response.status_code == 200
    films = list(response.context["form"].fields["film"].queryset)
    assert films == [scene.film]


def test_entering_an_eligible_film_records_it_and_shows_its_page(client, scene, slug):
    response = as_user(client, scene.applicant_editor).post(
        url("submission_create", slug),
        {
            "applicant": scene.rights_holder.pk,
            "film": scene.film.pk,
            "section": scene.section.pk,
            "premiere": "none",
            "note": "Our best film",
        },
    )

    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("submission_detail", pk=submission.pk)
    assert (submission.film, submission.applicant, submission.status) == (
        scene.film,
        scene.rights_holder,
        SubmissionStatus.SUBMITTED,
    )
    assert submission.submitted_by == scene.applicant_editor


def test_an_ineligible_film_is_refused_with_every_problem_listed(client, scene, slug):
    short_doc = festival_film(owner=scene.rights_holder, kind=FilmKind.DOCUMENTARY, runtime_minutes=40)

    response = as_user(client, scene.applicant_editor).post(
        url("submission_create", slug),
        {
            "applicant": scene.rights_holder.pk,
            "film": short_doc.pk,
            "section": scene.section.pk,
            "premiere": "none",
        },
    )

    assert response.status_code == 200
    assert not Submission.objects.exists()
    problems = response.context["problems"]
    assert len(problems) == 2
    page = text(response)
    assert 'id="submission-refused"' in page
    assert "Kind of film “Documentary” is not accepted" in page
    assert "shorter than the call&#x27;s minimum" in page


def test_another_holders_film_cannot_be_entered(client, scene, slug, other_holder_editor):
    response = as_user(client, other_holder_editor).post(
        url("submission_create", slug),
        {"film": scene.film.pk, "section": scene.section.pk, "premiere": "none"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["film"]
    assert not Submission.objects.exists()


def test_the_live_check_lists_the_problems_of_the_chosen_film(client, scene, slug):
    long_film = festival_film(owner=scene.rights_holder, runtime_minutes=200)
    as_user(client, scene.applicant_editor)
    query = f"film={long_film.pk}&section={scene.section.pk}&premiere=none"

    response = client.get(url("submission_check", slug, query=query), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert "<html" not in text(response)
    assert "longer than the call&#x27;s limit" in text(response)
    ok = client.get(
        url("submission_check", slug, query=f"film={scene.film.pk}&section={scene.section.pk}&premiere=none")
    )
    assert "meets every rule" in text(ok)


def test_the_live_check_says_nothing_about_films_the_viewer_may_not_enter(
    client, scene, slug, other_holder_editor
):
    query = f"film={scene.film.pk}&section={scene.section.pk}&premiere=none"

    response = as_user(client, other_holder_editor).get(url("submission_check", slug, query=query))

    assert response.status_code == 200
    assert response.context["problems"] is None


def test_who_may_not_enter_films_is_refused_the_entry_form(client, scene, slug, other_festival_editor):
    assert as_user(client, other_festival_editor).get(url("submission_create", slug)).status_code == 403
    client.logout()
    response = client.get(url("submission_create", slug))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- my submissions and a submission's page ----------------------------------------------------------


def test_my_submissions_shows_each_with_where_it_stands(client, scene, in_review, other_holder_editor):
    response = as_user(client, scene.applicant_editor).get(url("submission_list"))

    [row] = response.context["rows"]
    assert row["submission"] == in_review
    assert [step.state for step in row["steps"]] == ["done", "current", "todo", "todo", "todo"]
    assert 'data-state="current"' in text(response)

    others = as_user(client, other_holder_editor).get(url("submission_list"))
    assert others.context["rows"] == []


def test_the_step_indicator_ends_at_not_selected_and_skips_what_was_not_passed():
    assert [s.state for s in submission_steps(SubmissionStatus.NOT_SELECTED)] == ["done", "done", "ended"]
    awarded = submission_steps(SubmissionStatus.AWARDED, ["submitted", "in_review", "selected", "awarded"])
    assert [s.state for s in awarded] == ["done", "done", "done", "todo", "current"]
    withdrawn = submission_steps(SubmissionStatus.WITHDRAWN, ["submitted", "withdrawn"])
    assert [s.state for s in withdrawn] == ["done", "ended"]


def test_the_submission_page_is_seen_by_applicant_festival_and_jury_only(
    client, scene, in_review, juror, other_holder_editor, other_festival_editor
):
    page = url("submission_detail", pk=in_review.pk)
    for user in (scene.applicant_editor, scene.festival_editor, juror):
        assert as_user(client, user).get(page).status_code == 200
    for user in (other_holder_editor, other_festival_editor, UserFactory()):
        assert as_user(client, user).get(page).status_code == 403
    client.logout()
    assert client.get(page).status_code == 302


def test_the_jury_does_not_see_entries_before_review(client, submission, juror):
    assert as_user(client, juror).get(url("submission_detail", pk=submission.pk)).status_code == 403


def test_applicants_see_neither_scores_nor_private_notes(client, scene, in_review, juror):
    JuryScoreFactory(
        member=JuryMember.objects.get(user=juror),
        submission=in_review,
        score=9,
        private_note="Secret thoughts",
    )

    applicant = text(as_user(client, scene.applicant_editor).get(url("submission_detail", pk=in_review.pk)))
    assert "jury-scores" not in applicant
    assert "Secret thoughts" not in applicant
    assert "Mean" not in applicant

    festival = as_user(client, scene.festival_editor).get(url("submission_detail", pk=in_review.pk))
    assert festival.context["aggregate"].mean == 9
    assert "jury-scores" in text(festival)
    assert "Secret thoughts" not in text(festival)

    own = text(as_user(client, juror).get(url("submission_detail", pk=in_review.pk)))
    assert "Secret thoughts" in own


def test_the_applicant_does_not_see_the_table_of_another_festival(client, scene, slug, in_review):
    response = as_user(client, scene.applicant_editor).get(url("edition_submissions", slug))

    assert response.status_code == 403


# --- decisions ---------------------------------------------------------------------------------------


def test_the_festival_puts_an_entry_in_review_with_a_message(client, scene, submission):
    response = as_user(client, scene.festival_editor).post(
        url("submission_decide", pk=submission.pk),
        {"version": submission.version, "to_status": "in_review", "message": "Our committee is watching it."},
    )

    submission.refresh_from_db()
    assert response.status_code == 302
    assert submission.status == SubmissionStatus.IN_REVIEW
    event = SubmissionEvent.objects.get(submission=submission, to_status="in_review")
    assert event.message == "Our committee is watching it."
    # The applicant reads the message on its timeline.
    page = text(as_user(client, scene.applicant_editor).get(url("submission_detail", pk=submission.pk)))
    assert "Our committee is watching it." in page


def test_a_decision_from_the_table_returns_to_it_and_never_elsewhere(client, scene, slug, submission):
    table = url("edition_submissions", slug, query="status=submitted")
    as_user(client, scene.festival_editor)

    response = client.post(
        url("submission_decide", pk=submission.pk),
        {"version": submission.version, "to_status": "in_review", "next": table},
    )
    assert response["Location"] == table

    response = client.post(
        url("submission_decide", pk=submission.pk),
        {"version": submission.version + 1, "to_status": "selected", "next": "https://elsewhere.example/"},
    )
    assert response["Location"] == url("submission_detail", pk=submission.pk)


def test_a_stale_decision_is_refused_with_409_keeping_the_message(client, scene, in_review):
    old_version = in_review.version
    Submission.objects.filter(pk=in_review.pk).update(version=old_version + 1)

    response = as_user(client, scene.festival_editor).post(
        url("submission_decide", pk=in_review.pk),
        {"version": old_version, "to_status": "selected", "message": "Welcome to Minsk"},
    )

    in_review.refresh_from_db()
    assert response.status_code == 409
    assert in_review.status == SubmissionStatus.IN_REVIEW
    page = text(response)
    assert 'id="submission-stale"' in page
    assert "Welcome to Minsk" in page
    assert response.context["decision_form"]["version"].value() == str(old_version + 1)


def test_a_refused_step_is_shown_on_the_form(client, scene, in_review):
    in_review.status = SubmissionStatus.SELECTED
    in_review.save()

    # Screenings are recorded from the edition's first day (60 days from now in the scene).
    response = as_user(client, scene.festival_editor).post(
        url("submission_decide", pk=in_review.pk), {"version": in_review.version, "to_status": "screened"}
    )

    assert response.status_code == 200
    assert response.context["decision_form"].non_field_errors()
    assert "first day" in text(response)


def test_only_the_festivals_editors_decide(client, scene, in_review, other_festival_editor):
    for user in (scene.applicant_editor, other_festival_editor):
        response = as_user(client, user).post(
            url("submission_decide", pk=in_review.pk), {"version": in_review.version, "to_status": "selected"}
        )
        assert response.status_code == 403
    in_review.refresh_from_db()
    assert in_review.status == SubmissionStatus.IN_REVIEW


def test_the_applicant_withdraws_and_the_festival_cannot(client, scene, submission):
    response = as_user(client, scene.festival_editor).post(
        url("submission_withdraw", pk=submission.pk), {"version": submission.version}
    )
    assert response.status_code == 403

    response = as_user(client, scene.applicant_editor).post(
        url("submission_withdraw", pk=submission.pk), {"version": submission.version, "message": "Sorry"}
    )

    submission.refresh_from_db()
    assert response.status_code == 302
    assert submission.status == SubmissionStatus.WITHDRAWN


def test_a_stale_withdrawal_is_refused_with_409_keeping_the_message(client, scene, submission):
    old_version = submission.version
    Submission.objects.filter(pk=submission.pk).update(version=old_version + 1)

    response = as_user(client, scene.applicant_editor).post(
        url("submission_withdraw", pk=submission.pk), {"version": old_version, "message": "Sorry"}
    )

    submission.refresh_from_db()
    assert response.status_code == 409
    assert submission.status == SubmissionStatus.SUBMITTED
    assert 'id="submission-stale"' in text(response)
    assert response.context["withdraw_form"]["message"].value() == "Sorry"
    assert response.context["withdraw_form"]["version"].value() == str(old_version + 1)
    assert response.context["decision_form"] is not response.context["withdraw_form"]


def test_the_festival_gives_an_award_named_in_several_languages(client, scene, in_review):
    in_review.status = SubmissionStatus.SELECTED
    in_review.save()

    response = as_user(client, scene.festival_editor).post(
        url("award_give", pk=in_review.pk), {"names_en": "Grand Prix", "names_ru": "Гран-при"}
    )

    assert response.status_code == 302
    award = Award.objects.get()
    assert award.names == {"en": "Grand Prix", "ru": "Гран-при"}
    in_review.refresh_from_db()
    assert in_review.status == SubmissionStatus.AWARDED
    assert "Grand Prix" in text(client.get(url("submission_detail", pk=in_review.pk)))


def test_an_award_needs_a_name(client, scene, in_review):
    in_review.status = SubmissionStatus.SELECTED
    in_review.save()

    response = as_user(client, scene.festival_editor).post(url("award_give", pk=in_review.pk), {})

    assert response.status_code == 200
    assert response.context["award_form"].errors["names_en"]
    assert not Award.objects.exists()


# --- the festival office -----------------------------------------------------------------------------


def test_the_office_lists_only_the_viewers_festivals(client, scene, other_festival_editor):
    mine = as_user(client, scene.festival_editor).get(url("festival_office"))
    assert "Listapad" in text(mine)

    theirs = as_user(client, other_festival_editor).get(url("festival_office"))
    assert "Listapad" not in text(theirs)
    assert "Fajr" in text(theirs)

    assert as_user(client, scene.applicant_editor).get(url("festival_office")).status_code == 403


def test_the_office_and_the_edition_page_lead_to_the_edition_s_programme(client, scene, slug):
    as_user(client, scene.festival_editor)
    programme_page = url("manage", slug)
    assert programme_page in text(client.get(url("festival_office")))
    assert programme_page in text(client.get(url("edition_manage", slug=slug)))
    assert client.get(programme_page).status_code == 200


def test_another_festivals_editor_cannot_manage_this_edition(client, scene, slug, other_festival_editor):
    as_user(client, other_festival_editor)
    for name, kwargs in (
        ("edition_manage", {"slug": slug}),
        ("edition_submissions", {"slug": slug}),
        ("edition_call", {"slug": slug, "section_id": scene.section.pk}),
        ("edition_create", {"festival_slug": scene.festival.slug}),
        ("edition_edit", {"slug": slug}),
    ):
        assert client.get(url(name, **kwargs)).status_code == 403, name
    response = client.post(
        url("edition_call", slug=slug, section_id=scene.section.pk),
        {"opens_on": "2020-01-01", "deadline": "2020-02-01", "premiere": "none"},
    )
    assert response.status_code == 403
    response = client.post(
        url("edition_section_create", slug=slug),
        {"code": "theirs", "names_en": "Theirs", "strand": "general"},
    )
    assert response.status_code == 403
    assert not Section.objects.filter(code="theirs").exists()
    scene.call.refresh_from_db()
    assert scene.call.min_runtime == 60


def test_a_section_of_another_edition_is_not_reached_through_this_one(client, scene, slug):
    foreign = SectionFactory()  # another festival's edition
    CallFactory(section=foreign, min_runtime=5)
    as_user(client, scene.festival_editor)

    assert client.get(url("edition_call", slug=slug, section_id=foreign.pk)).status_code == 404
    response = client.post(url("jury_member_add", slug=slug, section_id=foreign.pk), {"who": "x"})
    assert response.status_code == 404
    response = client.post(
        url("edition_call", slug=slug, section_id=foreign.pk),
        {"opens_on": "2020-01-01", "deadline": "2020-02-01", "premiere": "none"},
    )
    assert response.status_code == 404
    assert Call.objects.get(section=foreign).min_runtime == 5


def test_the_office_adds_a_festival_an_edition_a_section_and_its_call(client, scene):
    as_user(client, scene.festival_editor)

    response = client.post(
        url("festival_office"),
        {
            "organisation": scene.festival.organisation.pk,
            "slug": "listapad-kids",
            "names_en": "Listapad Kids",
        },
    )
    festival = Festival.objects.get(slug="listapad-kids")
    assert response["Location"] == url("edition_create", festival_slug="listapad-kids")

    year = timezone.localdate().year + 1
    response = client.post(
        url("edition_create", festival_slug=festival.slug),
        {
            "year": str(year),
            "slug": f"kids-{year}",
            "names_en": f"Listapad Kids {year}",
            "names_fa": "لیستاپاد کودک",
            "host_country": "BY",
            "time_zone": "Europe/Minsk",
            "starts_on": f"{year}-11-01",
            "ends_on": f"{year}-11-08",
        },
    )
    edition = Edition.objects.get(festival=festival)
    assert response["Location"] == url("edition_manage", slug=f"kids-{year}")
    assert edition.programme.names == {"en": f"Listapad Kids {year}", "fa": "لیستاپاد کودک"}

    client.post(
        url("edition_section_create", slug=f"kids-{year}"),
        {"code": "youth", "names_en": "Youth competition", "strand": "children", "is_competition": "on"},
    )
    section = Section.objects.get(edition=edition)
    assert section.strand == Strand.CHILDREN

    response = client.post(
        url("edition_call", slug=f"kids-{year}", section_id=section.pk),
        {
            "opens_on": f"{year}-01-01",
            "deadline": f"{year}-09-01",
            "kinds": ["feature", "animation"],
            "min_runtime": "۶۰",  # Persian digits are read too
            "premiere": "national",
            "countries": ["IR", "BY"],
            "audiences": ["children", "youth"],
            "rules_text": "Subtitles in English.",
        },
    )
    assert response.status_code == 302
    call = Call.objects.get(section=section)
    assert (call.kinds, call.min_runtime, call.countries) == (["animation", "feature"], 60, ["BY", "IR"])

    manage = text(client.get(url("edition_manage", slug=f"kids-{year}")))
    assert "Youth competition" in manage
    assert "Kinds of film: Feature or Animation." in manage


def test_the_office_edits_an_edition_and_is_told_what_the_dates_would_break(
    client, scene, slug, other_festival_editor
):
    programme = scene.edition.programme
    assert as_user(client, other_festival_editor).get(url("edition_edit", slug=slug)).status_code == 403
    as_user(client, scene.festival_editor)
    form = client.get(url("edition_edit", slug=slug)).context["form"]
    assert form["names_en"].value() == programme.names["en"]
    assert "slug" not in form.fields  # an edition's address stays
    data = {
        "names_en": "Listapad, 32nd",
        "number": "32",
        "host_country": "BY",
        "time_zone": "Europe/Minsk",
        "starts_on": programme.starts_on.isoformat(),
        "ends_on": (programme.ends_on + timedelta(days=1)).isoformat(),
    }

    response = client.post(url("edition_edit", slug=slug), data)

    assert response.status_code == 302
    programme.refresh_from_db()
    scene.edition.refresh_from_db()
    assert (programme.names, scene.edition.number) == ({"en": "Listapad, 32nd"}, 32)
    # An edition ending before a call's deadline is refused on that field.
    Call.objects.filter(pk=scene.call.pk).update(deadline=programme.ends_on)
    earlier = (programme.ends_on - timedelta(days=1)).isoformat()
    response = client.post(url("edition_edit", slug=slug), {**data, "ends_on": earlier})
    assert response.status_code == 200
    assert "deadline" in response.context["form"].errors["ends_on"][0]


def test_service_refusals_land_on_their_fields(client, scene):
    as_user(client, scene.festival_editor)
    year = timezone.localdate().year + 1

    response = client.post(
        url("edition_create", festival_slug=scene.festival.slug),
        {
            "year": str(year),
            "slug": "festivals",
            "names_en": "Reserved",
            "host_country": "BY",
            "time_zone": "Europe/Minsk",
            "starts_on": f"{year}-11-01",
            "ends_on": f"{year}-11-08",
        },
    )

    assert response.status_code == 200
    assert "reserved" in response.context["form"].errors["slug"][0]

    response = client.post(
        url("edition_call", slug=scene.edition.programme.slug, section_id=scene.section.pk),
        {"opens_on": "2020-01-01", "deadline": "2099-01-01", "premiere": "none"},
    )
    assert "last day" in response.context["form"].errors["deadline"][0]


def test_a_name_in_no_language_is_refused_in_the_form(client, scene):
    response = as_user(client, scene.festival_editor).post(
        url("festival_office"), {"organisation": scene.festival.organisation.pk, "slug": "nameless"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["names_en"]
    assert not Festival.objects.filter(slug="nameless").exists()


def test_the_submissions_table_filters_and_aggregates_scores(client, scene, slug, in_review, juror):
    other_section = SectionFactory(edition=scene.edition, code="shorts", names={"en": "Shorts"})
    other = SubmissionFactory(
        call=CallFactory(section=other_section),
        film=festival_film(owner=scene.rights_holder),
        applicant=scene.rights_holder,
    )
    JuryScoreFactory(member=JuryMember.objects.get(user=juror), submission=in_review, score=8)
    second = JuryMemberFactory(section=scene.section)
    JuryScoreFactory(member=second, submission=in_review, score=5)
    as_user(client, scene.festival_editor)

    response = client.get(url("edition_submissions", slug))
    rows = {row["submission"].pk: row for row in response.context["rows"]}
    assert set(rows) == {in_review.pk, other.pk}
    aggregate = rows[in_review.pk]["aggregate"]
    assert (str(aggregate.mean), aggregate.counted, aggregate.flagged) == ("6.50", 2, False)
    assert [status for status, _label in rows[in_review.pk]["decisions"]] == ["selected", "not_selected"]
    assert [status for status, _label in rows[other.pk]["decisions"]] == ["in_review"]

    by_section = client.get(url("edition_submissions", slug, query=f"section={other_section.pk}"))
    assert [row["submission"] for row in by_section.context["rows"]] == [other]
    by_status = client.get(url("edition_submissions", slug, query="status=in_review"))
    assert [row["submission"] for row in by_status.context["rows"]] == [in_review]


def test_the_submissions_table_flags_a_conflict_of_interest(client, scene, slug, in_review):
    # A juror from the applicant's own organisation: the platform finds the conflict.
    insider = member_of(scene.rights_holder, Role.VIEWER)
    JuryScoreFactory(member=JuryMemberFactory(section=scene.section, user=insider), submission=in_review)

    response = as_user(client, scene.festival_editor).get(url("edition_submissions", slug))

    [row] = response.context["rows"]
    assert row["aggregate"].flagged
    assert row["aggregate"].counted == 0
    assert "conflict-flag" in text(response)


def test_the_submissions_table_reads_a_bounded_number_of_queries(
    client, scene, slug, django_assert_max_num_queries
):
    sections = [scene.section, SectionFactory(edition=scene.edition, code="shorts")]
    calls = [scene.call, CallFactory(section=sections[1])]
    jurors = [JuryMemberFactory(section=section) for section in sections]
    for index in range(16):
        submission = SubmissionFactory(
            call=calls[index % 2],
            film=festival_film(owner=scene.rights_holder),
            applicant=scene.rights_holder,
            status=SubmissionStatus.IN_REVIEW if index % 3 else SubmissionStatus.SUBMITTED,
            eligibility_problems=[{"rule": "year", "params": {"year": 2001, "min_year": 2010}}],
        )
        JuryScoreFactory(member=jurors[index % 2], submission=submission, score=1 + index % 10)
    as_user(client, scene.festival_editor)

    # Constant in the number of entries: a few queries per section for the jury's aggregates.
    with django_assert_max_num_queries(24):
        response = client.get(url("edition_submissions", slug))

    assert len(response.context["rows"]) == 16
    assert "Production year" in text(response)


# --- juries ------------------------------------------------------------------------------------------


def test_the_office_seats_a_juror_by_e_mail_and_removes_them(client, scene, slug):
    person = UserFactory(email="critic@example.org")
    as_user(client, scene.festival_editor)

    response = client.post(
        url("jury_member_add", slug=slug, section_id=scene.section.pk),
        {"who": "Critic@example.org", "is_president": "on"},
    )

    member = JuryMember.objects.get(section=scene.section)
    assert response.status_code == 302
    assert (member.user, member.is_president) == (person, True)

    response = client.post(url("jury_member_remove", slug=slug, member_id=member.pk))
    assert response.status_code == 302
    assert not JuryMember.objects.exists()


def test_an_unknown_juror_or_a_second_president_is_refused_on_the_field(client, scene, slug):
    JuryMemberFactory(section=scene.section, is_president=True)
    as_user(client, scene.festival_editor)

    response = client.post(url("jury_member_add", slug=slug, section_id=scene.section.pk), {"who": "nobody"})
    form = next(row["jury_form"] for row in response.context["sections"] if row["section"] == scene.section)
    assert form.errors["who"]

    person = UserFactory()
    response = client.post(
        url("jury_member_add", slug=slug, section_id=scene.section.pk),
        {"who": person.username, "is_president": "on"},
    )
    form = next(row["jury_form"] for row in response.context["sections"] if row["section"] == scene.section)
    assert "already has a president" in form.errors["is_president"][0]


def test_a_juror_scores_abstains_and_declares_a_conflict(client, scene, in_review, juror):
    as_user(client, juror)
    sheet = url("jury_sheet", section_id=scene.section.pk)
    assert client.get(url("jury_home")).status_code == 200
    assert client.get(sheet).status_code == 200
    prefix = f"s{in_review.pk}"

    response = client.post(
        url("jury_score", pk=in_review.pk), {f"{prefix}-score": "8", f"{prefix}-private_note": "Strong"}
    )
    assert response.status_code == 302
    score = JuryScore.objects.get()
    assert (score.score, score.private_note, score.conflict_declared) == (8, "Strong", False)

    client.post(url("jury_score", pk=in_review.pk), {f"{prefix}-score": "abstain"})
    score.refresh_from_db()
    assert score.score is None

    client.post(
        url("jury_score", pk=in_review.pk), {f"{prefix}-score": "6", f"{prefix}-conflict_declared": "on"}
    )
    score.refresh_from_db()
    assert score.conflict_declared
    assert "You declared a conflict of interest" in text(client.get(sheet))


def test_the_jury_sheet_shows_a_conflict_found_by_the_platform(client, scene, in_review):
    insider = member_of(scene.rights_holder, Role.VIEWER)
    JuryMemberFactory(section=scene.section, user=insider)

    response = as_user(client, insider).get(url("jury_sheet", section_id=scene.section.pk))

    [row] = response.context["rows"]
    assert row["conflict"]
    assert "an organisation you belong to owns this film" in text(response)


def test_the_jury_sheet_s_queries_do_not_grow_with_the_entries(client, scene, juror):
    """The conflicts of the whole sheet are found at once, not with two queries per entry."""
    as_user(client, juror)
    sheet = url("jury_sheet", section_id=scene.section.pk)

    def entry(owner):
        film = festival_film(owner=owner)
        return SubmissionFactory(
            call=scene.call, film=film, applicant=owner, status=SubmissionStatus.IN_REVIEW
        )

    entry(scene.rights_holder)
    client.get(sheet)  # warm the caches (session, translations)
    with CaptureQueriesContext(connection) as one:
        assert client.get(sheet).status_code == 200
    for _number in range(4):
        entry(rights_holder(name="Another holder"))
    with CaptureQueriesContext(connection) as five:
        response = client.get(sheet)
    assert len(response.context["rows"]) == 5
    assert len(five) == len(one), [query["sql"] for query in five.captured_queries]


def test_only_the_sections_jury_opens_its_sheet_and_scores(client, scene, in_review, other_festival_editor):
    prefix = f"s{in_review.pk}"
    for user in (scene.festival_editor, scene.applicant_editor, other_festival_editor):
        as_user(client, user)
        assert client.get(url("jury_sheet", section_id=scene.section.pk)).status_code == 403
        response = client.post(url("jury_score", pk=in_review.pk), {f"{prefix}-score": "10"})
        assert response.status_code == 403
    assert not JuryScore.objects.exists()


def test_an_invalid_score_is_refused_on_the_field(client, scene, in_review, juror):
    prefix = f"s{in_review.pk}"

    as_user(client, juror)
    for value in ("11", ""):
        response = client.post(url("jury_score", pk=in_review.pk), {f"{prefix}-score": value})

        assert response.status_code == 200
        [row] = response.context["rows"]
        assert row["form"].errors["score"], value
    assert not JuryScore.objects.exists()


# --- right to left -----------------------------------------------------------------------------------


def test_the_pages_render_in_persian_right_to_left(client, scene, slug, in_review, juror):
    pages = [
        (None, url("festival_list", language="fa")),
        (None, url("edition_detail", slug, language="fa")),
        (scene.applicant_editor, url("submission_create", slug, language="fa")),
        (scene.applicant_editor, url("submission_list", language="fa")),
        (scene.applicant_editor, url("submission_detail", language="fa", pk=in_review.pk)),
        (scene.festival_editor, url("festival_office", language="fa")),
        (scene.festival_editor, url("edition_manage", language="fa", slug=slug)),
        (scene.festival_editor, url("edition_edit", language="fa", slug=slug)),
        (scene.festival_editor, url("edition_submissions", slug, language="fa")),
        (scene.festival_editor, url("edition_call", language="fa", slug=slug, section_id=scene.section.pk)),
        (juror, url("jury_sheet", language="fa", section_id=scene.section.pk)),
    ]
    for user, page in pages:
        if user is None:
            client.logout()
        else:
            as_user(client, user)
        response = client.get(page)
        assert response.status_code == 200, page
        assert re.search(r'<html lang="fa" dir="rtl">', text(response)), page
    edition = text(client.get(url("edition_detail", slug, language="fa")))
    # Persian digits in the runtime rule.
    assert "۶۰" in edition

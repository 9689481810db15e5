"""Signing in and out, password reset by e-mail, the profile page and the management of members."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse
from django.utils import translation

from cinebridge.accounts.models import Membership, OrganisationKind, Role
from cinebridge.accounts.services import user_create
from cinebridge.accounts.tests.factories import TEST_PASSWORD, OrganisationFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


# --- signing in and out -------------------------------------------------------------------------------


def test_signing_in_with_the_right_password_opens_a_session_and_goes_home(client):
    user = UserFactory(username="maryam")

    response = client.post(reverse("accounts:login"), {"username": "maryam", "password": TEST_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    assert client.session[SESSION_KEY] == str(user.pk)


def test_signing_in_with_a_wrong_password_shows_the_form_again(client):
    UserFactory(username="maryam")

    response = client.post(reverse("accounts:login"), {"username": "maryam", "password": "wrong"})

    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert "alert-danger" in response.content.decode()


def test_signing_in_continues_in_the_preferred_language(client):
    UserFactory(username="reza", preferred_language="fa")
    with translation.override("en"):
        target = reverse("web:organisation_list")

    response = client.post(
        reverse("accounts:login"), {"username": "reza", "password": TEST_PASSWORD, "next": target}
    )

    with translation.override("fa"):
        assert response["Location"] == reverse("web:organisation_list")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fa"


def test_signing_out_ends_the_session(client):
    client.force_login(UserFactory())

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert SESSION_KEY not in client.session


# --- password reset -------------------------------------------------------------------------------------


def _reset_link(message) -> str:
    match = re.search(r"https?://testserver(/\S+)", message.body)
    assert match is not None, message.body
    return match.group(1)


def _reset_password(client, email: str, new_password: str) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": email})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    form_page = client.get(_reset_link(mail.outbox[0]), follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")


def test_password_reset_mails_a_link_that_sets_a_new_password(client):
    UserFactory(username="olga", email="olga@belarusfilm.example")

    _reset_password(client, "olga@belarusfilm.example", "a brand new passphrase 42")

    assert mail.outbox[0].to == ["olga@belarusfilm.example"]
    assert client.login(username="olga", password="a brand new passphrase 42")
    assert not client.login(username="olga", password=TEST_PASSWORD)


def test_password_reset_lets_someone_invited_without_a_password_set_their_first_one(client):
    user_create(username="invited", email="invited@farabi.example", password=None)

    _reset_password(client, "invited@farabi.example", "my very first passphrase")

    assert client.login(username="invited", password="my very first passphrase")


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})

    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_password_reset_link_works_only_once(client):
    UserFactory(email="olga@belarusfilm.example")
    _reset_password(client, "olga@belarusfilm.example", "a brand new passphrase 42")

    again = client.get(_reset_link(mail.outbox[0]), follow=True)

    assert not again.context["validlink"]


def test_password_reset_mail_links_to_the_page_in_the_language_it_was_asked_in(client):
    UserFactory(email="olga@belarusfilm.example")
    with translation.override("ru"):
        url = reverse("accounts:password_reset")

    client.post(url, {"email": "olga@belarusfilm.example"})

    assert _reset_link(mail.outbox[0]).startswith("/ru/accounts/")


# --- profile --------------------------------------------------------------------------------------------


def test_profile_requires_signing_in(client):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_profile_lists_the_persons_organisations_with_their_roles(client):
    farabi = OrganisationFactory(name="Farabi Cinema Foundation")
    fajr = OrganisationFactory(name="Fajr Film Festival", kind=OrganisationKind.FESTIVAL)
    OrganisationFactory(name="Belarusfilm")
    user = member_of(farabi, Role.ADMIN)
    Membership.objects.create(user=user, organisation=fajr, role=Role.VIEWER)
    client.force_login(user)

    html = client.get(reverse("accounts:profile")).content.decode()

    assert "Farabi Cinema Foundation" in html
    assert "Fajr Film Festival" in html
    assert "Belarusfilm" not in html
    assert "Administrator" in html
    assert "Viewer" in html
    assert reverse("api_tokens:list") in html


def test_saving_the_preferred_language_switches_to_it(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(reverse("accounts:profile"), {"preferred_language": "be"})

    user.refresh_from_db()
    assert user.preferred_language == "be"
    with translation.override("be"):
        assert response["Location"] == reverse("accounts:profile")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "be"
    page = client.get(response["Location"]).content.decode()
    assert '<html lang="be" dir="ltr">' in page


def test_saving_a_language_the_platform_does_not_speak_is_refused(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(reverse("accounts:profile"), {"preferred_language": "de"})

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.preferred_language == ""


# --- managing members -----------------------------------------------------------------------------------


@pytest.fixture
def farabi():
    return OrganisationFactory(slug="farabi", country="IR", kind=OrganisationKind.RIGHTS_HOLDER)


@pytest.fixture
def farabi_admin(farabi):
    return member_of(farabi, Role.ADMIN)


def _manage_url(organisation) -> str:
    return reverse("accounts:organisation_members", args=[organisation.slug])


def test_an_administrator_adds_a_person_by_e_mail_with_a_role(client, farabi, farabi_admin):
    newcomer = UserFactory(email="newcomer@farabi.example")
    client.force_login(farabi_admin)

    response = client.post(
        _manage_url(farabi), {"action": "add", "add-email": "NewComer@farabi.example", "add-role": "editor"}
    )

    assert response.status_code == 302
    assert Membership.objects.get(user=newcomer, organisation=farabi).role == Role.EDITOR


def test_adding_an_address_nobody_has_an_account_under_shows_it_on_the_e_mail_field(
    client, farabi, farabi_admin
):
    client.force_login(farabi_admin)

    response = client.post(
        _manage_url(farabi), {"action": "add", "add-email": "stranger@example.org", "add-role": "viewer"}
    )

    assert response.status_code == 200
    assert response.context["add_form"].errors["email"]
    assert Membership.objects.filter(organisation=farabi).count() == 1


def test_an_administrator_changes_a_members_role(client, farabi, farabi_admin):
    editor = member_of(farabi, Role.EDITOR)
    membership = Membership.objects.get(user=editor)
    client.force_login(farabi_admin)

    client.post(_manage_url(farabi), {"action": "role", "membership": membership.pk, "role": "viewer"})

    membership.refresh_from_db()
    assert membership.role == Role.VIEWER


def test_an_administrator_removes_a_member(client, farabi, farabi_admin):
    editor = member_of(farabi, Role.EDITOR)
    client.force_login(farabi_admin)

    client.post(
        _manage_url(farabi), {"action": "remove", "membership": Membership.objects.get(user=editor).pk}
    )

    assert not Membership.objects.filter(user=editor).exists()


def test_removing_the_last_administrator_is_refused_with_the_reason_on_the_page(client, farabi, farabi_admin):
    client.force_login(farabi_admin)
    membership = Membership.objects.get(user=farabi_admin)

    response = client.post(_manage_url(farabi), {"action": "remove", "membership": membership.pk})

    assert response.status_code == 200
    assert "must keep at least one administrator" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_membership_of_another_organisation_cannot_be_changed_through_this_one(
    client, farabi, farabi_admin
):
    outsider = member_of(OrganisationFactory(), Role.VIEWER)
    other_membership = Membership.objects.get(user=outsider)
    client.force_login(farabi_admin)

    response = client.post(
        _manage_url(farabi), {"action": "role", "membership": other_membership.pk, "role": "admin"}
    )

    assert response.status_code == 200
    other_membership.refresh_from_db()
    assert other_membership.role == Role.VIEWER


def test_an_editor_may_not_manage_members(client, farabi, farabi_admin):
    editor = member_of(farabi, Role.EDITOR)
    client.force_login(editor)

    page = client.get(_manage_url(farabi))
    attempt = client.post(
        _manage_url(farabi),
        {"action": "role", "membership": Membership.objects.get(user=editor).pk, "role": "admin"},
    )

    assert page.status_code == 403
    assert attempt.status_code == 403
    assert Membership.objects.get(user=editor).role == Role.EDITOR


def test_another_organisations_administrator_may_not_manage_members(client, farabi, farabi_admin):
    client.force_login(member_of(OrganisationFactory(country="IR"), Role.ADMIN))

    response = client.post(
        _manage_url(farabi), {"action": "remove", "membership": Membership.objects.get(user=farabi_admin).pk}
    )

    assert response.status_code == 403
    assert Membership.objects.filter(user=farabi_admin).exists()


def test_the_film_body_of_the_same_country_sees_members_but_may_not_manage_them(client, farabi, farabi_admin):
    client.force_login(
        member_of(OrganisationFactory(country="IR", kind=OrganisationKind.FILM_BODY), Role.ADMIN)
    )

    response = client.get(_manage_url(farabi))

    assert response.status_code == 403


def test_the_forbidden_page_is_a_full_page_in_the_visitors_language(client, farabi, farabi_admin):
    client.force_login(member_of(farabi, Role.VIEWER))
    with translation.override("ar"):
        url = _manage_url(farabi)

    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="ar" dir="rtl">' in html
    assert 'id="main"' in html


def test_managing_members_asks_visitors_to_sign_in(client, farabi):
    response = client.get(_manage_url(farabi))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_managing_members_of_an_unknown_organisation_is_not_found(client, farabi_admin):
    client.force_login(farabi_admin)

    assert client.get(reverse("accounts:organisation_members", args=["nobody"])).status_code == 404


def test_an_administrator_who_hands_over_and_steps_down_lands_on_the_organisation_page(
    client, farabi, farabi_admin
):
    member_of(farabi, Role.ADMIN)
    client.force_login(farabi_admin)

    response = client.post(
        _manage_url(farabi),
        {"action": "role", "membership": Membership.objects.get(user=farabi_admin).pk, "role": "viewer"},
    )

    assert response["Location"] == reverse("web:organisation_detail", args=[farabi.slug])

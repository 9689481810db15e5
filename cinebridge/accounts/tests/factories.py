"""Factories for organisations and the people in them."""

import factory

from cinebridge.accounts.models import Membership, Organisation, OrganisationKind, Role, User

TEST_PASSWORD = "correct horse battery staple"


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.RIGHTS_HOLDER
    country = "IR"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.django.Password(TEST_PASSWORD)


def member_of(organisation: Organisation, role: Role = Role.EDITOR, **user_fields: object) -> User:
    """A new user holding `role` in `organisation`."""
    user = UserFactory.create(**user_fields)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user

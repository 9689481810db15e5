"""The rows of booking requests and invitations: the project a booking is for is said in one translatable
sentence (no words glued around the title), and both tables share the cells of messages, answer and
status."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from cinebridge.coproduction.models import Invitation, RequestStatus

from .helpers import directory_scene

pytestmark = pytest.mark.django_db


def url(name, language="en"):
    with translation.override(language):
        return reverse(f"coproduction:{name}")


def test_a_booking_row_says_the_project_it_is_for_in_one_sentence(client):
    scene = directory_scene()
    scene.accepted_booking(
        3, 4, project=scene.project, status=RequestStatus.PENDING, message="Stage B please"
    )
    client.force_login(scene.operator_editor)
    page = client.get(url("booking_list")).content.decode()
    assert "for <bdi>The Little Crane</bdi>" in page
    assert "Stage B please" in page
    assert 'value="accept"' in page
    page = client.get(url("booking_list", "ru")).content.decode()
    assert "<bdi>Маленький журавль</bdi>" in page


def test_an_invitation_row_has_the_same_message_answer_and_status_cells(client):
    scene = directory_scene()
    invitation = Invitation.objects.create(
        project=scene.project,
        specialist=scene.specialist,
        role="editor",
        starts_on=scene.day(20),
        ends_on=scene.day(21),
        message="Would you cut our film?",
        invited_by=scene.producer_editor,
    )
    client.force_login(scene.producer_editor)
    page = client.get(url("invitation_list")).content.decode()
    assert "Would you cut our film?" in page
    assert f'id="reply-{invitation.pk}"' in page  # the one who invited may withdraw
    assert 'value="withdraw"' in page
    assert invitation.get_status_display() in page

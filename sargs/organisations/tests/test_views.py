"""Institutions and users pages: allowed, not visible (404), forbidden (403)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sargs.audit.models import AuditEntry
from sargs.organisations.models import Institution, Membership, User
from sargs.organisations.roles import Role

pytestmark = pytest.mark.django_db


def test_staff_see_institutions_of_their_municipality_and_state_level(cast, client_for):
    response = client_for(cast.social_worker).get(reverse("organisations:institution-list"))
    names = {i.name for i in response.context["page_obj"].paginator.object_list}
    assert cast.institutions["a_school"].name in names
    assert "National centre" in names
    assert cast.institutions["b_social"].name not in names


def test_institution_of_another_municipality_is_not_found(cast, client_for):
    other = cast.institutions["b_social"]
    url = reverse("organisations:institution-detail", args=[other.pk])
    assert client_for(cast.social_worker).get(url).status_code == 404
    assert client_for(cast.b_social_worker).get(url).status_code == 200


def test_national_analyst_sees_every_institution(cast, client_for):
    other = cast.institutions["b_social"]
    url = reverse("organisations:institution-detail", args=[other.pk])
    assert client_for(cast.national_analyst).get(url).status_code == 200


def test_institution_list_query_count_does_not_grow_with_rows(
    cast, client_for, django_assert_num_queries
):
    client = client_for(cast.social_worker)
    url = reverse("organisations:institution-list")
    client.get(url)  # warm caches (content types, session)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(30):
        Institution.objects.create(
            name=f"School {n}", type="school", municipality=cast.municipality_a
        )
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["page_obj"].object_list) == 25


def test_user_pages_are_forbidden_without_administrator_role(cast, client_for):
    client = client_for(cast.coordinator)
    assert client.get(reverse("organisations:user-list")).status_code == 403
    url = reverse("organisations:user-detail", args=[cast.social_worker.pk])
    assert client.get(url).status_code == 403


def test_administrator_sees_only_users_of_own_municipality(cast, client_for):
    client = client_for(cast.administrator)
    own = reverse("organisations:user-detail", args=[cast.social_worker.pk])
    other = reverse("organisations:user-detail", args=[cast.b_social_worker.pk])
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 404
    listed = {
        u.username for u in client.get(reverse("organisations:user-list")).context["page_obj"]
    }
    assert "social_worker" in listed and "b_social_worker" not in listed


def test_viewing_a_user_is_audited(cast, client_for):
    client_for(cast.administrator).get(
        reverse("organisations:user-detail", args=[cast.social_worker.pk])
    )
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).latest("timestamp")
    assert entry.actor == cast.administrator
    assert entry.object_pk == str(cast.social_worker.pk)
    assert entry.municipality == cast.municipality_a
    assert entry.remote_addr == "127.0.0.1"


def test_administrator_creates_user_and_a_password_link_is_sent(
    cast, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast.administrator).post(
            reverse("organisations:user-create"),
            {
                "username": "jauns",
                "first_name": "Jānis",
                "last_name": "Jauns",
                "email": "j@example.test",
            },
        )
    user = User.objects.get(username="jauns")
    assert response.status_code == 302
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1 and "/accounts/password/reset/" in mail.outbox[0].body


def test_user_create_rejects_bad_input_and_saves_nothing(cast, client_for):
    response = client_for(cast.administrator).post(
        reverse("organisations:user-create"),
        {"username": "bad user!", "first_name": "", "last_name": "X", "email": "not-an-email"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"username", "first_name", "email"}
    assert not User.objects.filter(last_name="X").exists()


def test_administrator_grants_a_role_and_the_change_is_audited(cast, client_for):
    subject = cast.no_role
    subject.created_by = cast.administrator
    subject.save()
    response = client_for(cast.administrator).post(
        reverse("organisations:user-detail", args=[subject.pk]),
        {"institution": cast.institutions["a_school"].pk, "role": Role.SCHOOL_STAFF},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=subject)
    entry = AuditEntry.objects.get(
        action=AuditEntry.Action.CREATE,
        content_type__model="membership",
        object_pk=str(membership.pk),
    )
    assert entry.actor == cast.administrator
    assert entry.changes_dict["role"][1] == Role.SCHOOL_STAFF


def test_role_that_does_not_fit_the_institution_is_refused_with_a_message(cast, client_for):
    subject = cast.no_role
    subject.created_by = cast.administrator
    subject.save()
    response = client_for(cast.administrator).post(
        reverse("organisations:user-detail", args=[subject.pk]),
        {"institution": cast.institutions["a_school"].pk, "role": Role.ORPHANS_COURT_MEMBER},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "cannot be held" in str(response.context["form"].errors)
    assert not Membership.objects.filter(user=subject).exists()


def test_administrator_cannot_grant_roles_in_another_municipality(cast, client_for):
    subject = cast.no_role
    subject.created_by = cast.administrator
    subject.save()
    response = client_for(cast.administrator).post(
        reverse("organisations:user-detail", args=[subject.pk]),
        {"institution": cast.institutions["b_social"].pk, "role": Role.SOCIAL_WORKER},
    )
    # The other municipality's institution is not even offered: a form error, nothing saved.
    assert response.status_code == 200
    assert "institution" in response.context["form"].errors
    assert not Membership.objects.filter(user=subject).exists()


def test_nobody_changes_their_own_roles(cast, client_for):
    admin = cast.administrator
    membership = admin.memberships.get()
    response = client_for(admin).post(reverse("organisations:membership-end", args=[membership.pk]))
    assert response.status_code == 403


def test_ending_a_role_keeps_it_as_history_and_removes_access(cast, client_for):
    membership = cast.social_worker.memberships.get()
    client_for(cast.administrator).post(
        reverse("organisations:membership-end", args=[membership.pk])
    )
    membership.refresh_from_db()
    assert membership.valid_to is not None
    assert not Membership.objects.active().filter(pk=membership.pk).exists()


def test_deactivated_user_cannot_sign_in(cast, client_for, client):
    client_for(cast.administrator).post(
        reverse("organisations:user-set-active", args=[cast.social_worker.pk]), {"active": "0"}
    )
    from sargs.organisations.testing import TEST_PASSWORD

    response = client.post(
        reverse("accounts:login"), {"username": "social_worker", "password": TEST_PASSWORD}
    )
    assert response.status_code == 200  # the form again, with an error
    assert "_auth_user_id" not in client.session

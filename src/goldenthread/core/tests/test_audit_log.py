"""The append-only audit log: what it records, who may read it, and that nobody can change it."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from goldenthread.core.audit import acting_as, record
from goldenthread.core.models import AuditEvent
from goldenthread.partnership import services as partnership_services
from goldenthread.partnership.models import Sector


@pytest.mark.parametrize("person", ["practitioner", "champion", "trainer", "organisation_lead", "other_agency_lead"])
def test_only_the_partnership_lead_may_read_the_audit_log(client, request, person):
    client.force_login(request.getfixturevalue(person))

    assert client.get(reverse("core:audit-log")).status_code == 403


def test_someone_not_signed_in_is_sent_to_sign_in_from_the_audit_log(client, db):
    response = client.get(reverse("core:audit-log"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:sign-in"))


def test_the_partnership_lead_reads_sign_ins_failures_and_changes(client, partnership_lead, practitioner):
    client.post(reverse("core:sign-in"), {"username": practitioner.email, "password": "wrong password"})
    client.post(reverse("core:sign-in"), {"username": practitioner.email, "password": "a-long-test-password"})
    client.post(reverse("core:sign-out"))
    client.force_login(partnership_lead)
    client.post(reverse("partnership:organisation-add"), {"name": "Riverbend Fire and Rescue", "sector": "fire"})

    page = client.get(reverse("core:audit-log")).content.decode()

    assert "Sign-in failed" in page
    assert "Signed in" in page
    assert "Signed out" in page
    assert "Created" in page and "Riverbend Fire and Rescue" in page
    assert "Alex Morgan (#" in page, "the change is put down to the person who made it"


def test_a_change_records_the_names_of_the_fields_but_not_their_values(partnership_lead, childrens_services):
    partnership_services.update_organisation(childrens_services, by=partnership_lead, area="South Riverbend")

    event = AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE, object_type="partnership.organisation").get()
    assert event.changed_fields == ["area"]
    assert "South Riverbend" not in str(event.__dict__)


def test_changes_made_by_a_command_are_put_down_to_whoever_it_acts_for(partnership_lead):
    with acting_as(partnership_lead):
        organisation = partnership_services.create_organisation(by=partnership_lead, name="Riverbend Police", sector=Sector.POLICE)

    event = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, object_id=str(organisation.pk), object_type="partnership.organisation")
    assert event.actor == partnership_lead


def test_the_audit_log_can_be_narrowed_to_one_kind_of_event(client, partnership_lead, practitioner):
    client.post(reverse("core:sign-in"), {"username": practitioner.email, "password": "wrong password"})
    client.force_login(partnership_lead)

    failures = client.get(reverse("core:audit-log"), {"action": "sign-in-failed"}).content.decode()
    nonsense = client.get(reverse("core:audit-log"), {"action": "\x00" * 3, "page": "x" * 1000})

    assert "Sign-in failed" in failures
    assert '<td class="govuk-table__cell">Created</td>' not in failures
    assert nonsense.status_code == 200


@pytest.fixture
def an_event(practitioner):
    return record(AuditEvent.Action.SIGN_IN, actor=practitioner, obj=practitioner)


def test_an_audit_event_cannot_be_changed_through_the_model(an_event):
    an_event.object_label = "Someone else"

    with pytest.raises(PermissionError):
        an_event.save()


def test_an_audit_event_cannot_be_deleted_through_the_model(an_event):
    with pytest.raises(PermissionError):
        an_event.delete()

    assert AuditEvent.objects.filter(pk=an_event.pk).exists()


def test_audit_events_cannot_be_changed_or_deleted_in_bulk(an_event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=an_event.pk).update(object_label="Someone else")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()

    assert AuditEvent.objects.get(pk=an_event.pk).object_label == an_event.object_label


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database trigger is PostgreSQL's")
def test_on_postgresql_the_database_itself_refuses_to_change_or_delete_an_event(an_event):
    table = AuditEvent._meta.db_table
    for statement in (f"UPDATE {table} SET object_label = 'Someone else' WHERE id = %s", f"DELETE FROM {table} WHERE id = %s"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [an_event.pk])

    assert AuditEvent.objects.get(pk=an_event.pk).object_label == an_event.object_label


def test_the_audit_log_cannot_be_changed_in_the_django_admin(partnership_lead, an_event):
    from .two_step import signed_in_with_two_steps

    partnership_lead.is_staff = True
    partnership_lead.is_superuser = True
    partnership_lead.save()
    client = signed_in_with_two_steps(partnership_lead)

    change = client.post(f"/django-admin/core/auditevent/{an_event.pk}/change/", {"object_label": "Someone else"})
    delete = client.post(f"/django-admin/core/auditevent/{an_event.pk}/delete/", {"post": "yes"})

    assert change.status_code == 403
    assert delete.status_code == 403
    assert AuditEvent.objects.get(pk=an_event.pk).object_label == an_event.object_label

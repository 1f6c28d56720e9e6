"""A private check-in: taken, read and deleted by its person alone, encrypted at rest, forgotten on time."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.models import AuditEvent
from goldenthread.core.refusals import Refused
from goldenthread.wellbeing import queries, services
from goldenthread.wellbeing.models import CheckIn

from .conftest import EASIER_WEEK, HEAVY_WEEK

pytestmark = pytest.mark.django_db


def test_a_practitioner_checks_in_and_reads_their_answers_back(riley_check_in, practitioner):
    saved = CheckIn.objects.get(pk=riley_check_in.pk)
    assert saved.answers == HEAVY_WEEK
    assert saved.in_own_words.startswith("The home visit")
    assert saved.organisation.name == practitioner.memberships.first().organisation.name


def test_answers_are_encrypted_in_the_table_itself(riley_check_in):
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers, in_own_words FROM wellbeing_checkin WHERE id = %s", [riley_check_in.pk])
        answers, own_words = cursor.fetchone()
    assert "weight" not in answers and "home visit" not in own_words
    assert answers.startswith("gAAAAA") and own_words.startswith("gAAAAA")


def test_a_check_in_needs_at_least_one_answer(practitioner):
    with pytest.raises(ValidationError) as refused:
        services.take_check_in(practitioner, by=practitioner, answers={}, in_own_words="")
    assert "at least one question" in str(refused.value)


@pytest.mark.parametrize("bad", [{"weight": 9}, {"weight": "heavy"}, {"not-a-question": 3}])
def test_an_answer_that_is_not_offered_is_refused(practitioner, bad):
    with pytest.raises(ValidationError):
        services.take_check_in(practitioner, by=practitioner, answers=bad)
    assert not CheckIn.objects.exists()


def test_nobody_can_check_in_for_someone_else(practitioner, organisation_lead):
    with pytest.raises(Refused):
        services.take_check_in(practitioner, by=organisation_lead, answers=HEAVY_WEEK)


def test_only_the_person_can_delete_a_check_in(riley_check_in, organisation_lead, partnership_lead):
    for someone in (organisation_lead, partnership_lead):
        with pytest.raises(Refused):
            services.delete_check_in(riley_check_in, by=someone)
    assert CheckIn.objects.filter(pk=riley_check_in.pk).exists()


def test_deleting_a_check_in_really_deletes_it_and_logs_no_name_and_no_content(riley_check_in, practitioner):
    services.delete_check_in(riley_check_in, by=practitioner)
    assert not CheckIn.objects.filter(pk=riley_check_in.pk).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM wellbeing_checkin")
        assert cursor.fetchone()[0] == 0
    logged = AuditEvent.objects.get(object_type="wellbeing.checkin")
    assert logged.action == AuditEvent.Action.DELETE
    assert logged.actor is None and logged.actor_label == "The person it belonged to"
    assert practitioner.full_name not in str(logged) and "home visit" not in str(logged)


def test_taking_a_check_in_leaves_nothing_in_the_audit_log(riley_check_in, practitioner):
    assert not AuditEvent.objects.filter(object_type__startswith="wellbeing.checkin").exists()
    assert not AuditEvent.objects.filter(actor=practitioner).exclude(action__in=["sign-in", "sign-out"]).exists()


def test_deleting_all_check_ins_deletes_every_one_of_the_persons_and_nobody_elses(practitioner, other_agency_practitioner):
    for answers in (HEAVY_WEEK, EASIER_WEEK):
        services.take_check_in(practitioner, by=practitioner, answers=answers)
    kept = services.take_check_in(other_agency_practitioner, by=other_agency_practitioner, answers=EASIER_WEEK)
    assert services.delete_all_check_ins(practitioner, by=practitioner) == 2
    assert list(CheckIn.objects.all()) == [kept]


def test_the_retention_rule_forgets_check_ins_older_than_twelve_months(practitioner):
    old = services.take_check_in(practitioner, by=practitioner, answers=HEAVY_WEEK)
    CheckIn.objects.filter(pk=old.pk).update(taken_at=timezone.now() - timedelta(days=370))
    recent = services.take_check_in(practitioner, by=practitioner, answers=EASIER_WEEK)
    assert services.forget_old_check_ins() == 1
    assert list(CheckIn.objects.all()) == [recent]
    assert AuditEvent.objects.get(object_type="wellbeing.checkin").actor_label == "The retention rule"


def test_each_check_in_is_scheduled_to_be_forgotten_after_twelve_months(riley_check_in):
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.get(task_path="goldenthread.wellbeing.tasks.forget_check_in")
    assert queued.run_after.date() >= (riley_check_in.taken_at + timedelta(days=360)).date()


def test_someone_elses_check_in_is_not_found_on_any_page(client, riley_check_in, organisation_lead):
    client.force_login(organisation_lead)
    for name in ("check-in-detail", "check-in-delete"):
        assert client.get(reverse(f"wellbeing:{name}", args=[riley_check_in.public_id])).status_code == 404
    assert client.post(reverse("wellbeing:check-in-delete", args=[riley_check_in.public_id])).status_code == 404
    assert CheckIn.objects.filter(pk=riley_check_in.pk).exists()
    assert queries.own_check_in(organisation_lead, riley_check_in.public_id) is None


def test_a_practitioner_checks_in_on_the_page_and_sees_support_chosen_by_their_answers(client, practitioner, talk_now, employee_assistance, peer_support):
    client.force_login(practitioner)
    answers = {"weight": "5", "sleep": "1", "support": "5", "connection": "5", "in_own_words": "A long week (fictional)."}
    response = client.post(reverse("wellbeing:check-in"), answers, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Only you can see it" in page
    assert "Employee assistance programme (fictional)" in page  # the weight of the work and sleep point to it
    assert "Riverbend listening line (fictional)" in page  # someone to talk to now, always
    assert "Peer support circle (fictional)" not in page  # support and connection were answered at the easier end
    assert response["Cache-Control"] == "no-store"


def test_a_check_in_with_nothing_answered_says_what_to_do_and_keeps_what_was_typed(client, practitioner):
    client.force_login(practitioner)
    response = client.post(reverse("wellbeing:check-in"), {"in_own_words": "Just a note (fictional)."})
    assert response.status_code == 400
    assert "Choose an answer to at least one question" in response.content.decode()
    assert "Just a note (fictional)." in response.content.decode()


def test_the_home_page_shows_the_persons_trend_as_a_chart_with_its_table(client, practitioner):
    for answers in (HEAVY_WEEK, EASIER_WEEK):
        services.take_check_in(practitioner, by=practitioner, answers=answers)
    client.force_login(practitioner)
    page = client.get(reverse("wellbeing:home")).content.decode()
    assert 'role="img"' in page and "Every check-in you have kept" in page
    assert "Heavy nearly all the time" in page and "Manageable" in page


def test_a_person_downloads_their_own_check_ins_and_only_theirs(client, practitioner, other_agency_practitioner):
    services.take_check_in(practitioner, by=practitioner, answers=HEAVY_WEEK, in_own_words="=SUM(1,1) mine (fictional)")
    services.take_check_in(other_agency_practitioner, by=other_agency_practitioner, answers=EASIER_WEEK, in_own_words="theirs (fictional)")
    client.force_login(practitioner)
    response = client.get(reverse("wellbeing:download"))
    body = response.content.decode()
    assert response["Content-Disposition"].startswith("attachment")
    assert "'=SUM(1,1) mine" in body and "theirs" not in body


def test_deleting_all_on_the_page_asks_first(client, riley_check_in, practitioner):
    client.force_login(practitioner)
    response = client.post(reverse("wellbeing:delete-all"), {})
    assert response.status_code == 400 and CheckIn.objects.exists()
    client.post(reverse("wellbeing:delete-all"), {"confirm": "on"})
    assert not CheckIn.objects.exists()


def test_a_reminder_is_set_e_mailed_on_its_day_and_shown_on_the_home_page(client, practitioner):
    from goldenthread.wellbeing import tasks

    reminder = services.set_reminder(practitioner, by=practitioner, every_weeks=4)
    assert reminder.next_on == timezone.localdate() + timedelta(weeks=4)
    assert tasks.remind_to_check_in.call(practitioner.pk, reminder.next_on.isoformat()) == 1
    assert tasks.remind_to_check_in.call(practitioner.pk, "2020-01-01") == 0  # an old reminder, since changed
    reminder.next_on = timezone.localdate()
    reminder.save()
    client.force_login(practitioner)
    assert "Take your check-in, when you are ready" in client.get("/").content.decode()


def test_a_family_member_or_someone_in_no_organisation_is_not_offered_wellbeing(client, family_member):
    client.force_login(family_member)
    assert client.get(reverse("wellbeing:home")).status_code == 403
    assert client.get(reverse("wellbeing:check-in")).status_code == 403

"""Trying to get at Riley Shah's private check-ins the ways people really would, and finding nothing.

An outsider who has only a password, a partner agency (Riverbend Community Health), a family
member (Marnie Brightwater), an organisation lead who offered a space after a hard event, and
a partnership admin reading the audit log, a database dump or the raw table. Everyone here is
fictional.
"""

import io
import json
import logging
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.models import AuditEvent, User
from goldenthread.core.refusals import Refused
from goldenthread.core.tests.mail import sent_by_the_worker
from goldenthread.core.tests.tokens import bearer, smuggled_bearer
from goldenthread.core.tests.two_step import signed_in_with_two_steps
from goldenthread.wellbeing import services, tasks
from goldenthread.wellbeing.models import CheckIn, Place, Reminder

from .conftest import EASIER_WEEK, HEAVY_WEEK

pytestmark = pytest.mark.django_db

API = "/api/v1/wellbeing"
PASSWORD = "a-long-test-password"
OWN_WORDS = "The home visit on Tuesday stayed with me (fictional)."
# Riley's answers in the words they were chosen, and what they wrote: none may appear anywhere but Riley's own pages.
RILEYS_ANSWERS_IN_WORDS = ["Heavy nearly all the time", "Most days"]
JOINING_LINK = "https://meet.riverbend.example/time-to-talk"


def in_a_week_at(hour):
    return timezone.localdate() + timedelta(days=7), timezone.datetime.strptime(f"{hour}:00", "%H:%M").time()


def space_details(host, **changes):
    day, starts = in_a_week_at(14)
    _, ends = in_a_week_at(15)
    details = {
        "title": "Time to talk together (fictional)",
        "about": "An hour to talk about what the work brings up, with colleagues.",
        "format": "online",
        "venue": "",
        "joining_link": JOINING_LINK,
        "day": day,
        "starts": starts,
        "ends": ends,
        "capacity": 8,
        "host": host,
    }
    return {**details, **changes}


@pytest.fixture
def riley_check_in(practitioner):
    return services.take_check_in(practitioner, by=practitioner, answers=HEAVY_WEEK, in_own_words=OWN_WORDS)


@pytest.fixture
def outsider(db):
    """Someone with an account and a password, in no organisation, with no authenticator."""
    return User.objects.create_user("lee.outsider@elsewhere.example", PASSWORD, full_name="Lee Outsider")


@pytest.fixture
def team_space(organisation_lead, childrens_services, practitioner, champion, trainer):
    """After a hard event, Sam Okafor offered Riley and Jo Park a space, hosted by Pat Lee."""
    return services.offer_to_team(childrens_services, by=organisation_lead, people=[practitioner, champion], **space_details(trainer))


@pytest.fixture
def riley_team_place(team_space, practitioner):
    """Riley took a place and did not tell the host their name."""
    return services.book_place(team_space, by=practitioner, host_may_see_name=False)


def routes_to(check_in_id):
    """Every page that names a check-in: (method, address)."""
    return [
        ("get", reverse("wellbeing:check-in-detail", args=[check_in_id])),
        ("get", reverse("wellbeing:check-in-delete", args=[check_in_id])),
        ("post", reverse("wellbeing:check-in-delete", args=[check_in_id])),
    ]


def riley_is_untouched(check_in):
    saved = CheckIn.objects.get(pk=check_in.pk)
    return saved.answers == HEAVY_WEEK and saved.in_own_words == OWN_WORDS


def nothing_of_rileys_in(text: str) -> bool:
    return OWN_WORDS not in text and not any(words in text for words in RILEYS_ANSWERS_IN_WORDS)


# An outsider with only a password


def test_an_outsider_who_signs_in_with_only_a_password_reaches_no_check_in(client, outsider, riley_check_in):
    client.post(reverse("core:sign-in"), {"username": outsider.email, "password": PASSWORD})
    assert client.session.get("_auth_user_id") == str(outsider.pk)
    for method, address in routes_to(riley_check_in.public_id):
        response = getattr(client, method)(address)
        assert response.status_code == 403, address
        assert nothing_of_rileys_in(response.content.decode())
    assert client.get(reverse("wellbeing:download")).status_code == 403
    assert riley_is_untouched(riley_check_in)


def test_a_password_alone_never_becomes_an_api_token(outsider):
    from goldenthread.core.services import create_api_token

    with pytest.raises(Refused):
        create_api_token(outsider, by=outsider, name="Just a password", device=None)


def test_a_superusers_password_alone_does_not_open_the_django_admin(client, riley_check_in):
    superuser = User.objects.create_superuser("root@partnership.example", PASSWORD, full_name="Robin Root")
    client.force_login(superuser)  # the password, without the two-step code
    response = client.get("/django-admin/")
    assert response.status_code == 302 and "/django-admin/login/" in response["Location"]


def test_with_no_token_the_api_says_so_and_shows_nothing(client, riley_check_in):
    for method, address in [("get", "/my/check-ins"), ("delete", f"/my/check-ins/{riley_check_in.public_id}"), ("delete", "/my/check-ins")]:
        response = getattr(client, method)(API + address)
        assert response.status_code == 401
    assert riley_is_untouched(riley_check_in)


# A partner agency guessing, or holding, another person's check-in id


@pytest.mark.parametrize("attacker", ["other_agency_practitioner", "other_agency_lead", "organisation_lead", "partnership_lead"])
def test_someone_elses_check_in_id_answers_exactly_as_an_id_that_does_not_exist_on_every_page(client, request, attacker, riley_check_in):
    client.force_login(request.getfixturevalue(attacker))
    for (method, real), (_, made_up) in zip(routes_to(riley_check_in.public_id), routes_to(uuid.uuid4()), strict=True):
        with_real = getattr(client, method)(real)
        with_made_up = getattr(client, method)(made_up)
        assert with_real.status_code == with_made_up.status_code == 404
        assert nothing_of_rileys_in(with_real.content.decode())
        assert with_real.templates[0].name == with_made_up.templates[0].name
    assert riley_is_untouched(riley_check_in)


@pytest.mark.parametrize("attacker", ["other_agency_practitioner", "other_agency_lead", "organisation_lead", "partnership_lead"])
def test_deleting_someone_elses_check_in_through_the_api_answers_exactly_as_an_id_that_does_not_exist(client, request, attacker, riley_check_in):
    headers = bearer(request.getfixturevalue(attacker))
    with_real = client.delete(f"{API}/my/check-ins/{riley_check_in.public_id}", **headers)
    with_made_up = client.delete(f"{API}/my/check-ins/{uuid.uuid4()}", **headers)
    assert with_real.status_code == with_made_up.status_code == 404
    assert with_real.json() == with_made_up.json() == {"detail": "You have no check-in with that id."}
    assert riley_is_untouched(riley_check_in)


def test_a_check_in_is_never_named_by_its_number(client, other_agency_practitioner, riley_check_in):
    client.force_login(other_agency_practitioner)
    assert client.get(f"/wellbeing/check-ins/{riley_check_in.pk}/").status_code == 404
    assert client.delete(f"{API}/my/check-ins/{riley_check_in.pk}", **bearer(other_agency_practitioner)).status_code == 422
    assert riley_is_untouched(riley_check_in)


def test_posting_a_delete_for_someone_elses_check_in_deletes_nothing_and_logs_nothing(client, other_agency_lead, riley_check_in):
    client.force_login(other_agency_lead)
    before = AuditEvent.objects.filter(object_type="wellbeing.checkin").count()
    assert client.post(reverse("wellbeing:check-in-delete", args=[riley_check_in.public_id])).status_code == 404
    assert client.post(reverse("wellbeing:delete-all"), {"confirm": "on"}).status_code == 302
    assert riley_is_untouched(riley_check_in)
    assert AuditEvent.objects.filter(object_type="wellbeing.checkin").count() == before


def test_deleting_all_through_the_api_with_someone_elses_token_deletes_only_their_own(client, practitioner, other_agency_practitioner, riley_check_in):
    theirs = services.take_check_in(other_agency_practitioner, by=other_agency_practitioner, answers=EASIER_WEEK)
    response = client.delete(f"{API}/my/check-ins", **bearer(other_agency_practitioner))
    assert response.json() == {"deleted": 1}
    assert not CheckIn.objects.filter(pk=theirs.pk).exists()
    assert riley_is_untouched(riley_check_in)


# A family member


def test_a_family_member_reaches_no_check_in_on_any_page_or_through_the_api(client, family_member, riley_check_in, family_client):
    own_account = family_client(family_member)
    for method, address in routes_to(riley_check_in.public_id):
        assert getattr(own_account, method)(address).status_code == 403
    for name in ("home", "download", "reminders", "spaces", "figures"):
        assert own_account.get(reverse(f"wellbeing:{name}")).status_code == 403
    # A family account holds no working token (401); signed in at their own door, the API refuses them (403).
    headers = smuggled_bearer(family_member)
    assert client.get(f"{API}/my/check-ins", **headers).status_code == 401
    assert client.post(f"{API}/my/check-ins", {"answers": {"weight": 1}}, content_type="application/json", **headers).status_code == 401
    assert client.delete(f"{API}/my/check-ins/{riley_check_in.public_id}", **headers).status_code == 401
    assert client.get(f"{API}/figures", **headers).status_code == 401
    assert own_account.delete(f"{API}/my/check-ins/{riley_check_in.public_id}").status_code == 403
    assert own_account.get(f"{API}/figures").status_code == 403
    assert riley_is_untouched(riley_check_in)


# Reflective spaces offered to a team


@pytest.mark.parametrize("attacker", ["other_agency_practitioner", "other_agency_lead", "trainer", "organisation_lead", "partnership_lead"])
def test_nobody_can_book_a_team_only_space_they_were_not_offered(client, request, attacker, team_space):
    user = request.getfixturevalue(attacker)
    client.force_login(user)
    response = client.post(reverse("wellbeing:space", args=[team_space.public_id]), {"host_may_see_name": "on"})
    assert response.status_code in (403, 404)
    with pytest.raises(Refused):
        services.book_place(team_space, by=user)
    assert not Place.objects.filter(space=team_space).exists()


@pytest.mark.parametrize("attacker", ["other_agency_practitioner", "other_agency_lead"])
def test_a_team_only_space_is_not_even_said_to_exist_to_someone_it_was_not_offered_to(client, request, attacker, team_space):
    client.force_login(request.getfixturevalue(attacker))
    assert client.get(reverse("wellbeing:space", args=[team_space.public_id])).status_code == 404
    assert client.get(reverse("wellbeing:space", args=[uuid.uuid4()])).status_code == 404
    assert team_space.title not in client.get(reverse("wellbeing:spaces")).content.decode()


def test_a_colleague_cannot_forge_the_hosts_sight_of_someone_elses_name(client, champion, practitioner, team_space, riley_team_place):
    client.force_login(champion)
    forged = {"host_may_see_name": "on", "person": practitioner.pk, "place": riley_team_place.public_id, "public_id": riley_team_place.public_id}
    client.post(reverse("wellbeing:space", args=[team_space.public_id]), forged)
    assert Place.objects.get(pk=riley_team_place.pk).host_may_see_name is False
    assert Place.objects.get(space=team_space, person=champion).host_may_see_name is True  # the post only ever touched Jo's own place
    with pytest.raises(Refused):
        services.change_name_sharing(riley_team_place, by=champion, host_may_see_name=True)
    assert Place.objects.get(pk=riley_team_place.pk).host_may_see_name is False


def test_the_host_cannot_tick_the_box_for_someone_with_a_place(client, trainer, practitioner, team_space, riley_team_place):
    client.force_login(trainer)
    response = client.post(reverse("wellbeing:space", args=[team_space.public_id]), {"host_may_see_name": "on", "person": practitioner.pk})
    assert response.status_code == 403
    assert Place.objects.get(pk=riley_team_place.pk).host_may_see_name is False
    with pytest.raises(Refused):
        services.change_name_sharing(riley_team_place, by=trainer, host_may_see_name=True)
    assert "Riley Shah" not in client.get(reverse("wellbeing:space", args=[team_space.public_id])).content.decode()


def edit_form(space, host_email):
    local_start, local_end = timezone.localtime(space.starts_at), timezone.localtime(space.ends_at)
    return {
        "title": space.title,
        "about": space.about,
        "format": space.format,
        "venue": space.venue,
        "joining_link": space.joining_link,
        "day_0": str(local_start.day),
        "day_1": str(local_start.month),
        "day_2": str(local_start.year),
        "starts": local_start.strftime("%H:%M"),
        "ends": local_end.strftime("%H:%M"),
        "capacity": str(space.capacity),
        "host_email": host_email,
    }


def test_the_lead_who_offered_a_space_cannot_make_themselves_its_host_to_learn_who_took_it_up(client, organisation_lead, team_space, practitioner):
    services.change_name_sharing(services.book_place(team_space, by=practitioner), by=practitioner, host_may_see_name=True)
    client.force_login(organisation_lead)
    response = client.post(reverse("wellbeing:space-edit", args=[team_space.public_id]), edit_form(team_space, organisation_lead.email))
    assert response.status_code == 400
    assert "Choose a host other than yourself" in response.content.decode()
    team_space.refresh_from_db()
    assert team_space.host != organisation_lead
    page = client.get(reverse("wellbeing:space", args=[team_space.public_id])).content.decode().replace(organisation_lead.full_name, "")
    assert "Riley Shah" not in page and "Places taken" not in page


def test_a_new_host_does_not_inherit_the_names_people_told_the_old_one(client, partnership_lead, trainer, team_space, practitioner):
    """Riley told Pat Lee, the host, their name; if a partnership admin makes themselves the host instead, Riley's choice does not pass to them."""
    place = services.book_place(team_space, by=practitioner, host_may_see_name=True)
    client.force_login(partnership_lead)
    response = client.post(reverse("wellbeing:space-edit", args=[team_space.public_id]), edit_form(team_space, partnership_lead.email))
    assert response.status_code == 302
    team_space.refresh_from_db()
    assert team_space.host == partnership_lead
    assert Place.objects.get(pk=place.pk).host_may_see_name is False
    page = client.get(reverse("wellbeing:space", args=[team_space.public_id])).content.decode().replace(partnership_lead.full_name, "")
    assert "Riley Shah" not in page


def test_changing_a_space_without_changing_its_host_keeps_the_names_people_told_the_host(organisation_lead, trainer, team_space, practitioner):
    place = services.book_place(team_space, by=practitioner, host_may_see_name=True)
    values = {key: value for key, value in space_details(trainer, title="Time to talk, moved (fictional)").items()}
    services.change_space(team_space, by=organisation_lead, **values)
    assert Place.objects.get(pk=place.pk).host_may_see_name is True


def test_a_superuser_finds_nothing_in_the_django_admin_of_who_took_up_a_team_space_or_asked_for_reminders(
    practitioner, team_space, trainer, django_capture_on_commit_callbacks
):
    superuser = User.objects.create_superuser("root@partnership.example", PASSWORD, full_name="Robin Root")
    with django_capture_on_commit_callbacks(execute=True):
        services.book_place(team_space, by=practitioner, host_may_see_name=False)
        services.set_reminder(practitioner, by=practitioner, every_weeks=4)
    client = signed_in_with_two_steps(superuser)
    from django_tasks_db.models import DBTaskResult

    seen = ""
    for queued in DBTaskResult.objects.all():
        listing = client.get("/django-admin/django_tasks_database/dbtaskresult/")
        detail = client.get(f"/django-admin/django_tasks_database/dbtaskresult/{queued.pk}/change/")
        seen += listing.content.decode() + detail.content.decode()
    assert practitioner.email not in seen
    assert f"[{practitioner.pk}, " not in seen and f"[{practitioner.pk}," not in seen


# The audit log, read by a partnership admin


def test_the_audit_log_names_nobody_who_checked_in_booked_or_deleted_and_holds_no_answer(
    client, practitioner, partnership_lead, team_space, django_capture_on_commit_callbacks
):
    riley = signed_in_with_two_steps(practitioner)
    with django_capture_on_commit_callbacks(execute=True):
        answers = {"weight": "5", "carried-home": "4", "in_own_words": OWN_WORDS}
        assert riley.post(reverse("wellbeing:check-in"), answers).status_code == 302
        riley.post(reverse("wellbeing:check-in"), {"weight": "2", "in_own_words": "A second, lighter week (fictional)."})
        first = CheckIn.objects.filter(person=practitioner).order_by("taken_at").first()
        riley.post(reverse("wellbeing:check-in-delete", args=[first.public_id]))
        riley.post(reverse("wellbeing:reminders"), {"every_weeks": "4"})
        riley.post(reverse("wellbeing:space", args=[team_space.public_id]), {"host_may_see_name": "on"})
        headers = bearer(practitioner)
        made = riley.post(f"{API}/my/check-ins", {"answers": {"weight": 5}, "in_own_words": OWN_WORDS}, content_type="application/json", **headers)
        riley.delete(f"{API}/my/check-ins/{made.json()['id']}", **headers)
        riley.post(reverse("wellbeing:delete-all"), {"confirm": "on"})
    assert not CheckIn.objects.exists()
    assert Place.objects.filter(person=practitioner).exists() and Reminder.objects.filter(person=practitioner).exists()

    admin = signed_in_with_two_steps(partnership_lead)
    response = admin.get(reverse("core:audit-log"))
    assert response.status_code == 200
    page = response.content.decode()
    assert nothing_of_rileys_in(page) and "lighter week" not in page
    rows = page.split('<tr class="govuk-table__row">')[2:]
    deletions = [row for row in rows if "private check-in" in row.lower()]
    assert len(deletions) == 3
    assert all("The person it belonged to" in row and "Riley Shah" not in row for row in deletions)
    for row in rows:
        if "Riley Shah" in row:  # signing in, or the API token Riley made: never anything in wellbeing
            assert "check-in" not in row.lower() and "reflective space" not in row.lower() and "reminder" not in row.lower()
    assert not AuditEvent.objects.filter(actor=practitioner, object_type__startswith="wellbeing").exists()
    assert not AuditEvent.objects.filter(object_type__in=["wellbeing.place", "wellbeing.reminder"]).exists()


# Encrypted at rest: the table, a dump, the e-mails, the logs


def test_the_raw_table_holds_only_ciphertext_for_answers_and_own_words(practitioner):
    for words in (OWN_WORDS, "<b>Bold</b> & 'quoted' — with accents: café", "=SUM(A1:A9)"):
        services.take_check_in(practitioner, by=practitioner, answers=HEAVY_WEEK, in_own_words=words)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM wellbeing_checkin")
        columns = [column[0] for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    assert len(rows) == 3
    for row in rows:
        assert row["answers"].startswith("gAAAAA") and row["in_own_words"].startswith("gAAAAA")
        everything = " ".join(str(value) for value in row.values())
        assert "weight" not in everything and "home visit" not in everything and "café" not in everything and "SUM" not in everything


def test_an_empty_own_words_is_stored_as_ciphertext_too_so_the_table_does_not_say_who_wrote_something(practitioner):
    services.take_check_in(practitioner, by=practitioner, answers=HEAVY_WEEK, in_own_words="")
    with connection.cursor() as cursor:
        cursor.execute("SELECT in_own_words FROM wellbeing_checkin")
        (stored,) = cursor.fetchone()
    assert stored.startswith("gAAAAA")


def test_a_dump_of_wellbeing_holds_no_plain_answer_nor_own_words(riley_check_in, team_space, riley_team_place):
    out = io.StringIO()
    call_command("dumpdata", "wellbeing", stdout=out)
    dumped = out.getvalue()
    assert OWN_WORDS not in dumped and "home visit" not in dumped
    assert '"weight"' not in dumped and "carried-home" not in dumped
    check_ins = [item for item in json.loads(dumped) if item["model"] == "wellbeing.checkin"]
    assert len(check_ins) == 1
    assert check_ins[0]["fields"]["answers"].startswith("gAAAAA") and check_ins[0]["fields"]["in_own_words"].startswith("gAAAAA")


def test_a_dump_loads_back_into_the_same_answers(riley_check_in, tmp_path):
    dumped = tmp_path / "wellbeing.json"
    call_command("dumpdata", "wellbeing.checkin", output=str(dumped))
    CheckIn.objects.all().delete()
    call_command("loaddata", str(dumped), verbosity=0)
    assert riley_is_untouched(riley_check_in)


def test_the_reminder_e_mail_holds_no_answer_and_goes_to_the_person_alone(practitioner, riley_check_in):
    mail.outbox.clear()
    reminder = services.set_reminder(practitioner, by=practitioner, every_weeks=4)
    assert tasks.remind_to_check_in.call(practitioner.pk, reminder.next_on.isoformat()) == 1
    (sent,) = mail.outbox
    assert sent.to == [practitioner.email] and not sent.cc and not sent.bcc
    text = sent.subject + sent.body
    assert nothing_of_rileys_in(text)
    assert "nobody else sees your answers" in text


def test_the_e_mails_about_a_team_space_go_one_to_each_person_and_name_nobody_else(
    organisation_lead, childrens_services, practitioner, champion, trainer, riley_check_in, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        space = services.offer_to_team(childrens_services, by=organisation_lead, people=[practitioner, champion], **space_details(trainer))
        services.book_place(space, by=practitioner, host_may_see_name=True)
        services.cancel_space(space, by=organisation_lead, reason="The host is unwell (fictional).")
    sent = sent_by_the_worker()
    assert sent and all(len(message.to) == 1 and not message.cc and not message.bcc for message in sent)
    assert {message.to[0] for message in sent} == {practitioner.email, champion.email}
    for message in sent:
        text = message.subject + message.body
        assert nothing_of_rileys_in(text)
        assert "Riley Shah" not in text and "Jo Park" not in text
    assert organisation_lead.email not in {message.to[0] for message in sent}


def test_nothing_a_person_answered_or_wrote_reaches_the_logs(client, practitioner, other_agency_lead, caplog):
    caplog.set_level(logging.DEBUG)
    client.force_login(practitioner)
    client.post(reverse("wellbeing:check-in"), {"weight": "5", "carried-home": "4", "in_own_words": OWN_WORDS})
    client.post(reverse("wellbeing:check-in"), {"weight": "9", "in_own_words": OWN_WORDS + "\x00"})  # refused, and so logged as a warning if anything
    check_in = CheckIn.objects.get()
    client.get(reverse("wellbeing:check-in-detail", args=[check_in.public_id]))
    client.force_login(other_agency_lead)
    client.get(reverse("wellbeing:check-in-detail", args=[check_in.public_id]))  # a 404, logged by Django
    logged = "\n".join(record.getMessage() + str(getattr(record, "args", "")) for record in caplog.records)
    assert nothing_of_rileys_in(logged) and "home visit" not in logged


# What a person types: a clear 400, never a 500, and nothing lost


def test_a_nul_character_in_own_words_on_the_page_is_refused_clearly_and_what_was_typed_is_kept(client, practitioner, riley_check_in):
    client.force_login(practitioner)
    response = client.post(reverse("wellbeing:check-in"), {"weight": "4", "in_own_words": "A long week\x00 (fictional)."})
    assert response.status_code == 400
    page = response.content.decode()
    assert "contains a character we cannot store. Remove it and try again" in page
    assert "A long week" in page
    assert response.context["form"]["weight"].value() == "4"
    assert list(CheckIn.objects.all()) == [riley_check_in] and riley_is_untouched(riley_check_in)


def test_twenty_thousand_characters_of_own_words_on_the_page_are_refused_clearly_and_kept(client, practitioner, riley_check_in):
    client.force_login(practitioner)
    long_text = "I kept thinking about it. " * 800  # 20,800 characters
    response = client.post(reverse("wellbeing:check-in"), {"weight": "4", "in_own_words": long_text})
    assert response.status_code == 400
    page = response.content.decode()
    assert "must be 4,000 characters or fewer" in page
    assert response.context["form"]["in_own_words"].value() == long_text
    assert list(CheckIn.objects.all()) == [riley_check_in]


def test_html_in_own_words_on_the_page_is_kept_as_written_and_shown_as_text(client, practitioner):
    client.force_login(practitioner)
    written = "<script>alert('hi')</script><b>a heavy day</b> & more (fictional)"
    response = client.post(reverse("wellbeing:check-in"), {"weight": "4", "in_own_words": written})
    assert response.status_code == 302
    saved = CheckIn.objects.get()
    assert saved.in_own_words == written
    page = client.get(reverse("wellbeing:check-in-detail", args=[saved.public_id])).content.decode()
    assert "<script>alert" not in page and "<b>a heavy day" not in page
    assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;&lt;b&gt;a heavy day&lt;/b&gt; &amp; more" in page


def post_to_api(client, user, payload):
    return client.post(f"{API}/my/check-ins", payload, content_type="application/json", **bearer(user))


def test_twenty_thousand_characters_through_the_api_are_refused_clearly_and_nothing_is_lost(client, practitioner, riley_check_in):
    response = post_to_api(client, practitioner, {"answers": {"weight": 4}, "in_own_words": "x" * 20_000})
    assert response.status_code == 400
    assert response.json()["detail"] == "Anything you want to note for yourself (optional) must be 4,000 characters or fewer"
    assert list(CheckIn.objects.all()) == [riley_check_in] and riley_is_untouched(riley_check_in)


def test_a_nul_character_through_the_api_is_never_a_500_and_nothing_else_written_is_lost(client, practitioner):
    """The API has no form to refuse it, so the service tidies the character away, as it does for every app; every other word is kept."""
    response = post_to_api(client, practitioner, {"answers": {"weight": 4}, "in_own_words": "A long week\x00 (fictional)."})
    assert response.status_code == 201
    assert response.json()["in_own_words"] == "A long week (fictional)."
    assert CheckIn.objects.get().in_own_words == "A long week (fictional)."


@pytest.mark.parametrize(
    "payload",
    [
        {"answers": {"wei\x00ght": 4}},
        {"answers": {"<script>": 4}},
        {"answers": {"weight": 10**30}},
        {"answers": {"weight": -1}},
        {"answers": {}},
        {"answers": {"x" * 20_000: 3}},
    ],
    ids=["nul-in-a-key", "html-as-a-key", "a-huge-number", "a-negative-number", "nothing-answered", "a-very-long-key"],
)
def test_odd_answers_through_the_api_are_a_clear_400_and_nothing_is_saved(client, practitioner, riley_check_in, payload):
    response = post_to_api(client, practitioner, payload)
    assert response.status_code == 400
    assert response.json()["detail"] in (
        "Choose one of the answers shown",
        "Choose an answer to at least one question, or come back when you are ready",
    )
    assert list(CheckIn.objects.all()) == [riley_check_in]


@pytest.mark.parametrize("body", ["{not json", '{"answers": "heavy"}', '{"answers": {"weight": "four"}}', "[]", ""])
def test_a_body_that_is_not_a_check_in_is_never_a_500(client, practitioner, body):
    response = client.post(f"{API}/my/check-ins", body, content_type="application/json", **bearer(practitioner))
    assert 400 <= response.status_code < 500
    assert "detail" in response.json()
    assert not CheckIn.objects.exists()


def test_html_through_the_api_is_kept_as_written_and_shown_as_text_on_the_page(client, practitioner):
    written = "<img src=x onerror=alert(1)> a heavy day (fictional)"
    response = post_to_api(client, practitioner, {"answers": {"weight": 4}, "in_own_words": written})
    assert response.status_code == 201 and response.json()["in_own_words"] == written
    client.force_login(practitioner)
    page = client.get(reverse("wellbeing:check-in-detail", args=[response.json()["id"]])).content.decode()
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


# Figures are for leads and the partnership team only


@pytest.mark.parametrize("who", ["practitioner", "champion", "trainer", "other_agency_practitioner", "data_protection_lead"])
def test_figures_refuse_practitioners_on_the_page_and_through_the_api(client, request, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(reverse("wellbeing:figures")).status_code == 403
    response = client.get(f"{API}/figures", **bearer(user))
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Wellbeing figures are for organisation leads and the partnership team.")


@pytest.mark.parametrize("who", ["organisation_lead", "other_agency_lead", "partnership_lead"])
def test_figures_open_to_leads_and_the_partnership_team_and_name_nobody(client, request, who, riley_check_in):
    user = request.getfixturevalue(who)
    client.force_login(user)
    page = client.get(reverse("wellbeing:figures"))
    assert page.status_code == 200 and "Riley Shah" not in page.content.decode()
    response = client.get(f"{API}/figures", **bearer(user))
    assert response.status_code == 200 and nothing_of_rileys_in(response.content.decode()) and "Riley" not in response.content.decode()


def test_figures_without_a_token_are_refused(client):
    assert client.get(f"{API}/figures").status_code == 401
    assert client.get(reverse("wellbeing:figures")).status_code == 302

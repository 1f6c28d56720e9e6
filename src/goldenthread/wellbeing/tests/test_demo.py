"""The demo's wellbeing: the partnership's list of support, a year of fictional check-ins, and reflective spaces.

The partnership, its workforce (from training's loader) and its wellbeing are loaded once for
the module (in a transaction rolled back at its end); each test runs in a savepoint of its own.
Everything here is fictional.
"""

import re
import time
from html import escape
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from goldenthread.core.models import AuditEvent, User
from goldenthread.language import check
from goldenthread.partnership.management.commands.load_demo_partnership import read_demo
from goldenthread.partnership.models import Membership, Organisation, Role
from goldenthread.wellbeing import figures, questions, services
from goldenthread.wellbeing.management.commands.load_demo_wellbeing import demo_practitioner_email, read_demo_wellbeing
from goldenthread.wellbeing.models import CheckIn, Place, ReflectiveSpace, Reminder, SupportKind, SupportOption

SECONDS_FOR_THE_WELLBEING_PART = 10
FICTIONAL_PHONE = re.compile(r"0300 000 0\d{3} \(fictional\)")
ANY_PHONE = re.compile(r"\b0\d{3} ?\d{3} ?\d{4}\b")
ANY_EMAIL = re.compile(r"[\w.+-]+@([\w-]+\.)+[\w-]+")


def load(command) -> str:
    output = StringIO()
    call_command(command, stdout=output)
    return output.getvalue()


def test_the_wellbeing_demo_refuses_to_run_before_the_partnership_exists(db):
    assert not Organisation.objects.exists()
    with pytest.raises(CommandError, match="Load the demo partnership first"):
        load("load_demo_wellbeing")
    assert not SupportOption.objects.exists()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The partnership, its workforce and its wellbeing, loaded once: what the wellbeing loader printed, how long it took, and the tasks it queued."""
    with django_db_blocker.unblock(), transaction.atomic():
        load("load_demo_partnership")
        load("load_demo_training")
        tasks_before, emails_before = DBTaskResult.objects.count(), len(mail.outbox)
        started = time.perf_counter()
        printed = load("load_demo_wellbeing")
        took = time.perf_counter() - started
        queued = DBTaskResult.objects.count() - tasks_before, len(mail.outbox) - emails_before
        try:
            yield printed, took, queued
        finally:
            transaction.set_rollback(True)


@pytest.fixture
def practitioner(demo, db):
    """The practitioner the demo prints as a sign-in."""
    return User.objects.get(email=demo_practitioner_email(read_demo()))


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(user, name, *args) -> str:
    response = signed_in(user).get(reverse(f"wellbeing:{name}", args=args))
    assert response.status_code == 200, (name, response.status_code)
    return response.content.decode()


def test_the_wellbeing_part_loads_quickly_and_says_what_it_loaded(demo, db):
    printed, took, _ = demo
    assert "Loaded the demo wellbeing:" in printed and "private check-ins" in printed
    assert took < SECONDS_FOR_THE_WELLBEING_PART


def test_loading_the_demo_sends_no_email_and_queues_only_the_retention_rule(demo, db):
    _, _, (tasks, emails) = demo
    assert emails == 0
    queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert tasks > 0 and queued <= {"goldenthread.wellbeing.tasks.forget_check_in"} | _queued_by_other_loaders()


def _queued_by_other_loaders() -> set[str]:
    return {path for path in DBTaskResult.objects.values_list("task_path", flat=True) if not path.startswith("goldenthread.wellbeing.")}


def test_every_demo_check_in_is_forgotten_on_its_day_by_a_queued_retention_rule(demo, db):
    due = {timezone.localdate(services.forget_after(check_in)) for check_in in CheckIn.objects.only("taken_at")}
    queued = {timezone.localdate(item.run_after) for item in DBTaskResult.objects.filter(task_path="goldenthread.wellbeing.tasks.forget_check_in")}
    assert due <= queued


# --- check-ins and the figures ----------------------------------------------------------------


def demo_organisations():
    return Organisation.objects.filter(name__in=[name for name, *_ in read_demo_wellbeing()["check_ins"]["organisations"]]).order_by("name")


def test_figures_show_for_some_organisation_months_and_are_held_back_for_others(demo, db):
    found = figures.figures_for(demo_organisations(), with_partnership=True)
    cells = {(row.name, month): cell for row in found.rows for month, cell in zip(found.months, row.cells, strict=True)}
    shown = [key for key, cell in cells.items() if cell.is_shown]
    held_back = [key for key, cell in cells.items() if not cell.is_shown]
    assert len(shown) >= 24 and len(held_back) >= 12
    assert all(cell.people >= found.smallest_group for cell in cells.values() if cell.is_shown)
    by_row = {row.name: [cell.is_shown for cell in row.cells] for row in found.rows}
    assert all(by_row["Riverbend Children's Social Care"]), "the largest organisation shows every month"
    assert not any(by_row["The Lantern Youth Project"]), "a small organisation is held back every month"
    assert any(by_row["Riverbend Academy"]) and not all(by_row["Riverbend Academy"]), "a school drifts around the smallest group"
    assert all(cell.is_shown for cell in found.partnership.cells)


def test_the_figures_page_shows_the_partnership_lead_figures_and_holds_back_small_groups(demo, db):
    lead = User.objects.filter(is_partnership_admin=True).order_by("id").first()
    text = page(lead, "figures")
    assert "Across the partnership" in text and escape("Riverbend Children's Social Care") in text
    assert f"Fewer than {questions.privacy().smallest_group}" in text


def test_people_check_in_every_month_more_as_the_year_goes_on_and_their_answers_differ(demo, db):
    found = figures.figures_for(Organisation.objects.filter(name="Riverbend Children's Social Care"), with_partnership=False)
    people = [cell.people for cell in found.rows[0].cells]
    assert 8 <= min(people) and max(people) <= 40 and sum(people[-3:]) > sum(people[:3])
    answers = [check_in.answers for check_in in CheckIn.objects.all()[:300]]
    for question in questions.current().questions:
        assert len({answers_given.get(question.key) for answers_given in answers} - {None}) >= 4, question.key
    this_month = timezone.localdate().replace(day=1)
    assert CheckIn.objects.filter(taken_at__gte=timezone.make_aware(timezone.datetime.combine(this_month, timezone.datetime.min.time()))).exists()
    assert not CheckIn.objects.filter(taken_at__gt=timezone.now()).exists()


def test_no_check_in_is_older_than_the_retention_rule_keeps_it(demo, db):
    now = timezone.now()
    check_ins = list(CheckIn.objects.only("taken_at"))
    assert check_ins
    assert all(services.forget_after(check_in) > now for check_in in check_ins)
    assert services.forget_old_check_ins() == 0


def test_each_check_in_counts_for_the_organisation_its_person_works_in(demo, db):
    first_joined = {}
    for user_id, organisation_id in Membership.objects.order_by("since", "pk").values_list("user_id", "organisation_id"):
        first_joined.setdefault(user_id, organisation_id)
    pairs = set(CheckIn.objects.values_list("person_id", "organisation_id"))
    assert len({person for person, _ in pairs}) > 100
    assert all(organisation == first_joined[person] for person, organisation in pairs)


def test_answers_and_notes_are_encrypted_in_the_database_and_read_back_as_written(demo, db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers, in_own_words FROM wellbeing_checkin")
        stored = cursor.fetchall()
    assert stored and all(answers.startswith("gAAAAA") and words.startswith("gAAAAA") for answers, words in stored)
    notes = read_demo_wellbeing()["check_ins"]["own_words"]
    check_ins = list(CheckIn.objects.all())
    assert all(set(check_in.answers.values()) <= set(questions.SCALE) for check_in in check_ins)
    noted = [check_in.in_own_words for check_in in check_ins if check_in.in_own_words]
    assert len(noted) > 50 and set(noted) & set(notes)


# --- the demo practitioner --------------------------------------------------------------------


def test_the_demo_practitioner_has_check_ins_of_their_own_with_a_trend_and_a_reminder_waiting(demo, db, practitioner):
    own = list(CheckIn.objects.filter(person=practitioner))
    assert 4 <= len(own) <= 6
    months = {(check_in.taken_at.year, check_in.taken_at.month) for check_in in own}
    assert len(months) >= 4
    reminder = Reminder.objects.get(person=practitioner)
    assert reminder.every_weeks == 4 and reminder.next_on <= timezone.localdate()
    text = page(practitioner, "home")
    assert "Your answers over time" in text
    home = signed_in(practitioner).get(reverse("core:home")).content.decode()
    assert "Take your check-in, when you are ready" in home
    assert "A space offered to your team" in home


def test_the_demo_practitioner_has_a_place_in_a_space_to_come_and_sees_its_joining_link(demo, db, practitioner):
    place = Place.objects.select_related("space").get(person=practitioner)
    assert place.space.starts_at > timezone.now() and place.space.format == ReflectiveSpace.Format.ONLINE
    assert place.space.joining_link in page(practitioner, "space", place.space.public_id)


def test_the_practitioners_own_check_in_shows_its_answers_and_support_to_talk_to_now(demo, db, practitioner):
    latest = CheckIn.objects.filter(person=practitioner).order_by("-taken_at").first()
    text = page(practitioner, "check-in-detail", latest.public_id)
    assert "Riverbend staff listening line (fictional)" in text
    someone_else = User.objects.filter(is_partnership_admin=True).order_by("id").first()
    assert signed_in(someone_else).get(reverse("wellbeing:check-in-detail", args=[latest.public_id])).status_code == 404


# --- support and reflective spaces ------------------------------------------------------------


def test_every_kind_of_support_is_listed_and_one_is_for_a_single_organisations_staff(demo, db, practitioner):
    listed = SupportOption.objects.filter(is_listed=True)
    assert set(listed.values_list("kind", flat=True)) == set(SupportKind.values)
    [own] = listed.filter(organisation__isnull=False)
    assert own.organisation.name == "Riverbend Children's Social Care"
    assert SupportOption.objects.filter(is_listed=False).exists(), "one the partnership took down"
    text = page(practitioner, "support")
    assert all(kind.label in text for kind in SupportKind)
    assert escape(own.name) in text


def test_reflective_spaces_to_come_are_in_person_and_online_with_one_held_and_one_for_one_organisation(demo, db, practitioner):
    now = timezone.now()
    coming = ReflectiveSpace.objects.filter(starts_at__gt=now, is_cancelled=False)
    everyone = coming.filter(organisation__isnull=True)
    assert everyone.count() >= 3 and all(space.starts_at < now + timezone.timedelta(weeks=6) for space in coming)
    assert everyone.filter(format=ReflectiveSpace.Format.IN_PERSON).exclude(venue="").exists()
    assert everyone.filter(format=ReflectiveSpace.Format.ONLINE, joining_link__startswith="https://").exists()
    assert coming.filter(organisation__isnull=False, after_hard_event=False).count() == 1
    held = ReflectiveSpace.objects.filter(starts_at__lt=now)
    assert held.count() == 1 and held.get().places.exists()
    assert Place.objects.filter(host_may_see_name=True).exists() and Place.objects.filter(host_may_see_name=False).exists()
    assert all(place.booked_at < min(place.space.starts_at, now) for place in Place.objects.select_related("space"))
    assert any(space.places.count() == space.capacity for space in coming), "one is full"
    assert "Holding the weight together" in page(practitioner, "spaces")


def test_a_space_after_a_hard_event_is_offered_to_six_of_a_team_and_hosted_by_someone_other_than_their_lead(demo, db, practitioner):
    space = ReflectiveSpace.objects.get(after_hard_event=True)
    assert space.offered_to.count() == 6 and space.offered_to.filter(pk=practitioner.pk).exists()
    assert set(space.offered_to.values_list("memberships__organisation", flat=True)) == {space.organisation_id}
    lead = space.created_by
    assert lead.memberships.get(organisation=space.organisation).role == Role.ORGANISATION_LEAD
    assert space.host_id != lead.pk and space.host.memberships.filter(organisation=space.organisation).exists()
    assert set(space.places.values_list("person", flat=True)) <= set(space.offered_to.values_list("pk", flat=True))
    seen_by_lead, seen_by_host = page(lead, "space", space.public_id), page(space.host, "space", space.public_id)
    assert "Places taken" not in seen_by_lead and "People who told you their name" not in seen_by_lead
    assert "Places taken" in seen_by_host and "People who told you their name" in seen_by_host


# --- fictional, and loaded once ---------------------------------------------------------------


def test_every_name_number_and_address_in_the_demo_wellbeing_is_fictional(demo, db):
    for option in SupportOption.objects.all():
        assert option.name.endswith("(fictional)"), option.name
        words = f"{option.description} {option.how_to_reach}"
        assert len(ANY_PHONE.findall(words)) == len(FICTIONAL_PHONE.findall(words)), words
        assert all(match.group(0).endswith(".example") for match in ANY_EMAIL.finditer(words)), words
        assert not option.link or option.link.split("/")[2].endswith(".example"), option.link
    for space in ReflectiveSpace.objects.all():
        assert not space.joining_link or space.joining_link.split("/")[2].endswith(".example"), space.joining_link
        assert "Riverbend" in space.venue or "Wyefield" in space.venue or space.format == ReflectiveSpace.Format.ONLINE
    people = {
        *CheckIn.objects.values_list("person", flat=True),
        *Place.objects.values_list("person", flat=True),
        *ReflectiveSpace.objects.values_list("host", flat=True),
    }
    people = User.objects.filter(pk__in=people)
    assert all(email.endswith(".example") for email in people.values_list("email", flat=True))


def test_the_demo_words_pass_the_shared_language_check(demo, db):
    texts = [*SupportOption.objects.values_list("name", "description", "how_to_reach"), *ReflectiveSpace.objects.values_list("title", "about", "venue")]
    texts = [text for row in texts for text in row if text]
    texts += [check_in.in_own_words for check_in in CheckIn.objects.all() if check_in.in_own_words]
    findings = [(text[:60], finding.rule, finding.text) for text in set(texts) for finding in check(text) if finding.is_fault]
    assert findings == []


def test_loading_the_wellbeing_again_changes_nothing(demo, db):
    models = (SupportOption, CheckIn, Reminder, ReflectiveSpace, ReflectiveSpace.offered_to.through, Place, AuditEvent, DBTaskResult)
    counts = {model: model.objects.count() for model in models}
    assert "already loaded: nothing was changed" in load("load_demo_wellbeing")
    assert {model: model.objects.count() for model in models} == counts

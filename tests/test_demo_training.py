"""The demo's year of training: about 1,300 fictional people, a year of sessions, and something real on every training page.

The partnership and its training are loaded once for the module (in a transaction rolled back
at its end); each test runs in a savepoint of its own.
"""

import time
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Avg, F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from goldenthread.core.models import AuditEvent, User
from goldenthread.language import check
from goldenthread.partnership.management.commands.load_demo_partnership import read_demo
from goldenthread.partnership.models import Membership, Organisation, Role
from goldenthread.training import queries
from goldenthread.training.management.commands.load_demo_training import read_demo_training
from goldenthread.training.models import AhaMoment, Booking, Completion, ConfidenceRating, Course, Feedback, Programme, TrainingSession

DEMO_PASSWORD = "riverbend-demo-2026"
SECONDS_FOR_THE_TRAINING_PART = 20


def load(command) -> str:
    output = StringIO()
    call_command(command, stdout=output)
    return output.getvalue()


def test_the_training_demo_refuses_to_run_before_the_partnership_exists(db):
    assert not Organisation.objects.exists()
    with pytest.raises(CommandError, match="Load the demo partnership first"):
        load("load_demo_training")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The partnership and its year of training, loaded once: what the training loader printed, and how long it took."""
    with django_db_blocker.unblock(), transaction.atomic():
        load("load_demo_partnership")
        started = time.perf_counter()
        printed = load("load_demo_training")
        took = time.perf_counter() - started
        try:
            yield printed, took
        finally:
            transaction.set_rollback(True)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sign_in_as(role: str) -> User:
    """The demo sign-in for a role in the organisation the demo prints sign-ins for (the first of that role there)."""
    entry = next(entry for entry in read_demo().organisations if entry.get("demo_sign_ins"))
    name = next(name for person_role, name, _ in entry["people"] if person_role == role)
    return User.objects.get(full_name=name, memberships__organisation__name=entry["name"])


def test_the_training_part_loads_quickly_and_says_what_it_loaded(demo, db):
    printed, took = demo
    assert "Loaded a year of demo training: 1,318 people in the workforce" in printed
    assert took < SECONDS_FOR_THE_TRAINING_PART


# --- the workforce --------------------------------------------------------------------------


def test_each_organisation_has_the_workforce_its_data_file_states_about_1300_people_in_all(demo, db):
    stated = {name: size for name, size, _ in read_demo_training()["workforce"]}
    have = Counter(Membership.objects.values_list("organisation__name", flat=True))
    assert {name: have[name] for name in stated} == stated
    assert 1250 <= queries.partnership_reach().everyone.people <= 1400


def test_the_workforce_is_fictional_at_each_organisations_domain_and_signs_in_with_the_demo_password(demo, db, client):
    domains = {entry["name"]: entry["email_domain"] for entry in read_demo().organisations}
    colleagues = list(Membership.objects.filter(user__date_joined__lt=timezone.now() - timezone.timedelta(days=30)).select_related("user", "organisation"))
    assert len(colleagues) > 1200
    for membership in colleagues:
        assert membership.user.email.endswith("@" + domains[membership.organisation.name]), membership.user.email
        assert membership.since == membership.organisation.joined_on
    assert len({m.user.full_name for m in colleagues}) == len(colleagues), "every name is different"
    someone = colleagues[len(colleagues) // 2].user
    assert client.post(reverse("core:sign-in"), {"username": someone.email, "password": DEMO_PASSWORD}).status_code == 302


def test_the_workforce_has_a_role_and_a_job_title_from_receptionists_to_directors(demo, db):
    roles = Counter(Membership.objects.values_list("role", flat=True))
    assert roles[Role.PRACTITIONER] > 1000 and roles[Role.CHAMPION] > 50
    titles = set(User.objects.values_list("job_title", flat=True))
    assert {"Receptionist", "Midday supervisor", "Firefighter", "Health visitor"} <= titles


# --- a year of the programme ----------------------------------------------------------------


def test_there_is_a_year_of_sessions_behind_and_eight_weeks_ahead_face_to_face_first_then_online_too(demo, db):
    now = timezone.now()
    sessions = TrainingSession.objects.select_related("course__programme")
    first, last = sessions.order_by("starts_at").first(), sessions.order_by("-starts_at").first()
    assert (now - first.starts_at).days >= 330
    assert 0 < (last.starts_at - now).days <= 75
    core = sessions.filter(course__programme__kind=Programme.Kind.CORE, starts_at__lt=now)
    first_online = core.filter(format=TrainingSession.Format.ONLINE).order_by("starts_at").first()
    assert core.filter(format=TrainingSession.Format.IN_PERSON, starts_at__lt=first_online.starts_at).count() >= 6
    assert set(Programme.objects.values_list("kind", flat=True)) == set(Programme.Kind.values)


def test_the_leaders_programme_runs_in_cohorts_of_two_days_and_a_half_day_follow_up(demo, db):
    leading = Course.objects.get(programme__kind=Programme.Kind.LEADERS)
    assert leading.parts == ["Day 1", "Day 2", "Half-day follow-up"]
    held = leading.sessions.filter(starts_at__lt=timezone.now())
    assert Counter(held.values_list("part", flat=True)) == {1: 3, 2: 3, 3: 3}
    assert 40 <= Completion.objects.filter(course=leading).count() <= 80


def test_a_full_session_coming_up_has_a_waiting_list_and_a_place_offered_to_the_first_person_waiting(demo, db):
    upcoming = list(queries.upcoming_sessions())
    full = [session for session in upcoming if session.taken >= session.capacity and session.waiting_count]
    assert len(full) == 1
    [session] = full
    register = queries.register(session)
    assert len(register.waiting) >= 5 and len(register.offered) == 1 and len(register.cancelled) == 1
    offered = register.offered[0]
    assert offered.offer_expires_at > timezone.now()
    assert all(offered.queued_at < waiting.queued_at for waiting in register.waiting)


def test_attendance_is_recorded_for_every_session_held_except_yesterdays_register(demo, db):
    now = timezone.now()
    missing = TrainingSession.objects.filter(ends_at__lt=now, bookings__status=Booking.Status.BOOKED, bookings__attendance="").distinct()
    assert missing.count() == 1
    assert (timezone.localdate() - timezone.localtime(missing.get().starts_at).date()).days <= 3
    assert not Booking.objects.filter(session__starts_at__gt=now).exclude(attendance="").exists()
    assert Counter(Booking.objects.exclude(attendance="").values_list("attendance", flat=True)).keys() == set(Booking.Attendance.values)


def test_each_completion_follows_from_the_register(demo, db):
    completions = list(Completion.objects.select_related("course", "person").order_by("?")[:40])
    for completion in completions:
        parts = queries.parts_attended(completion)
        assert [name for name, _ in parts] == completion.course.parts, completion
        assert timezone.localtime(parts[-1][1].starts_at).date() <= completion.completed_on


def test_feedback_is_rated_higher_online_and_confidence_is_higher_after_than_before(demo, db):
    assert Feedback.objects.count() > 300
    online = Feedback.objects.filter(session__format=TrainingSession.Format.ONLINE).aggregate(a=Avg("usefulness"))["a"]
    in_person = Feedback.objects.filter(session__format=TrainingSession.Format.IN_PERSON).aggregate(a=Avg("usefulness"))["a"]
    assert online > in_person
    assert ConfidenceRating.objects.filter(after__gt=F("before")).count() > ConfidenceRating.objects.count() / 2
    assert not ConfidenceRating.objects.filter(after__lt=F("before")).exists()
    assert Feedback.objects.exclude(will_do_differently="").count() > 50


def test_aha_moments_are_shared_on_many_themes_named_anonymous_or_kept_private(demo, db):
    assert len(queries.aha_theme_counts()) >= 7
    assert Counter(AhaMoment.objects.values_list("sharing", flat=True)).keys() == set(AhaMoment.Sharing.values)
    assert queries.shared_aha_moments().count() >= 25


def test_reach_differs_between_organisations_and_every_one_has_people_trained(demo, db):
    found = queries.partnership_reach()
    everyone = found.everyone
    assert everyone.trained > 500 and everyone.started > 0 and everyone.booked > 50 and everyone.not_reached > 100
    shares = [row.counts.came_percent for row in found.organisations]
    assert all(row.counts.trained for row in found.organisations)
    assert min(shares) < 40 and max(shares) > 75
    kinds = {programme.kind: programme for programme in found.programmes}
    assert kinds["leaders"].completed > 30 and kinds["core"].completed > 500
    assert kinds["leaders"].for_people < 120, "the leaders' programme is for organisation leads and champions"
    assert all(f.held and f.people and f.to_come for f in found.formats)


def test_the_demo_words_pass_the_shared_language_check(demo, db):
    demo_file = read_demo_training()
    texts = [*Feedback.objects.values_list("most_helpful", "will_do_differently", "could_be_better"), *AhaMoment.objects.values_list("text")]
    texts = [text for row in texts for text in row if text]
    for programme in Programme.objects.prefetch_related("courses"):
        texts.append(programme.description)
        texts += [text for course in programme.courses.all() for text in (course.title, course.summary, *course.parts, *course.skills)]
    texts += list(TrainingSession.objects.values_list("accessibility", flat=True).distinct())
    texts += [title for titles in demo_file["job_titles"].values() for title in titles] + list(demo_file["manager_titles"].values())
    findings = [(text[:60], finding.rule, finding.text) for text in set(texts) for finding in check(text) if finding.is_fault]
    assert findings == []


# --- something real on every page -----------------------------------------------------------


def page(client, name, *args) -> str:
    response = client.get(reverse(f"training:{name}", args=args))
    assert response.status_code == 200, (name, response.status_code)
    return response.content.decode()


def test_the_partnership_lead_sees_reach_across_the_partnership(demo, db):
    lead = User.objects.filter(is_partnership_admin=True).order_by("id").first()
    text = page(signed_in(lead), "reach")
    assert text.count('<svg class="gt-chart"') == 6
    assert "have come to training" in text and "Riverbend Children&#x27;s Social Care" in text


def test_the_organisation_lead_sees_who_in_their_organisation_is_trained_booked_and_not_reached_yet(demo, db):
    lead = sign_in_as(Role.ORGANISATION_LEAD)
    organisation = lead.memberships.get().organisation
    browser = signed_in(lead)
    text = page(browser, "reach-organisation", organisation.slug)
    assert "of the 160 people in" in text
    assert "Trained" in text and "Not reached yet" in text and "Page 1 of 4" in text
    booked = browser.get(reverse("training:reach-organisation", args=[organisation.slug]) + "?reach=booked").content.decode()
    assert "Trauma-informed practice: the essentials" in booked and "Nothing booked" not in booked
    home = browser.get(reverse("core:home")).content.decode()
    assert f"Training in {organisation.name}".replace("'", "&#x27;") in home


def test_the_trainer_finds_a_register_to_take_and_the_full_session_with_its_waiting_list(demo, db):
    trainer = sign_in_as(Role.TRAINER)
    browser = signed_in(trainer)
    manage = page(browser, "manage")
    assert "Registers to take" in manage and "waiting" in manage
    full = next(s for s in queries.upcoming_sessions() if s.taken >= s.capacity and s.waiting_count)
    register = page(browser, "register", full.public_id)
    assert "Waiting list" in register and "Offered a place" in register and "No longer coming" in register
    held = TrainingSession.objects.filter(trainers=trainer, ends_at__lt=timezone.now(), feedback__isnull=False).distinct().first()
    assert "given feedback" in page(browser, "register", held.public_id)


def test_the_practitioner_has_a_record_with_certificates_feedback_given_and_a_place_coming_up(demo, db):
    practitioner = sign_in_as(Role.PRACTITIONER)
    browser = signed_in(practitioner)
    record = queries.training_record(practitioner)
    assert len(record.completions) >= 2 and record.coming_up and record.feedback_given
    certificate = browser.get(reverse("training:certificate", args=[record.completions[0].public_id]))
    assert certificate.status_code == 200 and certificate["Content-Type"] == "application/pdf"
    moment = AhaMoment.objects.get(person=practitioner, sharing=AhaMoment.Sharing.NAMED)
    assert moment.text.replace("'", "&#x27;") in page(browser, "record")
    assert "Shared without a name" in page(browser, "aha-moments")
    assert "Find a course" in page(browser, "home")


def test_someone_is_offered_a_place_they_can_answer(demo, db):
    offered = Booking.objects.get(status=Booking.Status.OFFERED)
    assert "place" in page(signed_in(offered.person), "offer", offered.session.public_id)


def test_loading_the_training_again_changes_nothing(demo, db):
    models = (User, Membership, Programme, Course, TrainingSession, Booking, Completion, Feedback, ConfidenceRating, AhaMoment, AuditEvent)
    counts = {model: model.objects.count() for model in models}
    assert "already loaded: nothing was changed" in load("load_demo_training")
    assert {model: model.objects.count() for model in models} == counts


def test_the_reach_pages_words_pass_the_shared_language_check(demo, db):
    from goldenthread.language.readers import read_bytes

    lead = User.objects.filter(is_partnership_admin=True).order_by("id").first()
    organisation_lead = sign_in_as(Role.ORGANISATION_LEAD)
    slug = organisation_lead.memberships.get().organisation.slug
    pages = [
        (lead, reverse("training:reach")),
        (organisation_lead, reverse("training:reach-organisation", args=[slug])),
        (organisation_lead, reverse("training:reach-organisation", args=[slug]) + "?reach=booked"),
        (organisation_lead, reverse("core:home")),
    ]
    findings = []
    for person, address in pages:
        text = read_bytes(signed_in(person).get(address).content, ".html")
        findings += [(address, finding.rule, finding.text) for finding in check(text) if finding.is_fault]
    assert findings == []

"""Load a year of the training programme for the demo partnership: about 1,300 people, their sessions, and what they said.

Run after `load_demo_partnership` (the demo loader runs every app's loader in order; this one
runs last). The programmes, courses, venues, the workforce of each organisation and the words
people wrote are in `training/data/demo/training.toml`; this command spreads the sessions over
the last twelve months and the next eight weeks (the leaders' programme in cohorts of two days
and a half-day follow-up; the core programme first face to face, then online as well;
motivational interviewing; a refresher) and draws who came with a random generator seeded
with a fixed word, so every load gives the same demo. One session coming up is full, with a
waiting list and a place offered; yesterday's register waits for its trainer.

The workforce. Reach is counted against each organisation's people on Golden Thread, so the
demo needs them as people with a membership. The partnership's files name a few people in
each organisation; this command adds fictional colleagues until each organisation has the
workforce its data file states (names from the file's lists, e-mail addresses at the
organisation's .example domain, the demo's one password). They are made here, not by
`load_demo_partnership`, on purpose: the other apps' demo loaders run before this one and
choose their people from each organisation's members (respondents to a self-assessment,
people in group supervision), so adding 1,200 colleagues there would change every other
demo; and every test that loads only the partnership would carry 1,200 people it does not
need. So this loader writes the partnership's people as well as training's records, the one
exception to "a demo loader writes only its own app's records", and only for the demo.

Like the other demo commands it is setup, not anyone's action: it writes as the system
(`acting_as(None)`) straight through the ORM (the dates lie in the past, which the services
rightly refuse), and schedules no reminders or e-mails. The programmes, courses and sessions
are saved one by one, so the audit log notes them; the many people, places, feedback and
completions are written in bulk, for speed, so the log does not note each of those. Running
it again changes nothing.
"""

import random
import tomllib
from collections import defaultdict
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from goldenthread.core.audit import acting_as
from goldenthread.core.models import User
from goldenthread.partnership.management.commands.load_demo_partnership import email_for, read_demo
from goldenthread.partnership.models import Membership, Organisation, Role, Sector

from ... import places
from ...models import AhaMoment, Booking, Completion, ConfidenceRating, Course, Feedback, LmsImport, PracticeFollowUp, Programme, TrainingSession

DEMO_FILE = Path(__file__).resolve().parents[2] / "data" / "demo" / "training.toml"
SEED = "riverbend-training"
CAME = (Booking.Attendance.ATTENDED, Booking.Attendance.PART)


def read_demo_training(path: Path = DEMO_FILE) -> dict:
    """The data file, checked: refuse a mistake, naming it, rather than load half a year."""
    with open(path, "rb") as handle:
        demo = tomllib.load(handle)
    problems = []
    names = [name for name, *_ in demo["workforce"]]
    if len(set(names)) != len(names):
        problems.append("An organisation is named twice in the workforce.")
    problems += [f"{name}: the share who came must be between 0 and 1." for name, _, share in demo["workforce"] if not 0 <= share <= 1]
    problems += [f"No job titles for the sector {sector!r}." for sector in Sector.values if not demo["job_titles"].get(sector)]
    problems += [f"No manager title for the sector {sector!r}." for sector in Sector.values if not demo["manager_titles"].get(sector)]
    kinds = [programme["kind"] for programme in demo["programme"]]
    if sorted(kinds) != sorted(Programme.Kind.values):
        problems.append("The file needs one programme of each kind.")
    for programme in demo["programme"]:
        for course in programme["course"]:
            problems += [f"{course['title']}: unknown role {role!r}." for role in course.get("audience", []) if role not in Role.values]
    problems += [f"Unknown aha moment theme {theme!r}." for theme, _ in demo["aha_moments"]["moments"] if theme not in AhaMoment.Theme.values]
    if len(set(demo["first_names"])) * len(set(demo["surnames"])) < 2 * sum(size for _, size, _ in demo["workforce"]):
        problems.append("Too few first names and surnames for the workforce: add more.")
    if problems:
        raise CommandError("The demo training file has mistakes:\n  " + "\n  ".join(problems))
    return demo


def is_loaded(demo: dict) -> bool:
    titles = [course["title"] for programme in demo["programme"] for course in programme["course"]]
    return Course.objects.filter(title__in=titles).exists()


class Command(BaseCommand):
    help = "Load a year of fictional training for the demo partnership: its workforce, sessions, places, feedback (run after load_demo_partnership)."

    def handle(self, *args, **options):
        demo = read_demo_training()
        if is_loaded(demo):
            self.stdout.write("The demo training is already loaded: nothing was changed.")
            return
        partnership = read_demo()
        organisations = {o.name: o for o in Organisation.objects.filter(name__in=[name for name, *_ in demo["workforce"]])}
        if len(organisations) < len(demo["workforce"]):
            raise CommandError("Load the demo partnership first: manage.py load_demo_partnership")
        with acting_as(None), transaction.atomic():
            made = DemoYear(demo, partnership, organisations, timezone.now()).build()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded a year of demo training: {made['people']:,} people in the workforce ({made['added']:,} colleagues added), "
                f"{made['sessions']} sessions, {made['bookings']:,} places, {made['completions']:,} courses completed, "
                f"{made['feedback']:,} pieces of feedback, {made['aha_moments']} aha moments."
            )
        )


@contextmanager
def _membership_dates_as_given():
    """Written in bulk, a membership's `since` would be today (`auto_now_add`); a colleague has been there since their organisation joined."""
    since = Membership._meta.get_field("since")
    since.auto_now_add = False
    try:
        yield
    finally:
        since.auto_now_add = True


class DemoYear:
    """Writes the year: the workforce, the programmes, the sessions, the places, and what people said."""

    def __init__(self, demo: dict, partnership, organisations: dict, now: datetime):
        self.demo = demo
        self.partnership = partnership
        self.organisations = organisations
        self.now = now
        self.today = timezone.localdate(now)
        self.rng = random.Random(SEED)  # noqa: S311 (fictional demo data, not a secret)
        self.bookings: list[Booking] = []
        self.sessions: list[TrainingSession] = []
        self.trainers_of: dict[int, list] = {}
        self.link_number = 0

    def build(self) -> dict:
        added = self.add_colleagues()
        self.read_people()
        courses = self.add_programmes()
        self.trainers = self.find_trainers()
        self.leaders_programme(courses["leaders"])
        self.core_programme(courses["core"])
        self.motivational_interviewing(courses["motivational-interviewing"])
        self.refresher(courses["refresher"])
        Booking.objects.bulk_create(self.bookings, batch_size=500)
        completions = self.completions()
        feedback = self.feedback()
        moments = self.aha_moments()
        self.follow_ups_and_a_file_to_confirm()
        return {
            "people": len(self.person_org),
            "added": added,
            "sessions": len(self.sessions),
            "bookings": len(self.bookings),
            "completions": completions,
            "feedback": feedback,
            "aha_moments": moments,
        }

    # --- the workforce --------------------------------------------------------------------

    def add_colleagues(self) -> int:
        """Fictional colleagues until each organisation has the workforce its data file states. Returns how many."""
        domains = {entry["name"]: entry["email_domain"] for entry in self.partnership.organisations}
        team_email = self.partnership.team[0]["email"]
        password = User.objects.filter(email=team_email).values_list("password", flat=True).first()
        if not password:
            raise CommandError("Load the demo partnership first: manage.py load_demo_partnership")
        have = defaultdict(int)
        for organisation_id in Membership.objects.filter(organisation__in=self.organisations.values()).values_list("organisation_id", flat=True):
            have[organisation_id] += 1
        used = set(User.objects.values_list("full_name", flat=True))
        names = [f"{first} {last}" for first in self.demo["first_names"] for last in self.demo["surnames"]]
        self.rng.shuffle(names)
        free = (name for name in names if name not in used)
        every = self.demo["one_champion_in"]
        users, places = [], []
        for name, size, _ in self.demo["workforce"]:
            organisation = self.organisations[name]
            joined = timezone.make_aware(datetime.combine(organisation.joined_on, time(9)))
            for number in range(size - have[organisation.pk]):
                full_name = next(free)
                champion = number % every == every // 2
                title = self.demo["manager_titles"][organisation.sector] if champion else self.rng.choice(self.demo["job_titles"][organisation.sector])
                users.append(User(email=email_for(full_name, domains[name]), password=password, full_name=full_name, job_title=title, date_joined=joined))
                places.append((organisation, Role.CHAMPION if champion else Role.PRACTITIONER))
        User.objects.bulk_create(users, batch_size=500)
        with _membership_dates_as_given():
            Membership.objects.bulk_create(
                [
                    Membership(user=user, organisation=organisation, role=role, since=organisation.joined_on)
                    for user, (organisation, role) in zip(users, places, strict=True)
                ],
                batch_size=500,
            )
        return len(users)

    def read_people(self) -> None:
        """Everyone in the demo organisations: the organisation each comes to training for (the first they joined), their role, who they are."""
        self.person_org, self.role_of, self.user = {}, {}, {}
        self.members = defaultdict(list)
        memberships = (
            Membership.objects.filter(organisation__in=self.organisations.values(), user__is_active=True).select_related("user").order_by("since", "id")
        )
        for membership in memberships:
            self.members[membership.organisation_id].append(membership.user_id)
            if membership.user_id not in self.person_org:
                self.person_org[membership.user_id] = membership.organisation_id
                self.role_of[membership.user_id] = membership.role
                self.user[membership.user_id] = membership.user
        # The people a newcomer signs in as (partnership.toml's demo sign-ins) have a story to see.
        featured = next(entry for entry in self.partnership.organisations if entry.get("demo_sign_ins"))
        by_name = {self.user[pk].full_name: pk for pk in self.members[self.organisations[featured["name"]].pk]}
        self.featured = {role: by_name[name] for role, name, _ in reversed(featured["people"])}  # the first of each role
        self.featured_people = [by_name[name] for role, name, _ in featured["people"] if role != Role.TRAINER]
        self.always_come = [self.featured[role] for role in (Role.PRACTITIONER, Role.CHAMPION, Role.ORGANISATION_LEAD)]

    def find_trainers(self) -> list:
        trainers = sorted({pk for pk, role in self.role_of.items() if role == Role.TRAINER}, key=lambda pk: self.user[pk].full_name)
        first = self.featured.get(Role.TRAINER)
        return [first, *[pk for pk in trainers if pk != first]] if first else trainers

    def add_programmes(self) -> dict:
        courses = {}
        for entry in self.demo["programme"]:
            programme = Programme.objects.create(
                name=entry["name"], kind=entry["kind"], description=entry["description"], created_at=self.now - timedelta(days=400)
            )
            for spec in entry["course"]:
                courses[entry["kind"]] = Course.objects.create(
                    programme=programme,
                    title=spec["title"],
                    summary=spec["summary"],
                    parts=spec["parts"],
                    skills=spec.get("skills", []),
                    audience=spec.get("audience", []),
                    created_at=self.now - timedelta(days=400),
                )
        return courses

    # --- sessions -------------------------------------------------------------------------

    def day(self, offset: int) -> date:
        """A weekday `offset` days from today: a day in the past moves back to the Friday before, a day to come forward to Monday."""
        day = self.today + timedelta(days=offset)
        while day.weekday() >= 5:
            day += timedelta(days=-1 if offset < 0 else 1)
        return day

    def session(self, course, offset, *, part=1, online=False, capacity=30, start=time(9, 30), hours=6.5, trainers=None) -> TrainingSession:
        day = self.day(offset)
        starts = timezone.make_aware(datetime.combine(day, start))
        place = self.demo["venue"][len(self.sessions) % len(self.demo["venue"])]
        if online:
            self.link_number += 1
        session = TrainingSession.objects.create(
            course=course,
            part=part,
            starts_at=starts,
            ends_at=starts + timedelta(hours=hours),
            format=TrainingSession.Format.ONLINE if online else TrainingSession.Format.IN_PERSON,
            venue="" if online else place["venue"],
            room="" if online else place["room"],
            accessibility="" if online else place["accessibility"],
            joining_link=f"{self.demo['online_link']}{day:%Y-%m-%d}-{self.link_number}" if online else "",
            capacity=capacity,
            created_at=min(starts - timedelta(days=60), self.now - timedelta(days=1)),
        )
        chosen = trainers or [self.trainers[len(self.sessions) % len(self.trainers)], self.trainers[(len(self.sessions) + 3) % len(self.trainers)]]
        session.trainers.set([self.user[pk] for pk in dict.fromkeys(chosen)])
        self.trainers_of[session.pk] = chosen
        self.sessions.append(session)
        return session

    def place(self, session, person, *, status=Booking.Status.BOOKED, attendance="", queued_days=None, **extra) -> Booking:
        queued = session.starts_at - timedelta(days=queued_days if queued_days is not None else self.rng.randint(7, 40), hours=self.rng.randint(0, 9))
        booking = Booking(
            session=session,
            person_id=person,
            organisation_id=self.person_org[person],
            status=status,
            queued_at=min(queued, self.now - timedelta(hours=1)),
            attendance=attendance,
            **extra,
        )
        if attendance:
            booking.attendance_recorded_by_id = self.trainers_of[session.pk][0]
            booking.attendance_recorded_at = session.ends_at + timedelta(hours=1)
        self.bookings.append(booking)
        return booking

    def came_or_not(self, person, *, whole: float) -> str:
        """Came to the whole session, part of it, or was not able to come; the demo sign-ins always came."""
        draw = self.rng.random()
        if person in self.always_come:
            return Booking.Attendance.ATTENDED
        if draw < whole:
            return Booking.Attendance.ATTENDED
        return Booking.Attendance.PART if draw < whole + (1 - whole) / 3 else Booking.Attendance.NOT_ABLE

    # --- the programmes -------------------------------------------------------------------

    def leaders_programme(self, course) -> None:
        """Three cohorts this year (two days a week apart, a half-day follow-up seven weeks on), and a fourth starting soon."""
        leaders = [pk for pk, role in self.role_of.items() if role in (Role.ORGANISATION_LEAD, Role.CHAMPION)]
        self.rng.shuffle(leaders)
        first = [self.featured[Role.ORGANISATION_LEAD], self.featured[Role.CHAMPION]]
        leaders = first + [pk for pk in leaders if pk not in first]
        cohorts = [(-330, 22), (-200, 22), (-95, 20), (21, 16)]
        trainers = self.trainers[:2]
        taken = 0
        for start, size in cohorts:
            people = leaders[taken : taken + size]
            taken += size
            parts = [
                self.session(course, start, part=1, capacity=24, start=time(9), hours=7.5, trainers=trainers),
                self.session(course, start + 7, part=2, capacity=24, start=time(9), hours=7.5, trainers=trainers),
                self.session(course, start + 49, part=3, capacity=24, start=time(9, 30), hours=3.5, trainers=trainers),
            ]
            for session in parts:
                for person in people:
                    if session.starts_at > self.now:
                        self.place(session, person, queued_days=self.rng.randint(20, 30) if start > 0 else None)
                    else:
                        self.place(session, person, attendance=self.came_or_not(person, whole=0.9 if session.part < 3 else 0.82))

    def core_programme(self, course) -> None:
        """Face to face at first, then mostly online; each organisation reached as far as its data file says; sessions coming up."""
        attendees, booked_next = [], []
        assigned = set(self.featured_people)  # their story is written below, not drawn
        priya = next((pk for pk in self.featured_people if self.role_of[pk] == Role.PRACTITIONER and pk != self.featured[Role.PRACTITIONER]), None)
        for name, _, share in self.demo["workforce"]:
            people = [pk for pk in self.members[self.organisations[name].pk] if pk not in assigned and self.person_org[pk] == self.organisations[name].pk]
            self.rng.shuffle(people)
            coming = round(share * len(people))
            later = round(0.13 * len(people))
            attendees += people[:coming]
            booked_next += people[coming : coming + later]
        self.rng.shuffle(attendees)
        self.rng.shuffle(booked_next)
        attendees = [*self.always_come, *attendees]

        past = []
        for month in range(12, 0, -1):
            base = -30 * month
            if month > 6:
                past += [self.session(course, base + 3), self.session(course, base + 17)]
            else:
                past += [
                    self.session(course, base + 5, online=True, capacity=40, hours=3.5),
                    self.session(course, base + 12),
                    self.session(course, base + 19, online=True, capacity=40, hours=3.5),
                ]
        queue = list(attendees)
        fill = min(1.0, 1.05 * len(queue) / sum(session.capacity for session in past))  # about 5% come back after missing one
        self.core_attended = []
        for session in past:
            size = min(len(queue), session.capacity, round(session.capacity * fill * self.rng.uniform(0.9, 1.1)))
            for person in queue[:size]:
                attendance = self.came_or_not(person, whole=0.9)
                self.place(session, person, attendance=attendance)
                if attendance == Booking.Attendance.ATTENDED:
                    self.core_attended.append((session, person))
                elif attendance == Booking.Attendance.NOT_ABLE and self.rng.random() < 0.5:
                    queue.append(person)  # booked again later
            queue = queue[size:]
        booked_next = queue + booked_next

        # Yesterday's session: its register waits for the trainer.
        yesterday = self.session(course, -1, trainers=[self.trainers[0]])
        for person in booked_next[:16]:
            self.place(yesterday, person)
        booked_next = booked_next[16:]

        coming = [
            self.session(course, 4, online=True, capacity=40, hours=3.5),
            self.session(course, 9, capacity=24, trainers=[self.trainers[0], self.trainers[1]]),  # full, with a waiting list
            self.session(course, 14, online=True, capacity=40, hours=3.5),
            self.session(course, 18),
            self.session(course, 25, online=True, capacity=40, hours=3.5),
            self.session(course, 40),
        ]
        full = coming[1]
        for session, size in zip(coming, (28, 23, 24, 18, 16, 10), strict=True):
            for index, person in enumerate(booked_next[:size]):
                self.place(session, person, queued_days=20 - index // 3)
            booked_next = booked_next[size:]
        # The full session: someone cancelled yesterday, the place was offered to the first person waiting, six more wait.
        cancelled, waiting = booked_next[:1], booked_next[1:7]
        for person in cancelled:
            self.place(
                full,
                person,
                status=Booking.Status.CANCELLED,
                queued_days=21,
                ended_because=Booking.EndedBecause.CANCELLED_BY_PERSON,
                ended_at=self.now - timedelta(days=1),
            )
        if priya is not None:
            self.place(full, priya, status=Booking.Status.OFFERED, queued_days=12, offer_expires_at=places.offer_closes_at(full, self.now))
        for index, person in enumerate(waiting):
            self.place(full, person, status=Booking.Status.WAITING, queued_days=11 - index)

    def motivational_interviewing(self, course) -> None:
        """Online, in two parts a week apart: three this year and one coming, for practitioners and champions who came to the core programme."""
        tobias = self.featured[Role.PRACTITIONER]
        pool = [person for _, person in self.core_attended if self.role_of[person] in (Role.PRACTITIONER, Role.CHAMPION) and person != tobias]
        pool = list(dict.fromkeys(pool))  # in the order they came to the core programme, so each group came to it first
        pool.insert(20, tobias)  # in the second group, five months ago
        taken = 0
        for start, size in ((-270, 18), (-150, 18), (-60, 18), (30, 14)):
            people = pool[taken : taken + size]
            taken += size
            for part in (1, 2):
                session = self.session(course, start + 7 * (part - 1), part=part, online=True, capacity=20, start=time(13, 30), hours=3)
                for person in people:
                    if session.starts_at > self.now:
                        self.place(session, person)
                    else:
                        self.place(session, person, attendance=self.came_or_not(person, whole=0.9))

    def refresher(self, course) -> None:
        """A year on: one refresher held last month for people trained a year ago, one coming (the demo practitioner has a place)."""
        tobias = self.featured[Role.PRACTITIONER]
        early = list(dict.fromkeys(person for session, person in self.core_attended if session.starts_at < self.now - timedelta(days=300) and person != tobias))
        held = self.session(course, -20, online=True, capacity=30, hours=2.5)
        for person in early[:22]:
            self.place(held, person, attendance=self.came_or_not(person, whole=0.92))
        coming = self.session(course, 24, online=True, capacity=30, hours=2.5)
        for person in [tobias, *early[22:33]]:
            self.place(coming, person)

    # --- what followed --------------------------------------------------------------------

    def completions(self) -> int:
        """A course is completed once a person came to the whole of a session of every part (as the register would record)."""
        parts = defaultdict(dict)
        sessions = {session.pk: session for session in self.sessions}
        for booking in self.bookings:
            if booking.attendance == Booking.Attendance.ATTENDED:
                session = sessions[booking.session_id]
                parts[(session.course, booking.person_id)][session.part] = booking
        completions = []
        for (course, person), attended in parts.items():
            if set(range(1, course.part_count + 1)) <= set(attended):
                last = max(attended.values(), key=lambda b: sessions[b.session_id].starts_at)
                ended = sessions[last.session_id].ends_at
                completions.append(
                    Completion(
                        course=course,
                        person_id=person,
                        organisation_id=last.organisation_id,
                        completed_on=timezone.localdate(ended),
                        recorded_at=ended + timedelta(hours=1),
                    )
                )
        Completion.objects.bulk_create(completions, batch_size=500)
        return len(completions)

    def follow_ups_and_a_file_to_confirm(self) -> None:
        """Three people asked, three months on, how a course changed their practice; and a council's file of
        completed courses checked by the lead trainer, waiting for them to confirm it (both shown on the demo's pages)."""
        three_months_ago = timezone.localdate() - timedelta(days=91)
        done = Completion.objects.filter(completed_on__lte=three_months_ago, imported_in__isnull=True).order_by("completed_on", "id")[:3]
        PracticeFollowUp.objects.bulk_create(
            PracticeFollowUp(completion=completion, person_id=completion.person_id, course_id=completion.course_id, sent_at=timezone.now() - timedelta(days=2))
            for completion in done
        )
        if self.trainers and done:
            first = done[0]
            text = "email,course,completed_on\n" + f"{self.user[first.person_id].email},{first.course.title},{first.completed_on.isoformat()}\n"
            LmsImport.objects.create(
                kind=LmsImport.Kind.COMPLETIONS,
                file_name="completions-from-the-council-learning-system.csv",
                text=text,
                rows=1,
                unchanged=1,
                checked_by_id=self.trainers[0],
            )

    def feedback(self) -> int:
        """Nearly half the people who came say how it went: online rated a little higher; confidence higher after than before."""
        words = self.demo["feedback"]
        sessions = {session.pk: session for session in self.sessions}
        given, ratings = [], []
        tobias = self.featured[Role.PRACTITIONER]
        for booking in self.bookings:
            if booking.attendance not in CAME or (booking.person_id != tobias and self.rng.random() > 0.45):
                continue
            session = sessions[booking.session_id]
            online = session.is_online
            usefulness = self.rng.choices([5, 4, 3, 2, 1], weights=[48, 38, 10, 3, 1] if online else [34, 40, 19, 5, 2])[0]
            given_at = min(session.ends_at + timedelta(hours=self.rng.randint(2, 96)), self.now - timedelta(hours=1))
            feedback = Feedback(
                session=session,
                person_id=booking.person_id,
                usefulness=usefulness,
                most_helpful=self.rng.choice(words["most_helpful"]) if self.rng.random() < 0.5 else "",
                will_do_differently=self.rng.choice(words["will_do_differently"]) if self.rng.random() < 0.4 else "",
                could_be_better=self.rng.choice(words["could_be_better"]) if self.rng.random() < 0.2 else "",
                given_at=given_at,
            )
            given.append(feedback)
            for skill in session.course.skills:
                before = self.rng.choice([1, 2, 2, 3, 3, 3, 4])
                gain = self.rng.choice([0, 1, 1, 2, 2] if online else [0, 1, 1, 1, 2])
                ratings.append((feedback, skill, before, min(5, before + gain)))
        Feedback.objects.bulk_create(given, batch_size=500)
        ConfidenceRating.objects.bulk_create(
            [ConfidenceRating(feedback=feedback, skill=skill, before=before, after=after) for feedback, skill, before, after in ratings], batch_size=500
        )
        return len(given)

    def aha_moments(self) -> int:
        """Each moment in the file, written by someone who came to a session, over the year; most shared, a few kept private."""
        sessions = {session.pk: session for session in self.sessions}
        came = [b for b in self.bookings if b.attendance in CAME and sessions[b.session_id].ends_at < self.now]
        came.sort(key=lambda b: (sessions[b.session_id].starts_at, b.person_id))
        tobias = self.featured[Role.PRACTITIONER]
        own = next(b for b in came if b.person_id == tobias)
        moments, step = [], max(1, len(came) // len(self.demo["aha_moments"]["moments"]))
        writers = {}
        for index, (theme, text) in enumerate(self.demo["aha_moments"]["moments"]):
            booking = own if index == 6 else came[(index * step + self.rng.randint(0, step - 1)) % len(came)]
            if booking.person_id in writers and booking is not own:
                continue
            writers[booking.person_id] = True
            session = sessions[booking.session_id]
            sharing = AhaMoment.Sharing.NAMED if booking is own else self.rng.choices(AhaMoment.Sharing.values, weights=[30, 55, 15])[0]
            moments.append(
                AhaMoment(
                    session=session,
                    person_id=booking.person_id,
                    text=text,
                    theme=theme,
                    sharing=sharing,
                    created_at=min(session.ends_at + timedelta(days=self.rng.randint(1, 10)), self.now - timedelta(hours=2)),
                )
            )
        AhaMoment.objects.bulk_create(moments)
        return len(moments)

"""Load the demo partnership's wellbeing: its list of support, a year of private check-ins, and reflective spaces.

Run after `load_demo_training` (the demo loader runs every app's loader in order; this one
runs after training, whose workforce checks in here). The words are in
`wellbeing/data/demo/wellbeing.toml`: the support (one of each kind, and one for a single
organisation's staff), the reflective spaces, what a few people noted for themselves, and
how many people in which organisations check in. Everything is fictional: each service ends
"(fictional)", phone numbers are 0300 000 0xxx "(fictional)", and every address is at a
.example domain.

Check-ins. In a few organisations a pool of colleagues checks in month by month, over the
twelve months that have ended and the month under way, never longer ago than the retention
rule keeps them (`privacy.toml`). In the large organisations enough people check in each month
that the figures show; in the small ones fewer than the smallest group do, so their figures
are held back; a school drifts around the line. Each person's answers are drawn from how heavy
their work is (leaning by organisation), with a drift of their own over the year and a little
more weight in winter, from a random generator seeded with a fixed word, so every load gives
the same demo. Each check-in counts for the organisation the person works in. The demo's
practitioner (the first practitioner of the organisation whose people are the demo sign-ins)
checks in every four weeks when reminded, with the answers and notes the data file gives, so
their own trend shows and their reminder waits on their home page.

Reflective spaces. A few for everyone in the next six weeks, in person and online; one for a
single organisation's staff; one held three weeks ago; and one offered to six people of the
demo organisation after a hard event, put on by its lead and hosted by someone else. Places
are taken by people across the partnership, some letting the host see their name; the demo
practitioner has one, and is among the six offered the space after a hard event.

Like the other demo commands it is setup, not anyone's action: it writes as the system
(`acting_as(None)`) straight through the ORM (the dates lie in the past, which the services
rightly refuse), and schedules no reminders, e-mails or forgetting. The check-ins and places
are written in bulk, for speed (each answer is still encrypted on its way to the database).
Running it again changes nothing.
"""

import math
import random
import tomllib
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from goldenthread.core.audit import acting_as
from goldenthread.core.models import User
from goldenthread.partnership.management.commands.load_demo_partnership import email_for, read_demo
from goldenthread.partnership.models import Membership, Organisation, Role

from ... import questions, services, tasks
from ...figures import figures_for, months_ended
from ...models import CheckIn, Place, ReflectiveSpace, Reminder, SupportKind, SupportOption

DEMO_FILE = Path(__file__).resolve().parents[2] / "data" / "demo" / "wellbeing.toml"
SEED = "riverbend-wellbeing"
FICTIONAL = "(fictional)"
EVERYONE = "everyone"
BOOKED_FROM = ("everyone", "leaders", "organisation", "offered")
LEADERS = (Role.ORGANISATION_LEAD, Role.CHAMPION)
OWN_WORDS_SHARE = 1 / 8  # of check-ins with a note for oneself
TWICE_IN_A_MONTH = 0.12  # of people checking in, who check in a second time that month
SKIPPED = 0.03  # the chance a question is left unanswered
WINTER, SUMMER = (12, 1, 2), (7, 8)


def read_demo_wellbeing(path: Path = DEMO_FILE) -> dict:
    """The data file, checked against the partnership's: refuse a mistake, naming it, rather than load half of it."""
    with open(path, "rb") as handle:
        demo = tomllib.load(handle)
    partnership = read_demo()
    organisations = {entry["name"] for entry in partnership.organisations}
    people = set(_emails_by_name(partnership))
    problems = []
    for name, first, last, heaviness in demo["check_ins"]["organisations"]:
        if name not in organisations:
            problems.append(f"Check-ins: unknown organisation {name!r}.")
        if not (0 <= first and 0 <= last and -1 <= heaviness <= 1):
            problems.append(f"Check-ins in {name}: the numbers of people must be 0 or more, and how heavy from -1 to 1.")
    keys = {question.key for question in questions.current().questions}
    for check_in in demo["practitioner"]["check_in"]:
        if not 0 < check_in["days_ago"] < 300:
            problems.append(f"The practitioner's check-in {check_in['days_ago']} days ago must be within the last 300 days.")
        if not set(check_in["answers"]) <= keys or any(value not in questions.SCALE for value in check_in["answers"].values()):
            problems.append(f"The practitioner's check-in {check_in['days_ago']} days ago has an answer that is not one of the questions' (1 to 5).")
    kinds = {option["kind"] for option in demo["support"] if option.get("listed", True)}
    problems += [f"Support: no listed option of the kind {kind!r}." for kind in SupportKind.values if kind not in kinds]
    for option in demo["support"]:
        if option["kind"] not in SupportKind.values:
            problems.append(f"Support {option['name']!r}: unknown kind {option['kind']!r}.")
        if not option["name"].endswith(FICTIONAL):
            problems.append(f"Support {option['name']!r}: the name must end {FICTIONAL!r}.")
        if option.get("organisation", "") not in ("", *organisations):
            problems.append(f"Support {option['name']!r}: unknown organisation {option['organisation']!r}.")
    for space in demo["space"]:
        title = space["title"]
        if space["for"] not in (EVERYONE, *organisations):
            problems.append(f"Space {title!r}: 'for' must be {EVERYONE!r} or an organisation's name.")
        problems += [f"Space {title!r}: {space[who]!r} is not in the partnership's files." for who in ("host", "put_on_by") if space[who] not in people]
        if space["format"] == ReflectiveSpace.Format.IN_PERSON and not space.get("venue"):
            problems.append(f"Space {title!r}: a space in person needs a venue.")
        elif space["format"] == ReflectiveSpace.Format.ONLINE and not _is_fictional_link(space.get("joining_link", "")):
            problems.append(f"Space {title!r}: a space online needs a joining link at a .example address (https://).")
        elif space["format"] not in ReflectiveSpace.Format.values:
            problems.append(f"Space {title!r}: unknown format {space['format']!r}.")
        if not 0 <= space["taken"] <= space["capacity"]:
            problems.append(f"Space {title!r}: more places taken than it has.")
        if space["booked_from"] not in BOOKED_FROM or (space["booked_from"] == "offered") != space.get("after_hard_event", False):
            problems.append(f"Space {title!r}: booked_from must be one of {BOOKED_FROM}, and 'offered' exactly when it is offered after a hard event.")
        if space.get("after_hard_event") and (space["for"] == EVERYONE or space["host"] == space["put_on_by"] or space["taken"] >= space["offered_to"]):
            problems.append(
                f"Space {title!r}: offered after a hard event, it is one organisation's, hosted by someone other than its lead, and some offered it have not booked."
            )
    if sum(bool(space.get("practitioner_books")) for space in demo["space"]) != 1:
        problems.append("Exactly one space gives the demo practitioner a place (practitioner_books = true).")
    if problems:
        raise CommandError("The demo wellbeing file has mistakes:\n  " + "\n  ".join(problems))
    return demo


def _is_fictional_link(link: str) -> bool:
    return link.startswith("https://") and link.partition("://")[2].split("/", 1)[0].endswith(".example")


def _emails_by_name(partnership) -> dict[str, str]:
    """Everyone the partnership's files name (its team and each organisation's people): name -> e-mail."""
    found = {person["name"]: person["email"] for person in partnership.team}
    for entry in partnership.organisations:
        for _, full_name, _ in entry["people"]:
            found.setdefault(full_name, email_for(full_name, entry["email_domain"]))
    return found


def demo_practitioner_email(partnership) -> str:
    """The practitioner a newcomer signs in as: the first practitioner of the organisation whose people are the demo sign-ins."""
    entry = next(entry for entry in partnership.organisations if entry.get("demo_sign_ins"))
    name = next(full_name for role, full_name, _ in entry["people"] if role == Role.PRACTITIONER)
    return email_for(name, entry["email_domain"])


def is_loaded(demo: dict) -> bool:
    return SupportOption.objects.filter(name__in=[option["name"] for option in demo["support"]]).exists()


class Command(BaseCommand):
    help = "Load the demo partnership's wellbeing: its list of support, a year of fictional check-ins, reflective spaces (run after load_demo_training)."

    def handle(self, *args, **options):
        demo = read_demo_wellbeing()
        if is_loaded(demo):
            self.stdout.write("The demo wellbeing is already loaded: nothing was changed.")
            return
        partnership = read_demo()
        names = {name for name, *_ in demo["check_ins"]["organisations"]}
        names |= {space["for"] for space in demo["space"] if space["for"] != EVERYONE}
        names |= {option["organisation"] for option in demo["support"] if option.get("organisation")}
        organisations = {organisation.name: organisation for organisation in Organisation.objects.filter(name__in=names)}
        emails = _emails_by_name(partnership)
        people = {user.email: user for user in User.objects.filter(email__in=emails.values())}
        if len(organisations) < len(names) or len(people) < len(emails):
            raise CommandError("Load the demo partnership first: manage.py load_demo_partnership (and load_demo_training for its workforce)")
        with acting_as(None), transaction.atomic():
            made = DemoWellbeing(demo, partnership, organisations, people, timezone.now()).build()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the demo wellbeing: {made['support']} services of support listed, {made['check_ins']:,} private check-ins by "
                f"{made['people']:,} people (figures shown for {made['shown']} organisation-months, held back for {made['held_back']}), "
                f"{made['spaces']} reflective spaces with {made['places']} places taken."
            )
        )


class DemoWellbeing:
    """Writes the support, the check-ins, the practitioner's own story and the reflective spaces."""

    def __init__(self, demo: dict, partnership, organisations: dict, people: dict, now: datetime):
        self.demo = demo
        self.partnership = partnership
        self.organisations = organisations
        self.by_name = {name: people[email] for name, email in _emails_by_name(partnership).items()}
        self.practitioner = people[demo_practitioner_email(partnership)]
        self.now = now
        self.today = timezone.localdate(now)
        self.rng = random.Random(SEED)  # noqa: S311 (fictional demo data, not a secret)
        self.questions = questions.current()
        self.privacy = questions.privacy()

    def schedule_retention(self) -> None:
        """The retention rule, queued for each day a demo check-in falls due, as taking a check-in queues it."""
        due_days = {}
        for check_in in CheckIn.objects.order_by("taken_at").only("pk", "taken_at"):
            due_days.setdefault(timezone.localdate(services.forget_after(check_in)), check_in)
        for check_in in due_days.values():
            tasks.schedule_forgetting(check_in)

    def build(self) -> dict:
        self.read_workforce()
        support = self.support()
        check_ins = self.check_ins() + self.practitioners_check_ins()
        CheckIn.objects.bulk_create(check_ins, batch_size=500)
        self.schedule_retention()
        spaces, places = self.spaces()
        shown, held_back = self.figures_shown()
        return {
            "support": support,
            "check_ins": len(check_ins),
            "people": len({check_in.person_id for check_in in check_ins}),
            "shown": shown,
            "held_back": held_back,
            "spaces": spaces,
            "places": places,
        }

    # --- who works where ------------------------------------------------------------------

    def read_workforce(self) -> None:
        """Each person's organisation (the first they joined, as a check-in records it) and role; each organisation's people."""
        self.organisation_of, self.role_of, self.joined = {}, {}, {}
        self.members = defaultdict(list)
        memberships = Membership.objects.filter(user__is_active=True, organisation__is_active=True).order_by("since", "pk")
        for user_id, organisation_id, role, since in memberships.values_list("user_id", "organisation_id", "role", "since"):
            if user_id not in self.organisation_of:
                self.organisation_of[user_id] = organisation_id
                self.role_of[user_id] = role
                self.joined[user_id] = since
                self.members[organisation_id].append(user_id)

    # --- the list of support --------------------------------------------------------------

    def support(self) -> int:
        for index, option in enumerate(self.demo["support"]):
            organisation = self.organisations[option["organisation"]] if option.get("organisation") else None
            SupportOption.objects.create(
                name=option["name"],
                kind=option["kind"],
                description=" ".join(option["description"].split()),
                how_to_reach=option["how_to_reach"],
                link=option.get("link", ""),
                organisation=organisation,
                is_listed=option.get("listed", True),
                created_at=self.now - timedelta(days=320 - 7 * index),
            )
        return sum(option.get("listed", True) for option in self.demo["support"])

    # --- check-ins ------------------------------------------------------------------------

    def months(self) -> list[tuple[datetime, datetime]]:
        """(from, until) for each month with check-ins, oldest first: the months that have ended, then the month under way.

        The oldest starts a day after the retention rule's cutoff, so no check-in is due to be forgotten yet.
        """
        kept_from = services.months_later(self.now, -self.privacy.keep_check_ins_for_months) + timedelta(days=1)
        firsts = [*months_ended(self.privacy.keep_check_ins_for_months, self.today), self.today.replace(day=1)]
        spans = []
        for first, following in zip(firsts, [*firsts[1:], None], strict=True):
            start = max(_midnight(first), kept_from)
            end = _midnight(following) if following else self.now - timedelta(hours=1)
            spans.append((start, end))
        return spans

    def check_ins(self) -> list[CheckIn]:
        """Month by month, a pool of each organisation's people checks in: more of them as the year goes on."""
        made = []
        spans = self.months()
        ended = len(spans) - 1
        for name, first, last, heaviness in self.demo["check_ins"]["organisations"]:
            organisation = self.organisations[name]
            pool = [pk for pk in self.members[organisation.pk] if pk != self.practitioner.pk]
            self.rng.shuffle(pool)
            pool = pool[: min(len(pool), math.ceil(1.4 * max(first, last)) + 2)]
            profiles = {pk: self.profile(heaviness) for pk in pool}
            for index, (start, end) in enumerate(spans):
                if end <= start:
                    continue
                if index < ended:
                    expected = first + (last - first) * index / max(1, ended - 1)
                    how_many = round(expected + self.rng.gauss(0, max(0.6, 0.08 * max(first, last))))
                    how_many = min(max(how_many, min(first, last)), max(first, last))
                else:  # the month under way: as many as would have checked in so far
                    how_many = max(1, round(last * (end - start) / timedelta(days=30)))
                eligible = [pk for pk in pool if _midnight(self.joined[pk]) < start]
                for person in self.rng.sample(eligible, min(how_many, len(eligible))):
                    moment = self.moment_between(start, end)
                    made.append(self.check_in(person, moment, profiles[person], index))
                    if self.rng.random() < TWICE_IN_A_MONTH:
                        later = self.moment_between(moment + timedelta(days=3), end)
                        if later is not None:
                            made.append(self.check_in(person, later, profiles[person], index))
        return made

    def profile(self, heaviness: float) -> dict:
        """How heavy a person's work is for them, how that drifts month by month, and how each question sits with them."""
        return {
            "strain": self.rng.gauss(0.6 * heaviness - 0.1, 0.6),
            "drift": self.rng.gauss(-0.02, 0.06),
            "leaning": {question.key: self.rng.gauss(0, 0.45) for question in self.questions.questions},
        }

    def check_in(self, person: int, moment: datetime, profile: dict, month_index: int) -> CheckIn:
        month = timezone.localtime(moment).month
        season = 0.2 if month in WINTER else -0.15 if month in SUMMER else 0.0
        answers = {}
        for question in self.questions.questions:
            if self.rng.random() < SKIPPED:
                continue
            lean = profile["strain"] + profile["drift"] * month_index + season + profile["leaning"][question.key] + self.rng.gauss(0, 0.55)
            step = max(-2, min(2, round(lean)))
            answers[question.key] = 3 + step if question.harder_when == "high" else 3 - step
        if not answers:
            answers[self.questions.questions[0].key] = 3
        own_words = self.rng.choice(self.demo["check_ins"]["own_words"]) if self.rng.random() < OWN_WORDS_SHARE else ""
        return CheckIn(
            person_id=person,
            organisation_id=self.organisation_of[person],
            taken_at=moment,
            questions_version=self.questions.version,
            answers=answers,
            in_own_words=own_words,
        )

    def moment_between(self, start: datetime, end: datetime) -> datetime | None:
        """A time someone might check in, between 7am and 10pm on a day from `start` until `end`; None if there is no room."""
        if end <= start:
            return None
        first, last = timezone.localtime(start).date(), timezone.localtime(end).date()
        day = first + timedelta(days=self.rng.randint(0, (last - first).days))
        moment = _aware(day, time(self.rng.randint(7, 21), self.rng.randint(0, 59)))
        if start <= moment < end:
            return moment
        return start + (end - start) * self.rng.random()

    def practitioners_check_ins(self) -> list[CheckIn]:
        """The demo practitioner's own check-ins, every four weeks, and their reminder: due again, so it waits on their home page."""
        made = []
        for number, entry in enumerate(sorted(self.demo["practitioner"]["check_in"], key=lambda entry: -entry["days_ago"])):
            day = self.today - timedelta(days=entry["days_ago"])
            made.append(
                CheckIn(
                    person=self.practitioner,
                    organisation_id=self.organisation_of.get(self.practitioner.pk),
                    taken_at=_aware(day, time(16, 30 + 5 * (number % 6))),
                    questions_version=self.questions.version,
                    answers=dict(entry["answers"]),
                    in_own_words=entry["own_words"],
                )
            )
        every_weeks = self.demo["practitioner"]["reminder_every_weeks"]
        latest = max(timezone.localtime(check_in.taken_at).date() for check_in in made)
        Reminder.objects.update_or_create(person=self.practitioner, defaults={"every_weeks": every_weeks, "next_on": latest + timedelta(weeks=every_weeks)})
        return made

    # --- reflective spaces ----------------------------------------------------------------

    def day(self, offset: int) -> date:
        """A weekday `offset` days from today: a day in the past moves back to the Friday before, a day to come forward to Monday."""
        day = self.today + timedelta(days=offset)
        while day.weekday() >= 5:
            day += timedelta(days=-1 if offset < 0 else 1)
        return day

    def spaces(self) -> tuple[int, int]:
        everyone = [pk for pk in self.organisation_of if pk != self.practitioner.pk]
        places = []
        for spec in self.demo["space"]:
            organisation = None if spec["for"] == EVERYONE else self.organisations[spec["for"]]
            host, put_on_by = self.by_name[spec["host"]], self.by_name[spec["put_on_by"]]
            starts = _aware(self.day(spec["in_days"]), time.fromisoformat(spec["starts"]))
            after_hard_event = spec.get("after_hard_event", False)
            created = self.now - timedelta(days=3) if after_hard_event else min(starts - timedelta(days=28), self.now - timedelta(days=10))
            space = ReflectiveSpace.objects.create(
                title=spec["title"],
                about=" ".join(spec["about"].split()),
                organisation=organisation,
                format=spec["format"],
                venue=spec.get("venue", ""),
                joining_link=spec.get("joining_link", ""),
                starts_at=starts,
                ends_at=starts + timedelta(hours=spec["hours"]),
                capacity=spec["capacity"],
                host=host,
                created_by=put_on_by,
                created_at=created,
                after_hard_event=after_hard_event,
            )
            not_them = {host.pk, put_on_by.pk, self.practitioner.pk}
            if after_hard_event:
                team = [pk for pk in self.members[organisation.pk] if self.role_of[pk] == Role.PRACTITIONER and pk not in not_them]
                offered = self.rng.sample(team, spec["offered_to"] - 1)
                space.offered_to.set([self.practitioner.pk, *offered])
                candidates = offered  # the demo practitioner has not answered yet: the offer waits on their home page
            elif organisation is not None:
                candidates = [pk for pk in self.members[organisation.pk] if pk not in not_them]
            else:
                leaders_only = spec["booked_from"] == "leaders"
                candidates = [pk for pk in everyone if pk not in not_them and (not leaders_only or self.role_of[pk] in LEADERS)]
            booking = [self.practitioner.pk] if spec.get("practitioner_books") else []
            booking += self.rng.sample(candidates, spec["taken"] - len(booking))
            latest = min(starts, self.now) - timedelta(hours=2)
            for person in booking:
                places.append(
                    Place(
                        space=space,
                        person_id=person,
                        host_may_see_name=person == self.practitioner.pk or self.rng.random() < spec["names_shared"],
                        booked_at=created + (latest - created) * self.rng.uniform(0.05, 1),
                    )
                )
        Place.objects.bulk_create(places, batch_size=500)
        return len(self.demo["space"]), len(places)

    # --- what the figures show ------------------------------------------------------------

    def figures_shown(self) -> tuple[int, int]:
        """How many organisation-months the figures show, and how many they hold back (of those where anyone checked in)."""
        names = [name for name, *_ in self.demo["check_ins"]["organisations"]]
        found = figures_for([self.organisations[name] for name in names], with_partnership=False, today=self.today)
        shown = sum(cell.is_shown for row in found.rows for cell in row.cells)
        return shown, len(found.rows) * len(found.months) - shown


def _midnight(day: date) -> datetime:
    return _aware(day, time(0, 0))


def _aware(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))

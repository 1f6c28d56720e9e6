"""Prepare an EMPTY PostgreSQL database for the load test, and write `people.json` for locust.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/goldenthread_load \
    DJANGO_SECRET_KEY=... DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost GOLDENTHREAD_WELLBEING_KEYS=... \
    .venv/bin/python benchmarks/load/prepare.py [--per-role 40]

It migrates the database and loads the demo (`manage.py load_demo`), with the settings the
server will use (production by default, so the wellbeing key and secret must be the server's).
Then, for each role the scenario plays, it readies a pool of distinct demo people, so that
200 simulated people are not all one account (a TOTP code works once per 30-second step for
each authenticator, so one account cannot sign in 50 times a minute):

- practitioners on the team around a family (more practitioners of the same organisations
  are added to those teams when the demo has too few), with a supervision session they attend;
- organisation leads and champions, each invited to an open self-assessment round of their
  organisation (a round is opened, as the system, for organisations that have none open);
- partnership leads: the demo's partnership admins, and extra load-test partnership admins
  when there are too few, each with an API token (partnership scope) made by the service.

Each person gets the demo password, a confirmed authenticator (its key is written to
people.json so locust can compute codes) and the current terms accepted. This is a load-test
database: never run it against a real one. The pools change the demo only by adding team
places, open rounds and partnership admins.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(REPO / "src"))


def run_manage(*args: str) -> None:
    print(f"manage.py {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, str(REPO / "manage.py"), *args], cwd=REPO, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 (manage.py with fixed arguments)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-role", type=int, default=40, help="most people readied for each role (default 40)")
    parser.add_argument("--output", default=str(HERE / "people.json"))
    parser.add_argument("--skip-load", action="store_true", help="the database is already migrated and holds the demo")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        parser.error("set DATABASE_URL to an empty PostgreSQL database")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldenthread.settings.production")

    if not args.skip_load:
        run_manage("migrate", "--no-input")
        run_manage("load_demo")

    import django

    django.setup()
    people = ready_people(args.per_role)
    Path(args.output).write_text(json.dumps(people, indent=1))
    counts = {}
    for person in people["people"]:
        counts[person["role"]] = counts.get(person["role"], 0) + 1
    print(f"Wrote {args.output}: " + ", ".join(f"{n} {role}" for role, n in counts.items()))
    return 0


def ready_people(per_role: int) -> dict:
    from django.db import transaction

    from goldenthread.core.audit import acting_as
    from goldenthread.partnership.management.commands.load_demo_partnership import read_demo

    demo = read_demo()
    with acting_as(None), transaction.atomic():
        people = practitioners(per_role) + leads_and_champions(per_role) + partnership_leads(per_role)
    return {"password": demo.password, "people": people}


# Each person: a password, an authenticator, the terms -------------------------------------


def ready(user, role: str, **ids) -> dict:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from goldenthread.core import safeguards, services
    from goldenthread.core.models import User

    # Every demo person shares the demo password's hash; a colleague added by the training demo may not.
    demo_hash = User.objects.filter(is_partnership_admin=True).order_by("id").values_list("password", flat=True).first()
    if user.password != demo_hash:
        user.password = demo_hash
        user.save(update_fields=["password"])
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=safeguards.AUTHENTICATOR_NAME, confirmed=True)
    device.last_t = -1
    device.drift = 0
    device.throttling_failure_count = 0
    device.save()
    services.accept_terms(user, by=user)
    return {
        "role": role,
        "email": user.email,
        "totp": {"key": device.key, "step": device.step, "t0": device.t0, "digits": device.digits},
        **ids,
    }


# Practitioners: a family they are in the team around, a supervision session ----------------


def practitioners(limit: int) -> list[dict]:
    from goldenthread.families import access
    from goldenthread.families.models import Family, Part, TeamMember
    from goldenthread.partnership.models import Membership, Role
    from goldenthread.supervision.models import Attendee

    open_families = Family.objects.exclude(status=Family.Status.CLOSED)
    places = TeamMember.objects.filter(left_on=None, family__in=open_families, user__is_active=True).select_related("family", "user", "organisation")
    writable = [place for place in places.order_by("id") if access.decide_change(place.user, place.family, Part.STORY).allowed]
    chosen: dict[int, tuple] = {}
    for place in writable:
        if place.user_id not in chosen and Membership.objects.filter(user=place.user, role=Role.PRACTITIONER).exists():
            chosen[place.user_id] = (place.user, place.family)
    # Too few: more practitioners of the same organisations join those teams (the same agreements cover them).
    pairs = list({(place.family_id, place.organisation_id): place for place in writable}.values())
    supervised = set(Attendee.objects.values_list("user_id", flat=True))
    turn = 0
    while len(chosen) < limit and pairs:
        place = pairs[turn % len(pairs)]
        turn += 1
        candidate = (
            Membership.objects.filter(organisation=place.organisation, role=Role.PRACTITIONER, user__is_active=True, user__is_family_account=False)
            .exclude(user_id__in=list(chosen))
            .exclude(user__family_team_places__family=place.family, user__family_team_places__left_on=None)
            .select_related("user")
            .order_by("id")
        )
        candidate = next((m for m in candidate if m.user_id in supervised), None) or candidate.first()
        if candidate is None:
            pairs.remove(place)
            continue
        TeamMember.objects.create(family=place.family, user=candidate.user, organisation=place.organisation)
        if access.decide_change(candidate.user, place.family, Part.STORY).allowed:
            chosen[candidate.user_id] = (candidate.user, place.family)
    ready_list = []
    for user, family in list(chosen.values())[:limit]:
        attendance = Attendee.objects.filter(user=user).select_related("session").order_by("-session__id").first()
        ready_list.append(
            ready(
                user,
                "practitioner",
                family=str(family.public_id),
                session=str(attendance.session.public_id) if attendance else None,
            )
        )
    return ready_list


# Organisation leads and champions: an open self-assessment round to answer -----------------


def leads_and_champions(limit: int) -> list[dict]:
    from goldenthread.continuum.models import Assessment, Framework, Response
    from goldenthread.partnership.models import Membership, Role

    framework = Framework.objects.filter(is_current=True).order_by("id").first()
    found = []
    for role, label in ((Role.ORGANISATION_LEAD, "organisation lead"), (Role.CHAMPION, "champion")):
        memberships = Membership.objects.filter(role=role, user__is_active=True, user__is_family_account=False).select_related("user", "organisation")
        # Those whose organisation already has a round open first, as the demo has them.
        opened = set(Assessment.objects.filter(status=Assessment.Status.OPEN).values_list("organisation_id", flat=True))
        ordered = sorted(memberships, key=lambda m: (m.organisation_id not in opened, m.id))
        taken = set()
        for membership in ordered:
            if len([p for p in found if p["role"] == label]) >= limit:
                break
            if membership.user_id in taken:
                continue
            taken.add(membership.user_id)
            organisation = membership.organisation
            assessment = Assessment.objects.filter(organisation=organisation, status=Assessment.Status.OPEN).first()
            if assessment is None:
                lead = Membership.objects.filter(organisation=organisation, role=Role.ORGANISATION_LEAD).order_by("id").first()
                assessment = Assessment.objects.create(
                    organisation=organisation, framework=framework, title="Load test round", started_by=lead.user if lead else membership.user
                )
            response = Response.objects.filter(assessment=assessment, respondent=membership.user).first()
            if response is None or response.status == Response.Status.SUBMITTED:
                if response is not None:
                    continue  # already answered: their answer page says so, not the everyday journey
                Response.objects.create(assessment=assessment, respondent=membership.user, invited_by=assessment.started_by)
            found.append(ready(membership.user, label, assessment=str(assessment.public_id), organisation=organisation.slug))
    return found


# Partnership leads: the map, the golden thread, the API with a token -----------------------


def partnership_leads(limit: int) -> list[dict]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from goldenthread.core import services
    from goldenthread.core.models import ApiToken, User

    admins = list(User.objects.filter(is_partnership_admin=True, is_active=True, memberships=None).order_by("id"))
    domain = admins[0].email.rpartition("@")[2] if admins else "partnership.riverbend.example"
    number = 1
    while len(admins) < limit:
        email = f"load.partnership.lead.{number:02d}@{domain}"
        admins.append(
            User.objects.get_or_create(
                email=email, defaults={"full_name": f"Load Test Lead {number}", "job_title": "Partnership lead (load test)", "is_partnership_admin": True}
            )[0]
        )
        number += 1
    found = []
    for user in admins[:limit]:
        person = ready(user, "partnership lead")
        device = TOTPDevice.objects.get(user=user, key=person["totp"]["key"])
        ApiToken.objects.filter(user=user, name="Load test").delete()
        _, key = services.create_api_token(user, by=user, name="Load test", device=device, scope=ApiToken.Scope.PARTNERSHIP)
        person["api_token"] = key
        found.append(person)
    return found


if __name__ == "__main__":
    sys.exit(main())

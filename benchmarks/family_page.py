"""How long a family's record takes at the server, with 10,000 families and 100 organisations.

Run it with `.venv/bin/python benchmarks/family_page.py` (options: --repeat N, --families N,
--organisations N). It builds a fictional partnership in a temporary SQLite database (or
the database named by GOLDENTHREAD_BENCH_DATABASE_URL, which it fills, so point it at an
empty one): demo-sized families, each with about four people and their one-page profiles,
two story entries, ten chronology entries, a team of three from three agencies and one or
two agreements. The rows are written with bulk_create, so the audit log does not note them
(it would for a real family). Then a practitioner in the team, signed in with two-step
verification and the terms accepted, asks for the family pages many times through Django's
test client, which runs the whole middleware stack in this process. Every request writes
its access log lines, as it would in use.

It prints the median and 95th percentile per page, the ratio against a baseline (a view
that returns a fixed short response through the same middleware) and the database queries
of one request. The target: a family page under 100 ms at the server (median). The script
exits with status 1 when a page misses it.
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import date, timedelta

from server_timing import TARGET_MS, configure_django, install_baseline_view, time_page  # noqa: E402

PRACTITIONERS_PER_ORGANISATION = 10
BATCH = 2000
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def reference(number: int) -> str:
    """A unique reference for family `number`, in the same shape as the real ones (F-XXXXXX)."""
    letters = []
    for _ in range(6):
        number, digit = divmod(number, len(ALPHABET))
        letters.append(ALPHABET[digit])
    return "F-" + "".join(reversed(letters))


def build(organisation_count: int, family_count: int) -> dict:
    """Organisations, practitioners and families in bulk; returns the people and family to measure with."""
    from django.contrib.auth.hashers import make_password

    from goldenthread.core.audit import acting_as
    from goldenthread.core.models import User
    from goldenthread.families.models import (
        ChronologyEntry,
        ConsentAgreement,
        Family,
        OnePageProfile,
        Part,
        Person,
        Relationship,
        StoryEntry,
        TeamMember,
    )
    from goldenthread.partnership.models import Membership, Organisation, Role, Sector

    today = date.today()
    sectors = Sector.values
    password = make_password("a-long-bench-password")
    with acting_as(None):
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(name=f"Bench Organisation {n:03d}", slug=f"bench-organisation-{n:03d}", sector=sectors[n % len(sectors)], area="Borough-wide")
                for n in range(organisation_count)
            ]
        )
        users = User.objects.bulk_create(
            [
                User(email=f"practitioner{p}.{n}@bench.example", password=password, full_name=f"Bench Practitioner {n}-{p}", job_title="Family worker")
                for n in range(organisation_count)
                for p in range(PRACTITIONERS_PER_ORGANISATION)
            ],
            batch_size=BATCH,
        )
        Membership.objects.bulk_create(
            [
                Membership(user=users[n * PRACTITIONERS_PER_ORGANISATION + p], organisation=organisations[n], role=Role.PRACTITIONER)
                for n in range(organisation_count)
                for p in range(PRACTITIONERS_PER_ORGANISATION)
            ],
            batch_size=BATCH,
        )

        def practitioner(organisation_number, family_number):
            """One of the organisation's practitioners, in turn, so each holds a caseload of about 30 families."""
            turn = (family_number // organisation_count) % PRACTITIONERS_PER_ORGANISATION
            return users[organisation_number * PRACTITIONERS_PER_ORGANISATION + turn]

        families = Family.objects.bulk_create(
            [
                Family(
                    reference=reference(n),
                    family_name=f"The Bench family {n}",
                    contact_details=f"{n} Bench Road, Riverbend (a made-up address), 07700 900{n % 1000:03d}",
                    lawful_basis="public-task",
                    lawful_basis_note="Support for a child in need, with the family's agreement.",
                    recording_organisation=organisations[n % organisation_count],
                )
                for n in range(family_count)
            ],
            batch_size=BATCH,
        )
        people, team, consents, stories, events = [], [], [], [], []
        for n, family in enumerate(families):
            home = n % organisation_count
            second, third = (home + 7) % organisation_count, (home + 31) % organisation_count
            for index, (first, role) in enumerate((("Robin", "child"), ("Sam", "parent"), ("Alex", "parent"), ("Kit", "sibling"))):
                people.append(
                    Person(
                        family=family,
                        first_name=first,
                        last_name=f"Bench{n}",
                        date_of_birth=today - timedelta(days=365 * (6 + 15 * (index % 3)) + n % 300),
                        role_in_family=role,
                        is_focus=index == 0,
                    )
                )
            for organisation_number, is_lead in ((home, True), (second, False), (third, False)):
                team.append(
                    TeamMember(family=family, user=practitioner(organisation_number, n), organisation=organisations[organisation_number], is_lead=is_lead)
                )
            consents.append(
                ConsentAgreement(family=family, organisation=organisations[second], parts=list(Part.values), given_by_name="Sam", method="in-person")
            )
            if n % 2:
                consents.append(
                    ConsentAgreement(
                        family=family, organisation=organisations[third], parts=[Part.STORY, Part.PROFILES], given_by_name="Sam", method="in-writing"
                    )
                )
            for told in (200, 40):
                stories.append(
                    StoryEntry(
                        family=family,
                        story="We moved here last spring. What helps us most is people who tell us what will happen, and keep to it. " * 6,
                        who_was_there="Sam and Robin, at home",
                        told_on=today - timedelta(days=told),
                        how_agreed="Sam read it back and agreed",
                    )
                )
            for event in range(10):
                events.append(
                    ChronologyEntry(
                        family=family,
                        occurred_on=today - timedelta(days=20 * event + 3),
                        organisation=organisations[(home, second, third)[event % 3]],
                        what_happened="A meeting with the family at the hub, to plan the next steps together. " * 2,
                        meaning_for_child="Robin knows who will help, and what happens next.",
                    )
                )
        people = Person.objects.bulk_create(people, batch_size=BATCH)
        OnePageProfile.objects.bulk_create(
            [
                OnePageProfile(
                    person=person,
                    liked_and_admired="Kind, funny and a loyal friend. " * 4,
                    important_to_me="My family, football and my dog. " * 4,
                    how_to_support_me="Tell me about changes the day before. Talk to me side by side. " * 3,
                    written_with="With their family worker",
                )
                for person in people
            ],
            batch_size=BATCH,
        )
        Relationship.objects.bulk_create(
            [
                Relationship(family_id=people[i].family_id, person=people[i + offset], other=people[i], description=("Mum", "Dad", "Brother")[offset - 1])
                for i in range(0, len(people), 4)
                for offset in (1, 2, 3)
            ],
            batch_size=BATCH,
        )
        TeamMember.objects.bulk_create(team, batch_size=BATCH)
        ConsentAgreement.objects.bulk_create(consents, batch_size=BATCH)
        StoryEntry.objects.bulk_create(stories, batch_size=BATCH)
        ChronologyEntry.objects.bulk_create(events, batch_size=BATCH)

    measured = families[family_count // 2]
    home = (family_count // 2) % organisation_count  # the family's recording organisation, as above
    return {
        "family": measured,
        "lead": practitioner(home, family_count // 2),
        "other agency": practitioner((home + 7) % organisation_count, family_count // 2),
    }


def verified_client(user):
    """A client signed in as `user`, through two-step verification, with the current terms accepted."""
    from django.test import Client
    from django.urls import reverse
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from goldenthread.core import safeguards
    from goldenthread.core import services as core_services

    device = TOTPDevice.objects.create(user=user, name=safeguards.AUTHENTICATOR_NAME, confirmed=True)
    core_services.accept_terms(user, by=user)
    client = Client()
    client.force_login(user)
    code = str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(device.digits)
    response = client.post(reverse("core:two-step-verify"), {"code": code})
    if response.status_code != 302:
        raise SystemExit("The benchmark could not pass two-step verification.")
    return client


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="requests per page (default 200)")
    parser.add_argument("--families", type=int, default=10_000, help="families (default 10,000)")
    parser.add_argument("--organisations", type=int, default=100, help="organisations (default 100)")
    options = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="goldenthread-family-bench-")
    database_url = os.environ.get("GOLDENTHREAD_BENCH_DATABASE_URL") or f"sqlite:///{workdir}/bench.sqlite3"
    configure_django(database_url)

    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from goldenthread.families.models import ChronologyEntry, Family, Person, TeamMember

    print(f"Building {options.families:,} families and {options.organisations} organisations in {database_url} …", flush=True)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    found = build(options.organisations, options.families)
    print(
        f"Built in {time.perf_counter() - started:.1f} s: {Family.objects.count():,} families, {Person.objects.count():,} people, "
        f"{ChronologyEntry.objects.count():,} chronology entries, {TeamMember.objects.count():,} team places.\n",
        flush=True,
    )
    install_baseline_view()

    family = found["family"]
    lead = verified_client(found["lead"])
    other = verified_client(found["other agency"])
    caseload = TeamMember.objects.filter(user=found["lead"]).count()
    pages = [
        ("baseline: a fixed short response", Client(), "/__baseline__/"),
        ("family overview (lead practitioner)", lead, reverse("families:overview", args=[family.public_id])),
        ("family overview (another agency, by agreement)", other, reverse("families:overview", args=[family.public_id])),
        ("a one-page profile (lead practitioner)", lead, reverse("families:profile", args=[family.public_id, family.people.get(is_focus=True).public_id])),
        (f"your families ({caseload} families, lead practitioner)", lead, reverse("families:your-families")),
        ("JSON export of the record (lead practitioner)", lead, reverse("families:export-json", args=[family.public_id])),
    ]

    results = []
    for name, client, url in pages:
        median, p95, queries = time_page(client, url, options.repeat)
        results.append((name, median, p95, queries))
        print(f"  measured {name}", file=sys.stderr, flush=True)

    baseline = results[0][1]
    width = max(len(name) for name, *_ in results)
    print(f"{'page'.ljust(width)}  {'median ms':>9}  {'p95 ms':>7}  {'× baseline':>10}  {'queries':>7}")
    slow = []
    for name, median, p95, queries in results:
        flag = "" if median < TARGET_MS else "  over the 100 ms target"
        if flag:
            slow.append(name)
        print(f"{name.ljust(width)}  {median:9.2f}  {p95:7.2f}  {median / baseline:10.1f}  {queries:7d}{flag}")
    print(
        f"\n{options.repeat} requests per page; {options.families:,} families; baseline median {baseline:.2f} ms; "
        f"target {TARGET_MS:.0f} ms per page at the server."
    )
    if slow:
        print("Over the target: " + ", ".join(slow))
        return 1
    print("Every family page is under the target.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How long the main pages take at the server, for a partnership of 100 organisations.

Run it with `.venv/bin/python benchmarks/pages.py` (options: --repeat N, --organisations N).
It builds a fictional partnership in a temporary SQLite database (or the database named
by GOLDENTHREAD_BENCH_DATABASE_URL, which it fills, so point it at an empty one), then asks
each page many times through Django's test client, which runs the whole middleware stack
in this process. It prints the median and 95th percentile per page, the ratio against a
baseline (a view that returns a fixed short response through the same middleware), and
how many database queries each page makes, so a query per row (N+1) shows at once.

The target: every page under 100 ms at the server. The script exits with status 1 when a
page's median misses it.
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import timedelta

from server_timing import configure_django, install_baseline_view, report, time_page  # noqa: E402


def build_partnership(organisations: int) -> dict:
    """A partnership shaped like the demo, at scale: most organisations signed, some lapsed or not yet."""
    from django.utils import timezone

    from goldenthread.core.audit import acting_as
    from goldenthread.core.models import User
    from goldenthread.partnership.models import Membership, Organisation, Role, Sector, Size
    from goldenthread.pledges.models import PersonalPledge, Pledge, PledgeAction, PledgeText, ProgressUpdate, Strand

    today = timezone.localdate()
    pledge_text = PledgeText.current()
    commitments = list(pledge_text.commitments.all())
    sectors = Sector.values
    sizes = Size.values
    people = {}
    with acting_as(None):
        people["partnership lead"] = User.objects.create_user(
            "lead@partnership.bench.example", None, full_name="Bench Partnership Lead", is_partnership_admin=True
        )
        for number in range(organisations):
            organisation = Organisation.objects.create(
                name=f"Bench Organisation {number:03d}",
                sector=sectors[number % len(sectors)],
                area=["North", "South", "East", "West", "Borough-wide"][number % 5],
                size=sizes[number % len(sizes)],
                description="A fictional organisation made for measuring how fast the pages are. " * 3,
            )
            members = {}
            for role in Role.values:
                user = User.objects.create_user(f"{role}.{number}@bench.example", None, full_name=f"Bench {role.replace('-', ' ').title()} {number}")
                Membership.objects.create(user=user, organisation=organisation, role=role)
                members[role] = user
                people.setdefault(Role(role).label.lower(), user)
            for extra in range(6):
                user = User.objects.create_user(f"practitioner{extra}.{number}@bench.example", None, full_name=f"Bench Practitioner {number}-{extra}")
                Membership.objects.create(user=user, organisation=organisation, role=Role.PRACTITIONER)
            if number % 10 == 9:
                continue  # not signed yet
            signed_on = today - timedelta(days=400 if number % 10 == 8 else 30 + number)
            pledge = Pledge.objects.create(
                organisation=organisation,
                pledge_text=pledge_text,
                signatory_name=f"Bench Signatory {number}",
                signatory_role="Chief executive",
                signed_on=signed_on,
                signed_by=members["organisation-lead"],
                vision="We want every person we serve to feel heard and understood. " * 4,
                how_we_will_do_it="Training for every member of staff, group supervision and kinder letters. " * 4,
                priorities="Telling it once; calm spaces; support for our own staff. " * 4,
                expires_on=signed_on + timedelta(days=365),
                status=Pledge.Status.WITHDRAWN if number % 25 == 7 else Pledge.Status.PUBLISHED,
            )
            pledge.commitments.set(commitments[number % 4 :: 2] + [c for c in commitments if c.order % 4 == 0])
            for index, strand in enumerate(Strand.values * 2):
                PledgeAction.objects.create(
                    pledge=pledge,
                    strand=strand,
                    description=f"Bench action {index} for {strand}",
                    owner="Bench team",
                    due_on=today + timedelta(days=index * 20 - 40),
                    status=PledgeAction.Status.values[index % 3],
                )
            ProgressUpdate.objects.create(pledge=pledge, posted_by=members["organisation-lead"], summary="What changed this year. " * 10)
            PersonalPledge.objects.create(user=members["organisation-lead"], organisation=organisation, commitment="I will listen first. " * 5)
    return people


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="requests per page (default 200)")
    parser.add_argument("--organisations", type=int, default=100, help="organisations in the partnership (default 100)")
    options = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="goldenthread-bench-")
    database_url = os.environ.get("GOLDENTHREAD_BENCH_DATABASE_URL") or f"sqlite:///{workdir}/bench.sqlite3"
    configure_django(database_url)

    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    print(f"Building a partnership of {options.organisations} organisations in {database_url} …", flush=True)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    people = build_partnership(options.organisations)
    print(f"Built in {time.perf_counter() - started:.1f} s.\n", flush=True)
    install_baseline_view()

    from goldenthread.partnership.models import Organisation

    signed = Organisation.objects.filter(pledge__status="published").order_by("name").first()
    anonymous = Client()
    clients = {}
    for who, user in people.items():
        clients[who] = Client()
        clients[who].force_login(user)

    pages = [
        ("baseline: a fixed short response", anonymous, "/__baseline__/"),
        ("not found page (404)", anonymous, "/no-such-page/"),
        ("front page", anonymous, reverse("core:home")),
        ("pledge wall", anonymous, reverse("pledges:wall")),
        ("pledge wall, filtered by sector", anonymous, reverse("pledges:wall") + "?sector=health"),
        ("pledge wall, searched", anonymous, reverse("pledges:wall") + "?q=organisation+05"),
        ("pledge wall, live search (htmx)", anonymous, reverse("pledges:wall") + "?q=heard"),
        ("an organisation's pledge page", anonymous, reverse("pledges:organisation", args=[signed.slug])),
        ("organisations list (partnership lead)", clients["partnership lead"], reverse("partnership:organisations")),
        ("every pledge (partnership lead)", clients["partnership lead"], reverse("pledges:all")),
        ("audit log (partnership lead)", clients["partnership lead"], reverse("core:audit-log")),
        ("API: organisations", anonymous, "/api/v1/organisations"),
        ("API: pledges", anonymous, "/api/v1/pledges"),
        ("API: pledges, by sector", anonymous, "/api/v1/pledges?sector=health&limit=100"),
    ]
    for who in people:
        pages.append((f"home page: {who}", clients[who], reverse("core:home")))

    results = []
    for name, client, url in pages:
        expected = 404 if url.startswith("/no-such-page") else 200
        headers = {"HX-Request": "true"} if "htmx" in name else None
        median, p95, queries = time_page(client, url, options.repeat, expected=expected, headers=headers)
        results.append((name, median, p95, queries))
        print(f"  measured {name}", file=sys.stderr, flush=True)

    return report(results, options.repeat)


if __name__ == "__main__":
    sys.exit(main())

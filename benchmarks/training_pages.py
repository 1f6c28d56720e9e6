"""How long the training reach pages and a session's register take at the server, with 1,300 people and a year of sessions.

Run it with `.venv/bin/python benchmarks/training_pages.py` (option: --repeat N). It loads the
demo partnership and its year of training (`load_demo_partnership`, `load_demo_training`:
about 1,300 people in 26 organisations, 59 sessions over the last twelve months and the next
eight weeks, 1,300 places, feedback and completions) into a temporary SQLite database (or
the database named by GOLDENTHREAD_BENCH_DATABASE_URL, which it fills, so point it at an
empty one). Then the partnership lead, an organisation lead and a trainer ask for each page
many times through Django's test client, which runs the whole middleware stack in this
process.

It prints the median and 95th percentile per page, the ratio against a baseline (a view
that returns a fixed short response through the same middleware, measured in the same run)
and the database queries of one request, so a query per person shows at once. On a machine
busy with other work the times stretch with it; measure on a quiet one. The target:
each page under 100 ms at the server (median). The script exits with status 1 when a page
misses it.
"""

import argparse
import os
import sys
import tempfile
import time
from io import StringIO

from server_timing import configure_django, install_baseline_view, report, time_page  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100, help="requests per page (default 100)")
    options = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="goldenthread-bench-")
    database_url = os.environ.get("GOLDENTHREAD_BENCH_DATABASE_URL") or f"sqlite:///{workdir}/bench.sqlite3"
    configure_django(database_url)

    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from goldenthread.core.models import User
    from goldenthread.partnership.models import Membership, Role
    from goldenthread.training import queries
    from goldenthread.training.models import Booking, TrainingSession

    print(f"Loading the demo partnership and its year of training into {database_url} …", flush=True)
    call_command("migrate", verbosity=0)
    call_command("load_demo_partnership", stdout=StringIO())
    started = time.perf_counter()
    call_command("load_demo_training", stdout=StringIO())
    print(f"The training part loaded in {time.perf_counter() - started:.1f} s.", flush=True)
    install_baseline_view()

    now = timezone.now()
    people = queries.partnership_reach().everyone.people
    sessions = TrainingSession.objects.count()
    places = Booking.objects.count()
    print(f"{people:,} people, {sessions} sessions, {places:,} places.\n", flush=True)

    lead = User.objects.filter(is_partnership_admin=True).order_by("id").first()
    biggest = Membership.objects.values("organisation").annotate(n=Count("id")).order_by("-n").first()["organisation"]
    organisation_lead = Membership.objects.filter(organisation=biggest, role=Role.ORGANISATION_LEAD).select_related("user", "organisation").first()
    trainer = User.objects.filter(memberships__role=Role.TRAINER, training_sessions_led__isnull=False).distinct().order_by("id").first()
    clients = {}
    for who, user in (("partnership lead", lead), ("organisation lead", organisation_lead.user), ("trainer", trainer)):
        clients[who] = Client()
        clients[who].force_login(user)
    slug = organisation_lead.organisation.slug
    full = next(s for s in queries.upcoming_sessions() if s.taken >= s.capacity and s.waiting_count)
    busiest = (
        TrainingSession.objects.filter(ends_at__lt=now)
        .annotate(booked=Count("bookings", distinct=True), said=Count("feedback", distinct=True))
        .order_by("-booked", "-said")
        .first()
    )
    to_take = TrainingSession.objects.filter(ends_at__lt=now, bookings__status=Booking.Status.BOOKED, bookings__attendance="").distinct().first()

    def register(session):
        return reverse("training:register", args=[session.public_id])

    pages = [
        ("baseline: a fixed short response", Client(), "/__baseline__/"),
        ("reach across the partnership (partnership lead)", clients["partnership lead"], reverse("training:reach")),
        ("reach across the partnership (trainer)", clients["trainer"], reverse("training:reach")),
        ("an organisation's people (its lead)", clients["organisation lead"], reverse("training:reach-organisation", args=[slug])),
        ("an organisation's people, not reached yet", clients["organisation lead"], reverse("training:reach-organisation", args=[slug]) + "?reach=not-reached"),
        ("an organisation's people, last page", clients["partnership lead"], reverse("training:reach-organisation", args=[slug]) + "?page=last"),
        (f"register: a full session, {full.taken} booked, {full.waiting_count} waiting", clients["trainer"], register(full)),
        (f"register: a session held, {busiest.booked} places, {busiest.said} said how it went", clients["trainer"], register(busiest)),
        ("register: yesterday's, to take", clients["trainer"], register(to_take)),
        ("running the programme (trainer)", clients["trainer"], reverse("training:manage")),
    ]

    results = []
    for name, client, url in pages:
        median, p95, count = time_page(client, url, options.repeat)
        results.append((name, median, p95, count))
        print(f"  measured {name}", file=sys.stderr, flush=True)

    return report(results, options.repeat)


if __name__ == "__main__":
    sys.exit(main())

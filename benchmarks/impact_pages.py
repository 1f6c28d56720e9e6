"""How long impact's pages take at the server, with the demo's two years of figures.

Run it with `.venv/bin/python benchmarks/impact_pages.py` (option: --repeat N).
It loads the whole demo (`load_demo`: about 1,300 people, the pledges, self-assessments,
families, supervision, training, wellbeing and two years of impact figures, feedback and
audits) into a temporary SQLite database (or the database named by
GOLDENTHREAD_BENCH_DATABASE_URL, which it fills, so point it at an empty one). Then the
people who use each page ask for it many times through Django's test client, which runs the
whole middleware stack in this process.

The pages that do the most work compute their figures live from the other apps' records:
the golden thread for the partnership and for one organisation (every step, this period and
the one before, with a twelve-month trend), the indicators list (each indicator's figure and
status), one indicator with its trend, the feedback and audit results, and a board report's
PDF (drawn from its frozen snapshot). It prints the median and 95th percentile per page, the
ratio against a baseline (a fixed short response through the same middleware, measured in the
same run) and the queries of one request. The script exits with status 1 when a page's
median misses 100 ms at the server, the house's target for a page.
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
    parser.add_argument("--repeat", type=int, default=20, help="requests per page (default 20)")
    options = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="goldenthread-bench-")
    os.environ.setdefault("GOLDENTHREAD_MEDIA_ROOT", os.path.join(workdir, "media"))
    database_url = os.environ.get("GOLDENTHREAD_BENCH_DATABASE_URL") or f"sqlite:///{workdir}/bench.sqlite3"
    configure_django(database_url)

    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from goldenthread.core.models import User
    from goldenthread.impact.indicators.models import Indicator
    from goldenthread.impact.reports.models import BoardReport
    from goldenthread.partnership.models import Membership, Role

    print(f"Loading the whole demo into {database_url} …", flush=True)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("load_demo", stdout=StringIO())
    print(f"The demo loaded in {time.perf_counter() - started:.1f} s; {Indicator.objects.count()} indicators.\n", flush=True)
    install_baseline_view()

    lead = User.objects.filter(is_partnership_admin=True).order_by("id").first()
    organisation_lead = Membership.objects.filter(role=Role.ORGANISATION_LEAD).select_related("user", "organisation").order_by("id").first()
    clients = {}
    for who, user in (("partnership lead", lead), ("organisation lead", organisation_lead.user)):
        clients[who] = Client()
        clients[who].force_login(user)
    indicator = Indicator.objects.filter(source="computed", is_active=True).order_by("id").first()
    board_report = BoardReport.objects.order_by("id").first()

    pages = [
        ("baseline: a fixed short response", Client(), "/__baseline__/"),
        ("impact's home page", clients["partnership lead"], reverse("impact:home")),
        ("the theory of change (diagram and list)", clients["partnership lead"], reverse("impact:theory")),
        ("the golden thread, partnership", clients["partnership lead"], reverse("impact:thread")),
        ("the golden thread, one organisation", clients["organisation lead"], reverse("impact:thread_organisation", args=[organisation_lead.organisation_id])),
        ("the indicators, with figures and status", clients["partnership lead"], reverse("impact:indicators")),
        ("one computed indicator with its trend", clients["partnership lead"], reverse("impact:indicator", args=[indicator.public_id])),
        ("what families tell us (results)", clients["partnership lead"], reverse("impact:feedback_results")),
        ("audit results", clients["partnership lead"], reverse("impact:quality_results")),
        ("a board report", clients["partnership lead"], reverse("impact:report", args=[board_report.public_id])),
        ("a board report's PDF", clients["partnership lead"], reverse("impact:report_pdf", args=[board_report.public_id])),
    ]

    results = []
    for name, client, url in pages:
        median, p95, count = time_page(client, url, options.repeat)
        results.append((name, median, p95, count))
        print(f"  measured {name}", file=sys.stderr, flush=True)

    return report(results, options.repeat)


if __name__ == "__main__":
    sys.exit(main())

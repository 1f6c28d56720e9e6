"""How long the wellbeing and programme pages take at the server, with the demo's workforce, check-ins and programme.

Run it with `.venv/bin/python benchmarks/wellbeing_and_programme_pages.py` (option: --repeat N).
It loads the whole demo (`load_demo`: about 1,300 people, 966 check-ins, a year of the
recovery programme, 30 resources, 15 stories) into a temporary SQLite database (or the
database named by GOLDENTHREAD_BENCH_DATABASE_URL, which it fills, so point it at an empty
one). Then the people who use each page ask for it many times through Django's test client,
which runs the whole middleware stack in this process.

The pages that do the most work: the wellbeing figures (every check-in of twelve months
decrypted and counted, small groups held back), a person's own check-ins with their chart,
the programme board, the roadmap, the resource library and its search, the stories list
with bright spots, and the champions directory. It prints the median and 95th percentile
per page, the ratio against a baseline (a fixed short response through the same middleware,
measured in the same run) and the queries of one request. Target: each page under 100 ms at
the server (median); the script exits with status 1 when a page misses it.
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
    parser.add_argument("--repeat", type=int, default=50, help="requests per page (default 50)")
    options = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="goldenthread-bench-")
    os.environ.setdefault("GOLDENTHREAD_MEDIA_ROOT", os.path.join(workdir, "media"))
    database_url = os.environ.get("GOLDENTHREAD_BENCH_DATABASE_URL") or f"sqlite:///{workdir}/bench.sqlite3"
    configure_django(database_url)

    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from goldenthread.core.models import User
    from goldenthread.partnership.models import Membership, Role
    from goldenthread.programme.models import Programme
    from goldenthread.wellbeing.models import CheckIn

    print(f"Loading the whole demo into {database_url} …", flush=True)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("load_demo", stdout=StringIO())
    print(f"The demo loaded in {time.perf_counter() - started:.1f} s; {CheckIn.objects.count():,} check-ins.\n", flush=True)
    install_baseline_view()

    lead = User.objects.filter(is_partnership_admin=True).order_by("id").first()
    with_check_ins = CheckIn.objects.values_list("person", flat=True).order_by("-taken_at").first()
    checker = User.objects.get(pk=with_check_ins)
    champion = User.objects.filter(memberships__role=Role.CHAMPION).order_by("id").first()
    organisation_lead = Membership.objects.filter(role=Role.ORGANISATION_LEAD).select_related("user").order_by("id").first().user
    clients = {}
    for who, user in (("partnership lead", lead), ("practitioner", checker), ("champion", champion), ("organisation lead", organisation_lead)):
        clients[who] = Client()
        clients[who].force_login(user)
    programme = Programme.objects.order_by("id").first()

    pages = [
        ("baseline: a fixed short response", Client(), "/__baseline__/"),
        ("wellbeing figures, every organisation (partnership lead)", clients["partnership lead"], reverse("wellbeing:figures")),
        ("wellbeing figures, own organisation (organisation lead)", clients["organisation lead"], reverse("wellbeing:figures")),
        ("your wellbeing: check-ins and chart", clients["practitioner"], reverse("wellbeing:home")),
        ("reflective spaces", clients["practitioner"], reverse("wellbeing:spaces")),
        ("the programme board", clients["partnership lead"], reverse("programme:work-board", args=[programme.public_id])),
        ("the roadmap, whole", clients["partnership lead"], reverse("programme:roadmap-home")),
        ("the resource library", clients["practitioner"], reverse("programme:resources-library")),
        ("the resource library, searched", clients["practitioner"], reverse("programme:resources-library") + "?q=trauma+informed"),
        ("stories of practice", clients["practitioner"], reverse("programme:stories-list")),
        ("stories, public page (no sign-in)", Client(), reverse("programme:stories-public")),
        ("champions directory", clients["champion"], reverse("programme:champions-directory")),
        ("home page (practitioner)", clients["practitioner"], "/"),
    ]

    results = []
    for name, client, url in pages:
        median, p95, count = time_page(client, url, options.repeat)
        results.append((name, median, p95, count))
        print(f"  measured {name}", file=sys.stderr, flush=True)

    return report(results, options.repeat)


if __name__ == "__main__":
    sys.exit(main())

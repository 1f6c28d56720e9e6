"""What the page benchmarks share: Django set-up, the in-process baseline, and timing one page."""

import os
import statistics
import sys
import time
import types
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR / "src"))
TARGET_MS = 100.0


def configure_django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "goldenthread.settings.test"
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()


def install_baseline_view():
    """The same URLs plus one view that returns a fixed short response: the floor every page stands on."""
    from django.http import HttpResponse
    from django.test.utils import override_settings
    from django.urls import path

    import goldenthread.urls as site_urls

    def baseline(request):
        return HttpResponse("ok", content_type="text/plain")

    module = types.ModuleType("benchmark_urls")
    module.urlpatterns = [path("__baseline__/", baseline), *site_urls.urlpatterns]
    for handler in ("handler400", "handler403", "handler404", "handler500"):
        setattr(module, handler, getattr(site_urls, handler))
    sys.modules["benchmark_urls"] = module
    override_settings(ROOT_URLCONF="benchmark_urls").enable()


def time_page(client, url, repeat, *, expected=200, headers=None):
    """Median and 95th percentile in ms, and the queries of one request, for one page."""
    from django.db import connection

    for _ in range(max(5, repeat // 10)):  # warm caches and connections
        response = client.get(url, headers=headers)
    if response.status_code != expected:
        raise SystemExit(f"{url} answered {response.status_code}, not {expected}: the benchmark needs every page to work.")
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):  # counts every query, whatever resets the debug log
        client.get(url, headers=headers)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url, headers=headers)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)], len(queries)


def report(results, repeat: int) -> int:
    """Print each page's median, 95th percentile, ratio to the baseline (the first row) and queries; 1 if any page is over the target."""
    baseline = results[0][1]
    width = max(len(name) for name, *_ in results)
    print(f"{'page'.ljust(width)}  {'median ms':>9}  {'p95 ms':>7}  {'× baseline':>10}  {'queries':>7}")
    slow = []
    for name, median, p95, queries in results:
        flag = "" if median < TARGET_MS else "  over the 100 ms target"
        if flag:
            slow.append(name)
        print(f"{name.ljust(width)}  {median:9.2f}  {p95:7.2f}  {median / baseline:10.1f}  {queries:7d}{flag}")
    print(f"\n{repeat} requests per page; baseline median {baseline:.2f} ms; target {TARGET_MS:.0f} ms per page at the server.")
    if slow:
        print("Over the target: " + ", ".join(slow))
        return 1
    print("Every page is under the target.")
    return 0

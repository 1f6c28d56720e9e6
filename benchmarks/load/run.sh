#!/usr/bin/env bash
# The load test, start to finish: a fresh PostgreSQL database with the demo, the site served the
# production way, then locust: 200 simulated people for 10 minutes, and the step test.
#
#   benchmarks/load/run.sh            # both: steady, then step
#   benchmarks/load/run.sh steady     # only the 200 people for 10 minutes
#   benchmarks/load/run.sh step       # only the step test
#   benchmarks/load/run.sh smoke      # 5 people for 60 seconds, to check the scenario works
#
# Run it on a quiet machine: anything else running spoils the figures. It needs `make setup`
# first (virtual environment with locust and gunicorn, built static assets) and a PostgreSQL
# server at LOAD_POSTGRES (default postgres://postgres@127.0.0.1:5432) where it may create and
# drop the database LOAD_DB (default goldenthread_load). Results go to LOAD_RESULTS (default
# benchmarks/load/results/<time>/): locust's CSV files and its log, and summary.txt.
#
# Settings (environment): LOAD_USERS (200), LOAD_SPAWN_RATE (1 a second), LOAD_RUN_TIME (10 minutes
# after the last has arrived: 800s for 200 at 1 a second),
# LOAD_WORKERS (gunicorn workers; default serve-production's 2 x cores + 1), LOAD_PORT (8443),
# LOAD_PER_ROLE (accounts readied for each role, 60), GOLDENTHREAD_STEP_USERS /
# GOLDENTHREAD_STEP_SECONDS / GOLDENTHREAD_STEP_MAX_USERS (see shape.py), LOAD_KEEP_DB=1 to keep
# the database afterwards.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
what="${1:-both}"
case "$what" in both|steady|step|smoke) ;; *) echo "usage: $0 [both|steady|step|smoke]" >&2; exit 2 ;; esac

bin="$root/.venv/bin"
postgres="${LOAD_POSTGRES:-postgres://postgres@127.0.0.1:5432}"
database="${LOAD_DB:-goldenthread_load}"
port="${LOAD_PORT:-8443}"
results="${LOAD_RESULTS:-$root/benchmarks/load/results/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$results"

export DJANGO_SETTINGS_MODULE=goldenthread.settings.production
export DATABASE_URL="$postgres/$database"
export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-$("$bin/python" -c 'import secrets; print(secrets.token_urlsafe(60))')}"
export DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost"
export GOLDENTHREAD_SITE_URL="https://127.0.0.1:$port"
# Every simulated person comes from this one machine's address, so the limits per address (which
# a real council's office, behind one address, also meets at nine in the morning) are raised here;
# the limits per account and per person stay as they ship.
export GOLDENTHREAD_RATE_SIGN_IN_PER_CLIENT="${GOLDENTHREAD_RATE_SIGN_IN_PER_CLIENT:-5000/m}"
export GOLDENTHREAD_RATE_API_PER_CLIENT="${GOLDENTHREAD_RATE_API_PER_CLIENT:-5000/m}"
export GOLDENTHREAD_RATE_PASSWORD_RESET_PER_CLIENT="${GOLDENTHREAD_RATE_PASSWORD_RESET_PER_CLIENT:-5000/m}"
# The shared cache production uses for the rate limits, where a Redis server answers here.
if [ -z "${GOLDENTHREAD_CACHE_URL:-}" ] && "$bin/python" -c 'import redis; redis.Redis(socket_connect_timeout=0.5).ping()' 2>/dev/null; then
  export GOLDENTHREAD_CACHE_URL="redis://127.0.0.1:6379/3"
fi
# Each simulated person, like a browser, keeps their connection open between pages (3 to 10 s
# apart). gunicorn closes an idle connection after GUNICORN_KEEPALIVE seconds (5 by default, for a
# proxy in front that keeps its own); here the people talk to gunicorn directly, as they would to
# that proxy, so it waits longer than their longest pause. Without it, every page after a longer
# pause paid for a new TLS connection, and a page asked for just as gunicorn closed the
# connection got no answer.
export GUNICORN_KEEPALIVE="${GUNICORN_KEEPALIVE:-30}"
export GOLDENTHREAD_WELLBEING_KEYS="${GOLDENTHREAD_WELLBEING_KEYS:-$("$bin/python" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')}"

# Locust is the "load" extra (kept out of the test set-up, as the load test is kept out of the tests).
if [ ! -x "$bin/locust" ]; then
  echo "== Installing locust (pip install -e '.[load]')"
  "$bin/python" -m pip install --quiet -e "$root[load]"
fi

sql() { "$bin/python" -c 'import sys, psycopg; c = psycopg.connect(sys.argv[1], autocommit=True); c.execute(sys.argv[2])' "$postgres/postgres" "$1"; }

server_pid=""
# The workers' memory every minute during a run (memory() below), to see whether it levels off.
memory_sampler=""
sample_memory() { ( while sleep 60; do memory "$1"; done ) & memory_sampler=$!; }
stop_sampling_memory() { [ -z "$memory_sampler" ] || kill "$memory_sampler" 2>/dev/null || true; memory_sampler=""; }

stop() {
  trap - EXIT INT TERM
  stop_sampling_memory
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "${LOAD_KEEP_DB:-0}" != 1 ]; then
    sql "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true
  fi
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== A fresh database $database with the demo, and people.json"
sql "DROP DATABASE IF EXISTS $database WITH (FORCE)"
sql "CREATE DATABASE $database"
"$bin/python" benchmarks/load/prepare.py --per-role "${LOAD_PER_ROLE:-60}"

echo "== Serving the production way on port $port (log: $results/server.log)"
if [ -x scripts/serve-production ]; then
  host="https://127.0.0.1:$port"
  workers=(); [ -z "${LOAD_WORKERS:-}" ] || workers=(--workers "$LOAD_WORKERS")
  # A self-signed certificate of our own, kept for the whole run (gunicorn reads it for every connection).
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$results/localhost.key" -out "$results/localhost.crt" 2>/dev/null
  setsid scripts/serve-production --port "$port" "${workers[@]}" --cert "$results/localhost.crt" --key "$results/localhost.key" \
    >"$results/server.log" 2>&1 &
else
  # Before scripts/serve-production existed: gunicorn over plain HTTP, the load test saying
  # X-Forwarded-Proto: https as a TLS proxy in front would.
  host="http://127.0.0.1:$port"
  "$bin/python" manage.py collectstatic --no-input --verbosity 0
  setsid "$bin/gunicorn" -w "${LOAD_WORKERS:-4}" -k gthread --threads 4 -b "127.0.0.1:$port" --chdir "$root/src" \
    goldenthread.wsgi >"$results/server.log" 2>&1 &
fi
server_pid=$!
for _ in $(seq 1 120); do
  curl -sk -o /dev/null -H "X-Forwarded-Proto: https" "$host/sign-in/" && break
  kill -0 "$server_pid" 2>/dev/null || { echo "The server stopped at start-up: see $results/server.log" >&2; exit 1; }
  sleep 1
done

locust() { "$bin/locust" --host "$host" --headless --only-summary "$@"; }

# The memory of each gunicorn process (resident, in MB): before and after a run, to see it stays level.
memory() {
  echo "-- $1 ($(date -u +%H:%M:%S))" >>"$results/memory.txt"
  ps -o pid=,ppid=,rss=,args= --sid "$server_pid" | awk '/gunicorn/ {printf "pid %s (parent %s)  %6.1f MB\n", $1, $2, $3 / 1024}' >>"$results/memory.txt" || true
}

if [ "$what" = smoke ]; then
  echo "== Smoke: 5 people for 60 s"
  GOLDENTHREAD_LOAD_EVERY_ROLE=1 locust -f benchmarks/load/locustfile.py --users 5 --spawn-rate 5 --run-time 60s --csv "$results/smoke" 2>&1 | tee "$results/smoke.log"
  "$bin/python" benchmarks/load/summarise.py steady "$results/smoke" | tee -a "$results/summary.txt" || true
fi
if [ "$what" = both ] || [ "$what" = steady ]; then
  # People arrive as at the start of a working day, one a second by default (200 in 3 min 20 s),
  # each signing in; the run then lasts 10 more minutes with all of them there. Every request
  # counts, the arrivals' sign-ins included.
  users="${LOAD_USERS:-200}"
  spawn_rate="${LOAD_SPAWN_RATE:-1}"
  run_time="${LOAD_RUN_TIME:-$("$bin/python" -c 'import sys; print(f"{int(600 + float(sys.argv[1]) / float(sys.argv[2]))}s")' "$users" "$spawn_rate")}"
  echo "== Steady: $users people arriving at $spawn_rate a second, for $run_time in all"
  memory "before the steady run"
  sample_memory "during the steady run"
  locust -f benchmarks/load/locustfile.py --users "$users" --spawn-rate "$spawn_rate" \
    --run-time "$run_time" --csv "$results/steady" --csv-full-history 2>&1 | tee "$results/steady.log" || true  # locust exits 1 when a request failed
  stop_sampling_memory
  memory "after the steady run"
  "$bin/python" benchmarks/load/summarise.py steady "$results/steady" | tee -a "$results/summary.txt" || true
  cat "$results/memory.txt" | tee -a "$results/summary.txt"
fi
if [ "$what" = both ] || [ "$what" = step ]; then
  if [ "$what" = both ]; then
    echo "== A minute's rest before the step test (no authenticator code of the first run is still current then)"
    sleep 60
  fi
  echo "== Step test: +${GOLDENTHREAD_STEP_USERS:-20} people every ${GOLDENTHREAD_STEP_SECONDS:-60} s"
  memory "before the step test"
  sample_memory "during the step test"
  locust -f benchmarks/load/locustfile.py,benchmarks/load/shape.py --csv "$results/step" --csv-full-history 2>&1 | tee "$results/step.log" || true
  stop_sampling_memory
  memory "after the step test"
  "$bin/python" benchmarks/load/summarise.py step "$results/step" | tee -a "$results/summary.txt"
fi
echo "== Results in $results"

# syntax=docker/dockerfile:1
# Golden Thread's container image: one image for the web app (gunicorn), the task worker
# (`manage.py run_worker`), the one-off `manage.py migrate`, and Dask's scheduler and workers
# for archive scans. Every setting comes from the environment at run time (docs/deploy.md).
#
#   docker build -t golden-thread .
#   docker compose up          (compose.yaml: app, worker, PostgreSQL, Dask, Caddy for HTTPS)

ARG PYTHON_IMAGE=python:3.11-slim-bookworm
ARG NODE_IMAGE=node:20-bookworm-slim

# 1. The static assets (GOV.UK Frontend compiled from Sass, htmx, our scripts) into build/static.
FROM ${NODE_IMAGE} AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY scripts/build-assets.mjs scripts/
COPY src/goldenthread/assets src/goldenthread/assets
RUN npm run build

# 2. The Python packages, exactly as locked: every one pinned, every file checked against its hash.
FROM ${PYTHON_IMAGE} AS packages
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PIP_ROOT_USER_ACTION=ignore
RUN python -m venv /opt/venv
COPY requirements/production.txt /tmp/production.txt
RUN /opt/venv/bin/pip install --require-hashes --no-deps -r /tmp/production.txt
# Golden Thread itself, without its dependencies (they are all in the lock above).
COPY pyproject.toml README.md /src/
COPY src /src/src
RUN /opt/venv/bin/pip install --no-deps /src \
 && /opt/venv/bin/pip check

# 3. What runs: no compilers, no npm, no source tree; a user without privileges.
FROM ${PYTHON_IMAGE}
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=goldenthread.settings.production \
    GOLDENTHREAD_BUILD_DIR=/app/build \
    GOLDENTHREAD_MEDIA_ROOT=/data/media \
    GOLDENTHREAD_CACHE_DIR=/app/cache \
    GUNICORN_BIND=0.0.0.0:8000
# pg_dump and pg_restore for `manage.py backup` and `restore`, from PostgreSQL's own Debian
# repository: they must be at least as new as the server (compose.yaml runs PostgreSQL 16).
ARG POSTGRES_MAJOR=16
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates postgresql-common \
 && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
 && apt-get install -y --no-install-recommends postgresql-client-${POSTGRES_MAJOR} \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 goldenthread \
 && useradd --system --uid 10001 --gid goldenthread --home-dir /app --no-create-home --shell /usr/sbin/nologin goldenthread
WORKDIR /app
COPY --from=packages /opt/venv /opt/venv
COPY --from=assets /src/build/static /app/build/static
COPY manage.py ./
COPY deploy/gunicorn.conf.py deploy/gunicorn.conf.py

# Static files collected (hashed names, compressed copies) while building, so every container
# starts with them. The values here exist only for this step: the settings insist on them, and
# nothing is kept. The shared-language engine is compiled once into /app/cache for the same reason.
RUN DJANGO_SECRET_KEY=build-time-only-not-a-secret-000000000000000000000000000000 \
    DJANGO_ALLOWED_HOSTS=build.invalid \
    DATABASE_URL=postgres://build@build.invalid:5432/build \
    GOLDENTHREAD_SITE_URL=https://build.invalid \
    python manage.py collectstatic --no-input --verbosity 0 \
 && echo "A sentence to compile the engine with." | goldenthread check - > /dev/null \
 && mkdir -p /data/media /app/cache /scans \
 && chown -R goldenthread:goldenthread /data /app/cache /scans

USER goldenthread
EXPOSE 8000
VOLUME ["/data/media"]

# Alive means gunicorn answers /health/live/ (plain HTTP inside the container; the Host header
# is one the site accepts). Readiness for a load balancer is /health/ready/.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; host = os.environ.get('DJANGO_ALLOWED_HOSTS', 'localhost').split(',')[0].strip().lstrip('.') or 'localhost'; urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:8000/health/live/', headers={'Host': host}), timeout=4)"]

CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "goldenthread.wsgi"]

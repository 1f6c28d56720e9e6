# Golden Thread: `make demo` serves a fictional partnership; `make test` runs every test.
# Both set up what they need first (virtual environment, npm packages, static assets).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: demo test setup venv assets database demo-data browser test-sqlite test-postgres check-deploy clean

demo: setup database demo-data
	@echo ""
	@echo "Serving the demo partnership at http://$(HOST):$(PORT)/ (press Ctrl+C to stop)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(BIN)/python manage.py db_worker >/dev/null 2>&1 & \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT) --noreload

test: setup browser test-sqlite test-postgres

setup: venv assets

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

assets: build/static/.built

build/static/.built: node_modules/.installed scripts/build-assets.mjs $(wildcard src/goldenthread/assets/*)
	npm run --silent build
	@touch $@

database: venv
	$(BIN)/python manage.py migrate --no-input

demo-data: venv
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py rescore_completed_rounds
	$(BIN)/python manage.py start_retention_schedule

# Debian's Chromium drives the browser journeys; install it where it is missing and we may.
browser:
	@if [ -x "$(CHROMIUM)" ]; then true; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  echo "Installing Chromium for the browser tests"; \
	  apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then \
	  sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "Chromium is not installed and cannot be installed here: browser journeys will be skipped."; \
	fi

test-sqlite: setup
	$(BIN)/python -m pytest -q

# The same suite on PostgreSQL, when a server is reachable (CI always has one).
# GOLDENTHREAD_TEST_POSTGRES overrides the address; the test database is created and dropped.
TEST_POSTGRES ?= $(or $(GOLDENTHREAD_TEST_POSTGRES),postgres://postgres@127.0.0.1:5432/goldenthread)
test-postgres: setup
	@if $(BIN)/python scripts/postgres_reachable.py "$(TEST_POSTGRES)"; then \
	  echo "Running the suite again on PostgreSQL"; \
	  DATABASE_URL="$(TEST_POSTGRES)" $(BIN)/python -m pytest -q; \
	else \
	  echo "No PostgreSQL server reachable at $(TEST_POSTGRES): skipped the PostgreSQL run."; \
	fi

check-deploy: venv
	DJANGO_SECRET_KEY="check-deploy-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=')" \
	DJANGO_ALLOWED_HOSTS=golden-thread.example \
	DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/goldenthread}" \
	GOLDENTHREAD_SITE_URL=https://golden-thread.example \
	GOLDENTHREAD_WELLBEING_KEYS="$${GOLDENTHREAD_WELLBEING_KEYS:-$$($(BIN)/python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')}" \
	$(BIN)/python manage.py check --deploy --settings=goldenthread.settings.production

clean:
	rm -rf $(VENV) node_modules build goldenthread.sqlite3

# Production's dependency lock: every runtime package pinned with its hashes, for Python 3.11
# on Linux x86_64 (the container image installs from it with --require-hashes; see docs/deploy.md).
# pip-tools runs from its own virtual environment, never .venv. Pins already in the file are kept
# while they still fit pyproject.toml; `make lock LOCK_OPTIONS=--upgrade` moves every one to the newest.
LOCK_VENV ?= /tmp/goldenthread-lock-venv
LOCK_OPTIONS ?=
.PHONY: lock
lock:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --upgrade pip pip-tools
	mkdir -p requirements
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet $(LOCK_OPTIONS) --generate-hashes --strip-extras \
	  --no-emit-index-url --no-emit-find-links -o requirements/production.txt pyproject.toml

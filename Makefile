# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test setup lint format lock clean

run: setup
	$(VENV)/bin/gunicorn --config gunicorn.conf.py whitepaper.wsgi

test: $(VENV)/.test-installed setup tests/browser/node_modules
	$(PY) -m pytest $(PYTEST_ARGS)

# Migrate, load the white paper (only if it is not loaded yet), audit every record against its
# source (a second or two; it lists what to correct in the admin, and does not stop the site:
# the tests hold CI to it) and collect static files.
setup: $(VENV)/.installed .secret_key
	@mkdir -p data
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py load_whitepaper
	-$(PY) manage.py audit_records
	$(PY) manage.py collectstatic --noinput --verbosity 0

lint: $(VENV)/.test-installed .secret_key
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.test-installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The exact versions in the lock files, checked against their hashes; then the project itself.
# A changed lock file installs again; `pip check` fails when pyproject.toml asks for a package
# the lock does not have (run `make lock`).
$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m pip check
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed requirements-test.lock
	$(PY) -m pip install --quiet --require-hashes -r requirements-test.lock
	touch $@

# Compile the lock files from pyproject.toml's ranges (pip-tools), with this machine's Python
# and OS: requirements.lock for the site, requirements-test.lock for the site and the `test`
# extra, whose shared packages keep the site's versions. Run it after changing dependencies;
# `make lock LOCK_ARGS=--upgrade` moves every pin to the newest release the ranges allow.
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-options
lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet pip-tools
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile $(LOCK_FLAGS) $(LOCK_ARGS) \
		--output-file requirements.lock pyproject.toml
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile $(LOCK_FLAGS) $(LOCK_ARGS) \
		--extra test --constraint requirements.lock --output-file requirements-test.lock pyproject.toml

# axe-core for the browser tests' accessibility checks (pinned in package-lock.json).
# Without npm the browser tests' axe checks report what is missing (they skip without Chromium).
tests/browser/node_modules: tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null; then \
		cd tests/browser && npm ci --no-audit --no-fund --silent && touch node_modules; \
	else echo "npm not found: the accessibility checks in tests/browser need it"; fi

# A random secret key for this checkout, never committed (see .gitignore).
.secret_key:
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(64))" > $@

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

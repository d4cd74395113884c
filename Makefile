# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test setup lint format clean

run: setup
	$(VENV)/bin/gunicorn --config gunicorn.conf.py whitepaper.wsgi

test: $(VENV)/.test-installed setup tests/browser/node_modules
	$(PY) -m pytest $(PYTEST_ARGS)

# Migrate, load the white paper (only if it is not loaded yet) and collect static files.
setup: $(VENV)/.installed .secret_key
	@mkdir -p data
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py load_whitepaper
	$(PY) manage.py collectstatic --noinput --verbosity 0

lint: $(VENV)/.test-installed .secret_key
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.test-installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

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

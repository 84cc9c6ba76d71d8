# openedx-wise: every command a newcomer, a course team or CI needs.
# `make demo` and `make test` work on a fresh machine: they create .venv and install what is missing.
.DEFAULT_GOAL := help
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
MANAGE := cd devsite && ../$(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/' | expand -t 20

$(STAMP): requirements/test.txt setup.py package.json
	@test -x $(PY) || "$$(scripts/find-python.sh)" -m venv $(VENV)
	$(PIP) install -q --upgrade "pip>=24" wheel
	$(PIP) install -q -r requirements/test.txt
	$(PIP) install -q --no-deps -e .
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

venv: $(STAMP) ## create .venv (Python 3.12) and install the package with its test tools

system: ## install missing Debian packages (chromium, mariadb, redis, gettext) — needs root
	scripts/ensure-system-packages.sh

assets: venv ## build the browser assets served from the package (dashboard charts)
	@if [ -f scripts/build-assets.sh ]; then scripts/build-assets.sh; fi

demo: system assets ## run the devsite with every block and the seeded skills-gap dashboard on http://127.0.0.1:8000/
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) seed_wise_demo
	$(MANAGE) generate_wise_credential_key --if-missing
	@echo "Demo on http://$(HOST):$(PORT)/  (accounts: staff, coordinator, manager-it, manager-si, learner1; password: demo)"
	$(MANAGE) runserver $(HOST):$(PORT) --noreload

test: system assets ## run the whole test suite (sqlite and MariaDB, browser tests in Chromium)
	scripts/run-tests.sh

quality: venv ## lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	node_modules/.bin/eslint .

translations: venv ## extract messages and compile every catalog
	$(PY) scripts/i18n.py extract
	$(PY) scripts/i18n.py compile

docs: venv ## build the documentation (warnings are errors)
	$(VENV)/bin/sphinx-build -W --keep-going -b html docs docs/_build/html

bench: venv ## run every benchmark and print its figures (not a test)
	@set -e; for bench in $$(ls tests/benchmarks/bench_*.py | grep -v bench_load.py); do \
	  echo "== $$bench"; DJANGO_SETTINGS_MODULE=devsite.settings_test PYTHONPATH=devsite:. $(PY) $$bench; done

bench-load: venv ## the devsite under gunicorn on loopback, bounded load for 60 s (WISE_LOAD_SECONDS): throughput, latency, errors
	DJANGO_SETTINGS_MODULE=devsite.settings_test PYTHONPATH=devsite:. $(PY) tests/benchmarks/bench_load.py

course: venv ## build the Studio-importable course archive in dist/
	$(PY) course_content/build_course.py

guides: venv ## build the printable facilitator guides (HTML and PDF)
	$(PY) course_content/build_guides.py

requirements: venv ## re-pin requirements/test.txt from requirements/*.in
	$(PY) scripts/pin-requirements.py

clean: ## remove the venv, build output and throwaway services
	scripts/services.sh stop || true
	rm -rf $(VENV) build dist docs/_build .services node_modules devsite/var/*.db

.PHONY: help venv system assets demo test quality translations docs bench bench-load course guides requirements clean

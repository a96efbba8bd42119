# The two commands of the README: `make run` and `make test`. Both provision what is missing first.
SHELL := /bin/bash
PYTHON := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test provision demo serve worker bench bench-http lint messages clean-venv

## run: install what is missing, prepare the database, load the demo city, serve it with a worker
run: provision
	HOST=$(HOST) PORT=$(PORT) bash config/serve.sh

## test: install what is missing (Debian's chromium too) and run the whole suite
test:
	bash config/provision.sh --browser
	$(PYTHON) -m pytest $(PYTEST_ARGS)

provision:
	bash config/provision.sh

## bench: benchmarks against raw SQL (not part of CI)
bench: provision
	$(PYTHON) -m pytest tests/bench -s -p no:cacheprovider $(PYTEST_ARGS)

## bench-http: gunicorn (DEBUG=false) under concurrent clients against raw SQL, 100 000 and 1 000 000 reports
bench-http: provision
	$(PYTHON) tests/bench/http_load.py $(BENCH_ARGS)

lint:
	$(PYTHON) -m ruff check .

## messages: bring the fi/sv catalogues up to date with the source (the same run tests/test_translations.py checks)
messages: provision
	$(PYTHON) manage.py makemessages --locale=fi --locale=sv --no-obsolete --ignore='.*' --ignore=node_modules \
		--ignore=static --ignore=tests --ignore=fixtures --ignore='*.egg-info' --ignore=build --ignore=test-results

clean-venv:
	rm -rf .venv

.PHONY: demo test lint format screenshots bench bench-queue bench-triage bench-portal messages
demo:
	scripts/demo.sh

test:
	scripts/test.sh

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

format:
	.venv/bin/ruff check --fix . && .venv/bin/ruff format .

# Regenerates docs/screenshots/ from the browser journeys.
screenshots:
	scripts/bootstrap.sh dev
	SANAD_SCREENSHOT_DIR=$(CURDIR)/docs/screenshots scripts/test.sh -m browser

bench:
	scripts/bootstrap.sh dev
	scripts/with-postgres.sh .venv/bin/python bench/intake.py

# The triage queue over 1,000,000 synthetic reports.
bench-queue:
	scripts/bootstrap.sh dev
	scripts/with-postgres.sh .venv/bin/python bench/queue.py

# The triage assistant on its synthetic sets and the public datasets of ../shared/data (docs/triage-assistant.md).
bench-triage:
	scripts/bootstrap.sh dev
	.venv/bin/python bench/triage.py

# How long a report takes a child (modelled from the pages), and what the pages weigh in Chromium.
bench-portal:
	scripts/bootstrap.sh dev
	.venv/bin/python bench/time_model.py
	.venv/bin/python bench/portal_weight.py

# Extracts new strings into the Arabic and French catalogues.
messages:
	.venv/bin/python manage.py makemessages -l ar -l fr --ignore=.venv --ignore=var --no-obsolete

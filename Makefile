.PHONY: demo test lint format screenshots bench bench-stats bench-queue bench-triage bench-portal bench-tasks soak restore-drill production-start messages
demo:
	scripts/demo.sh

test:
	scripts/test.sh

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy

format:
	.venv/bin/ruff check --fix . && .venv/bin/ruff format .

# Regenerates docs/screenshots/ from the browser journeys.
screenshots:
	scripts/bootstrap.sh dev
	SANAD_SCREENSHOT_DIR=$(CURDIR)/docs/screenshots scripts/test.sh -m browser

bench:
	scripts/bootstrap.sh dev
	scripts/with-postgres.sh .venv/bin/python bench/intake.py

# The statistics over 1,000,000 synthetic reports (REPORTS=..., THEN=... for a second size to extrapolate from).
bench-stats:
	scripts/bootstrap.sh dev
	scripts/with-postgres.sh .venv/bin/python bench/stats.py --reports $${REPORTS:-1000000} $${THEN:+--then $$THEN}

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

# The database task queue's throughput and lag under load (bench/tasks.py).
bench-tasks:
	scripts/bootstrap.sh dev
	scripts/with-postgres.sh .venv/bin/python bench/tasks.py

# 200 reporters for ten minutes while the server, a worker and PostgreSQL are killed (bench/soak.py).
soak:
	scripts/bootstrap.sh dev
	.venv/bin/python bench/soak.py

# Back up, destroy, restore and verify (also part of `make test`).
restore-drill:
	scripts/bootstrap.sh dev
	.venv/bin/python scripts/restore_drill.py

# From a clean clone, docs/deploy.md's steps on this machine: the production configuration
# behind nginx on loopback, a report end to end, and logs without client addresses.
production-start:
	scripts/production-start.sh

# Extracts new strings into the Arabic and French catalogues.
messages:
	.venv/bin/python manage.py makemessages -l ar -l fr --ignore=.venv --ignore=var --no-obsolete

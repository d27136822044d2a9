# Conveniences; the README's two commands (python3 bootstrap.py site|test) need no make.
PY := .venv/bin/python

.PHONY: site test bench

site:
	python3 bootstrap.py site

test:
	python3 bootstrap.py test

bench:
	python3 bootstrap.py site >/dev/null
	$(PY) bench/calendar.py
	$(PY) bench/check.py
	$(PY) bench/build.py
	$(PY) bench/maps.py

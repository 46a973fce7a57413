"""Benchmarks: run with `make bench`. They print figures; they are not tests."""

"""Benchmarks for ``make bench``: each ``bench_*.py`` module measures one thing side by side."""

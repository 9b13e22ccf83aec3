"""Benchmarks (`make bench`): build time, calculator load and latency, download sizes.

Every figure is reported as a ratio against a baseline measured in the same run.
"""

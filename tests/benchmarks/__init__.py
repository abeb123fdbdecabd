"""Performance measurements, not tests: ``python -m tests.benchmarks`` (or ``bootstrap.py bench``)."""

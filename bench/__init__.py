"""Benchmarks: ``python -m bench`` runs every module here and records the figures."""

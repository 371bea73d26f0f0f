"""Benchmark for the name and contact matching engine (issue 4)."""

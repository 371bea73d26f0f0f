"""Postguard companion: the only process on a staff machine that knows the roster."""

__version__ = "0.1.0"

"""The school's social media policy as data: rules, quoted clauses, lexicons and defaults.

This is a data package (no code): it ships inside the wheel so that an installed companion finds
it with ``importlib.resources``. It holds no school secrets and no roster.
"""

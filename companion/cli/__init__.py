"""The ``postguard`` command line."""

"""The one error every distribution step raises: a one-line message for IT or the DPO."""


class DistributionError(Exception):
    pass


class BundleRefused(DistributionError):
    """A bundle that must not replace the roster in force (bad, foreign, older or truncated)."""

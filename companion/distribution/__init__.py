"""Signed, encrypted roster bundles: built once by the DPO, pulled by every staff companion."""

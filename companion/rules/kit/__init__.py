"""What the rules share and are not rules themselves: per-request memos and spans (support.py)
and the policy's phrase lists matched in one pass (lexicon.py)."""

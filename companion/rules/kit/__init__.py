"""What the rules share and are not rules themselves: per-request memos and spans (support.py),
the policy's phrase lists matched in one pass (lexicon.py), and a post's words indexed for
reading what a sentence says of whom (words.py)."""

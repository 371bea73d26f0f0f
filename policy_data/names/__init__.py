"""Name data for the matching engine: nickname table, words that are names, school cues."""

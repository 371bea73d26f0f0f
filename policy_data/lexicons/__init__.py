"""Word and phrase lists the rules match (data only), one phrase a line, ``#`` for comments."""

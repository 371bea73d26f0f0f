"""The default school profile (data only): how people write the school's name, its handles."""

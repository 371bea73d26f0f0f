"""Roster import data: the header synonyms and value tables MIS exports are matched against."""

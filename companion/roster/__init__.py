"""The roster: who the checks protect. Model, importers, encrypted store, versions."""

from companion.roster.model import Person, Role, Roster

__all__ = ["Person", "Role", "Roster"]

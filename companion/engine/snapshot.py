"""Everything one roster version needs at check time, built once and swapped atomically."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from companion.matching import NameIndex
from companion.roster.model import EMPTY_ROSTER, Roster


@dataclass(frozen=True, slots=True)
class Snapshot:
    roster: Roster
    names: NameIndex

    @classmethod
    def build(cls, roster: Roster) -> Snapshot:
        return cls(roster=roster, names=NameIndex.build(roster))

    @property
    def loaded(self) -> bool:
        return bool(self.roster.people)

    def stale(self, today: date | None = None) -> bool:
        return self.roster.is_stale(today)

    def summary(self) -> dict[str, object]:
        """What health/hello/status may say about the roster: counts, never names."""
        return {
            "loaded": self.loaded,
            "people": len(self.roster.people),
            "version": self.roster.version if self.loaded else "",
            "stale": self.stale(),
        }


EMPTY_SNAPSHOT = Snapshot.build(EMPTY_ROSTER)

"""Everything one roster version needs at check time, built once and swapped atomically."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from companion.matching import NameIndex
from companion.roster.model import EMPTY_ROSTER, LEAVING_DATES_READING, Roster


@dataclass(frozen=True, slots=True)
class RosterInfo:
    """What the checks need to know about the roster version in force, and no person: the
    people themselves are in the name index, packed (``NameIndex.people``)."""

    version: str
    people: int
    imported_at: str = ""
    expires: date | None = None
    source: str = "import"
    leaving_dates_reading: int = LEAVING_DATES_READING

    @classmethod
    def of(cls, roster: Roster) -> RosterInfo:
        return cls(
            version=roster.version,
            people=len(roster.people),
            imported_at=roster.imported_at,
            expires=roster.expires,
            source=roster.source,
            leaving_dates_reading=roster.leaving_dates_reading,
        )

    @property
    def needs_reimport(self) -> bool:
        """Imported under the old, unsafe reading of leaving dates (see Roster)."""
        return self.source == "import" and self.leaving_dates_reading < LEAVING_DATES_READING

    def is_stale(self, today: date | None = None) -> bool:
        return self.expires is not None and (today or date.today()) > self.expires


@dataclass(frozen=True, slots=True)
class Snapshot:
    roster: RosterInfo
    names: NameIndex

    @classmethod
    def build(cls, roster: Roster) -> Snapshot:
        return cls(roster=RosterInfo.of(roster), names=NameIndex.build(roster))

    @property
    def loaded(self) -> bool:
        return self.roster.people > 0

    def stale(self, today: date | None = None) -> bool:
        return self.roster.is_stale(today)

    def summary(self) -> dict[str, object]:
        """What health/hello/status may say about the roster: counts, never names."""
        return {
            "loaded": self.loaded,
            "people": self.roster.people,
            "version": self.roster.version if self.loaded else "",
            "stale": self.stale(),
        }


EMPTY_SNAPSHOT = Snapshot.build(EMPTY_ROSTER)

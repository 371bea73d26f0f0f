"""The demo school: invented pupils, families and staff, so the product runs on a bare machine."""

from companion.demo.roster import demo_roster

__all__ = ["demo_roster"]

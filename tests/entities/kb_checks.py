"""Checks shared by the knowledge-base tests."""

from __future__ import annotations

import re
from datetime import date

ISO3 = re.compile(r"^[A-Z]{3}$")


def check_roles(person: dict, orgs: set[str] | dict) -> None:
    """Each role names an office and an ISO3 country, an organisation the base knows (or none),
    ISO dates in order, and `approx` only as true."""
    for role in person["roles"]:
        assert role["role"].strip() and ISO3.match(role["country"]), (person["id"], role)
        assert role["org"] is None or role["org"] in orgs, (person["id"], role["org"])
        for key in ("start", "end"):
            if role[key] is not None:
                date.fromisoformat(role[key])
        if role["start"] and role["end"]:
            assert role["start"] <= role["end"], (person["id"], role)
        assert role.get("approx", True) is True

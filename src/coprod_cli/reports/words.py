"""The plain words coprod shows for its codes and numbers, shared by every renderer."""

from __future__ import annotations

from datetime import date

from coprod_cli.model.models import MONTHS
from coprod_cli.reports.markdown import Md

STATUS_WORDS = {
    "met": "Met",
    "partial": "Partly met",
    "not-met": "Not met",
    "not-assessed": "Not assessed",
    "not-applicable": "Does not apply",
}
ROLE_WORDS = {
    "service-user": "Service users",
    "carer": "Carers",
    "staff": "Staff",
    "third-sector": "Third sector",
    "manager": "Managers",
}


def day(value: date) -> Md:
    """2026-05-12 → '12 May 2026' (the same in every locale)."""
    return Md(f"{value.day} {MONTHS[value.month - 1]} {value.year}")


def percent(value: float | None) -> Md:
    """85.7 → '85.7%', 100.0 → '100%', None → 'n/a'."""
    if value is None:
        return Md("n/a")
    return Md(f"{value:.1f}".removesuffix(".0") + "%")


def bar(value: float | None, width: int = 10) -> Md:
    """A text progress bar, readable in a terminal and on any markdown host."""
    if value is None:
        return Md("░" * width)
    filled = int(value * width // 100)
    return Md("█" * filled + "░" * (width - filled))


def plural(count: int, one: str, many: str | None = None) -> Md:
    return Md(f"{count} {one if count == 1 else (many or one + 's')}")

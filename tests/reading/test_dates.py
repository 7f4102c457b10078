"""Calendar arithmetic behind the 'stale evidence' warning: total over every date the calendar has."""

from __future__ import annotations

import calendar
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from coprod_cli.model.models import add_months
from coprod_cli.scoring.check import months_before


@given(st.dates(), st.integers(min_value=0, max_value=12 * 200))
def test_months_before_never_leaves_the_calendar(day: date, months: int) -> None:
    earlier = months_before(day, months)
    assert earlier <= day
    index = day.year * 12 + day.month - 1 - months
    if index < 12:  # before year 1: nothing is earlier than the calendar's first day
        assert earlier == date.min
    else:
        assert (earlier.year * 12 + earlier.month - 1) == index
        assert earlier.day == min(day.day, calendar.monthrange(earlier.year, earlier.month)[1])


def test_months_before_clamps_to_the_end_of_a_shorter_month() -> None:
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2026, 10, 14), 12) == date(2025, 10, 14)


def test_months_before_the_first_year_is_the_first_day() -> None:
    assert months_before(date(1, 1, 1), 12) == date.min
    assert months_before(date(1, 12, 31), 12) == date.min
    assert months_before(date(2, 1, 1), 12) == date(1, 1, 1)


def test_add_months_forward_clamps_and_stays_in_the_calendar() -> None:
    assert add_months(date(2026, 3, 31), 11) == date(2027, 2, 28)
    assert add_months(date(2027, 2, 28), 12) == date(2028, 2, 28)
    assert add_months(date(2026, 10, 14), 12) == date(2027, 10, 14)
    assert add_months(date(9999, 6, 1), 12) == date.max
    assert add_months(date(2026, 10, 14), -12) == months_before(date(2026, 10, 14), 12)

"""Calendar conversion: thin wrappers over maintained libraries.

Solar Hijri (jalali) goes through jdatetime; Hijri through hijridate, which implements the Umm al-Qura
calendar that Saudi and most Arab outlets print (convertdate's arithmetic Islamic calendar is a day
off it). Every function raises `InvalidDateError` for a date that does not exist in its calendar
(31 Esfand, 30 Esfand in a common year, 30 Ramadan in a 29-day Ramadan), so a misread number never
turns into a real-looking date.
"""

from __future__ import annotations

import datetime

import hijridate
import jdatetime

# hijridate's Umm al-Qura tables cover 1343–1500 AH (1924–2077 CE).
HIJRI_YEARS = range(1343, 1501)


class InvalidDateError(ValueError):
    """The given day does not exist in its calendar."""


def gregorian(year: int, month: int, day: int) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError as exc:
        raise InvalidDateError(f"no Gregorian date {year}-{month}-{day}: {exc}") from exc


def jalali_to_gregorian(year: int, month: int, day: int) -> datetime.date:
    """Solar Hijri (year, month, day) → Gregorian date."""
    try:
        return jdatetime.date(year, month, day).togregorian()
    except ValueError as exc:
        raise InvalidDateError(f"no Solar Hijri date {year}/{month}/{day}: {exc}") from exc


def gregorian_to_jalali(date: datetime.date) -> tuple[int, int, int]:
    jalali = jdatetime.date.fromgregorian(date=date)
    return jalali.year, jalali.month, jalali.day


def hijri_to_gregorian(year: int, month: int, day: int) -> datetime.date:
    """Hijri (Umm al-Qura) (year, month, day) → Gregorian date."""
    if year not in HIJRI_YEARS:
        raise InvalidDateError(f"Hijri year {year} outside the Umm al-Qura table (1343–1500)")
    try:
        converted = hijridate.Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError) as exc:
        raise InvalidDateError(f"no Hijri date {year}/{month}/{day}: {exc}") from exc
    return datetime.date(converted.year, converted.month, converted.day)


def gregorian_to_hijri(date: datetime.date) -> tuple[int, int, int]:
    hijri = hijridate.Gregorian(date.year, date.month, date.day).to_hijri()
    return hijri.year, hijri.month, hijri.day


def to_gregorian(calendar: str, year: int, month: int, day: int) -> datetime.date:
    """Convert from the named calendar: gregorian | jalali | hijri."""
    if calendar == "jalali":
        return jalali_to_gregorian(year, month, day)
    if calendar == "hijri":
        return hijri_to_gregorian(year, month, day)
    return gregorian(year, month, day)


def from_gregorian(calendar: str, date: datetime.date) -> tuple[int, int, int]:
    if calendar == "jalali":
        return gregorian_to_jalali(date)
    if calendar == "hijri":
        return gregorian_to_hijri(date)
    return date.year, date.month, date.day


def month_interval(calendar: str, year: int, month: int) -> tuple[datetime.date, datetime.date]:
    """First and last Gregorian day of a month of the named calendar."""
    if not 1 <= month <= 12:
        raise InvalidDateError(f"no month {month}")
    first = to_gregorian(calendar, year, month, 1)
    following = to_gregorian(calendar, year + 1, 1, 1) if month == 12 else to_gregorian(
        calendar, year, month + 1, 1)
    return first, following - datetime.timedelta(days=1)


def year_interval(calendar: str, year: int) -> tuple[datetime.date, datetime.date]:
    """First and last Gregorian day of a year of the named calendar."""
    first = to_gregorian(calendar, year, 1, 1)
    return first, to_gregorian(calendar, year + 1, 1, 1) - datetime.timedelta(days=1)


def shift_month(calendar: str, year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1

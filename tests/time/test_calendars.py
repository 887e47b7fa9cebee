import datetime

import pytest

from rasad.time.calendars import (
    InvalidDateError,
    gregorian_to_jalali,
    hijri_to_gregorian,
    jalali_to_gregorian,
    month_interval,
    year_interval,
)


def test_jalali_known_days() -> None:
    assert jalali_to_gregorian(1401, 12, 14) == datetime.date(2023, 3, 5)
    assert jalali_to_gregorian(1357, 11, 22) == datetime.date(1979, 2, 11)
    assert gregorian_to_jalali(datetime.date(2024, 10, 20)) == (1403, 7, 29)


def test_esfand_30_only_in_leap_years() -> None:
    assert jalali_to_gregorian(1403, 12, 30) == datetime.date(2025, 3, 20)
    with pytest.raises(InvalidDateError):
        jalali_to_gregorian(1402, 12, 30)
    with pytest.raises(InvalidDateError):
        jalali_to_gregorian(1401, 12, 31)


def test_hijri_umm_al_qura() -> None:
    assert hijri_to_gregorian(1444, 9, 1) == datetime.date(2023, 3, 23)
    assert hijri_to_gregorian(1445, 9, 1) == datetime.date(2024, 3, 11)
    with pytest.raises(InvalidDateError):
        hijri_to_gregorian(1444, 9, 30)  # that Ramadan had 29 days
    with pytest.raises(InvalidDateError):
        hijri_to_gregorian(1200, 1, 1)


def test_intervals() -> None:
    assert month_interval("jalali", 1398, 7) == (datetime.date(2019, 9, 23), datetime.date(2019, 10, 22))
    assert year_interval("jalali", 1400) == (datetime.date(2021, 3, 21), datetime.date(2022, 3, 20))
    assert month_interval("gregorian", 2024, 2)[1] == datetime.date(2024, 2, 29)

"""Dates, local date-times, instants and time zones.

libgrp has three kinds of time, and Python gets the matching ``datetime``
type for each:

- a civil date (``grp_date``) is a :class:`datetime.date`; an unset date is
  ``None``;
- a local civil date and time with no zone (``grp_datetime``) is a *naive*
  :class:`datetime.datetime`;
- an instant (``grp_time``, seconds since the Unix epoch) is an *aware*
  :class:`datetime.datetime` in UTC. Any aware datetime is accepted; a naive
  one is refused, since it does not say which instant it means.

Wherever a date is expected an ISO 8601 string ``"YYYY-MM-DD"`` is accepted
too (parsed by the C library: a day that does not exist raises
:class:`ParseError`, an :class:`InvalidError`).
"""

from __future__ import annotations

import datetime as _dt
from typing import NamedTuple, Optional, Union

from . import _libgrp as _c
from ._enums import Weekday
from ._errors import InvalidError, ErrorCode

__all__ = [
    "UTC",
    "DateLike",
    "LocalLike",
    "InstantLike",
    "parse_date",
    "format_date",
    "parse_datetime",
    "format_datetime",
    "parse_instant",
    "format_instant",
    "is_valid_date",
    "is_valid_datetime",
    "days_in_month",
    "weekday",
    "add_days",
    "days_between",
    "today_utc",
    "now",
    "TimeZone",
    "TzOffset",
    "check_timezone",
]

UTC = _dt.timezone.utc

DateLike = Union[_dt.date, str]
LocalLike = Union[_dt.datetime, str]
InstantLike = Union[_dt.datetime, str]


# ---- conversions used by the whole package ---------------------------------

def _date_arg(value: DateLike, what: str = "date") -> _dt.date:
    """A date argument: a datetime.date or an ISO "YYYY-MM-DD" string."""
    if isinstance(value, str):
        return _c.grp_date_parse(value)
    if isinstance(value, _dt.datetime):
        raise TypeError(f"{what} must be a datetime.date or 'YYYY-MM-DD', not a datetime.datetime")
    if isinstance(value, _dt.date):
        return value
    raise TypeError(f"{what} must be a datetime.date or 'YYYY-MM-DD', not {type(value).__name__}")


def _local_arg(value: LocalLike, what: str = "local time") -> _dt.datetime:
    """A local date-time argument: a naive datetime or "YYYY-MM-DDTHH:MM[:SS]"."""
    if isinstance(value, str):
        return _c.grp_datetime_parse(value)
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            raise ValueError(f"{what} must be a naive (local) datetime, not one with a tzinfo")
        return value
    raise TypeError(f"{what} must be a naive datetime.datetime, not {type(value).__name__}")


def _seconds(value: InstantLike, what: str = "instant") -> int:
    """An instant argument (aware datetime or RFC 3339 text) as grp_time."""
    if isinstance(value, str):
        return _c.grp_time_parse(value)
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"{what} must be an aware datetime (e.g. tzinfo=datetime.timezone.utc), "
                             "not a naive one")
        return _c.grp_time_from_utc(value.astimezone(UTC).replace(tzinfo=None))
    raise TypeError(f"{what} must be an aware datetime.datetime, not {type(value).__name__}")


def _instant(t: int) -> _dt.datetime:
    """grp_time -> aware UTC datetime."""
    return _c.grp_time_to_utc(t).replace(tzinfo=UTC)


# ---- public helpers -----------------------------------------------------------

def parse_date(text: str) -> _dt.date:
    """Parse an ISO 8601 date ``"YYYY-MM-DD"`` (exactly that form).

    Raises:
        ParseError: malformed text or a day that does not exist.
    """
    return _c.grp_date_parse(text)


def format_date(d: _dt.date) -> str:
    """Format a date as ``"YYYY-MM-DD"``."""
    return _c.grp_date_format(_date_arg(d))


def parse_datetime(text: str) -> _dt.datetime:
    """Parse a local date and time ``"YYYY-MM-DDTHH:MM[:SS]"`` (a space may
    replace the ``T``; no zone) into a naive datetime.

    Raises:
        ParseError: malformed text.
    """
    return _c.grp_datetime_parse(text)


def format_datetime(local: _dt.datetime) -> str:
    """Format a naive local datetime as ``"YYYY-MM-DDTHH:MM:SS"``."""
    return _c.grp_datetime_format(_local_arg(local))


def parse_instant(text: str) -> _dt.datetime:
    """Parse an RFC 3339 instant (``Z`` or a numeric offset) into an aware UTC datetime."""
    return _instant(_c.grp_time_parse(text))


def format_instant(instant: _dt.datetime) -> str:
    """Format an aware datetime as RFC 3339 UTC, ``"YYYY-MM-DDTHH:MM:SSZ"``."""
    return _c.grp_time_format(_seconds(instant))


def is_valid_date(year: int, month: int, day: int) -> bool:
    """Whether the day exists in the proleptic Gregorian calendar (years 1..9999)."""
    return _c.grp_date_valid(_c.grp_date_make(year, month, day))


def is_valid_datetime(year: int, month: int, day: int, hour: int = 0, minute: int = 0,
                      second: int = 0) -> bool:
    """Whether the local date and time of day exist."""
    return _c.grp_datetime_valid((year, month, day, hour, minute, second))


def days_in_month(year: int, month: int) -> int:
    """The number of days (28..31) in a month.

    Raises:
        InvalidError: the year or month is out of range.
    """
    n = _c.grp_date_days_in_month(year, month)
    if n == 0:
        raise InvalidError(ErrorCode.EINVAL, f"no month {month} in year {year}")
    return n


def weekday(d: DateLike) -> Weekday:
    """The ISO weekday of a date."""
    return Weekday(_c.grp_date_weekday(_date_arg(d)))


def add_days(d: DateLike, days: int) -> _dt.date:
    """``d`` plus ``days`` (may be negative).

    Raises:
        InvalidError: the result is outside years 1..9999.
    """
    return _c.grp_date_add_days(_date_arg(d), days)


def days_between(a: DateLike, b: DateLike) -> int:
    """Whole days from ``a`` to ``b`` (``b - a``)."""
    return _c.grp_date_diff_days(_date_arg(a, "a"), _date_arg(b, "b"))


def today_utc() -> _dt.date:
    """Today's date in UTC."""
    return _c.grp_date_today_utc()


def now() -> _dt.datetime:
    """The current instant (whole seconds), as an aware UTC datetime."""
    return _instant(_c.grp_time_now())


# ---- time zones -----------------------------------------------------------

class TzOffset(NamedTuple):
    """The UTC offset in force at an instant (:meth:`TimeZone.offset_at`)."""

    offset: _dt.timedelta
    """East of Greenwich."""
    is_dst: bool
    """Whether it is daylight-saving time."""
    abbreviation: Optional[str]
    """E.g. ``"BST"``; None if the zone has none."""


def check_timezone(name: str) -> None:
    """Check that ``name`` is a loadable IANA zone.

    Raises:
        InvalidError: a malformed name.
        NotFoundError: no such zone.
    """
    _c.grp_tz_check(name)


class TimeZone:
    """An IANA time zone read by libgrp from the system's zoneinfo (TZif).

    libgrp never uses the ``TZ`` variable or ``localtime()``. A zone is
    immutable and may be shared between threads::

        london = libgrp.TimeZone("Europe/London")
        london.local_to_utc(datetime(2026, 3, 29, 1, 30))   # in the spring gap

    Raises:
        InvalidError: a malformed name.
        NotFoundError: no such zone.
    """

    __slots__ = ("_h",)

    def __init__(self, name: str) -> None:
        self._h = _c.grp_tz_open(name)

    @property
    def name(self) -> str:
        """The IANA name, e.g. ``"Europe/London"``."""
        return _c.grp_tz_name(self._h)

    def local_to_utc(self, local: LocalLike) -> _dt.datetime:
        """The instant of a local civil time in this zone, as an aware UTC datetime.

        A local time in a gap (clocks go forward) moves forward by the gap;
        one that occurs twice (clocks go back) takes the first occurrence
        (RFC 5545 3.3.5).
        """
        return _instant(_c.grp_tz_local_to_utc(self._h, _local_arg(local)))

    def utc_to_local(self, instant: InstantLike) -> _dt.datetime:
        """The local civil time of an instant in this zone, as a naive datetime."""
        local, _offset = _c.grp_tz_utc_to_local(self._h, _seconds(instant))
        return local

    def offset_at(self, instant: InstantLike) -> TzOffset:
        """The UTC offset, daylight-saving flag and abbreviation in force at an instant."""
        offset, is_dst, abbrev = _c.grp_tz_offset_at(self._h, _seconds(instant))
        return TzOffset(_dt.timedelta(seconds=offset), is_dst, abbrev)

    def __repr__(self) -> str:
        return f"TimeZone({self.name!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TimeZone):
            return NotImplemented
        return self.name == other.name

    def __hash__(self) -> int:
        return hash(("TimeZone", self.name))


def _tz_arg(tz: Union[TimeZone, str, None]) -> object:
    """A zone argument: a TimeZone, an IANA name or None (floating time)."""
    if tz is None:
        return None
    if isinstance(tz, str):
        return TimeZone(tz)._h
    if isinstance(tz, TimeZone):
        return tz._h
    raise TypeError(f"tz must be a TimeZone, a zone name or None, not {type(tz).__name__}")

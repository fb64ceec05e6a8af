"""RFC 5545 recurrence rules (RRULE): parse, print, expand."""

from __future__ import annotations

import datetime as _dt
from typing import Iterator, List, Optional, Union

from . import _libgrp as _c
from ._enums import Frequency, UntilKind, Weekday, _enum
from ._time import UTC, LocalLike, TimeZone, _local_arg, _tz_arg

__all__ = ["RRule", "RRuleIterator"]

TzLike = Union[TimeZone, str, None]


class RRule:
    """A parsed recurrence rule, e.g. ``RRule("FREQ=MONTHLY;BYDAY=1TU")``.

    The supported subset is FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL,
    COUNT, UNTIL, BYMONTH, BYMONTHDAY, BYDAY, BYSETPOS and WKST. Expansion
    happens in the local civil time of DTSTART; occurrences are naive local
    datetimes (turn them into instants with :meth:`TimeZone.local_to_utc`).
    ``str()`` gives the canonical form; two rules that mean the same compare
    equal. Immutable: may be shared between threads.

    Raises:
        ParseError: malformed text (the message gives the position).
        UnsupportedError: a valid part outside the supported subset.
    """

    __slots__ = ("_h",)

    def __init__(self, text: str) -> None:
        self._h = _c.grp_rrule_parse(text)

    def __str__(self) -> str:
        return _c.grp_rrule_format(self._h)

    def __repr__(self) -> str:
        return f"RRule({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RRule):
            return NotImplemented
        return _c.grp_rrule_equal(self._h, other._h)

    def __hash__(self) -> int:
        return hash(("RRule", str(self)))

    @property
    def freq(self) -> Frequency:
        """FREQ."""
        return _enum(Frequency, _c.grp_rrule_freq(self._h))

    @property
    def interval(self) -> int:
        """INTERVAL (1 when not given)."""
        return _c.grp_rrule_interval(self._h)

    @property
    def count(self) -> Optional[int]:
        """COUNT, or None."""
        return _c.grp_rrule_count(self._h) or None

    @property
    def until_kind(self) -> UntilKind:
        """How UNTIL was written (:attr:`UntilKind.NONE` if there is none)."""
        kind, _until = _c.grp_rrule_until(self._h)
        return _enum(UntilKind, kind)

    @property
    def until(self) -> Union[_dt.date, _dt.datetime, None]:
        """UNTIL as written: a date, a naive local datetime, an aware UTC datetime, or None."""
        kind, until = _c.grp_rrule_until(self._h)
        if kind == UntilKind.DATE:
            return until.date()
        if kind == UntilKind.UTC:
            return until.replace(tzinfo=UTC)
        if kind == UntilKind.LOCAL:
            return until
        return None

    @property
    def wkst(self) -> Weekday:
        """WKST (Monday when not given)."""
        return Weekday(_c.grp_rrule_wkst(self._h))

    def occurrences(self, dtstart: LocalLike, tz: TzLike = None) -> "RRuleIterator":
        """An iterator over the occurrences from ``dtstart`` (a naive local datetime).

        ``tz`` (a :class:`TimeZone` or a zone name) is the zone of ``dtstart``,
        used only to compare with a UTC UNTIL; None means floating time. The
        series may be infinite: stop iterating when you have enough.
        """
        return RRuleIterator(_c.grp_rrule_iterator_new(self._h, _local_arg(dtstart, "dtstart"), _tz_arg(tz)))

    def next_after(self, dtstart: LocalLike, after: LocalLike, tz: TzLike = None) -> Optional[_dt.datetime]:
        """The first occurrence at or after ``after``, or None if the series has ended."""
        return _c.grp_rrule_next_after(self._h, _local_arg(dtstart, "dtstart"), _tz_arg(tz),
                                       _local_arg(after, "after"))

    def between(self, dtstart: LocalLike, start: LocalLike, end: LocalLike, tz: TzLike = None,
                limit: int = 0) -> List[_dt.datetime]:
        """All occurrences from ``start`` to ``end`` (both inclusive), at most ``limit`` (0: no limit).

        Raises:
            InvalidError: ``start`` is after ``end``.
        """
        return _c.grp_rrule_between(self._h, _local_arg(dtstart, "dtstart"), _tz_arg(tz),
                                    _local_arg(start, "start"), _local_arg(end, "end"), limit)


class RRuleIterator(Iterator[_dt.datetime]):
    """The occurrences of a rule, in increasing order (naive local datetimes).

    Owns a copy of the rule and zone; :meth:`seek` moves it (also backwards).
    """

    __slots__ = ("_it",)

    def __init__(self, handle: object) -> None:
        self._it = handle

    def __iter__(self) -> "RRuleIterator":
        return self

    def __next__(self) -> _dt.datetime:
        it = self._it
        if it is None:
            raise StopIteration
        occurrence = _c.grp_rrule_iterator_next(it)
        if occurrence is None:
            raise StopIteration
        return occurrence

    def seek(self, start: LocalLike) -> None:
        """Make the next occurrence the first at or after ``start``.

        Raises:
            ClosedError: the iterator was closed.
        """
        if self._it is None:
            from ._errors import ClosedError, ErrorCode
            raise ClosedError(ErrorCode.ECLOSED, "the iterator is closed")
        _c.grp_rrule_iterator_seek(self._it, _local_arg(start, "start"))

    def close(self) -> None:
        """Free the iterator now; it then yields nothing."""
        self._it = None

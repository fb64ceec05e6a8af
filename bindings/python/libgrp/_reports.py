"""Reports: attendance, supervision hours, goal progress, feedback and
membership changes as immutable tables, readable as typed rows, CSV or JSON.

Every builder takes an actor and applies the read rules: a report the actor
may not read at all raises :class:`AccessDeniedError`; rows the actor may
not see are left out (and how many is not revealed).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Dict, Iterator, List, NamedTuple, Optional, Union

from . import _libgrp as _c
from ._access import Actor, _actor_arg
from ._enums import ReportColumnType, ReportKind, _enum
from ._objects import Group, Organisation, Person, Session
from ._time import DateLike, InstantLike, _date_arg, _seconds
from ._util import _ref

__all__ = ["Report", "ReportColumn"]

Row = Dict[str, Any]


class ReportColumn(NamedTuple):
    """A column of a :class:`Report`."""

    name: str
    """Lower-case ASCII name, unique in the report, e.g. ``"attendance_rate"``."""
    type: ReportColumnType
    """How to read its cells."""


def _convert(text: Optional[str], kind: int) -> Any:
    """A cell's text as the Python value its column type says."""
    if text is None:
        return None
    if kind == _c.GRP_REPORT_COL_ID or kind == _c.GRP_REPORT_COL_INTEGER:
        return int(text)
    if kind == _c.GRP_REPORT_COL_DECIMAL:
        return float(text)
    if kind == _c.GRP_REPORT_COL_BOOLEAN:
        return text == "true"
    if kind == _c.GRP_REPORT_COL_DATE:
        return _dt.date.fromisoformat(text)
    return text


class Report:
    """A finished report: a kind, a title, typed columns and rows.

    A report is immutable and independent of its store (it stays readable
    after the store is closed, and may be read from several threads).
    Iterating gives each row as a dict keyed by column name, with values
    converted by column type (``int`` for ids and integers, ``float`` for
    rates and means, ``bool``, ``datetime.date``, ``str``; ``None`` for "no
    value")::

        report = store.report_attendance(actor, group, start, end)
        for row in report:
            print(row["person"], row["attendance_rate"])
        open("attendance.csv", "w", newline="").write(report.to_csv())
    """

    __slots__ = ("_h", "_types")
    _h: Any
    _types: List[int]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("Report objects are built by the Store's report_* methods, not created directly")

    @classmethod
    def _wrap(cls, handle: Any) -> "Report":
        obj = cls.__new__(cls)
        obj._h = handle
        obj._types = [_c.grp_report_column_type_of(handle, i) for i in range(_c.grp_report_column_count(handle))]
        return obj

    @property
    def kind(self) -> ReportKind:
        """What it reports."""
        return _enum(ReportKind, _c.grp_report_kind_of(self._h))

    @property
    def title(self) -> str:
        """The title, e.g. ``"Attendance: Front-line GRP, 2026-01-01T00:00:00Z to ..."``."""
        return _c.grp_report_title(self._h)

    @property
    def columns(self) -> List[ReportColumn]:
        """The columns, in order."""
        h = self._h
        return [ReportColumn(_c.grp_report_column_name(h, i), _enum(ReportColumnType, t))
                for i, t in enumerate(self._types)]

    @property
    def column_names(self) -> List[str]:
        """The column names, in order."""
        h = self._h
        return [_c.grp_report_column_name(h, i) for i in range(len(self._types))]

    def column_index(self, name: str) -> int:
        """The index of the column named ``name``.

        Raises:
            NotFoundError: no such column (a ``KeyError``).
        """
        return _c.grp_report_column_find(self._h, name)

    def __len__(self) -> int:
        """The number of rows."""
        return _c.grp_report_row_count(self._h)

    def cell(self, row: int, column: Union[int, str]) -> Optional[str]:
        """The text of one cell as the library wrote it (None: no value).

        Raises:
            IndexError: ``row`` or ``column`` out of range.
            NotFoundError: no column of that name.
        """
        col = self.column_index(column) if isinstance(column, str) else column
        if not 0 <= row < len(self) or not 0 <= col < len(self._types):
            raise IndexError(f"cell ({row}, {column!r}) is outside the report")
        return _c.grp_report_cell(self._h, row, col)

    def __getitem__(self, index: int) -> Row:
        """Row ``index`` (negative counts from the end) as a dict of typed values."""
        n = len(self)
        if isinstance(index, bool) or not isinstance(index, int):
            raise TypeError(f"report rows are indexed by int, not {type(index).__name__}")
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("report row index out of range")
        h, names = self._h, self.column_names
        return {names[i]: _convert(_c.grp_report_cell(h, index, i), t) for i, t in enumerate(self._types)}

    def __iter__(self) -> Iterator[Row]:
        """The rows, first to last, as dicts of typed values."""
        names = self.column_names
        types = self._types
        it = _c.grp_report_iterator_new(self._h)
        while True:
            row = _c.grp_report_iterator_next(it)
            if row is None:
                return
            yield {names[i]: _convert(_c.grp_report_row_cell(row, i), t) for i, t in enumerate(types)}

    def rows(self) -> List[Row]:
        """All rows as a list of dicts of typed values."""
        return list(self)

    def text_rows(self) -> List[List[Optional[str]]]:
        """All rows as lists of the cells' text, as the library wrote them."""
        it = _c.grp_report_iterator_new(self._h)
        out: List[List[Optional[str]]] = []
        while True:
            row = _c.grp_report_iterator_next(it)
            if row is None:
                return out
            out.append([_c.grp_report_row_cell(row, i) for i in range(_c.grp_report_row_cell_count(row))])

    def to_csv(self) -> str:
        """The report as CSV (RFC 4180): a header row, then one record per
        row, CRLF line ends; no value is an empty field, an empty text ``""``.
        Write it with ``open(path, "w", newline="")``."""
        return _c.grp_report_write_csv(self._h)

    def to_json(self) -> str:
        """The report as JSON: an array of one object per row, keyed by
        column name (ids as strings, numbers as numbers, no value as null)."""
        return _c.grp_report_write_json(self._h)

    def __repr__(self) -> str:
        return f"<Report {self.kind} {self.title!r} {len(self)} rows>"


class _ReportsMixin:
    """Store methods of <libgrp/report.h>."""

    __slots__ = ()
    _call: Callable[..., Any]
    _feedback_scope: Callable[..., Dict[str, Any]]

    def report_attendance(self, actor: Actor, group: Union[Group, int], from_: InstantLike,
                          to: InstantLike) -> Report:
        """Attendance of each member of a group over the sessions starting in
        ``[from_, to)``, one row per member (row_type ``"member"``), then the
        whole group (``"group"``). Readable by the system, anyone who is or
        was in the group, and its organisation's admins.

        Raises:
            AccessDeniedError, InvalidError (``from_`` after ``to``), NotFoundError.
        """
        return Report._wrap(self._call(_c.grp_report_attendance, _actor_arg(actor), _ref_group(group),
                                       _seconds(from_, "from_"), _seconds(to, "to")))

    def report_attendance_org(self, actor: Actor, org: Union[Organisation, int], from_: InstantLike,
                              to: InstantLike) -> Report:
        """Attendance across the groups of an organisation that the actor may
        read; for the system and the organisation's admins a last row
        (row_type ``"organisation"``) sums them."""
        return Report._wrap(self._call(_c.grp_report_attendance_org, _actor_arg(actor),
                                       _ref(org, Organisation, "org"), _seconds(from_, "from_"), _seconds(to, "to")))

    def report_hours(self, actor: Actor, person: Union[Person, int], from_: Optional[DateLike] = None,
                     to: Optional[DateLike] = None) -> Report:
        """A person's supervision-hours log for dates in ``[from_, to]`` (None:
        open), with three totals rows. Read in full by the person and the
        system; facilitators see the entries of their groups and those they
        signed; organisation admins have no access."""
        return Report._wrap(self._call(_c.grp_report_hours, _actor_arg(actor), _ref(person, Person, "person"),
                                       None if from_ is None else _date_arg(from_, "from_"),
                                       None if to is None else _date_arg(to, "to")))

    def report_goals(self, actor: Actor, group: Union[Group, int], as_of: Optional[DateLike] = None) -> Report:
        """Progress of the goals set in a group that the actor may read, with
        ``overdue`` judged on ``as_of`` (default: today, UTC). Organisation
        admins never read goals."""
        return Report._wrap(self._call(_c.grp_report_goals, _actor_arg(actor), _ref_group(group),
                                       None if as_of is None else _date_arg(as_of, "as_of")))

    def report_feedback(self, actor: Actor, *, session: Optional[Union[Session, int]] = None,
                        group: Optional[Union[Group, int]] = None, facilitator: Optional[Union[Person, int]] = None,
                        org: Optional[Union[Organisation, int]] = None, from_: Optional[InstantLike] = None,
                        to: Optional[InstantLike] = None, form: Optional[Any] = None) -> Report:
        """The feedback summary over a scope (as :meth:`feedback_summary`), one
        row per item of the form.

        Raises:
            SuppressedError: fewer distinct respondents than the minimum cohort (no report).
        """
        a = _actor_arg(actor)
        scope = self._feedback_scope(session, group, facilitator, org, from_, to, form)
        return Report._wrap(self._call(_c.grp_report_feedback, a, scope))

    def report_membership_changes(self, actor: Actor, group: Union[Group, int], from_: Optional[DateLike] = None,
                                  to: Optional[DateLike] = None) -> Report:
        """Membership changes of a group dated in ``[from_, to]`` (None: open):
        joined, requested, waitlisted, approved, promoted, declined, left.
        People outside the group see only their own stints."""
        return Report._wrap(self._call(_c.grp_report_membership_changes, _actor_arg(actor), _ref_group(group),
                                       None if from_ is None else _date_arg(from_, "from_"),
                                       None if to is None else _date_arg(to, "to")))


def _ref_group(group: Union[Group, int]) -> int:
    return _ref(group, Group, "group")

"""Supervision hours, the case-presenter rota and the iCalendar export.

The supervision-hours log follows attendance: every attended session gives
each attending member an entry, credited under the group's rule, until a
facilitator signs it; a signed entry never changes (a correction is a new
entry holding the difference). The rota gives each session one presenter.
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any, Callable, Dict, NamedTuple, Optional, Sequence, Union

from . import _libgrp as _c
from ._enums import HoursKind, HoursMode, _enum
from ._objects import Group, Person, ResultIterator, Session, _Snapshot
from ._time import DateLike, InstantLike, _date_arg, _seconds
from ._util import _int_arg, _none_if_zero, _ref

__all__ = ["HoursRule", "HoursCredit", "HoursEntry", "HoursTotals", "ICAL_MAX_GROUPS"]

#: Most groups :meth:`Store.export_ical_groups` puts in one calendar (``GRP_ICAL_MAX_GROUPS``).
ICAL_MAX_GROUPS: int = _c.GRP_ICAL_MAX_GROUPS

PathLike = Union[str, "os.PathLike[str]"]


class HoursRule(NamedTuple):
    """A group's crediting rule (:meth:`Store.hours_rule`)."""

    mode: HoursMode
    """How session time is credited."""
    ratio_num: int = 1
    """:attr:`HoursMode.RATIO`: numerator, 1..1000."""
    ratio_den: int = 1
    """:attr:`HoursMode.RATIO`: denominator, 1..1000."""


class HoursCredit(NamedTuple):
    """Credited minutes and the entry kind (:meth:`Store.credit`)."""

    credited: int
    """Minutes credited (rounded to the nearest minute, halves up)."""
    kind: HoursKind
    """Individual (the individual mode, or one attendee) or group."""


class HoursTotals(NamedTuple):
    """Totals of a person's hours log over a period (:meth:`Store.hours_totals`); corrections included."""

    entries: int
    """Entries, corrections included."""
    minutes: int
    """Minutes attended."""
    credited: int
    """Minutes credited."""
    credited_signed: int
    """Minutes credited in signed entries."""
    individual: int
    """Minutes credited as individual supervision."""
    group: int
    """Minutes credited as group supervision."""


def _rule_dict(rule: Union[HoursRule, HoursMode, int], ratio_num: Optional[int] = None,
               ratio_den: Optional[int] = None) -> Dict[str, int]:
    mode: int
    num: int
    den: int
    if isinstance(rule, HoursRule):
        mode, num, den = rule
    elif isinstance(rule, int) and not isinstance(rule, bool):
        mode, num, den = rule, 1, 1
    else:
        raise TypeError(f"rule must be an HoursRule or an HoursMode, not {type(rule).__name__}")
    if ratio_num is not None:
        num = ratio_num
    if ratio_den is not None:
        den = ratio_den
    return {"mode": int(mode), "ratio_num": num, "ratio_den": den}


class HoursEntry(_Snapshot):
    """One entry of a person's supervision-hours log (or a correction of one)."""

    __slots__ = ()
    _id_of = _c.grp_hours_entry_id

    @property
    def person_id(self) -> int:
        """The supervisee."""
        return _c.grp_hours_entry_person_id(self._h)

    @property
    def group_id(self) -> int:
        """The group."""
        return _c.grp_hours_entry_group_id(self._h)

    @property
    def session_id(self) -> int:
        """The session."""
        return _c.grp_hours_entry_session_id(self._h)

    @property
    def date(self) -> _dt.date:
        """The session's local date."""
        return _c.grp_hours_entry_date(self._h)

    @property
    def kind(self) -> HoursKind:
        """Individual or group supervision."""
        return _enum(HoursKind, _c.grp_hours_entry_kind(self._h))

    @property
    def minutes(self) -> int:
        """Minutes attended (a difference, for a correction)."""
        return _c.grp_hours_entry_minutes(self._h)

    @property
    def credited(self) -> int:
        """Minutes credited (a difference, for a correction)."""
        return _c.grp_hours_entry_credited(self._h)

    @property
    def signed_by(self) -> Optional[int]:
        """Who signed it off (a person id), or None."""
        return _none_if_zero(_c.grp_hours_entry_signed_by(self._h))

    @property
    def signed_on(self) -> Optional[_dt.date]:
        """The sign-off date, or None."""
        return _c.grp_hours_entry_signed_on(self._h)

    @property
    def signed(self) -> bool:
        """Whether it is signed off (and so frozen)."""
        return self.signed_by is not None

    @property
    def corrects(self) -> Optional[int]:
        """The id of the entry this one corrects, or None for an entry from attendance."""
        return _none_if_zero(_c.grp_hours_entry_corrects(self._h))

    @property
    def note(self) -> Optional[str]:
        """A correction's note, or None."""
        return _c.grp_hours_entry_note(self._h)

    def _describe(self) -> str:
        return f"person={self.person_id} {self.date} {self.kind} {self.credited}/{self.minutes} min"


class _HoursMixin:
    """Store methods of <libgrp/hours.h>, <libgrp/rota.h> and <libgrp/ical.h>."""

    __slots__ = ()
    _call: Callable[..., Any]
    _iterate: Callable[..., Any]
    _session_id: Callable[..., int]

    # ---- supervision hours ----------------------------------------------------

    def set_hours_rule(self, group: Union[Group, int], rule: Union[HoursRule, HoursMode], *,
                       ratio_num: Optional[int] = None, ratio_den: Optional[int] = None) -> None:
        """Set a group's crediting rule; unsigned entries are recomputed.

        Args:
            rule: an :class:`HoursRule`, or an :class:`HoursMode` (ratio 1/1
                unless ``ratio_num``/``ratio_den`` say otherwise).

        Raises:
            InvalidError: a mode or ratio out of range. NotFoundError: no such group.
        """
        self._call(_c.grp_hours_rule_set, _ref(group, Group, "group"), _rule_dict(rule, ratio_num, ratio_den))

    def hours_rule(self, group: Union[Group, int]) -> HoursRule:
        """A group's crediting rule (full credit if never set).

        Raises:
            NotFoundError: no such group.
        """
        d = self._call(_c.grp_hours_rule_get, _ref(group, Group, "group"))
        return HoursRule(_enum(HoursMode, d["mode"]), d["ratio_num"], d["ratio_den"])

    @staticmethod
    def credit(rule: Union[HoursRule, HoursMode], minutes: int, attendees: int) -> HoursCredit:
        """Credited minutes for ``minutes`` attended by ``attendees`` members
        under ``rule`` (the calculation behind the log; no store needed).

        Raises:
            InvalidError: negative minutes, fewer than one attendee, a bad rule.
        """
        credited, kind = _c.grp_hours_credit(_rule_dict(rule), _int_arg(minutes, "minutes"),
                                             _int_arg(attendees, "attendees"))
        return HoursCredit(credited, _enum(HoursKind, kind))

    def sign_hours(self, entry: Union[HoursEntry, int], signed_by: Union[Person, int], on: DateLike) -> None:
        """Sign an entry off; from then on it never changes. The signer must
        be a facilitator or co-facilitator of the entry's group on its date.

        Raises:
            StateError: already signed. AccessDeniedError: not a facilitator
            of the group then. InvalidError: ``on`` before the entry's date.
            NotFoundError: no such entry.
        """
        self._call(_c.grp_hours_sign, _ref(entry, HoursEntry, "entry"), _ref(signed_by, Person, "signed_by"),
                   _date_arg(on, "on"))

    def correct_hours(self, entry: Union[HoursEntry, int], *, note: str, minutes_delta: int = 0,
                      credited_delta: int = 0) -> HoursEntry:
        """Correct a signed entry: adds and returns a new entry holding the differences.

        Args:
            note: why (required, 1..1000 bytes).
            minutes_delta: change of attended minutes (may be negative).
            credited_delta: change of credited minutes (may be negative).

        Raises:
            InvalidError: both deltas 0, no note, a total below zero.
            StateError: the entry is a correction itself, or not signed yet
                (re-record its attendance instead). NotFoundError.
        """
        eid = _ref(entry, HoursEntry, "entry")
        with self.transaction():  # type: ignore[attr-defined]
            new_id = self._call(_c.grp_hours_correct, eid, minutes_delta, credited_delta, note)
            return self.hours_entry(new_id)

    def hours_entry(self, entry_id: int) -> HoursEntry:
        """The log entry with this id.

        Raises:
            NotFoundError: no such entry.
        """
        return HoursEntry._wrap(self._call(_c.grp_hours_entry_get, _ref(entry_id, HoursEntry, "entry_id")))

    def hours(self, person: Union[Person, int], from_: Optional[DateLike] = None,
              to: Optional[DateLike] = None) -> ResultIterator[HoursEntry]:
        """A person's log for dates in ``[from_, to]`` (None leaves that end
        open), by date then id, corrections included.

        Raises:
            NotFoundError: no such person.
        """
        return self._iterate(HoursEntry._wrap, _c.grp_hours_iterator_next, _c.grp_hours_iterator_new,
                             _ref(person, Person, "person"), None if from_ is None else _date_arg(from_, "from_"),
                             None if to is None else _date_arg(to, "to"))

    def hours_totals(self, person: Union[Person, int], from_: Optional[DateLike] = None,
                     to: Optional[DateLike] = None) -> HoursTotals:
        """Totals of a person's log for dates in ``[from_, to]`` (None: open).

        Raises:
            NotFoundError: no such person.
        """
        d = self._call(_c.grp_hours_totals_get, _ref(person, Person, "person"),
                       None if from_ is None else _date_arg(from_, "from_"),
                       None if to is None else _date_arg(to, "to"))
        return HoursTotals(**d)

    # ---- case-presenter rota ---------------------------------------------------

    def rota_assign(self, session: Union[Session, int], person: Union[Person, int]) -> None:
        """Make ``person`` the presenter of ``session`` (replacing any).

        Raises:
            InvalidError: not a member on the session's date, or apologies
            sent. StateError: the session is cancelled or not held. NotFoundError.
        """
        sid = self._session_id(session)
        self._call(_c.grp_rota_assign, sid, _ref(person, Person, "person"))

    def rota_clear(self, session: Union[Session, int]) -> None:
        """Remove the presenter of a session (no error if there is none)."""
        sid = self._session_id(session)
        self._call(_c.grp_rota_clear, sid)

    def _rota_lookup(self, fn: Any, session: Union[Session, int]) -> Optional[int]:
        sid = self._session_id(session)
        from ._errors import NotFoundError
        try:
            return self._call(fn, sid)
        except NotFoundError:
            self._call(_c.grp_session_get, sid)  # raises if the session itself is missing
            return None

    def presenter(self, session: Union[Session, int]) -> Optional[int]:
        """The person id of a session's presenter, or None.

        Raises:
            NotFoundError: no such session.
        """
        return self._rota_lookup(_c.grp_rota_presenter, session)

    def suggest_presenter(self, session: Union[Session, int]) -> Optional[int]:
        """Who should present at ``session`` by the rota rule (the member on
        its date who presented least recently, never-presented first), or
        None when nobody is available.

        Raises:
            NotFoundError: no such session.
        """
        return self._rota_lookup(_c.grp_rota_suggest, session)

    def rota_swap(self, a: Union[Session, int], b: Union[Session, int]) -> None:
        """Swap the presenters of two sessions of the same group ("none" swaps too).

        Raises:
            InvalidError: different groups, or a presenter not a member on the other date.
        """
        sa = self._session_id(a)
        sb = self._session_id(b)
        self._call(_c.grp_rota_swap, sa, sb)

    def rota_plan(self, group: Union[Group, int], from_: InstantLike, to: InstantLike) -> int:
        """Assign presenters by the rota rule to every session of ``group``
        starting in ``[from_, to)`` that has none and is not cancelled,
        storing sessions as needed. Returns how many were assigned."""
        return self._call(_c.grp_rota_plan, _ref(group, Group, "group"), _seconds(from_, "from_"),
                          _seconds(to, "to"))

    # ---- iCalendar ---------------------------------------------------------------

    @staticmethod
    def _ical_options(prodid: Optional[str], dtstamp: Optional[InstantLike], uid_domain: Optional[str]) -> Dict[str, Any]:
        return {"prodid": prodid, "dtstamp": 0 if dtstamp is None else _seconds(dtstamp, "dtstamp"),
                "uid_domain": uid_domain}

    def export_ical(self, group: Union[Group, int], *, prodid: Optional[str] = None,
                    dtstamp: Optional[InstantLike] = None, uid_domain: Optional[str] = None) -> str:
        """A group's schedule as an iCalendar (RFC 5545) document, lines ending in CRLF.

        One VEVENT per cadence segment with its RRULE, EXDATEs for cancelled
        occurrences, overriding VEVENTs for moved ones, one VEVENT per ad-hoc
        session, and the VTIMEZONEs used. UIDs depend only on the store, so
        re-exporting updates a subscribed calendar.

        Args:
            prodid: the PRODID (default ``"-//libgrp//libgrp <version>//EN"``).
            dtstamp: DTSTAMP of every event (an aware datetime); default now.
                Give one for reproducible output.
            uid_domain: right-hand side of every UID (default ``"libgrp"``).

        Raises:
            InvalidError: a bad option. NotFoundError: no such group.
        """
        return self._call(_c.grp_ical_export_group, _ref(group, Group, "group"),
                          self._ical_options(prodid, dtstamp, uid_domain))

    def export_ical_groups(self, groups: Sequence[Union[Group, int]], *, prodid: Optional[str] = None,
                           dtstamp: Optional[InstantLike] = None, uid_domain: Optional[str] = None) -> str:
        """Several groups' schedules as one iCalendar document: each group's
        events as :meth:`export_ical` writes them, in the order given, with
        one VTIMEZONE per zone used. ``X-WR-CALNAME`` lists the names.

        Args:
            groups: 1 to ``ICAL_MAX_GROUPS`` groups (or ids), each once.
            prodid, dtstamp, uid_domain: as for :meth:`export_ical`.

        Raises:
            InvalidError: no group, too many, one given twice, a bad option.
            NotFoundError: no such group. TypeError: ``groups`` is not a
            list or tuple.
        """
        if not isinstance(groups, (list, tuple)):
            raise TypeError(f"groups must be a list or tuple, not {type(groups).__name__}")
        ids = [_ref(g, Group, "groups") for g in groups]
        return self._call(_c.grp_ical_export_groups, ids, self._ical_options(prodid, dtstamp, uid_domain))

    def export_ical_to_file(self, group: Union[Group, int], path: PathLike, *, prodid: Optional[str] = None,
                            dtstamp: Optional[InstantLike] = None, uid_domain: Optional[str] = None) -> None:
        """Write :meth:`export_ical` into the file ``path`` (created or truncated).

        Raises:
            AccessDeniedError: the file may not be created. StorageError:
            another I/O error. And the errors of :meth:`export_ical`.
        """
        path = os.fspath(path)
        if not isinstance(path, str):
            raise TypeError(f"path must be str or os.PathLike[str], not {type(path).__name__}")
        self._call(_c.grp_ical_export_group_to_file, _ref(group, Group, "group"), path,
                   self._ical_options(prodid, dtstamp, uid_domain))

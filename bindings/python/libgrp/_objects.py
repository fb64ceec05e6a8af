"""Snapshots of stored entities: organisations, people, groups, stints,
cadence segments, sessions and attendance records.

Each is an immutable snapshot taken when it was read: it owns its memory,
stays readable after its store is closed, and is freed with the C type's own
``_free`` when Python collects it. Read the current state again through the
:class:`Store` after a change. Two snapshots of the same entity compare
equal (by type and id).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, ClassVar, Dict, Iterator, NamedTuple, Optional, Tuple, TypeVar

from . import _libgrp as _c
from ._enums import (
    AttendanceStatus,
    CapacityPolicy,
    Delivery,
    GroupKind,
    GroupStatus,
    MemberRole,
    MembershipPolicy,
    MembershipState,
    SessionStatus,
    _enum,
)
from ._time import _instant

__all__ = [
    "Organisation",
    "Person",
    "Group",
    "Membership",
    "Cadence",
    "Session",
    "Attendance",
    "AttendanceStats",
    "ResultIterator",
]


class _Snapshot:
    """Common base: a handle to one C snapshot."""

    __slots__ = ("_h",)
    _id_of: ClassVar[Callable[[Any], int]]
    _h: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError(f"{type(self).__name__} objects are read from a Store, not created directly")

    @classmethod
    def _wrap(cls, handle: Any) -> Any:
        obj = cls.__new__(cls)
        obj._h = handle
        return obj

    @property
    def id(self) -> int:
        """The entity's id in its store."""
        return type(self)._id_of(self._h)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.id == other.id  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.id))

    def _describe(self) -> str:
        return ""

    def __repr__(self) -> str:
        extra = self._describe()
        return f"<{type(self).__name__} id={self.id}{' ' + extra if extra else ''}>"


class Organisation(_Snapshot):
    """An organisation: a tenant that funds groups and employs people."""

    __slots__ = ()
    _id_of = _c.grp_org_id

    @property
    def name(self) -> str:
        """Display name."""
        return _c.grp_org_name(self._h)

    @property
    def external_ref(self) -> Optional[str]:
        """The host system's id, or None."""
        return _c.grp_org_external_ref(self._h)

    @property
    def archived(self) -> bool:
        """Whether it is archived (hidden from default lists)."""
        return _c.grp_org_archived(self._h)

    def _describe(self) -> str:
        return repr(self.name)


class Person(_Snapshot):
    """A person: a member or facilitator, with minimal personal data."""

    __slots__ = ()
    _id_of = _c.grp_person_id

    @property
    def org_id(self) -> int:
        """The employing organisation's id."""
        return _c.grp_person_org_id(self._h)

    @property
    def display_name(self) -> str:
        """Display name."""
        return _c.grp_person_display_name(self._h)

    @property
    def job_role(self) -> Optional[str]:
        """Job role (matched against a group's eligible roles), or None."""
        return _c.grp_person_job_role(self._h)

    @property
    def email(self) -> Optional[str]:
        """Email address, or None."""
        return _c.grp_person_email(self._h)

    @property
    def external_ref(self) -> Optional[str]:
        """The host system's id (unique within the organisation), or None."""
        return _c.grp_person_external_ref(self._h)

    @property
    def archived(self) -> bool:
        """Whether the person is archived."""
        return _c.grp_person_archived(self._h)

    def spec(self) -> Dict[str, Any]:
        """The person's fields as keyword arguments of :meth:`Store.create_person`
        and :meth:`Store.update_person` (``org`` is the organisation's id)."""
        s = _c.grp_person_to_spec(self._h)
        return {
            "org": s["org_id"],
            "display_name": s["display_name"],
            "job_role": s["job_role"],
            "email": s["email"],
            "external_ref": s["external_ref"],
        }

    def _describe(self) -> str:
        return repr(self.display_name)


_GROUP_ENUMS = {
    "kind": GroupKind,
    "status": GroupStatus,
    "capacity_policy": CapacityPolicy,
    "membership_policy": MembershipPolicy,
    "delivery": Delivery,
}


def _group_spec_to_kwargs(s: Dict[str, Any]) -> Dict[str, Any]:
    """A grp_group_spec dict -> keyword arguments of Store.create_group."""
    out: Dict[str, Any] = {}
    for key, value in s.items():
        if key == "version":
            continue
        if key == "org_id":
            out["org"] = value
        elif key in _GROUP_ENUMS:
            out[key] = _enum(_GROUP_ENUMS[key], value)
        elif key == "eligible_roles":
            out[key] = list(value)
        else:
            out[key] = value
    return out


class Group(_Snapshot):
    """A group with its rules: kind, status, capacity, who may join, delivery."""

    __slots__ = ()
    _id_of = _c.grp_group_id

    @property
    def org_id(self) -> int:
        """The owning organisation's id."""
        return _c.grp_group_org_id(self._h)

    @property
    def name(self) -> str:
        """Name."""
        return _c.grp_group_name(self._h)

    @property
    def kind(self) -> GroupKind:
        """What kind of programme it runs."""
        return _enum(GroupKind, _c.grp_group_kind_of(self._h))

    @property
    def status(self) -> GroupStatus:
        """Life-cycle status."""
        return _enum(GroupStatus, _c.grp_group_status_of(self._h))

    @property
    def capacity(self) -> int:
        """Members (facilitators not counted)."""
        return _c.grp_group_capacity(self._h)

    @property
    def capacity_policy(self) -> CapacityPolicy:
        """What happens to a joiner when the group is full."""
        return _enum(CapacityPolicy, _c.grp_group_capacity_policy(self._h))

    @property
    def quorum(self) -> int:
        """Minimum attendance for a session to run."""
        return _c.grp_group_quorum(self._h)

    @property
    def membership_policy(self) -> MembershipPolicy:
        """Who may join."""
        return _enum(MembershipPolicy, _c.grp_group_membership_policy(self._h))

    @property
    def allow_other_orgs(self) -> bool:
        """Whether staff of other organisations may join."""
        return _c.grp_group_allows_other_orgs(self._h)

    @property
    def eligible_roles(self) -> Tuple[str, ...]:
        """Job roles that may join; empty means any role."""
        h = self._h
        return tuple(_c.grp_group_eligible_role(h, i) for i in range(_c.grp_group_eligible_role_count(h)))

    @property
    def delivery(self) -> Delivery:
        """How sessions are delivered."""
        return _enum(Delivery, _c.grp_group_delivery(self._h))

    @property
    def location(self) -> Optional[str]:
        """Where it meets in person, or None."""
        return _c.grp_group_location(self._h)

    @property
    def meeting_link(self) -> Optional[str]:
        """Its online meeting link, or None."""
        return _c.grp_group_meeting_link(self._h)

    @property
    def timezone(self) -> str:
        """IANA time zone of its calendar."""
        return _c.grp_group_timezone(self._h)

    @property
    def session_minutes(self) -> int:
        """Default session length in minutes."""
        return _c.grp_group_session_minutes(self._h)

    @property
    def archived(self) -> bool:
        """Whether the group is archived."""
        return _c.grp_group_archived(self._h)

    def spec(self) -> Dict[str, Any]:
        """All settings as keyword arguments of :meth:`Store.create_group` and
        :meth:`Store.update_group` (``org`` is the organisation's id)."""
        return _group_spec_to_kwargs(_c.grp_group_to_spec(self._h))

    def _describe(self) -> str:
        return repr(self.name)


class Membership(_Snapshot):
    """One stint of a person in a group: role, state and its dates.

    A stint is active on date D when ``began <= D < ended`` (``ended`` None:
    still open); someone who leaves on D is no longer a member on D.
    """

    __slots__ = ()
    _id_of = _c.grp_membership_id

    @property
    def group_id(self) -> int:
        """The group's id."""
        return _c.grp_membership_group_id(self._h)

    @property
    def person_id(self) -> int:
        """The person's id."""
        return _c.grp_membership_person_id(self._h)

    @property
    def role(self) -> MemberRole:
        """Role in the group."""
        return _enum(MemberRole, _c.grp_membership_role(self._h))

    @property
    def state(self) -> MembershipState:
        """Requested, waitlisted, active, left or declined."""
        return _enum(MembershipState, _c.grp_membership_state_of(self._h))

    @property
    def requested_on(self) -> Optional[_dt.date]:
        """The date the join was asked for."""
        return _c.grp_membership_requested_on(self._h)

    @property
    def began(self) -> Optional[_dt.date]:
        """The date it became active, or None."""
        return _c.grp_membership_began(self._h)

    @property
    def ended(self) -> Optional[_dt.date]:
        """The date it ended, or None."""
        return _c.grp_membership_ended(self._h)

    @property
    def reason(self) -> Optional[str]:
        """The note kept with the stint, or None."""
        return _c.grp_membership_reason(self._h)

    @property
    def warnings(self) -> int:
        """``GRP_WARN_*`` flags of the decision that produced this snapshot (0 when loaded later)."""
        return _c.grp_membership_warnings(self._h)

    @property
    def over_capacity(self) -> bool:
        """Admitted above capacity under a soft policy (``GRP_WARN_OVER_CAPACITY``)."""
        return bool(self.warnings & _c.GRP_WARN_OVER_CAPACITY)

    def _describe(self) -> str:
        return f"group={self.group_id} person={self.person_id} {self.role} {self.state}"


class Cadence(_Snapshot):
    """One segment of a group's cadence: a rule, its first date, a local start
    time, a duration and a zone, in force until the next segment starts."""

    __slots__ = ()
    _id_of = _c.grp_cadence_id

    @property
    def group_id(self) -> int:
        """The group's id."""
        return _c.grp_cadence_group_id(self._h)

    @property
    def rrule(self) -> str:
        """The recurrence rule in canonical form."""
        return _c.grp_cadence_rrule(self._h)

    @property
    def first_date(self) -> _dt.date:
        """Local date of the first session (the segment's start)."""
        return _c.grp_cadence_first_date(self._h)

    @property
    def until(self) -> Optional[_dt.date]:
        """The first date on which the next segment is in force, or None."""
        return _c.grp_cadence_until(self._h)

    @property
    def start_hour(self) -> int:
        """Local start time: hour."""
        return _c.grp_cadence_start_hour(self._h)

    @property
    def start_minute(self) -> int:
        """Local start time: minute."""
        return _c.grp_cadence_start_minute(self._h)

    @property
    def start_time(self) -> _dt.time:
        """Local start time."""
        return _dt.time(self.start_hour, self.start_minute)

    @property
    def duration(self) -> int:
        """Session length in minutes."""
        return _c.grp_cadence_duration(self._h)

    @property
    def timezone(self) -> str:
        """IANA time zone."""
        return _c.grp_cadence_timezone(self._h)

    def _describe(self) -> str:
        return f"{self.rrule!r} from {self.first_date}"


class Session(_Snapshot):
    """One session of a group, computed from its cadence or stored.

    A session not stored yet has ``id`` None; it is identified by its group
    and its :attr:`occurrence`, and Store methods that take a session store it
    on demand (:meth:`Store.ensure_session`).
    """

    __slots__ = ()
    _id_of = _c.grp_session_id

    @property
    def id(self) -> Optional[int]:  # type: ignore[override]
        """The stored id, or None for an occurrence not stored yet."""
        return _c.grp_session_id(self._h) or None

    @property
    def group_id(self) -> int:
        """The group's id."""
        return _c.grp_session_group_id(self._h)

    @property
    def cadence_id(self) -> Optional[int]:
        """The cadence segment's id, None for an ad-hoc session."""
        return _c.grp_session_cadence_id(self._h) or None

    @property
    def occurrence(self) -> Optional[_dt.datetime]:
        """The local start the cadence gave it (RECURRENCE-ID); None when ad hoc."""
        return _c.grp_session_occurrence(self._h)

    @property
    def start_local(self) -> _dt.datetime:
        """Local start, after any move (naive)."""
        return _c.grp_session_start_local(self._h)

    @property
    def start(self) -> _dt.datetime:
        """Start instant (aware, UTC)."""
        return _instant(_c.grp_session_start(self._h))

    @property
    def end(self) -> _dt.datetime:
        """End instant (aware, UTC)."""
        return _instant(_c.grp_session_end(self._h))

    @property
    def duration(self) -> int:
        """Length in minutes."""
        return _c.grp_session_duration(self._h)

    @property
    def status(self) -> SessionStatus:
        """Scheduled, cancelled, not held or held."""
        return _enum(SessionStatus, _c.grp_session_status_of(self._h))

    @property
    def moved(self) -> bool:
        """Whether it was moved from its occurrence."""
        return _c.grp_session_moved(self._h)

    @property
    def adhoc(self) -> bool:
        """Whether it is ad hoc (not from the cadence)."""
        return _c.grp_session_adhoc(self._h)

    @property
    def location(self) -> Optional[str]:
        """This session's place, else the group's, or None."""
        return _c.grp_session_location(self._h)

    @property
    def meeting_link(self) -> Optional[str]:
        """This session's link, else the group's, or None."""
        return _c.grp_session_meeting_link(self._h)

    @property
    def reason(self) -> Optional[str]:
        """Cancellation reason, or None."""
        return _c.grp_session_reason(self._h)

    @property
    def timezone(self) -> str:
        """IANA time zone of the session."""
        return _c.grp_session_timezone(self._h)

    @property
    def expected(self) -> int:
        """Members (not facilitators) expected: members on the session's local date."""
        return _c.grp_session_expected(self._h)

    @property
    def under_quorum(self) -> bool:
        """Whether fewer members are expected than the group's quorum."""
        return _c.grp_session_under_quorum(self._h)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Session):
            return NotImplemented
        if self.id is not None and other.id is not None:
            return self.id == other.id
        # An occurrence not stored yet is identified by its group and occurrence.
        occurrence = self.occurrence
        return occurrence is not None and (self.group_id, occurrence) == (other.group_id, other.occurrence)

    def __hash__(self) -> int:
        return hash(("Session", self.group_id, self.occurrence))

    def __repr__(self) -> str:
        return f"<Session id={self.id} group={self.group_id} {self.start_local.isoformat()} {self.status}>"


class Attendance(_Snapshot):
    """What happened for one person at one session."""

    __slots__ = ()

    @property
    def id(self) -> Tuple[int, int]:  # type: ignore[override]
        """``(session_id, person_id)``: a record has no id of its own."""
        return (self.session_id, self.person_id)

    @property
    def session_id(self) -> int:
        """The session's id."""
        return _c.grp_attendance_session_id(self._h)

    @property
    def person_id(self) -> int:
        """The person's id."""
        return _c.grp_attendance_person_id(self._h)

    @property
    def status(self) -> AttendanceStatus:
        """Present, late, left early, absent, apologies or not recorded."""
        return _enum(AttendanceStatus, _c.grp_attendance_status_of(self._h))

    @property
    def minutes(self) -> int:
        """Attended minutes."""
        return _c.grp_attendance_minutes(self._h)

    @property
    def recorded_by(self) -> Optional[int]:
        """Who recorded it (a person id), or None."""
        return _c.grp_attendance_recorded_by(self._h) or None

    @property
    def recorded_at(self) -> _dt.datetime:
        """When it was recorded (aware, UTC)."""
        return _instant(_c.grp_attendance_recorded_at(self._h))

    def __repr__(self) -> str:
        return f"<Attendance session={self.session_id} person={self.person_id} {self.status}>"


class AttendanceStats(NamedTuple):
    """Attendance figures over a period (:meth:`Store.attendance_stats`).

    Counted over the sessions each member was expected at (not cancelled or
    marked not held, on a date the person was a member).
    """

    expected: int
    """Sessions expected at (summed over members for a group)."""
    attended: int
    """Present, late or left early."""
    apologies: int
    """Apologies sent."""
    absent: int
    """Absent without apologies."""
    not_recorded: int
    """Expected but nothing recorded."""
    attendance_rate: float
    """attended / (expected - not_recorded); 0 when nothing is recorded."""
    commitment_rate: float
    """(attended + apologies) / (expected - not_recorded); 0 when nothing is recorded."""


T = TypeVar("T")


class ResultIterator(Iterator[T]):
    """A list from the store, as a Python iterator of snapshots.

    The C iterator holds its rows itself, so it stays usable after the store
    is closed. It is freed as soon as it is exhausted, closed or collected;
    after that it yields nothing.
    """

    __slots__ = ("_it", "_next", "_wrap")

    def __init__(self, handle: Any, next_fn: Callable[[Any], Any], wrap: Callable[[Any], T]) -> None:
        self._it = handle
        self._next = next_fn
        self._wrap = wrap

    def __iter__(self) -> "ResultIterator[T]":
        return self

    def __next__(self) -> T:
        it = self._it
        if it is None:
            raise StopIteration
        h = self._next(it)
        if h is None:
            self._it = None  # exhausted: free the C iterator now
            raise StopIteration
        return self._wrap(h)

    def close(self) -> None:
        """Free the C iterator now; iteration then stops."""
        self._it = None

    def __enter__(self) -> "ResultIterator[T]":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

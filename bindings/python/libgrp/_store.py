"""The store: one SQLite file holding organisations, people, groups, their
membership history, cadences, sessions and attendance, and everything built
on them (hours, rota, feedback, goals, notes, themes, events, the audit log).

The methods of the later modules live in mixin classes next to their
snapshot types (``_hours``, ``_feedback``, ``_goals``, ``_events``,
``_reports``, ``_json``);
:class:`Store` is the one public class."""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import threading
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, TypeVar, Union

from . import _libgrp as _c
from ._enums import (
    AttendanceStatus,
    CapacityPolicy,
    Delivery,
    Durability,
    GroupKind,
    GroupStatus,
    MemberRole,
    MembershipPolicy,
    MembershipState,
    SessionStatus,
)
from ._errors import ClosedError, Error, ErrorCode
from ._events import Event, EventCallback, _EventsMixin
from ._feedback import _FeedbackMixin
from ._goals import _GoalsMixin
from ._hours import _HoursMixin
from ._json import _JsonMixin
from ._reports import _ReportsMixin
from ._objects import (
    Attendance,
    AttendanceStats,
    Cadence,
    Group,
    Membership,
    Organisation,
    Person,
    ResultIterator,
    Session,
    _group_spec_to_kwargs,
)
from ._rrule import RRule
from ._time import DateLike, InstantLike, LocalLike, _date_arg, _local_arg, _seconds, now
from ._util import _mask, _ref

__all__ = ["Store", "open", "schema_latest"]

PathLike = Union[str, "os.PathLike[str]"]
OrgRef = Union[Organisation, int]
PersonRef = Union[Person, int]
GroupRef = Union[Group, int]
MembershipRef = Union[Membership, int]
SessionRef = Union[Session, int]

T = TypeVar("T")


class _Keep:
    """Default of update arguments: keep the current value."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()

# The C library's defaults, read once from its _init() functions.
_STORE_DEFAULTS = _c.grp_store_options_init(_c.GRP_STORE_OPTIONS_VERSION)
_GROUP_DEFAULTS = _group_spec_to_kwargs(_c.grp_group_spec_init(_c.GRP_GROUP_SPEC_VERSION))
_JOIN_DEFAULTS = _c.grp_join_options_init(_c.GRP_JOIN_OPTIONS_VERSION)
_CADENCE_DEFAULTS = _c.grp_cadence_spec_init(_c.GRP_CADENCE_SPEC_VERSION)
_QUERY_DEFAULTS = _c.grp_membership_query_init(_c.GRP_MEMBERSHIP_QUERY_VERSION)
_PERSON_DEFAULTS = _c.grp_person_spec_init(_c.GRP_PERSON_SPEC_VERSION)

_GROUP_FIELDS = ("org", "name", "timezone", "kind", "status", "capacity", "capacity_policy", "quorum",
                 "membership_policy", "allow_other_orgs", "eligible_roles", "delivery", "location",
                 "meeting_link", "session_minutes")
_PERSON_FIELDS = ("org", "display_name", "job_role", "email", "external_ref")


def schema_latest() -> int:
    """The schema version this libgrp writes."""
    return _c.grp_store_schema_latest()


def _roles_list(roles: Any) -> Any:
    if roles is None or isinstance(roles, (list, tuple)):
        return roles
    if isinstance(roles, str):
        raise TypeError("eligible_roles must be a list of str, not a str")
    return list(roles)


def _group_spec(fields: Dict[str, Any]) -> Dict[str, Any]:
    """Keyword arguments of create_group/update_group -> a grp_group_spec dict."""
    spec: Dict[str, Any] = {}
    for key, value in fields.items():
        if key == "org":
            spec["org_id"] = _ref(value, Organisation, "org")
        elif key == "eligible_roles":
            spec[key] = _roles_list(value)
        else:
            spec[key] = value
    return spec


def _person_spec(fields: Dict[str, Any]) -> Dict[str, Any]:
    spec: Dict[str, Any] = {}
    for key, value in fields.items():
        if key == "org":
            spec["org_id"] = _ref(value, Organisation, "org")
        else:
            spec[key] = value
    return spec


class Store(_HoursMixin, _FeedbackMixin, _GoalsMixin, _EventsMixin, _ReportsMixin, _JsonMixin):
    """An open libgrp store: one SQLite file, or ``":memory:"``.

    Use it as a context manager so that it is closed however the block ends::

        with libgrp.open("groups.db") as store:
            org = store.create_org("Northfield University")

    Every write is atomic on its own; group several with :meth:`transaction`.
    Objects read from a store are snapshots: they, and iterators still open,
    stay usable after the store is closed. Using the store itself after
    :meth:`close` raises :class:`ClosedError`. A store may be shared between
    threads (calls are serialised by a lock; the GIL is released while a call
    waits for SQLite), but opening one per thread lets them work in parallel.

    Args:
        path: the file (created if missing, unless ``create=False``), or
            ``":memory:"`` for a private in-memory store.
        create: create the file if it does not exist (default: True unless
            ``readonly``).
        readonly: open read-only; writes raise :class:`ReadOnlyError`.
        durability: :attr:`Durability.FULL` (default) or
            :attr:`Durability.NORMAL`.
        busy_timeout_ms: how long to wait for another writer (default 5000).
        min_cohort: smallest aggregate reported (default 3).

    Raises:
        NotFoundError: no such file and ``create=False``.
        NotAStoreError: the file is not a libgrp store.
        VersionError: the store was written by a newer libgrp.
        StorageError: the file cannot be opened (e.g. no such directory).
        InvalidError: an option is out of range.
    """

    __slots__ = ("_h", "_lock", "_path", "_pending", "_callback", "_tls", "__weakref__")

    def __init__(self, path: PathLike, *, create: Optional[bool] = None, readonly: bool = False,
                 durability: Durability = Durability(_STORE_DEFAULTS["durability"]),
                 busy_timeout_ms: int = _STORE_DEFAULTS["busy_timeout_ms"],
                 min_cohort: int = _STORE_DEFAULTS["min_cohort"]) -> None:
        self._h: Any = None
        self._lock = threading.Lock()
        self._pending: List[Tuple[int, int, int, int, int, int]] = []  # event values appended by the C callback (set_event_callback)
        self._callback: Optional[EventCallback] = None
        self._tls = threading.local()
        path = os.fspath(path)
        if not isinstance(path, str):
            raise TypeError(f"path must be str or os.PathLike[str], not {type(path).__name__}")
        self._path = path
        if create is None:
            create = not readonly
        flags = _STORE_DEFAULTS["flags"]
        flags = (flags | _c.GRP_STORE_CREATE) if create else (flags & ~_c.GRP_STORE_CREATE)
        flags = (flags | _c.GRP_STORE_READONLY) if readonly else (flags & ~_c.GRP_STORE_READONLY)
        opts = {"flags": flags, "durability": durability, "busy_timeout_ms": busy_timeout_ms,
                "min_cohort": min_cohort}
        self._h = _c.grp_store_open(path, opts)

    # ---- life cycle -----------------------------------------------------

    def close(self) -> None:
        """Close the store; an open transaction is rolled back. Closing twice is fine."""
        with self._lock:
            h, self._h = self._h, None
            if h is not None:
                _c.grp_store_close(h)  # also lets go of the C side of the event callback
            self._callback = None

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._h is None

    @property
    def path(self) -> str:
        """The path the store was opened with."""
        return self._path

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<libgrp.Store {self._path!r}{' closed' if self._h is None else ''}>"

    def _call(self, fn: Callable[..., T], *args: Any) -> T:
        """Call a C function with the store handle, under the store's lock;
        then deliver the events its commit appended (set_event_callback),
        outside the lock. (Events are appended only by a successful commit,
        the last step of a call: a call that raises leaves none behind; any
        left would go with the next call.)"""
        with self._lock:
            h = self._h
            if h is None:
                raise ClosedError(ErrorCode.ECLOSED, f"store '{self._path}' is closed")
            result = fn(h, *args)
            pending = self._pending
            if not pending:
                return result
            batch = pending[:]
            pending.clear()
        self._deliver(batch)
        return result

    def _deliver(self, batch: List[Tuple[int, int, int, int, int, int]]) -> None:
        """Give events to the callback, outside the lock, in order. A callback
        that writes to the store queues its own events behind the rest."""
        tls = self._tls
        backlog = getattr(tls, "backlog", None)
        if backlog is not None:  # delivering already, further up this thread's stack
            backlog.extend(batch)
            return
        tls.backlog = backlog = list(batch)
        try:
            while backlog:
                values = backlog.pop(0)
                callback = self._callback
                if callback is None:
                    continue
                try:
                    callback(Event._from_values(values))
                except Exception as exc:  # reported, never raised into the caller
                    _c._write_unraisable(exc, callback)
        finally:
            tls.backlog = None

    def _iterate(self, wrap: Callable[[Any], T], next_fn: Callable[[Any], Any], new_fn: Callable[..., Any],
                 *args: Any) -> ResultIterator[T]:
        return ResultIterator(self._call(new_fn, *args), next_fn, wrap)

    @property
    def schema_version(self) -> int:
        """The schema version of the open store."""
        return self._call(_c.grp_store_schema_version)

    @property
    def min_cohort(self) -> int:
        """The smallest aggregate the store reports."""
        return self._call(_c.grp_store_min_cohort)

    # ---- transactions -----------------------------------------------------

    def begin(self) -> None:
        """Begin a transaction, or a nested savepoint inside one.

        Raises:
            BusyError: another writer holds the store beyond the busy timeout.
            ReadOnlyError: the store is read-only.
        """
        self._call(_c.grp_store_begin)

    def commit(self) -> None:
        """Commit the innermost open level.

        Raises:
            StateError: no transaction is open (or a failure already rolled it back).
        """
        self._call(_c.grp_store_commit)

    def rollback(self) -> None:
        """Roll back the innermost open level.

        Raises:
            StateError: no transaction is open.
        """
        self._call(_c.grp_store_rollback)

    @property
    def transaction_depth(self) -> int:
        """How many levels :meth:`begin` has open."""
        return self._call(_c.grp_store_transaction_depth)

    @contextlib.contextmanager
    def transaction(self) -> Iterator["Store"]:
        """A transaction as a context manager: committed when the block ends,
        rolled back if it raises. Nests (inner levels are savepoints)::

            with store.transaction():
                store.leave(group, asha, "2026-03-01")
                store.join(group, ben, "2026-03-01")
        """
        self.begin()
        try:
            yield self
        except BaseException:
            try:
                self.rollback()
            except Error:
                pass  # a failed call inside may already have rolled it all back
            raise
        self.commit()

    # ---- organisations --------------------------------------------------

    def create_org(self, name: str, external_ref: Optional[str] = None) -> Organisation:
        """Create an organisation.

        Args:
            name: 1..200 bytes of UTF-8.
            external_ref: the host system's id, unique among organisations.

        Raises:
            InvalidError: empty or too long name or reference.
            ExistsError: the reference is in use.
        """
        return Organisation._wrap(self._call(_c.grp_org_create, name, external_ref))

    def get_org(self, org_id: int) -> Organisation:
        """The organisation with this id.

        Raises:
            NotFoundError: no such organisation.
        """
        return Organisation._wrap(self._call(_c.grp_org_get, _ref(org_id, Organisation, "org_id")))

    def find_org(self, external_ref: str) -> Organisation:
        """The organisation with this external reference.

        Raises:
            NotFoundError: no such organisation.
        """
        return Organisation._wrap(self._call(_c.grp_org_find, external_ref))

    def update_org(self, org: OrgRef, *, name: str = KEEP, external_ref: Optional[str] = KEEP) -> Organisation:
        """Rename an organisation and/or change its external reference
        (None clears it); omitted arguments keep their value. Returns the
        updated organisation.

        Raises:
            NotFoundError, InvalidError, ExistsError.
        """
        oid = _ref(org, Organisation, "org")
        with self.transaction():
            current = self.get_org(oid)
            self._call(_c.grp_org_update, oid, current.name if name is KEEP else name,
                       current.external_ref if external_ref is KEEP else external_ref)
            return self.get_org(oid)

    def archive_org(self, org: OrgRef) -> None:
        """Archive an organisation: hidden from default lists, history kept.

        Raises:
            NotFoundError: no such organisation.
        """
        self._call(_c.grp_org_archive, _ref(org, Organisation, "org"))

    def orgs(self, *, include_archived: bool = False) -> ResultIterator[Organisation]:
        """The organisations, in id order."""
        flags = _c.GRP_LIST_INCLUDE_ARCHIVED if include_archived else 0
        return self._iterate(Organisation._wrap, _c.grp_org_iterator_next, _c.grp_org_iterator_new, flags)

    # ---- people -----------------------------------------------------------

    def create_person(self, org: OrgRef, display_name: str, *, job_role: Optional[str] = None,
                      email: Optional[str] = None, external_ref: Optional[str] = None) -> Person:
        """Create a person employed by ``org``.

        Args:
            display_name: 1..200 bytes.
            job_role: matched against groups' eligible roles.
            email: must contain one ``@`` with text on both sides.
            external_ref: the host system's id, unique within the organisation.

        Raises:
            InvalidError: a bad field. NotFoundError: no such organisation.
            ExistsError: the reference is in use.
        """
        spec = dict(_PERSON_DEFAULTS)
        spec.update(_person_spec({"org": org, "display_name": display_name, "job_role": job_role,
                                  "email": email, "external_ref": external_ref}))
        return Person._wrap(self._call(_c.grp_person_create, spec))

    def get_person(self, person_id: int) -> Person:
        """The person with this id.

        Raises:
            NotFoundError: no such person.
        """
        return Person._wrap(self._call(_c.grp_person_get, _ref(person_id, Person, "person_id")))

    def find_person(self, org: OrgRef, external_ref: str) -> Person:
        """The person of ``org`` with this external reference.

        Raises:
            NotFoundError: no such person.
        """
        return Person._wrap(self._call(_c.grp_person_find, _ref(org, Organisation, "org"), external_ref))

    def update_person(self, person: PersonRef, **changes: Any) -> Person:
        """Change some of a person's fields (the keyword arguments of
        :meth:`create_person`, and ``org``); None clears an optional one.
        Returns the updated person.

        Raises:
            TypeError: an unknown field. InvalidError, NotFoundError, ExistsError.
        """
        unknown = set(changes) - set(_PERSON_FIELDS)
        if unknown:
            raise TypeError(f"update_person() got unknown fields: {', '.join(sorted(unknown))}")
        pid = _ref(person, Person, "person")
        with self.transaction():
            fields = self.get_person(pid).spec()
            fields.update(changes)
            self._call(_c.grp_person_update, pid, _person_spec(fields))
            return self.get_person(pid)

    def archive_person(self, person: PersonRef) -> None:
        """Archive a person (hidden from default lists; history kept).

        Raises:
            NotFoundError: no such person.
        """
        self._call(_c.grp_person_archive, _ref(person, Person, "person"))

    def people(self, org: Optional[OrgRef] = None, *, include_archived: bool = False) -> ResultIterator[Person]:
        """The people (of one organisation, or all), in id order."""
        oid = 0 if org is None else _ref(org, Organisation, "org")
        flags = _c.GRP_LIST_INCLUDE_ARCHIVED if include_archived else 0
        return self._iterate(Person._wrap, _c.grp_person_iterator_next, _c.grp_person_iterator_new, oid, flags)

    # ---- groups -----------------------------------------------------------

    def create_group(self, *, org: OrgRef, name: str, timezone: str,
                     kind: GroupKind = _GROUP_DEFAULTS["kind"],
                     status: GroupStatus = _GROUP_DEFAULTS["status"],
                     capacity: int = _GROUP_DEFAULTS["capacity"],
                     capacity_policy: CapacityPolicy = _GROUP_DEFAULTS["capacity_policy"],
                     quorum: int = _GROUP_DEFAULTS["quorum"],
                     membership_policy: MembershipPolicy = _GROUP_DEFAULTS["membership_policy"],
                     allow_other_orgs: bool = _GROUP_DEFAULTS["allow_other_orgs"],
                     eligible_roles: Sequence[str] = (),
                     delivery: Delivery = _GROUP_DEFAULTS["delivery"],
                     location: Optional[str] = None,
                     meeting_link: Optional[str] = None,
                     session_minutes: int = _GROUP_DEFAULTS["session_minutes"]) -> Group:
        """Create a group (the fields of ``grp_group_spec``; defaults are the C library's).

        Args:
            org: the owning organisation.
            name: 1..200 bytes.
            timezone: IANA zone of its calendar, e.g. ``"Europe/London"``.
            capacity: members, facilitators not counted (1..1000).
            eligible_roles: job roles that may join; empty means any.
            location: required for in-person and hybrid delivery.
            meeting_link: required for online and hybrid delivery (http(s) URL).

        Raises:
            InvalidError: a bad field (the message names it).
            NotFoundError: no such organisation.
        """
        spec = _group_spec({"org": org, "name": name, "timezone": timezone, "kind": kind, "status": status,
                            "capacity": capacity, "capacity_policy": capacity_policy, "quorum": quorum,
                            "membership_policy": membership_policy, "allow_other_orgs": allow_other_orgs,
                            "eligible_roles": eligible_roles, "delivery": delivery, "location": location,
                            "meeting_link": meeting_link, "session_minutes": session_minutes})
        return Group._wrap(self._call(_c.grp_group_create, spec))

    def get_group(self, group_id: int) -> Group:
        """The group with this id.

        Raises:
            NotFoundError: no such group.
        """
        return Group._wrap(self._call(_c.grp_group_get, _ref(group_id, Group, "group_id")))

    def update_group(self, group: GroupRef, **changes: Any) -> Group:
        """Change some settings of a group (keyword arguments as for
        :meth:`create_group`); the others keep their value. Lowering the
        capacity removes nobody; raising it promotes nobody by itself (see
        :meth:`promote_waitlist`). Returns the updated group.

        Raises:
            TypeError: an unknown setting. InvalidError, NotFoundError.
        """
        unknown = set(changes) - set(_GROUP_FIELDS)
        if unknown:
            raise TypeError(f"update_group() got unknown settings: {', '.join(sorted(unknown))}")
        gid = _ref(group, Group, "group")
        with self.transaction():
            fields = self.get_group(gid).spec()
            fields.update(changes)
            self._call(_c.grp_group_update, gid, _group_spec(fields))
            return self.get_group(gid)

    def set_group_status(self, group: GroupRef, status: GroupStatus) -> None:
        """Change only the status of a group.

        Raises:
            InvalidError: an unknown status. NotFoundError: no such group.
        """
        self._call(_c.grp_group_set_status, _ref(group, Group, "group"), status)

    def archive_group(self, group: GroupRef) -> None:
        """Archive a group: hidden from default lists and closed to joins; history kept.

        Raises:
            NotFoundError: no such group.
        """
        self._call(_c.grp_group_archive, _ref(group, Group, "group"))

    def groups(self, org: Optional[OrgRef] = None, *, include_archived: bool = False) -> ResultIterator[Group]:
        """The groups (of one organisation, or all), in id order."""
        oid = 0 if org is None else _ref(org, Organisation, "org")
        flags = _c.GRP_LIST_INCLUDE_ARCHIVED if include_archived else 0
        return self._iterate(Group._wrap, _c.grp_group_iterator_next, _c.grp_group_iterator_new, oid, flags)

    # ---- membership -------------------------------------------------------

    def join(self, group: GroupRef, person: PersonRef, date: DateLike, *,
             role: MemberRole = _JOIN_DEFAULTS["role"], reason: Optional[str] = None) -> Membership:
        """Ask for ``person`` to join ``group`` on ``date``; the group's rules decide.

        Returns the new stint: its :attr:`~Membership.state` says whether the
        person is active, waitlisted or requested (approval policy), and
        :attr:`~Membership.over_capacity` flags a soft-policy admission.

        Raises:
            RuleError: a rule refused; ``.rule`` names it (``"full"``,
                ``"closed"``, ``"org"``, ``"role"``, ``"already"``, ``"inactive"``).
            InvalidError: e.g. a date before an existing stint of this person.
            NotFoundError: no such group or person.
        """
        opts = {"role": role, "reason": reason}
        return Membership._wrap(self._call(_c.grp_member_join, _ref(group, Group, "group"),
                                           _ref(person, Person, "person"), _date_arg(date), opts))

    def approve(self, membership: MembershipRef, date: DateLike) -> Membership:
        """Approve a requested stint on ``date``; capacity is applied then
        (active, waitlisted, or :class:`RuleError` ``"full"`` with the request kept open).

        Raises:
            StateError: not a request. RuleError, InvalidError, NotFoundError.
        """
        return Membership._wrap(self._call(_c.grp_member_approve, _ref(membership, Membership, "membership"),
                                           _date_arg(date)))

    def decline(self, membership: MembershipRef, date: DateLike, reason: Optional[str] = None) -> None:
        """Decline a requested stint on ``date``.

        Raises:
            StateError: not a request. InvalidError, NotFoundError.
        """
        self._call(_c.grp_member_decline, _ref(membership, Membership, "membership"), _date_arg(date), reason)

    def leave(self, group: GroupRef, person: PersonRef, date: DateLike, reason: Optional[str] = None) -> int:
        """End ``person``'s active or pending stint in ``group`` on ``date``
        (they are no longer a member on that date). Freed seats go to the
        waitlist on the same date; returns how many were promoted.

        Raises:
            NotFoundError: no open stint. InvalidError: a date before it began.
        """
        return self._call(_c.grp_member_leave, _ref(group, Group, "group"), _ref(person, Person, "person"),
                          _date_arg(date), reason)

    def promote_waitlist(self, group: GroupRef, date: DateLike) -> int:
        """Promote waitlisted people into free seats on ``date``, longest
        waiting first; returns how many were promoted."""
        return self._call(_c.grp_member_promote_waitlist, _ref(group, Group, "group"), _date_arg(date))

    def get_membership(self, membership_id: int) -> Membership:
        """The stint with this id.

        Raises:
            NotFoundError: no such stint.
        """
        return Membership._wrap(self._call(_c.grp_membership_get,
                                           _ref(membership_id, Membership, "membership_id")))

    def memberships(self, *, group: Optional[GroupRef] = None, person: Optional[PersonRef] = None,
                    on: Optional[DateLike] = None, roles: Optional[Iterable[MemberRole]] = None,
                    states: Optional[Iterable[MembershipState]] = None) -> ResultIterator[Membership]:
        """Stints of a group, of a person, or of a person in a group.

        With ``on``, the stints active on that date; without, the full
        history (filtered by ``states``). ``roles`` limits the roles (default all).

        Raises:
            InvalidError: neither group nor person given.
        """
        query = dict(_QUERY_DEFAULTS)
        query.update({
            "group_id": 0 if group is None else _ref(group, Group, "group"),
            "person_id": 0 if person is None else _ref(person, Person, "person"),
            "date": None if on is None else _date_arg(on, "on"),
            "roles": _mask(roles, "roles"),
            "states": _mask(states, "states"),
        })
        return self._iterate(Membership._wrap, _c.grp_membership_iterator_next, _c.grp_membership_iterator_new,
                             query)

    def members(self, group: GroupRef, on: DateLike, *,
                roles: Optional[Iterable[MemberRole]] = None) -> ResultIterator[Membership]:
        """The roster of ``group`` on date ``on``: the stints active then
        (members and facilitators unless ``roles`` says otherwise)."""
        return self.memberships(group=group, on=on, roles=roles)

    def history(self, *, group: Optional[GroupRef] = None, person: Optional[PersonRef] = None,
                roles: Optional[Iterable[MemberRole]] = None,
                states: Optional[Iterable[MembershipState]] = None) -> ResultIterator[Membership]:
        """The full membership history of a group and/or a person, in order of request date."""
        return self.memberships(group=group, person=person, roles=roles, states=states)

    # ---- cadence ------------------------------------------------------------

    def set_cadence(self, group: GroupRef, rrule: Union[str, RRule], first_date: DateLike,
                    start: _dt.time, *, duration_minutes: int = _CADENCE_DEFAULTS["duration_minutes"],
                    timezone: Optional[str] = None) -> Cadence:
        """Set a group's cadence from ``first_date`` on ("this and following":
        sessions before that date are untouched).

        Args:
            rrule: an RFC 5545 rule, e.g. ``"FREQ=MONTHLY;BYDAY=1TU"``.
            first_date: local date of the first session.
            start: local start time (hour and minute).
            duration_minutes: 1..1440, or 0 for the group's default length.
            timezone: IANA zone; None for the group's.

        Raises:
            ParseError, UnsupportedError: the rule. InvalidError, NotFoundError.
        """
        if not isinstance(start, _dt.time):
            raise TypeError(f"start must be a datetime.time, not {type(start).__name__}")
        spec = {"rrule": str(rrule) if isinstance(rrule, RRule) else rrule, "first_date": _date_arg(first_date),
                "start_hour": start.hour, "start_minute": start.minute, "duration_minutes": duration_minutes,
                "timezone": timezone}
        return Cadence._wrap(self._call(_c.grp_cadence_set, _ref(group, Group, "group"), spec))

    def end_cadence(self, group: GroupRef, date: DateLike) -> None:
        """Stop scheduling a group's sessions from ``date`` on.

        Raises:
            NotFoundError: no such group, or no cadence in force then.
        """
        self._call(_c.grp_cadence_end, _ref(group, Group, "group"), _date_arg(date))

    def get_cadence(self, group: GroupRef, on: DateLike) -> Cadence:
        """The cadence segment in force on date ``on``.

        Raises:
            NotFoundError: none in force.
        """
        return Cadence._wrap(self._call(_c.grp_cadence_get, _ref(group, Group, "group"), _date_arg(on, "on")))

    def cadences(self, group: GroupRef) -> ResultIterator[Cadence]:
        """A group's cadence segments, oldest first."""
        return self._iterate(Cadence._wrap, _c.grp_cadence_iterator_next, _c.grp_cadence_iterator_new,
                             _ref(group, Group, "group"))

    # ---- sessions -------------------------------------------------------------

    def _session_id(self, session: SessionRef) -> int:
        if isinstance(session, Session):
            sid = session.id
            if sid is not None:
                return sid
            occurrence = session.occurrence
            if occurrence is None:
                raise ValueError("session has neither an id nor an occurrence")
            return self._call(_c.grp_session_ensure, session.group_id, occurrence)
        return _ref(session, Session, "session")

    def ensure_session(self, group: GroupRef, occurrence: LocalLike) -> int:
        """The stored id of a group's occurrence (the local start its cadence
        gives it), storing the session if needed.

        Raises:
            NotFoundError: no such group or no such occurrence in its cadence.
        """
        return self._call(_c.grp_session_ensure, _ref(group, Group, "group"), _local_arg(occurrence, "occurrence"))

    def add_session(self, group: GroupRef, start: LocalLike, duration_minutes: int = 0) -> Session:
        """Add an ad-hoc session at a local start in the group's zone (0
        minutes: the group's default length). Returns it."""
        gid = _ref(group, Group, "group")
        with self.transaction():
            sid = self._call(_c.grp_session_add, gid, _local_arg(start, "start"), duration_minutes)
            return self.get_session(sid)

    def get_session(self, session_id: int) -> Session:
        """The stored session with this id.

        Raises:
            NotFoundError: no such session.
        """
        return Session._wrap(self._call(_c.grp_session_get, _ref(session_id, Session, "session_id")))

    def next_session(self, group: GroupRef, after: Optional[InstantLike] = None) -> Session:
        """The group's first session starting at or after ``after`` (default:
        now) that is not cancelled or marked not held.

        Raises:
            NotFoundError: none within the next 20 years.
        """
        t = _seconds(now() if after is None else after, "after")
        return Session._wrap(self._call(_c.grp_session_next, _ref(group, Group, "group"), t))

    def sessions(self, group: GroupRef, start: InstantLike, end: InstantLike) -> ResultIterator[Session]:
        """A group's sessions starting in ``[start, end)`` (aware datetimes),
        in start order: computed occurrences merged with stored ones.

        Raises:
            InvalidError: ``start`` after ``end``, or a span over 100 years.
        """
        return self._iterate(Session._wrap, _c.grp_session_iterator_next, _c.grp_session_iterator_new,
                             _ref(group, Group, "group"), _seconds(start, "start"), _seconds(end, "end"))

    def sessions_for_person(self, person: PersonRef, start: InstantLike,
                            end: InstantLike) -> ResultIterator[Session]:
        """Sessions in ``[start, end)`` of every group ``person`` is expected at
        (a member or facilitator on the session's date); cancelled ones left out."""
        return self._iterate(Session._wrap, _c.grp_session_iterator_next, _c.grp_session_iterator_for_person,
                             _ref(person, Person, "person"), _seconds(start, "start"), _seconds(end, "end"))

    def cancel_session(self, session: SessionRef, reason: Optional[str] = None) -> None:
        """Cancel a session in advance.

        Raises:
            StateError: attendance is already recorded.
        """
        sid = self._session_id(session)
        self._call(_c.grp_session_cancel, sid, reason)

    def set_session_status(self, session: SessionRef, status: SessionStatus) -> None:
        """Set a session's status.

        Raises:
            StateError: cancelled or not held while attendance is recorded.
        """
        sid = self._session_id(session)
        self._call(_c.grp_session_set_status, sid, status)

    def move_session(self, session: SessionRef, new_start: LocalLike, duration_minutes: int = 0) -> None:
        """Move a session to a new local start (0 minutes: keep its length);
        its occurrence stays the same."""
        sid = self._session_id(session)
        self._call(_c.grp_session_move, sid, _local_arg(new_start, "new_start"), duration_minutes)

    def set_session_place(self, session: SessionRef, location: Optional[str] = None,
                          meeting_link: Optional[str] = None) -> None:
        """Change the place and/or link of one session; None keeps the group's."""
        sid = self._session_id(session)
        self._call(_c.grp_session_set_place, sid, location, meeting_link)

    # ---- attendance -------------------------------------------------------

    def record_attendance(self, session: SessionRef, person: PersonRef, status: AttendanceStatus,
                          minutes: int = -1, recorded_by: Optional[PersonRef] = None) -> None:
        """Record (or re-record) attendance of ``person`` at ``session``.

        Args:
            minutes: attended minutes; -1 (default) means the whole session
                when attended and 0 when not.
            recorded_by: who recorded it.

        Raises:
            InvalidError: bad minutes, or the person was not in the group on
                the session's date. StateError: the session was cancelled.
        """
        sid = self._session_id(session)
        rid = 0 if recorded_by is None else _ref(recorded_by, Person, "recorded_by")
        self._call(_c.grp_attendance_record, sid, _ref(person, Person, "person"), status, minutes, rid)

    def get_attendance(self, session: SessionRef, person: PersonRef) -> Attendance:
        """The attendance record of ``person`` at ``session``.

        Raises:
            NotFoundError: nothing recorded.
        """
        sid = self._session_id(session)
        return Attendance._wrap(self._call(_c.grp_attendance_get, sid, _ref(person, Person, "person")))

    def attendance(self, session: SessionRef) -> ResultIterator[Attendance]:
        """The attendance records of one session, in person id order."""
        sid = self._session_id(session)
        return self._iterate(Attendance._wrap, _c.grp_attendance_iterator_next, _c.grp_attendance_iterator_new,
                             sid)

    def attendance_stats(self, group: GroupRef, start: InstantLike, end: InstantLike,
                         person: Optional[PersonRef] = None) -> AttendanceStats:
        """Attendance figures of one member (or of every member) for sessions starting in ``[start, end)``."""
        pid = 0 if person is None else _ref(person, Person, "person")
        stats = self._call(_c.grp_attendance_stats_get, _ref(group, Group, "group"), pid,
                           _seconds(start, "start"), _seconds(end, "end"))
        return AttendanceStats(**stats)


def open(path: PathLike, *, create: Optional[bool] = None, readonly: bool = False,  # noqa: A001 (like io.open)
         durability: Durability = Durability(_STORE_DEFAULTS["durability"]),
         busy_timeout_ms: int = _STORE_DEFAULTS["busy_timeout_ms"],
         min_cohort: int = _STORE_DEFAULTS["min_cohort"]) -> Store:
    """Open (and if needed create) a store; the same as :class:`Store`\\ ``(...)``.

    Use it in a ``with`` statement::

        with libgrp.open("groups.db") as store:
            ...
    """
    return Store(path, create=create, readonly=readonly, durability=durability,
                 busy_timeout_ms=busy_timeout_ms, min_cohort=min_cohort)

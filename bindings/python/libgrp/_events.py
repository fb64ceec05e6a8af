"""What changed (the change feed and its callback), what is due (reminder
and warning queries), the audit log, and data-subject rights (export and
erasure of a person)."""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple, Union

from . import _libgrp as _c
from ._access import Actor, _actor_arg
from ._enums import ActorKind, EventKind, _enum
from ._objects import Group, Person, ResultIterator, _Snapshot
from ._time import DateLike, InstantLike, _date_arg, _instant, _seconds, now
from ._util import _int_arg, _none_if_zero, _opt_ref, _ref

__all__ = ["Event", "EventCallback", "Reminder", "AuditEntry"]


class Event(NamedTuple):
    """One event of the change feed: kinds and ids, never content.

    Events are appended in the same transaction as their change, so an
    event exists exactly when its change committed. Which ids are set
    depends on :attr:`kind` (``entity_id`` is a membership for member
    events, a session for session, attendance and feedback events, a
    cadence segment, a goal or a theme).
    """

    seq: int
    """Sequence number: increasing, never reused."""
    at: _dt.datetime
    """When it was committed (aware, UTC)."""
    kind: EventKind
    """What happened."""
    group_id: Optional[int]
    """The group concerned, or None."""
    person_id: Optional[int]
    """The person concerned, or None."""
    entity_id: Optional[int]
    """The entity (see :class:`EventKind`), or None."""

    @classmethod
    def _from_values(cls, v: Tuple[int, int, int, int, int, int]) -> "Event":
        return cls(v[0], _instant(v[1]), _enum(EventKind, v[2]), v[3] or None, v[4] or None, v[5] or None)

    @classmethod
    def _from_handle(cls, h: Any) -> "Event":
        return cls._from_values((_c.grp_event_seq(h), _c.grp_event_at(h), _c.grp_event_kind_of(h),
                                 _c.grp_event_group_id(h), _c.grp_event_person_id(h), _c.grp_event_entity_id(h)))


#: The type of a callback for :meth:`Store.set_event_callback`.
EventCallback = Callable[[Event], Any]


class Reminder(_Snapshot):
    """One row of a reminder query; which properties are set depends on the
    query (see each ``Store.reminders_*`` method). Unset ids are None."""

    __slots__ = ()

    @property
    def id(self) -> Tuple[Optional[int], ...]:  # type: ignore[override]
        """``(group_id, session_id, person_id, goal_id, step_id)``: rows have no id of their own."""
        return (self.group_id, self.session_id, self.person_id, self.goal_id, self.step_id)

    @property
    def group_id(self) -> Optional[int]:
        """The group, or None."""
        return _none_if_zero(_c.grp_reminder_group_id(self._h))

    @property
    def session_id(self) -> Optional[int]:
        """The session's id, or None (also for a session not stored yet)."""
        return _none_if_zero(_c.grp_reminder_session_id(self._h))

    @property
    def start(self) -> Optional[_dt.datetime]:
        """The session's start (aware, UTC), or None."""
        t = _c.grp_reminder_start(self._h)
        return _instant(t) if t else None

    @property
    def start_local(self) -> Optional[_dt.datetime]:
        """The session's local start (naive), or None."""
        return _c.grp_reminder_start_local(self._h)

    @property
    def timezone(self) -> Optional[str]:
        """The session's time zone, or None."""
        return _c.grp_reminder_timezone(self._h)

    @property
    def person_id(self) -> Optional[int]:
        """The person concerned, or None."""
        return _none_if_zero(_c.grp_reminder_person_id(self._h))

    @property
    def people(self) -> Tuple[int, ...]:
        """The people expected at a session (session reminders)."""
        h = self._h
        return tuple(_c.grp_reminder_person(h, i) for i in range(_c.grp_reminder_person_count(h)))

    @property
    def goal_id(self) -> Optional[int]:
        """The goal, or None."""
        return _none_if_zero(_c.grp_reminder_goal_id(self._h))

    @property
    def step_id(self) -> Optional[int]:
        """The goal step, or None (for the goal's own target)."""
        return _none_if_zero(_c.grp_reminder_step_id(self._h))

    @property
    def due(self) -> Optional[_dt.date]:
        """The due date, or None."""
        return _c.grp_reminder_due(self._h)

    @property
    def overdue(self) -> bool:
        """Whether it is overdue (goal reminders)."""
        return _c.grp_reminder_overdue(self._h)

    @property
    def expected(self) -> int:
        """Sessions expected at (engagement), or members expected (quorum)."""
        return _c.grp_reminder_expected(self._h)

    @property
    def attended(self) -> int:
        """Sessions attended (engagement)."""
        return _c.grp_reminder_attended(self._h)

    @property
    def rate(self) -> float:
        """``attended / expected`` (engagement)."""
        return _c.grp_reminder_rate(self._h)

    @property
    def quorum(self) -> int:
        """The group's quorum (quorum rows)."""
        return _c.grp_reminder_quorum(self._h)

    @property
    def free_seats(self) -> int:
        """Free seats (waitlist rows)."""
        return _c.grp_reminder_free_seats(self._h)

    @property
    def waiting(self) -> int:
        """People waiting (waitlist rows)."""
        return _c.grp_reminder_waiting(self._h)

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v}" for k, v in zip(("group", "session", "person", "goal", "step"), self.id)
                           if v is not None)
        return f"<Reminder {fields}>"


class AuditEntry(_Snapshot):
    """One entry of the audit log: when, who, what action on which entity (never the content)."""

    __slots__ = ()
    _id_of = _c.grp_audit_entry_id

    @property
    def at(self) -> _dt.datetime:
        """When (aware, UTC; midnight of the day for anonymous feedback)."""
        return _instant(_c.grp_audit_entry_at(self._h))

    @property
    def actor_kind(self) -> ActorKind:
        """The actor's kind."""
        return _enum(ActorKind, _c.grp_audit_entry_actor_kind(self._h))

    @property
    def actor_person_id(self) -> Optional[int]:
        """The acting person, or None."""
        return _none_if_zero(_c.grp_audit_entry_actor_person_id(self._h))

    @property
    def actor(self) -> Actor:
        """The actor, as an :class:`Actor`."""
        pid = self.actor_person_id
        return Actor.system() if pid is None else Actor.person(pid)

    @property
    def action(self) -> str:
        """The action, e.g. ``"member.join"`` or ``"goal.create"``."""
        return _c.grp_audit_entry_action(self._h)

    @property
    def entity_type(self) -> str:
        """The entity type, e.g. ``"membership"``."""
        return _c.grp_audit_entry_entity_type(self._h)

    @property
    def entity_id(self) -> int:
        """The entity id."""
        return _c.grp_audit_entry_entity_id(self._h)

    def _describe(self) -> str:
        return f"{self.action} {self.entity_type}={self.entity_id}"


class _EventsMixin:
    """Store methods of <libgrp/events.h> and <libgrp/audit.h>."""

    __slots__ = ()
    _call: Callable[..., Any]
    _iterate: Callable[..., Any]
    _callback: Optional[EventCallback]
    _pending: List[Tuple[int, int, int, int, int, int]]

    # ---- audit and data-subject rights ----------------------------------------------

    def audit(self, actor: Actor, after: int = 0) -> ResultIterator[AuditEntry]:
        """Audit entries with id greater than ``after``, oldest first (the system actor only).

        Raises:
            AccessDeniedError: any other actor.
        """
        a = _actor_arg(actor)
        return self._iterate(AuditEntry._wrap, _c.grp_audit_iterator_next, _c.grp_audit_iterator_new, a,
                             _int_arg(after, "after"))

    def export_person(self, actor: Actor, person: Union[Person, int]) -> Dict[str, Any]:
        """Everything stored about one person (subject-access request), parsed
        from the library's JSON document: the person, memberships, attendance,
        hours, goals, named feedback, peer feedback and notes. The actor must
        be the system or the person.

        Raises:
            AccessDeniedError, NotFoundError.
        """
        text = self._call(_c.grp_person_export, _actor_arg(actor), _ref(person, Person, "person"))
        return json.loads(text)

    def erase_person(self, actor: Actor, person: Union[Person, int]) -> None:
        """Erase a person (the system actor only): their personal data becomes
        a tombstone; goals, notes and peer feedback are deleted; named
        responses lose the link and the text; figures remain. Erasing twice
        is not an error.

        Raises:
            AccessDeniedError, NotFoundError.
        """
        self._call(_c.grp_person_erase, _actor_arg(actor), _ref(person, Person, "person"))

    # ---- change feed --------------------------------------------------------------------

    def events_since(self, actor: Actor, after_seq: int = 0, max: int = 0) -> ResultIterator[Event]:  # noqa: A002
        """Events with a sequence number above ``after_seq``, in order, that
        ``actor`` may see (at most ``max``; 0: no limit). A host remembers the
        last :attr:`Event.seq` it handled and resumes from it."""
        a = _actor_arg(actor)
        return self._iterate(Event._from_handle, _c.grp_event_iterator_next, _c.grp_events_since, a,
                             _int_arg(after_seq, "after_seq"), _int_arg(max, "max"))

    def last_event_seq(self) -> int:
        """The highest sequence number in the store (0 if none)."""
        return self._call(_c.grp_events_last_seq)

    def prune_events(self, actor: Actor, up_to: int) -> int:
        """Delete events up to and including sequence number ``up_to`` (the
        system actor only); returns how many. Numbers are never reused.

        Raises:
            AccessDeniedError: any other actor.
        """
        return self._call(_c.grp_events_prune, _actor_arg(actor), _int_arg(up_to, "up_to"))

    def emit_due(self, today: DateLike, window_days: int = 7) -> int:
        """Append "goal due soon" events for active goals whose target (or an
        undone step) is due within ``window_days`` of ``today``, and "goal
        overdue" events for those before it; each at most once ever. Call it
        from a daily job; returns how many were appended.

        Raises:
            InvalidError: ``window_days`` outside 0..366.
        """
        return self._call(_c.grp_events_emit_due, _date_arg(today, "today"), _int_arg(window_days, "window_days"))

    def set_event_callback(self, callback: Optional[EventCallback]) -> None:
        """Call ``callback(event)`` with each :class:`Event` a commit appends
        (None removes it).

        The callback runs only for committed changes (a rolled-back
        transaction produces none), in the thread that committed, after the
        call that committed has returned (after the outermost
        :meth:`transaction` or write): so it may use the store itself. An
        exception it raises does not reach the caller and does not undo the
        change: it is reported through :func:`sys.unraisablehook` (printed
        to stderr by default) and the next events are still delivered. The
        store keeps a reference to the callback until it is replaced or the
        store is closed. Missed events can always be read again with
        :meth:`events_since`.

        Raises:
            TypeError: ``callback`` is neither callable nor None.
        """
        if callback is not None and not callable(callback):
            raise TypeError(f"callback must be callable or None, not {type(callback).__name__}")
        # The C callback appends to the pending list (no reference to the
        # Store, so no cycle through the extension); Store._call delivers.
        self._call(_c.grp_store_set_event_callback, None if callback is None else self._pending.append)
        setattr(self, "_callback", callback)  # a slot of Store

    # ---- reminders and warnings --------------------------------------------------------

    def _reminders(self, new_fn: Any, *args: Any) -> ResultIterator[Reminder]:
        return self._iterate(Reminder._wrap, _c.grp_reminder_iterator_next, new_fn, *args)

    def reminders_sessions(self, from_: InstantLike, to: InstantLike) -> ResultIterator[Reminder]:
        """Sessions of every group starting in ``[from_, to)``, not cancelled,
        each with the people expected (:attr:`Reminder.people`: members on
        its date and facilitators). Rows set: group_id, session_id (None if
        not stored), start, start_local, timezone, people. In start order.

        Raises:
            InvalidError: ``from_`` after ``to``, or a span over a year.
        """
        return self._reminders(_c.grp_reminders_sessions, _seconds(from_, "from_"), _seconds(to, "to"))

    def reminders_low_engagement(self, actor: Actor, *, last_n: int, threshold: float,
                                 group: Optional[Union[Group, int]] = None,
                                 now: Optional[InstantLike] = None) -> ResultIterator[Reminder]:
        """Members whose attendance over their last ``last_n`` expected
        sessions before ``now`` (default: now) fell under ``threshold``
        (0..1), in ``group`` or in every group the actor facilitates. For
        facilitators and the system only: others get nothing. Rows set:
        group_id, person_id, expected, attended, rate.

        Raises:
            InvalidError: ``last_n`` outside 1..1000, ``threshold`` outside 0..1.
        """
        a = _actor_arg(actor)
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)):
            raise TypeError(f"threshold must be a float, not {type(threshold).__name__}")
        return self._reminders(_c.grp_reminders_low_engagement, a, _opt_ref(group, Group, "group"),
                               _int_arg(last_n, "last_n"), float(threshold), _seconds(_now(now), "now"))

    def reminders_goals_due(self, actor: Actor, from_: DateLike, to: DateLike) -> ResultIterator[Reminder]:
        """Goals and undone steps of active goals due in ``[from_, to]``, and
        those overdue before ``from_``, that ``actor`` may read. Rows set:
        goal_id, person_id (the owner), step_id (None for the goal's
        target), due, overdue."""
        a = _actor_arg(actor)
        return self._reminders(_c.grp_reminders_goals_due, a, _date_arg(from_, "from_"), _date_arg(to, "to"))

    def reminders_feedback_pending(self, actor: Actor, now: Optional[InstantLike] = None,
                                   days: int = 7) -> ResultIterator[Reminder]:
        """For sessions held in the ``days`` before ``now``, the members
        expected who have not responded (an anonymous answer counts as a
        response). Visible to the system, the group's facilitators, and each
        person for themselves. Rows set: group_id, session_id, start, person_id.

        Raises:
            InvalidError: ``days`` outside 1..366.
        """
        a = _actor_arg(actor)
        return self._reminders(_c.grp_reminders_feedback_pending, a, _seconds(_now(now), "now"),
                               _int_arg(days, "days"))

    def reminders_under_quorum(self, now: Optional[InstantLike] = None) -> ResultIterator[Reminder]:
        """Groups (active or forming) whose next session after ``now`` expects
        fewer members than the quorum. Rows set: group_id, session_id, start,
        expected, quorum."""
        return self._reminders(_c.grp_reminders_under_quorum, _seconds(_now(now), "now"))

    def reminders_waitlist(self, date: DateLike) -> ResultIterator[Reminder]:
        """Groups with free seats on ``date`` and people on their waitlist.
        Rows set: group_id, free_seats, waiting."""
        return self._reminders(_c.grp_reminders_waitlist, _date_arg(date))


def _now(value: Optional[InstantLike]) -> InstantLike:
    return now() if value is None else value

"""A member's development goals (action steps and an append-only progress
history), session notes, themes a group raises to its organisation, and
organisation administrators. Reads follow the rules of :mod:`libgrp`'s
access table: see :class:`Actor`."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Dict, Iterable, List, NamedTuple, Optional, Union

from . import _libgrp as _c
from ._access import Actor, _actor_arg
from ._enums import GoalStatus, ThemeStatus, Visibility, _enum
from ._objects import Group, Organisation, Person, ResultIterator, Session, _Snapshot
from ._time import DateLike, _date_arg
from ._util import _mask, _none_if_zero, _opt_ref, _ref

__all__ = ["Goal", "GoalStep", "GoalProgress", "Note", "Theme"]

_GOAL_DEFAULTS = _c.grp_goal_spec_init(_c.GRP_GOAL_SPEC_VERSION)
_GOAL_QUERY_DEFAULTS = _c.grp_goal_query_init(_c.GRP_GOAL_QUERY_VERSION)
_GOAL_FIELDS = ("title", "description", "group", "target_date", "visibility")


class GoalStep(NamedTuple):
    """One action step of a :class:`Goal`."""

    id: int
    """The step's id (for :meth:`Store.set_goal_step_done`)."""
    title: str
    """What to do."""
    due: Optional[_dt.date]
    """When it is due, or None."""
    done: bool
    """Whether it is done."""


class Goal(_Snapshot):
    """A member's development goal with its action steps, as read by an actor."""

    __slots__ = ()
    _id_of = _c.grp_goal_id

    @property
    def owner_id(self) -> int:
        """The member whose goal it is."""
        return _c.grp_goal_owner_id(self._h)

    @property
    def title(self) -> str:
        """Title."""
        return _c.grp_goal_title(self._h)

    @property
    def description(self) -> Optional[str]:
        """Description, or None."""
        return _c.grp_goal_description(self._h)

    @property
    def group_id(self) -> Optional[int]:
        """The group it belongs to, or None."""
        return _none_if_zero(_c.grp_goal_group_id(self._h))

    @property
    def target_date(self) -> Optional[_dt.date]:
        """Target date, or None."""
        return _c.grp_goal_target_date(self._h)

    @property
    def status(self) -> GoalStatus:
        """Draft, active, achieved or abandoned."""
        return _enum(GoalStatus, _c.grp_goal_status_of(self._h))

    @property
    def visibility(self) -> Visibility:
        """Who else may read it."""
        return _enum(Visibility, _c.grp_goal_visibility(self._h))

    @property
    def percent(self) -> Optional[int]:
        """The latest progress percentage, or None if no progress is recorded."""
        p = _c.grp_goal_percent(self._h)
        return None if p < 0 else p

    @property
    def steps(self) -> List[GoalStep]:
        """The action steps, in plan order."""
        h = self._h
        return [GoalStep(_c.grp_goal_step_id(h, i), _c.grp_goal_step_title(h, i), _c.grp_goal_step_due(h, i),
                         _c.grp_goal_step_done(h, i)) for i in range(_c.grp_goal_step_count(h))]

    def spec(self) -> Dict[str, Any]:
        """The goal's fields as keyword arguments of :meth:`Store.create_goal`
        (``owner`` and ``group`` are ids)."""
        return {"owner": self.owner_id, "title": self.title, "description": self.description,
                "group": self.group_id, "target_date": self.target_date, "visibility": self.visibility}

    def _describe(self) -> str:
        return f"{self.title!r} {self.status}"


class GoalProgress(_Snapshot):
    """One entry of a goal's progress history."""

    __slots__ = ()
    _id_of = _c.grp_goal_progress_id

    @property
    def date(self) -> _dt.date:
        """The date it refers to."""
        return _c.grp_goal_progress_date(self._h)

    @property
    def percent(self) -> int:
        """0..100."""
        return _c.grp_goal_progress_percent(self._h)

    @property
    def note(self) -> Optional[str]:
        """A note, or None."""
        return _c.grp_goal_progress_note(self._h)

    @property
    def session_id(self) -> Optional[int]:
        """The session in which it was reviewed, or None."""
        return _none_if_zero(_c.grp_goal_progress_session_id(self._h))

    @property
    def recorded_by(self) -> Optional[int]:
        """Who recorded it (a person id), None for the system."""
        return _none_if_zero(_c.grp_goal_progress_recorded_by(self._h))

    def _describe(self) -> str:
        return f"{self.date} {self.percent}%"


class Note(_Snapshot):
    """A note on a session, with its author's chosen visibility."""

    __slots__ = ()
    _id_of = _c.grp_note_id

    @property
    def session_id(self) -> int:
        """The session."""
        return _c.grp_note_session_id(self._h)

    @property
    def author_id(self) -> int:
        """The author."""
        return _c.grp_note_author_id(self._h)

    @property
    def visibility(self) -> Visibility:
        """Who else may read it."""
        return _enum(Visibility, _c.grp_note_visibility(self._h))

    @property
    def text(self) -> str:
        """The note."""
        return _c.grp_note_text(self._h)

    def _describe(self) -> str:
        return f"session={self.session_id} author={self.author_id} {self.visibility}"


class Theme(_Snapshot):
    """A systemic theme a group raised to its organisation (no person is stored with it)."""

    __slots__ = ()
    _id_of = _c.grp_theme_id

    @property
    def group_id(self) -> int:
        """The group."""
        return _c.grp_theme_group_id(self._h)

    @property
    def session_id(self) -> Optional[int]:
        """The session it came up in, or None."""
        return _none_if_zero(_c.grp_theme_session_id(self._h))

    @property
    def title(self) -> str:
        """Title."""
        return _c.grp_theme_title(self._h)

    @property
    def description(self) -> Optional[str]:
        """Description, or None."""
        return _c.grp_theme_description(self._h)

    @property
    def status(self) -> ThemeStatus:
        """Noted, raised or resolved."""
        return _enum(ThemeStatus, _c.grp_theme_status_of(self._h))

    def _describe(self) -> str:
        return f"{self.title!r} {self.status}"


GoalRef = Union[Goal, int]


def _goal_spec(fields: Dict[str, Any]) -> Dict[str, Any]:
    spec: Dict[str, Any] = {}
    for key, value in fields.items():
        if key == "owner":
            spec["owner_id"] = _ref(value, Person, "owner")
        elif key == "group":
            spec["group_id"] = _opt_ref(value, Group, "group")
        elif key == "target_date":
            spec["target_date"] = None if value is None else _date_arg(value, "target_date")
        else:
            spec[key] = value
    return spec


class _GoalsMixin:
    """Store methods of <libgrp/goal.h>, <libgrp/note.h> and the
    organisation administrators of <libgrp/access.h>."""

    __slots__ = ()
    _call: Callable[..., Any]
    _iterate: Callable[..., Any]
    _session_id: Callable[..., int]

    # ---- organisation administrators ----------------------------------------------

    def add_org_admin(self, org: Union[Organisation, int], person: Union[Person, int]) -> None:
        """Make ``person`` an administrator of ``org`` (idempotent). Admins read
        membership, attendance, aggregates and themes of the organisation's
        groups, never goals, notes or individual responses.

        Raises:
            NotFoundError: no such organisation or person.
        """
        self._call(_c.grp_org_admin_add, _ref(org, Organisation, "org"), _ref(person, Person, "person"))

    def remove_org_admin(self, org: Union[Organisation, int], person: Union[Person, int]) -> None:
        """Remove an administrator (no error if they were not one).

        Raises:
            NotFoundError: no such organisation.
        """
        self._call(_c.grp_org_admin_remove, _ref(org, Organisation, "org"), _ref(person, Person, "person"))

    def is_org_admin(self, org: Union[Organisation, int], person: Union[Person, int]) -> bool:
        """Whether ``person`` administers ``org``."""
        return bool(self._call(_c.grp_org_admin_check, _ref(org, Organisation, "org"),
                               _ref(person, Person, "person")))

    # ---- goals ------------------------------------------------------------------------

    def create_goal(self, actor: Actor, *, owner: Union[Person, int], title: str, description: Optional[str] = None,
                    group: Optional[Union[Group, int]] = None, target_date: Optional[DateLike] = None,
                    visibility: Visibility = Visibility(_GOAL_DEFAULTS["visibility"])) -> Goal:
        """Create a goal (status draft) and return it.

        The actor must be the owner (or the system); with a group, the owner
        must be or have been in it.

        Raises:
            AccessDeniedError: someone else's goal. InvalidError: a bad field.
            NotFoundError: no such person or group.
        """
        a = _actor_arg(actor)
        spec = _goal_spec({"owner": owner, "title": title, "description": description, "group": group,
                           "target_date": target_date, "visibility": visibility})
        with self.transaction():  # type: ignore[attr-defined]
            gid = self._call(_c.grp_goal_create, a, spec)
            return self.goal(actor, gid)

    def goal(self, actor: Actor, goal_id: GoalRef) -> Goal:
        """The goal with this id, with its steps, if ``actor`` may read it.

        Raises:
            AccessDeniedError: the goal is not visible to the actor
            (organisation admins never read goals). NotFoundError.
        """
        a = _actor_arg(actor)
        return Goal._wrap(self._call(_c.grp_goal_get, a, _ref(goal_id, Goal, "goal_id")))

    def update_goal(self, actor: Actor, goal: GoalRef, **changes: Any) -> Goal:
        """Change some fields of a goal (``title``, ``description``, ``group``,
        ``target_date``, ``visibility``; None clears an optional one); the
        owner cannot change. Returns the updated goal.

        Raises:
            TypeError: an unknown field. AccessDeniedError: not the owner
            (or the system). InvalidError, NotFoundError.
        """
        unknown = set(changes) - set(_GOAL_FIELDS)
        if unknown:
            raise TypeError(f"update_goal() got unknown fields: {', '.join(sorted(unknown))}")
        a = _actor_arg(actor)
        gid = _ref(goal, Goal, "goal")
        with self.transaction():  # type: ignore[attr-defined]
            fields = self.goal(actor, gid).spec()
            fields.update(changes)
            self._call(_c.grp_goal_update, a, gid, _goal_spec(fields))
            return self.goal(actor, gid)

    def set_goal_status(self, actor: Actor, goal: GoalRef, status: GoalStatus) -> None:
        """Change a goal's status (owner or system); never back to draft, but
        an achieved or abandoned goal may be reopened as active.

        Raises:
            InvalidError: back to draft, an unknown status. AccessDeniedError, NotFoundError.
        """
        self._call(_c.grp_goal_set_status, _actor_arg(actor), _ref(goal, Goal, "goal"), status)

    def add_goal_step(self, actor: Actor, goal: GoalRef, title: str, due: Optional[DateLike] = None) -> int:
        """Add an action step at the end of the plan (owner or system); returns its id."""
        a = _actor_arg(actor)
        return self._call(_c.grp_goal_step_add, a, _ref(goal, Goal, "goal"), title,
                          None if due is None else _date_arg(due, "due"))

    def set_goal_step_done(self, actor: Actor, step: Union[GoalStep, int], done: bool = True) -> None:
        """Mark a step done (or not done again); owner or system."""
        a = _actor_arg(actor)
        if not isinstance(done, bool):
            raise TypeError(f"done must be a bool, not {type(done).__name__}")
        self._call(_c.grp_goal_step_set_done, a, _ref(step, GoalStep, "step"), int(done))

    def add_goal_progress(self, actor: Actor, goal: GoalRef, date: DateLike, percent: int, note: Optional[str] = None,
                          *, session: Optional[Union[Session, int]] = None) -> int:
        """Append a progress entry (the owner, a facilitator who may read the
        goal, or the system); history is append-only. Returns its id.

        Args:
            percent: 0..100.
            session: the session in which it was reviewed (of the goal's group).

        Raises:
            AccessDeniedError, InvalidError, NotFoundError.
        """
        a = _actor_arg(actor)
        sid = 0 if session is None else self._session_id(session)
        return self._call(_c.grp_goal_progress_add, a, _ref(goal, Goal, "goal"), _date_arg(date), percent, note, sid)

    def goal_progress(self, actor: Actor, goal: GoalRef) -> ResultIterator[GoalProgress]:
        """A goal's progress history, oldest first, if ``actor`` may read the goal.

        Raises:
            AccessDeniedError, NotFoundError.
        """
        a = _actor_arg(actor)
        return self._iterate(GoalProgress._wrap, _c.grp_goal_progress_iterator_next,
                             _c.grp_goal_progress_iterator_new, a, _ref(goal, Goal, "goal"))

    def goals(self, actor: Actor, *, owner: Optional[Union[Person, int]] = None,
              group: Optional[Union[Group, int]] = None, reviewed_in: Optional[Union[Session, int]] = None,
              statuses: Optional[Iterable[GoalStatus]] = None,
              overdue_on: Optional[DateLike] = None) -> ResultIterator[Goal]:
        """Goals that ``actor`` may read, by id, matching every condition given:
        ``owner``, ``group``, ``reviewed_in`` (progress recorded in that
        session), ``statuses``, ``overdue_on`` (active and overdue on that
        date). Goals the actor may not read are left out silently."""
        a = _actor_arg(actor)
        query = dict(_GOAL_QUERY_DEFAULTS)
        query.update({
            "owner_id": _opt_ref(owner, Person, "owner"),
            "group_id": _opt_ref(group, Group, "group"),
            "reviewed_in": 0 if reviewed_in is None else self._session_id(reviewed_in),
            "statuses": _mask(statuses, "statuses"),
            "overdue_on": None if overdue_on is None else _date_arg(overdue_on, "overdue_on"),
        })
        return self._iterate(Goal._wrap, _c.grp_goal_iterator_next, _c.grp_goal_iterator_new, a, query)

    # ---- notes and themes ----------------------------------------------------------------

    def add_note(self, actor: Actor, session: Union[Session, int], text: str, *,
                 visibility: Visibility = Visibility.PRIVATE) -> int:
        """Write a note on a session (the actor must be a member or facilitator
        of its group); returns its id.

        Raises:
            AccessDeniedError: not in the group, or the system actor.
            InvalidError: empty or too long text (10,000 bytes).
        """
        a = _actor_arg(actor)
        sid = self._session_id(session)
        return self._call(_c.grp_note_add, a, sid, visibility, text)

    def notes(self, actor: Actor, session: Union[Session, int]) -> ResultIterator[Note]:
        """The notes of a session that ``actor`` may read, oldest first."""
        a = _actor_arg(actor)
        sid = self._session_id(session)
        return self._iterate(Note._wrap, _c.grp_note_iterator_next, _c.grp_note_iterator_new, a, sid)

    def raise_theme(self, actor: Actor, group: Union[Group, int], title: str, description: Optional[str] = None, *,
                    session: Optional[Union[Session, int]] = None) -> int:
        """Record a systemic theme a group wants to raise (members,
        facilitators or the system); no person is stored with it. Returns its id."""
        a = _actor_arg(actor)
        sid = 0 if session is None else self._session_id(session)
        return self._call(_c.grp_theme_raise, a, _ref(group, Group, "group"), sid, title, description)

    def set_theme_status(self, actor: Actor, theme: Union[Theme, int], status: ThemeStatus) -> None:
        """Change a theme's status (the group's facilitators or the system).

        Raises:
            AccessDeniedError, InvalidError, NotFoundError.
        """
        self._call(_c.grp_theme_set_status, _actor_arg(actor), _ref(theme, Theme, "theme"), status)

    def themes(self, actor: Actor, *, org: Optional[Union[Organisation, int]] = None,
               group: Optional[Union[Group, int]] = None) -> ResultIterator[Theme]:
        """Themes ``actor`` may read, of one group or of every group of an
        organisation (give exactly one), oldest first.

        Raises:
            InvalidError: not exactly one of ``org`` and ``group``.
        """
        a = _actor_arg(actor)
        return self._iterate(Theme._wrap, _c.grp_theme_iterator_next, _c.grp_theme_iterator_new, a,
                             _opt_ref(org, Organisation, "org"), _opt_ref(group, Group, "group"))

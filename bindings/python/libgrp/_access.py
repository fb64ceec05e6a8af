"""Actors: who is asking, for every read and write of confidential content.

An actor says only *who* asks, the system or a person; what a person may
read is derived by libgrp from the store (their stints, what they wrote or
received, whether they administer the organisation). The host application
authenticates its users and maps them to people; it never asserts a role.
The read rules are those of ``<libgrp/access.h>``: a denied single read
raises :class:`AccessDeniedError`, and lists silently leave out what the
actor may not see.
"""

from __future__ import annotations

from typing import Any, Optional, Tuple, Union

from . import _libgrp as _c
from ._enums import ActorKind, _enum
from ._objects import Person
from ._util import _ref

__all__ = ["Actor"]


class Actor:
    """Who is asking: :meth:`Actor.system` or :meth:`Actor.person`.

    Pass one as the ``actor`` argument of every confidential call::

        me = libgrp.Actor.person(asha)
        for goal in store.goals(me, owner=asha):
            print(goal.title)

    Actors are small immutable values: equal when they name the same actor,
    hashable, and independent of any store.
    """

    __slots__ = ("_kind", "_person_id")

    _kind: Union[ActorKind, int]
    _person_id: int

    def __init__(self, kind: ActorKind, person_id: int = 0) -> None:
        """Prefer :meth:`system` and :meth:`person`.

        Raises:
            ValueError: an unknown kind, a system actor with a person, or a
                person actor without one.
        """
        if isinstance(kind, bool) or not isinstance(kind, int) or not isinstance(person_id, int) \
                or isinstance(person_id, bool):
            raise TypeError("Actor(kind, person_id) takes an ActorKind and an int")
        kind = ActorKind(kind)
        if kind == ActorKind.SYSTEM and person_id:
            raise ValueError("the system actor has no person")
        if kind == ActorKind.PERSON and person_id <= 0:
            raise ValueError("a person actor needs a person id > 0")
        self._kind = kind
        self._person_id = person_id

    @classmethod
    def _from_c(cls, value: Tuple[int, int]) -> "Actor":
        obj = cls.__new__(cls)
        obj._kind = _enum(ActorKind, value[0])
        obj._person_id = value[1]
        return obj

    @classmethod
    def system(cls) -> "Actor":
        """The system actor (maintenance, export, backup): reads and writes everything."""
        return cls._from_c(_c.grp_actor_system())

    @classmethod
    def person(cls, person: Union[Person, int]) -> "Actor":
        """An actor for a person (a :class:`Person` or a person id); their
        rights are derived from the store."""
        return cls._from_c(_c.grp_actor_person(_ref(person, Person, "person")))

    @property
    def kind(self) -> ActorKind:
        """System or person."""
        return self._kind  # type: ignore[return-value]

    @property
    def person_id(self) -> Optional[int]:
        """The person's id, None for the system."""
        return self._person_id or None

    @property
    def is_system(self) -> bool:
        """Whether this is the system actor."""
        return self._kind == ActorKind.SYSTEM

    def _as_c(self) -> Tuple[int, int]:
        return (int(self._kind), self._person_id)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Actor):
            return NotImplemented
        return self._as_c() == other._as_c()

    def __hash__(self) -> int:
        return hash(("Actor",) + self._as_c())

    def __setattr__(self, name: str, value: Any) -> None:
        if hasattr(self, "_person_id"):
            raise AttributeError("Actor objects are immutable")
        object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        if self._kind == ActorKind.SYSTEM:
            return "Actor.system()"
        if self._kind == ActorKind.PERSON:
            return f"Actor.person({self._person_id})"
        return f"Actor({self._kind!r}, {self._person_id})"


def _actor_arg(actor: Any) -> Tuple[int, int]:
    """The ``actor`` argument of a confidential call, for the C layer."""
    if isinstance(actor, Actor):
        return actor._as_c()
    raise TypeError(f"actor must be a libgrp.Actor (Actor.system() or Actor.person(...)), "
                    f"not {type(actor).__name__}")

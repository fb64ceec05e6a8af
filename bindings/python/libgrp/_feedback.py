"""Session feedback (named or anonymous, with cohort-suppressed aggregates)
and peer feedback between members."""

from __future__ import annotations

from typing import Any, Callable, Dict, List, NamedTuple, Optional, Sequence, Tuple, Union

from . import _libgrp as _c
from ._access import Actor, _actor_arg
from ._objects import Group, Organisation, Person, ResultIterator, Session, _Snapshot
from ._time import InstantLike, _seconds
from ._util import _none_if_zero, _opt_ref, _ref

__all__ = ["FeedbackForm", "FeedbackResponse", "FeedbackSummary", "FeedbackItemSummary", "PeerFeedback"]

#: Most items a feedback form may have.
MAX_ITEMS: int = _c.GRP_FEEDBACK_MAX_ITEMS


class FeedbackForm(_Snapshot):
    """A feedback form: a name and items rated 1..5."""

    __slots__ = ()
    _id_of = _c.grp_feedback_form_id

    @property
    def name(self) -> str:
        """The form's name."""
        return _c.grp_feedback_form_name(self._h)

    @property
    def items(self) -> List[str]:
        """The item texts, in order."""
        h = self._h
        return [_c.grp_feedback_form_item(h, i) for i in range(_c.grp_feedback_form_item_count(h))]

    def _describe(self) -> str:
        return repr(self.name)


class FeedbackResponse(_Snapshot):
    """One response to a session, as the actor who listed it may see it.

    An anonymous response has no author (:attr:`person_id` is None), and
    no id of its own is exposed.
    """

    __slots__ = ()

    @property
    def id(self) -> Tuple[int, Optional[int]]:  # type: ignore[override]
        """``(session_id, person_id)``: a response has no public id."""
        return (self.session_id, self.person_id)

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    @property
    def person_id(self) -> Optional[int]:
        """The author, or None for an anonymous response."""
        return _none_if_zero(_c.grp_feedback_response_person_id(self._h))

    @property
    def anonymous(self) -> bool:
        """Whether the response carries no author."""
        return self.person_id is None

    @property
    def session_id(self) -> int:
        """The session."""
        return _c.grp_feedback_response_session_id(self._h)

    @property
    def form_id(self) -> int:
        """The form answered."""
        return _c.grp_feedback_response_form_id(self._h)

    @property
    def ratings(self) -> List[int]:
        """One rating per item of the form: 1..5, or 0 for "no answer"."""
        h = self._h
        return [_c.grp_feedback_response_rating(h, i) for i in range(_c.grp_feedback_response_rating_count(h))]

    @property
    def text(self) -> Optional[str]:
        """The free text, or None."""
        return _c.grp_feedback_response_text(self._h)

    def __repr__(self) -> str:
        who = "anonymous" if self.person_id is None else f"person={self.person_id}"
        return f"<FeedbackResponse session={self.session_id} {who} {self.ratings}>"


class FeedbackItemSummary(NamedTuple):
    """The figures of one item of a :class:`FeedbackSummary`."""

    item: str
    """The item text."""
    mean: float
    """Mean rating over the answers given (0 if none)."""
    counts: Tuple[int, int, int, int, int]
    """How many answered 1, 2, 3, 4 and 5 (``counts[0]`` is the number of 1s)."""


class FeedbackSummary(_Snapshot):
    """Aggregate feedback over a scope (:meth:`Store.feedback_summary`).

    Never built over fewer distinct respondents than the store's minimum cohort: such
    a summary raises :class:`SuppressedError` instead.
    """

    __slots__ = ()

    @property
    def id(self) -> int:  # type: ignore[override]
        """Summaries have no id: always 0."""
        return 0

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)

    @property
    def responses(self) -> int:
        """Responses counted."""
        return _c.grp_feedback_summary_responses(self._h)

    @property
    def expected(self) -> int:
        """Responses possible: members expected at the sessions in scope."""
        return _c.grp_feedback_summary_expected(self._h)

    @property
    def response_rate(self) -> float:
        """``responses / expected`` (0 when nobody was expected)."""
        return _c.grp_feedback_summary_response_rate(self._h)

    @property
    def items(self) -> List[FeedbackItemSummary]:
        """One entry per item of the form, in form order."""
        h = self._h
        out = []
        for i in range(_c.grp_feedback_summary_item_count(h)):
            n1, n2, n3, n4, n5 = (_c.grp_feedback_summary_count(h, i, r) for r in range(1, 6))
            out.append(FeedbackItemSummary(_c.grp_feedback_summary_item(h, i), _c.grp_feedback_summary_mean(h, i),
                                           (n1, n2, n3, n4, n5)))
        return out

    def __repr__(self) -> str:
        return f"<FeedbackSummary responses={self.responses}/{self.expected} items={len(self.items)}>"


class PeerFeedback(_Snapshot):
    """A piece of feedback one member gave another (:meth:`Store.give_peer_feedback`)."""

    __slots__ = ()
    _id_of = _c.grp_peer_feedback_id

    @property
    def group_id(self) -> int:
        """The group."""
        return _c.grp_peer_feedback_group_id(self._h)

    @property
    def session_id(self) -> Optional[int]:
        """The session it is about, or None."""
        return _none_if_zero(_c.grp_peer_feedback_session_id(self._h))

    @property
    def author_id(self) -> int:
        """Who gave it."""
        return _c.grp_peer_feedback_author_id(self._h)

    @property
    def recipient_id(self) -> int:
        """Who received it."""
        return _c.grp_peer_feedback_recipient_id(self._h)

    @property
    def text(self) -> str:
        """The feedback."""
        return _c.grp_peer_feedback_text(self._h)

    @property
    def shared(self) -> bool:
        """Whether the group's facilitators may read it too."""
        return _c.grp_peer_feedback_shared(self._h)

    def _describe(self) -> str:
        return f"from={self.author_id} to={self.recipient_id}"


FormRef = Union[FeedbackForm, int]


class _FeedbackMixin:
    """Store methods of <libgrp/feedback.h>."""

    __slots__ = ()
    _call: Callable[..., Any]
    _iterate: Callable[..., Any]
    _session_id: Callable[..., int]

    # ---- forms -------------------------------------------------------------------

    def create_feedback_form(self, name: str, items: Sequence[str]) -> int:
        """Create a form of 1..20 items (each 1..500 bytes) rated 1..5; returns its id.

        Raises:
            InvalidError: an empty or too long name or item, no items or too many.
        """
        if isinstance(items, str) or not isinstance(items, (list, tuple)):
            raise TypeError(f"items must be a list of str, not {type(items).__name__}")
        return self._call(_c.grp_feedback_form_create, name, list(items))

    def default_feedback_form(self) -> int:
        """The id of the default form every store ships with."""
        return self._call(_c.grp_feedback_form_default)

    def feedback_form(self, form_id: FormRef) -> FeedbackForm:
        """The form with this id.

        Raises:
            NotFoundError: no such form.
        """
        return FeedbackForm._wrap(self._call(_c.grp_feedback_form_get, _ref(form_id, FeedbackForm, "form_id")))

    def set_group_feedback_form(self, group: Union[Group, int], form: Optional[FormRef]) -> None:
        """Choose the form a group's members answer (None: the default form).

        Raises:
            NotFoundError: no such group or form.
        """
        self._call(_c.grp_group_set_feedback_form, _ref(group, Group, "group"), _opt_ref(form, FeedbackForm, "form"))

    def group_feedback_form(self, group: Union[Group, int]) -> int:
        """The id of the form a group uses.

        Raises:
            NotFoundError: no such group.
        """
        return self._call(_c.grp_group_feedback_form, _ref(group, Group, "group"))

    # ---- responses -----------------------------------------------------------------

    def submit_feedback(self, actor: Actor, session: Union[Session, int], ratings: Sequence[Optional[int]], *,
                        text: Optional[str] = None, anonymous: bool = False) -> None:
        """Submit ``actor``'s response to a session.

        The actor must be a person who was a member of the session's group
        on its date; a computed session is stored first.

        Args:
            ratings: one per item of the group's form, 1..5 (0 or None: no answer).
            text: optional free text (at most 4000 bytes).
            anonymous: store no link to the author (nor the time).

        Raises:
            ExistsError: already responded. AccessDeniedError: not a member
            then, or the system actor. InvalidError: wrong number of ratings
            or a value out of range. StateError: the session was cancelled or not held.
        """
        a = _actor_arg(actor)
        if isinstance(ratings, (str, bytes)) or not isinstance(ratings, (list, tuple)):
            raise TypeError(f"ratings must be a list of int, not {type(ratings).__name__}")
        values = [0 if r is None else r for r in ratings]
        for r in values:
            if isinstance(r, bool) or not isinstance(r, int):
                raise TypeError(f"ratings must contain int or None, not {type(r).__name__}")
        if not isinstance(anonymous, bool):
            raise TypeError(f"anonymous must be a bool, not {type(anonymous).__name__}")
        sid = self._session_id(session)
        self._call(_c.grp_feedback_submit, a, sid, {"ratings": values, "text": text, "anonymous": int(anonymous)})

    def has_responded(self, actor: Actor, session: Union[Session, int], person: Union[Person, int]) -> bool:
        """Whether ``person`` has responded to ``session`` (named or anonymously).
        Readable by the person, the group's facilitators and the system.

        Raises:
            AccessDeniedError: anyone else asking.
        """
        a = _actor_arg(actor)
        sid = self._session_id(session)
        return bool(self._call(_c.grp_feedback_has_responded, a, sid, _ref(person, Person, "person")))

    def feedback_responses(self, actor: Actor, session: Union[Session, int]) -> ResultIterator[FeedbackResponse]:
        """The responses to a session that ``actor`` may read: all of them
        for the group's facilitators and the system (anonymous ones without
        an author), a member's own named response, nothing for others."""
        a = _actor_arg(actor)
        sid = self._session_id(session)
        return self._iterate(FeedbackResponse._wrap, _c.grp_feedback_response_iterator_next,
                             _c.grp_feedback_response_iterator_new, a, sid)

    def feedback_summary(self, actor: Actor, *, session: Optional[Union[Session, int]] = None,
                         group: Optional[Union[Group, int]] = None,
                         facilitator: Optional[Union[Person, int]] = None,
                         org: Optional[Union[Organisation, int]] = None,
                         from_: Optional[InstantLike] = None, to: Optional[InstantLike] = None,
                         form: Optional[FormRef] = None) -> FeedbackSummary:
        """Aggregate feedback over exactly one of ``session``, ``group``,
        ``facilitator`` (sessions of groups they facilitated, on dates they
        did) or ``org``; ``from_``/``to`` bound the session starts (ignored
        for a session; both None: all time). Responses to one form only:
        ``form``, or the default form.

        Raises:
            SuppressedError: fewer distinct respondents than the store's minimum cohort
            (no numbers are returned). AccessDeniedError. InvalidError: not
            exactly one scope, or ``from_`` after ``to``. NotFoundError.
        """
        a = _actor_arg(actor)
        scope = self._feedback_scope(session, group, facilitator, org, from_, to, form)
        return FeedbackSummary._wrap(self._call(_c.grp_feedback_summary_get, a, scope))

    def _feedback_scope(self, session: Any, group: Any, facilitator: Any, org: Any, from_: Optional[InstantLike],
                        to: Optional[InstantLike], form: Any) -> Dict[str, Any]:
        """The keyword arguments of feedback_summary() as a grp_feedback_scope dict."""
        if (from_ is None) != (to is None):
            raise ValueError("give both from_ and to, or neither")
        return {
            "session_id": 0 if session is None else self._session_id(session),
            "group_id": _opt_ref(group, Group, "group"),
            "facilitator_id": _opt_ref(facilitator, Person, "facilitator"),
            "org_id": _opt_ref(org, Organisation, "org"),
            "from": 0 if from_ is None else _seconds(from_, "from_"),
            "to": 0 if to is None else _seconds(to, "to"),
            "form_id": _opt_ref(form, FeedbackForm, "form"),
        }

    # ---- peer feedback -----------------------------------------------------------------

    def give_peer_feedback(self, actor: Actor, group: Union[Group, int], recipient: Union[Person, int], text: str,
                           *, session: Optional[Union[Session, int]] = None,
                           share_with_facilitators: bool = False) -> int:
        """Give constructive feedback to another member or facilitator of
        ``group`` (optionally about a session); returns its id.

        Raises:
            AccessDeniedError: the author or recipient is not in the group.
            InvalidError: empty text, feedback to oneself.
        """
        a = _actor_arg(actor)
        if not isinstance(share_with_facilitators, bool):
            raise TypeError("share_with_facilitators must be a bool")
        sid = 0 if session is None else self._session_id(session)
        return self._call(_c.grp_peer_feedback_give, a, _ref(group, Group, "group"), sid,
                          _ref(recipient, Person, "recipient"), text, int(share_with_facilitators))

    def peer_feedback(self, actor: Actor, group: Union[Group, int]) -> ResultIterator[PeerFeedback]:
        """The peer feedback of a group that ``actor`` may read (their own,
        given or received; shared items for facilitators; all for the
        system), oldest first."""
        a = _actor_arg(actor)
        return self._iterate(PeerFeedback._wrap, _c.grp_peer_feedback_iterator_next, _c.grp_peer_feedback_iterator_new,
                             a, _ref(group, Group, "group"))

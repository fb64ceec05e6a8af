"""The C library's enums as :class:`enum.IntEnum`.

Values are read from the extension, so they always match the C headers.
``str()`` and an empty format spec give the library's lower-case word
(``str(MembershipState.ACTIVE) == "active"``); ``int()`` gives the number.
"""

from __future__ import annotations

import enum
from typing import Any, Callable, Dict, Optional, Type, TypeVar

from . import _libgrp as _c

__all__ = [
    "Weekday",
    "Durability",
    "GroupKind",
    "GroupStatus",
    "CapacityPolicy",
    "MembershipPolicy",
    "Delivery",
    "MemberRole",
    "MembershipState",
    "SessionStatus",
    "AttendanceStatus",
    "Frequency",
    "UntilKind",
    "HoursMode",
    "HoursKind",
    "ActorKind",
    "Visibility",
    "GoalStatus",
    "ThemeStatus",
    "EventKind",
    "ReportKind",
    "ReportColumnType",
    "JsonExisting",
    "JsonKind",
]

# Enum class -> the C function naming its values, where the C API has one.
_WORDS: Dict[type, Callable[[int], Optional[str]]] = {}


class _WordEnum(enum.IntEnum):
    """An IntEnum whose str() is the C library's word for the value."""

    @property
    def label(self) -> str:
        """The library's lower-case word for this value, e.g. ``"waitlisted"``."""
        fn = _WORDS.get(type(self))
        word = fn(int(self)) if fn is not None else None
        return word if word else self.name.lower()

    def __str__(self) -> str:
        return self.label

    def __format__(self, spec: str) -> str:
        # A numeric presentation type formats the number; anything else the word.
        if spec and spec[-1] in "bcdoxXneEfFgG%":
            return int(self).__format__(spec)
        return self.label.__format__(spec)


E = TypeVar("E", bound=enum.IntEnum)


def _enum(cls: Type[E], value: int) -> Any:
    """``cls(value)``, or the plain int for a value this version does not know."""
    try:
        return cls(value)
    except ValueError:
        return int(value)


class Weekday(_WordEnum):
    """ISO weekdays (Monday = 1), ``grp_weekday``."""

    MONDAY = _c.GRP_MONDAY
    TUESDAY = _c.GRP_TUESDAY
    WEDNESDAY = _c.GRP_WEDNESDAY
    THURSDAY = _c.GRP_THURSDAY
    FRIDAY = _c.GRP_FRIDAY
    SATURDAY = _c.GRP_SATURDAY
    SUNDAY = _c.GRP_SUNDAY


class Durability(_WordEnum):
    """How hard a commit works to survive power loss, ``grp_durability``."""

    FULL = _c.GRP_DURABILITY_FULL
    NORMAL = _c.GRP_DURABILITY_NORMAL


class GroupKind(_WordEnum):
    """What kind of programme a group runs, ``grp_group_kind``."""

    REFLECTIVE_PRACTICE = _c.GRP_KIND_REFLECTIVE_PRACTICE
    GROUP_SUPERVISION = _c.GRP_KIND_GROUP_SUPERVISION
    CLINICAL_SUPERVISION = _c.GRP_KIND_CLINICAL_SUPERVISION


class GroupStatus(_WordEnum):
    """Life-cycle status of a group, ``grp_group_status``. Joins need forming or active."""

    FORMING = _c.GRP_STATUS_FORMING
    ACTIVE = _c.GRP_STATUS_ACTIVE
    PAUSED = _c.GRP_STATUS_PAUSED
    CLOSED = _c.GRP_STATUS_CLOSED


class CapacityPolicy(_WordEnum):
    """What happens to a joiner when the group is full, ``grp_capacity_policy``."""

    HARD = _c.GRP_CAPACITY_HARD
    SOFT = _c.GRP_CAPACITY_SOFT
    WAITLIST = _c.GRP_CAPACITY_WAITLIST


class MembershipPolicy(_WordEnum):
    """Who may join, ``grp_membership_policy``."""

    OPEN = _c.GRP_MEMBERSHIP_OPEN
    APPROVAL = _c.GRP_MEMBERSHIP_APPROVAL
    CLOSED = _c.GRP_MEMBERSHIP_CLOSED


class Delivery(_WordEnum):
    """How sessions are delivered, ``grp_delivery``."""

    IN_PERSON = _c.GRP_DELIVERY_IN_PERSON
    ONLINE = _c.GRP_DELIVERY_ONLINE
    HYBRID = _c.GRP_DELIVERY_HYBRID


class MemberRole(_WordEnum):
    """Role in a group, ``grp_member_role``. Facilitators do not count towards capacity."""

    MEMBER = _c.GRP_ROLE_MEMBER
    FACILITATOR = _c.GRP_ROLE_FACILITATOR
    COFACILITATOR = _c.GRP_ROLE_COFACILITATOR


class MembershipState(_WordEnum):
    """State of a stint, ``grp_membership_state``."""

    REQUESTED = _c.GRP_MSTATE_REQUESTED
    WAITLISTED = _c.GRP_MSTATE_WAITLISTED
    ACTIVE = _c.GRP_MSTATE_ACTIVE
    LEFT = _c.GRP_MSTATE_LEFT
    DECLINED = _c.GRP_MSTATE_DECLINED


class SessionStatus(_WordEnum):
    """Status of a session, ``grp_session_status``."""

    SCHEDULED = _c.GRP_SESSION_SCHEDULED
    CANCELLED = _c.GRP_SESSION_CANCELLED
    NOT_HELD = _c.GRP_SESSION_NOT_HELD
    HELD = _c.GRP_SESSION_HELD


class AttendanceStatus(_WordEnum):
    """What happened for one person at one session, ``grp_attendance_status``."""

    NOT_RECORDED = _c.GRP_ATTEND_NOT_RECORDED
    PRESENT = _c.GRP_ATTEND_PRESENT
    LATE = _c.GRP_ATTEND_LATE
    LEFT_EARLY = _c.GRP_ATTEND_LEFT_EARLY
    ABSENT = _c.GRP_ATTEND_ABSENT
    APOLOGIES = _c.GRP_ATTEND_APOLOGIES


class Frequency(_WordEnum):
    """FREQ of a recurrence rule, ``grp_rrule_frequency``."""

    DAILY = _c.GRP_RRULE_DAILY
    WEEKLY = _c.GRP_RRULE_WEEKLY
    MONTHLY = _c.GRP_RRULE_MONTHLY
    YEARLY = _c.GRP_RRULE_YEARLY


class UntilKind(_WordEnum):
    """How a rule's UNTIL was written, ``grp_rrule_until_kind``."""

    NONE = _c.GRP_RRULE_UNTIL_NONE
    DATE = _c.GRP_RRULE_UNTIL_DATE
    LOCAL = _c.GRP_RRULE_UNTIL_LOCAL
    UTC = _c.GRP_RRULE_UNTIL_UTC


class HoursMode(_WordEnum):
    """How a group's session time is credited in the supervision-hours log, ``grp_hours_mode``."""

    FULL = _c.GRP_HOURS_FULL
    """Group time counts in full (the default)."""
    INDIVIDUAL = _c.GRP_HOURS_INDIVIDUAL
    """1:1 supervision: counts in full, as individual supervision."""
    BACP = _c.GRP_HOURS_BACP
    """BACP: one attendee counts in full, up to four count half, five or more divide by the number."""
    RATIO = _c.GRP_HOURS_RATIO
    """A fixed ratio ``ratio_num / ratio_den``."""


class HoursKind(_WordEnum):
    """Individual or group supervision, ``grp_hours_kind``."""

    INDIVIDUAL = _c.GRP_HOURS_KIND_INDIVIDUAL
    GROUP = _c.GRP_HOURS_KIND_GROUP


class ActorKind(_WordEnum):
    """Who is asking, ``grp_actor_kind``: the system or a person."""

    SYSTEM = _c.GRP_ACTOR_SYSTEM
    PERSON = _c.GRP_ACTOR_PERSON


class Visibility(_WordEnum):
    """Who else may read a goal or a note, ``grp_visibility``."""

    PRIVATE = _c.GRP_VISIBLE_PRIVATE
    """The author only."""
    FACILITATORS = _c.GRP_VISIBLE_FACILITATORS
    """The author and the group's facilitators."""
    GROUP = _c.GRP_VISIBLE_GROUP
    """The author, the facilitators and the group's members."""


class GoalStatus(_WordEnum):
    """Status of a goal, ``grp_goal_status``. Any change is allowed except back to draft."""

    DRAFT = _c.GRP_GOAL_DRAFT
    ACTIVE = _c.GRP_GOAL_ACTIVE
    ACHIEVED = _c.GRP_GOAL_ACHIEVED
    ABANDONED = _c.GRP_GOAL_ABANDONED


class ThemeStatus(_WordEnum):
    """Status of a theme a group raised, ``grp_theme_status``."""

    NOTED = _c.GRP_THEME_NOTED
    RAISED = _c.GRP_THEME_RAISED
    RESOLVED = _c.GRP_THEME_RESOLVED


class EventKind(_WordEnum):
    """What a change-feed event reports, ``grp_event_kind`` (see :class:`Event`)."""

    MEMBER_REQUESTED = _c.GRP_EVENT_MEMBER_REQUESTED
    MEMBER_JOINED = _c.GRP_EVENT_MEMBER_JOINED
    MEMBER_WAITLISTED = _c.GRP_EVENT_MEMBER_WAITLISTED
    MEMBER_APPROVED = _c.GRP_EVENT_MEMBER_APPROVED
    MEMBER_DECLINED = _c.GRP_EVENT_MEMBER_DECLINED
    MEMBER_PROMOTED = _c.GRP_EVENT_MEMBER_PROMOTED
    MEMBER_LEFT = _c.GRP_EVENT_MEMBER_LEFT
    CADENCE_CHANGED = _c.GRP_EVENT_CADENCE_CHANGED
    SESSION_ADDED = _c.GRP_EVENT_SESSION_ADDED
    SESSION_CANCELLED = _c.GRP_EVENT_SESSION_CANCELLED
    SESSION_MOVED = _c.GRP_EVENT_SESSION_MOVED
    ATTENDANCE_RECORDED = _c.GRP_EVENT_ATTENDANCE_RECORDED
    FEEDBACK_REQUESTED = _c.GRP_EVENT_FEEDBACK_REQUESTED
    GOAL_DUE_SOON = _c.GRP_EVENT_GOAL_DUE_SOON
    GOAL_OVERDUE = _c.GRP_EVENT_GOAL_OVERDUE
    THEME_RAISED = _c.GRP_EVENT_THEME_RAISED


class ReportKind(_WordEnum):
    """What a :class:`Report` reports, ``grp_report_kind``."""

    ATTENDANCE = _c.GRP_REPORT_ATTENDANCE
    ATTENDANCE_ORG = _c.GRP_REPORT_ATTENDANCE_ORG
    HOURS = _c.GRP_REPORT_HOURS
    GOALS = _c.GRP_REPORT_GOALS
    FEEDBACK = _c.GRP_REPORT_FEEDBACK
    MEMBERSHIP_CHANGES = _c.GRP_REPORT_MEMBERSHIP_CHANGES


class ReportColumnType(_WordEnum):
    """How to read a report column's cells, ``grp_report_column_type``."""

    TEXT = _c.GRP_REPORT_COL_TEXT
    """Text: ``str``."""
    ID = _c.GRP_REPORT_COL_ID
    """An entity id: ``int``."""
    INTEGER = _c.GRP_REPORT_COL_INTEGER
    """An integer: ``int``."""
    DECIMAL = _c.GRP_REPORT_COL_DECIMAL
    """A rate or mean with at most four decimals: ``float``."""
    BOOLEAN = _c.GRP_REPORT_COL_BOOLEAN
    """``bool``."""
    DATE = _c.GRP_REPORT_COL_DATE
    """``datetime.date``."""


class JsonExisting(_WordEnum):
    """What a JSON import does with an organisation or person whose
    external_ref already exists in the store (people: in the same
    organisation), ``grp_json_existing``."""

    FAIL = _c.GRP_JSON_EXISTING_FAIL
    """Refuse the import with :class:`ExistsError` (the default)."""
    SKIP = _c.GRP_JSON_EXISTING_SKIP
    """Keep the stored record; the document's records refer to it."""
    UPDATE = _c.GRP_JSON_EXISTING_UPDATE
    """Overwrite the stored record's fields with the document's."""


class JsonKind(_WordEnum):
    """The kinds of record in a JSON document (its top-level arrays, in
    document order), ``grp_json_kind``; ``str()`` is the document's key."""

    ORGANISATIONS = _c.GRP_JSON_ORGANISATIONS
    PEOPLE = _c.GRP_JSON_PEOPLE
    ORG_ADMINS = _c.GRP_JSON_ORG_ADMINS
    FEEDBACK_FORMS = _c.GRP_JSON_FEEDBACK_FORMS
    GROUPS = _c.GRP_JSON_GROUPS
    MEMBERSHIPS = _c.GRP_JSON_MEMBERSHIPS
    CADENCES = _c.GRP_JSON_CADENCES
    SESSIONS = _c.GRP_JSON_SESSIONS
    ATTENDANCE = _c.GRP_JSON_ATTENDANCE
    PRESENTERS = _c.GRP_JSON_PRESENTERS
    HOURS_ENTRIES = _c.GRP_JSON_HOURS_ENTRIES
    FEEDBACK_RESPONSES = _c.GRP_JSON_FEEDBACK_RESPONSES
    FEEDBACK_GIVEN = _c.GRP_JSON_FEEDBACK_GIVEN
    PEER_FEEDBACK = _c.GRP_JSON_PEER_FEEDBACK
    GOALS = _c.GRP_JSON_GOALS
    GOAL_STEPS = _c.GRP_JSON_GOAL_STEPS
    GOAL_PROGRESS = _c.GRP_JSON_GOAL_PROGRESS
    NOTES = _c.GRP_JSON_NOTES
    THEMES = _c.GRP_JSON_THEMES


_WORDS.update({
    GroupKind: _c.grp_group_kind_name,
    GroupStatus: _c.grp_group_status_name,
    CapacityPolicy: _c.grp_capacity_policy_name,
    MembershipPolicy: _c.grp_membership_policy_name,
    Delivery: _c.grp_delivery_name,
    HoursMode: _c.grp_hours_mode_name,
    HoursKind: _c.grp_hours_kind_name,
    MemberRole: _c.grp_member_role_name,
    MembershipState: _c.grp_membership_state_name,
    SessionStatus: _c.grp_session_status_name,
    AttendanceStatus: _c.grp_attendance_status_name,
    Visibility: _c.grp_visibility_name,
    GoalStatus: _c.grp_goal_status_name,
    ThemeStatus: _c.grp_theme_status_name,
    EventKind: _c.grp_event_kind_name,
    ReportKind: _c.grp_report_kind_name,
    ReportColumnType: _c.grp_report_column_type_name,
    JsonKind: _c.grp_json_kind_name,
})

"""libgrp: reflective-practice and supervision groups, from Python.

A thin, Pythonic layer over the C library libgrp (through the SWIG extension
``libgrp._libgrp``): organisations, people, groups with their membership
rules, the dated history of every membership, cadences, sessions and
attendance, supervision hours and the presenter rota, iCalendar export,
feedback, goals, notes and themes under confidentiality rules, the change
feed and reminders, the audit log, reports (CSV, JSON) and whole-store JSON
export and import, all in one SQLite file::

    import datetime, libgrp

    with libgrp.open("groups.db") as store:
        org = store.create_org("Northfield University")
        group = store.create_group(org=org, name="Front-line GRP", timezone="Europe/London",
                                   location="Room 2.14", status=libgrp.GroupStatus.ACTIVE)
        asha = store.create_person(org, "Asha Patel")
        store.join(group, asha, datetime.date(2026, 1, 6))
        for m in store.members(group, on=datetime.date(2026, 2, 1)):
            print(store.get_person(m.person_id).display_name, m.state)

Conventions:

- errors are exceptions, subclasses of :class:`Error` that also derive from
  the matching builtin (:class:`NotFoundError` is a ``KeyError``,
  :class:`InvalidError` a ``ValueError``...); membership refusals are
  :class:`RuleError` with ``.rule`` naming the rule;
- objects read from a store are immutable snapshots with properties; lists
  are iterators;
- dates are :class:`datetime.date` (an ISO ``"YYYY-MM-DD"`` string is
  accepted too), local times naive :class:`datetime.datetime`, instants aware
  :class:`datetime.datetime`;
- enums are :class:`enum.IntEnum` whose ``str()`` is the library's word;
- confidential content (feedback, goals, notes, themes, the audit log,
  events) is read and written on behalf of an :class:`Actor`, passed as the
  ``actor`` argument: ``Actor.system()`` or ``Actor.person(person)``.
"""

from __future__ import annotations

from . import _libgrp
from ._errors import (
    AccessDeniedError,
    BusyError,
    ClosedError,
    Error,
    ErrorCode,
    ExistsError,
    InvalidError,
    NotAStoreError,
    NotFoundError,
    OutOfMemoryError,
    ParseError,
    ReadOnlyError,
    RuleError,
    StateError,
    StorageError,
    SuppressedError,
    UnsupportedError,
    VersionError,
    error_for,
    strerror,
)
from . import _enums
from ._enums import (
    AttendanceStatus,
    CapacityPolicy,
    Delivery,
    Durability,
    Frequency,
    GroupKind,
    GroupStatus,
    MemberRole,
    MembershipPolicy,
    MembershipState,
    SessionStatus,
    UntilKind,
    Weekday,
    HoursMode,
    HoursKind,
    ActorKind,
    Visibility,
    GoalStatus,
    ThemeStatus,
    EventKind,
    ReportKind,
    ReportColumnType,
    JsonExisting,
    JsonKind,
)
from ._time import (
    UTC,
    TimeZone,
    TzOffset,
    add_days,
    check_timezone,
    days_between,
    days_in_month,
    format_date,
    format_datetime,
    format_instant,
    is_valid_date,
    is_valid_datetime,
    now,
    parse_date,
    parse_datetime,
    parse_instant,
    today_utc,
    weekday,
)
from ._rrule import RRule, RRuleIterator
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
)
from ._access import Actor
from ._hours import ICAL_MAX_GROUPS, HoursCredit, HoursEntry, HoursRule, HoursTotals
from ._feedback import FeedbackForm, FeedbackItemSummary, FeedbackResponse, FeedbackSummary, PeerFeedback
from ._goals import Goal, GoalProgress, GoalStep, Note, Theme
from ._events import AuditEntry, Event, EventCallback, Reminder
from ._reports import Report, ReportColumn
from ._json import (
    JSON_DEFAULT_MAX_BYTES,
    JSON_FORMAT_VERSION,
    JSON_MAX_DEPTH,
    JSON_MAX_RECORD_BYTES,
    NDJSON_DEFAULT_MAX_LINE_BYTES,
    NDJSON_FORMAT_VERSION,
    JsonImportResult,
    NdjsonImportResult,
)
from ._store import KEEP, Store, open, schema_latest

#: The version of the C library loaded, e.g. ``"0.1.0"`` (``grp_version_string()``).
__version__: str = _libgrp.grp_version_string()

#: The C library's version as ``major * 10000 + minor * 100 + patch``.
version_number: int = _libgrp.grp_version_number()

#: The version of the headers the extension was built against, encoded the same way.
header_version_number: int = _libgrp.GRP_VERSION_NUMBER

#: Default group capacity ("a maximum of eight members per group works best").
DEFAULT_CAPACITY: int = _libgrp.GRP_DEFAULT_CAPACITY
#: Largest group capacity accepted.
MAX_CAPACITY: int = _libgrp.GRP_MAX_CAPACITY
#: Most items a feedback form may have.
FEEDBACK_MAX_ITEMS: int = _libgrp.GRP_FEEDBACK_MAX_ITEMS

# Public names live in private modules; show them where users import them.
for _name in ("Store", "open", "schema_latest", "Organisation", "Person", "Group", "Membership", "Cadence",
              "Session", "Attendance", "AttendanceStats", "ResultIterator", "TimeZone", "TzOffset", "RRule",
              "RRuleIterator", "Weekday", "Durability", "GroupKind", "GroupStatus", "CapacityPolicy",
              "MembershipPolicy", "Delivery", "MemberRole", "MembershipState", "SessionStatus",
              "AttendanceStatus", "Frequency", "UntilKind", "ErrorCode", "Error", "InvalidError", "ParseError",
              "UnsupportedError", "OutOfMemoryError", "NotFoundError", "ExistsError", "AccessDeniedError",
              "StorageError", "BusyError", "VersionError", "NotAStoreError", "ReadOnlyError", "SuppressedError",
              "ClosedError", "StateError", "RuleError", "error_for", "strerror", "check_timezone", "parse_date",
              "format_date", "parse_datetime", "format_datetime", "parse_instant", "format_instant",
              "is_valid_date", "is_valid_datetime", "days_in_month", "weekday", "add_days", "days_between",
              "today_utc", "now", "Actor", "HoursRule", "HoursCredit", "HoursEntry", "HoursTotals", "FeedbackForm",
              "FeedbackResponse", "FeedbackSummary", "FeedbackItemSummary", "PeerFeedback", "Goal", "GoalStep",
              "GoalProgress", "Note", "Theme", "Event", "Reminder", "AuditEntry", "HoursMode", "HoursKind",
              "ActorKind", "Visibility", "GoalStatus", "ThemeStatus", "EventKind", "Report", "ReportColumn",
              "ReportKind", "ReportColumnType", "JsonExisting", "JsonKind", "JsonImportResult", "NdjsonImportResult"):
    globals()[_name].__module__ = __name__
del _name

__all__ = [
    "__version__",
    "version_number",
    "header_version_number",
    "DEFAULT_CAPACITY",
    "MAX_CAPACITY",
    "FEEDBACK_MAX_ITEMS",
    # store
    "open",
    "Store",
    "KEEP",
    "schema_latest",
    # snapshots and lists
    "Organisation",
    "Person",
    "Group",
    "Membership",
    "Cadence",
    "Session",
    "Attendance",
    "AttendanceStats",
    "ResultIterator",
    # access
    "Actor",
    # hours
    "HoursRule",
    "HoursCredit",
    "HoursEntry",
    "HoursTotals",
    # feedback
    "FeedbackForm",
    "FeedbackResponse",
    "FeedbackSummary",
    "FeedbackItemSummary",
    "PeerFeedback",
    # goals, notes, themes
    "Goal",
    "GoalStep",
    "GoalProgress",
    "Note",
    "Theme",
    # events, reminders, audit
    "Event",
    "EventCallback",
    "Reminder",
    "AuditEntry",
    # reports
    "Report",
    "ReportColumn",
    # whole-store JSON documents and NDJSON streams
    "JsonImportResult",
    "NdjsonImportResult",
    "JSON_FORMAT_VERSION",
    "JSON_DEFAULT_MAX_BYTES",
    "ICAL_MAX_GROUPS",
    "JSON_MAX_DEPTH",
    "JSON_MAX_RECORD_BYTES",
    "NDJSON_FORMAT_VERSION",
    "NDJSON_DEFAULT_MAX_LINE_BYTES",
    # enums: every name _enums exports
    *_enums.__all__,
    # time
    "UTC",
    "TimeZone",
    "TzOffset",
    "check_timezone",
    "parse_date",
    "format_date",
    "parse_datetime",
    "format_datetime",
    "parse_instant",
    "format_instant",
    "is_valid_date",
    "is_valid_datetime",
    "days_in_month",
    "weekday",
    "add_days",
    "days_between",
    "today_utc",
    "now",
    "RRule",
    "RRuleIterator",
    # errors
    "ErrorCode",
    "Error",
    "InvalidError",
    "ParseError",
    "UnsupportedError",
    "OutOfMemoryError",
    "NotFoundError",
    "ExistsError",
    "AccessDeniedError",
    "StorageError",
    "BusyError",
    "VersionError",
    "NotAStoreError",
    "ReadOnlyError",
    "SuppressedError",
    "ClosedError",
    "StateError",
    "RuleError",
    "error_for",
    "strerror",
]

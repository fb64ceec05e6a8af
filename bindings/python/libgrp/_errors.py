"""Exceptions of libgrp: one base class, one subclass per kind of error.

Every failing C call raises one of these (errors are never returned as
codes). Each class also derives from the builtin exception that matches it,
so generic code keeps working: ``NotFoundError`` is a ``KeyError``,
``InvalidError`` a ``ValueError``, ``StorageError`` an ``OSError``,
``AccessDeniedError`` a ``PermissionError``.
"""

from __future__ import annotations

import enum
from typing import Any, Dict, Tuple, Type, Union

from . import _libgrp as _c

__all__ = [
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


class ErrorCode(enum.IntEnum):
    """The C library's result codes (``grp_error_code``), without ``GRP_``."""

    OK = _c.GRP_OK
    ERROR = _c.GRP_ERROR
    EINVAL = _c.GRP_EINVAL
    ENOMEM = _c.GRP_ENOMEM
    ENOTFOUND = _c.GRP_ENOTFOUND
    EEXISTS = _c.GRP_EEXISTS
    EACCESS = _c.GRP_EACCESS
    ESTORAGE = _c.GRP_ESTORAGE
    EBUSY = _c.GRP_EBUSY
    EVERSION = _c.GRP_EVERSION
    ENOTSTORE = _c.GRP_ENOTSTORE
    EUNSUPPORTED = _c.GRP_EUNSUPPORTED
    EPARSE = _c.GRP_EPARSE
    ESUPPRESSED = _c.GRP_ESUPPRESSED
    ECLOSED = _c.GRP_ECLOSED
    ESTATE = _c.GRP_ESTATE
    EREADONLY = _c.GRP_EREADONLY
    ERULE_FULL = _c.GRP_ERULE_FULL
    ERULE_CLOSED = _c.GRP_ERULE_CLOSED
    ERULE_ORG = _c.GRP_ERULE_ORG
    ERULE_ROLE = _c.GRP_ERULE_ROLE
    ERULE_ALREADY = _c.GRP_ERULE_ALREADY
    ERULE_INACTIVE = _c.GRP_ERULE_INACTIVE
    ITEROVER = _c.GRP_ITEROVER


def strerror(code: int) -> str:
    """A short description of an error code, e.g. ``"invalid argument"``."""
    return _c.grp_strerror(int(code))


class Error(Exception):
    """Base class of every libgrp error.

    Attributes:
        code: the C library's code, an :class:`ErrorCode` (a plain ``int`` for
            a code this version does not know).
        message: what was wrong, in the library's words, e.g.
            ``"capacity 8 reached in group 'Front-line GRP'"``.
    """

    code: Union[ErrorCode, int]
    message: str

    def __init__(self, code: int, message: str = "") -> None:
        super().__init__(message)
        try:
            self.code = ErrorCode(code)
        except ValueError:
            self.code = int(code)
        self.message = message

    @property
    def name(self) -> str:
        """The code's symbolic C name, e.g. ``"GRP_ENOTFOUND"``."""
        return _c.grp_error_name(int(self.code))

    def __str__(self) -> str:
        # Also for the KeyError subclass, whose own str() would quote the text.
        return self.message or strerror(self.code)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({int(self.code)}, {self.message!r})"

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (int(self.code), self.message))


class InvalidError(Error, ValueError):
    """An argument is invalid: NULL, out of range, too long, malformed (``GRP_EINVAL``)."""


class ParseError(InvalidError):
    """Malformed text: a date, a rule, a document (``GRP_EPARSE``)."""


class UnsupportedError(Error, ValueError):
    """Valid input that libgrp does not support, e.g. an RRULE part (``GRP_EUNSUPPORTED``)."""


class OutOfMemoryError(Error, MemoryError):
    """The C library ran out of memory (``GRP_ENOMEM``)."""


class NotFoundError(Error, KeyError):
    """No such entity: organisation, person, group, stint, zone... (``GRP_ENOTFOUND``)."""


class ExistsError(Error, ValueError):
    """The entity or key (an external reference) already exists (``GRP_EEXISTS``)."""


class AccessDeniedError(Error, PermissionError):
    """The actor may not read or write this (``GRP_EACCESS``)."""


class StorageError(Error, OSError):
    """The storage engine failed: I/O, a corrupt file, a full disk (``GRP_ESTORAGE``).

    Also the base of the other errors about the store file itself.
    """


class BusyError(StorageError):
    """Another writer held the store beyond the busy timeout, or a resource is in use (``GRP_EBUSY``)."""


class VersionError(StorageError):
    """The store was written by a newer libgrp, or needs an upgrade a read-only open cannot do (``GRP_EVERSION``)."""


class NotAStoreError(StorageError):
    """The file is not a libgrp store (another SQLite database, or not SQLite at all) (``GRP_ENOTSTORE``)."""


class ReadOnlyError(StorageError, PermissionError):
    """A write to a store opened read-only (``GRP_EREADONLY``)."""


class SuppressedError(Error):
    """An aggregate was suppressed because too few people responded (``GRP_ESUPPRESSED``)."""


class ClosedError(Error, ValueError):
    """The store (or object) was already closed (``GRP_ECLOSED``)."""


class StateError(Error):
    """The operation does not apply in the entity's current state (``GRP_ESTATE``),
    e.g. approving a stint that is not a request, or committing with no transaction open."""


_RULES: Dict[int, str] = {
    ErrorCode.ERULE_FULL: "full",
    ErrorCode.ERULE_CLOSED: "closed",
    ErrorCode.ERULE_ORG: "org",
    ErrorCode.ERULE_ROLE: "role",
    ErrorCode.ERULE_ALREADY: "already",
    ErrorCode.ERULE_INACTIVE: "inactive",
}


class RuleError(Error):
    """A rule of the group refused a membership request (``GRP_ERULE_*``).

    Attributes:
        rule: which rule: ``"full"`` (at capacity, hard policy), ``"closed"``
            (membership closed), ``"org"`` (other organisation not allowed),
            ``"role"`` (job role not eligible), ``"already"`` (already a member
            or pending on that date) or ``"inactive"`` (group paused or closed).
    """

    rule: str

    def __init__(self, code: int, message: str = "") -> None:
        super().__init__(code, message)
        self.rule = _RULES.get(int(code), "unknown")


_CLASSES: Dict[int, Type[Error]] = {
    ErrorCode.ERROR: Error,
    ErrorCode.EINVAL: InvalidError,
    ErrorCode.ENOMEM: OutOfMemoryError,
    ErrorCode.ENOTFOUND: NotFoundError,
    ErrorCode.EEXISTS: ExistsError,
    ErrorCode.EACCESS: AccessDeniedError,
    ErrorCode.ESTORAGE: StorageError,
    ErrorCode.EBUSY: BusyError,
    ErrorCode.EVERSION: VersionError,
    ErrorCode.ENOTSTORE: NotAStoreError,
    ErrorCode.EUNSUPPORTED: UnsupportedError,
    ErrorCode.EPARSE: ParseError,
    ErrorCode.ESUPPRESSED: SuppressedError,
    ErrorCode.ECLOSED: ClosedError,
    ErrorCode.ESTATE: StateError,
    ErrorCode.EREADONLY: ReadOnlyError,
}


def error_for(code: int, message: str) -> Error:
    """The exception for a C error code and message (the class is chosen by code)."""
    cls = _CLASSES.get(int(code))
    if cls is None:
        # GRP_IS_RULE_ERROR(): -29..-20 are membership refusals.
        cls = RuleError if -29 <= int(code) <= -20 else Error
    return cls(code, message)


# Every failing call in the extension raises through this factory.
_c._set_error_factory(error_for)

"""Argument helpers shared by the package's modules (private)."""

from __future__ import annotations

from typing import Any, Iterable, List, Optional

__all__: List[str] = []


def _ref(value: Any, cls: type, what: str) -> int:
    """An entity argument: a snapshot of ``cls`` or an int id."""
    if isinstance(value, cls):
        return int(getattr(value, "id"))
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise TypeError(f"{what} must be a {cls.__name__} or an int id, not {type(value).__name__}")


def _opt_ref(value: Any, cls: type, what: str) -> int:
    """An optional entity argument: None is 0 (the C API's "none")."""
    return 0 if value is None else _ref(value, cls, what)


def _mask(values: Optional[Iterable[int]], what: str) -> int:
    """A set of enum values as the C bit mask (None or empty: all)."""
    if values is None:
        return 0
    if isinstance(values, int):
        values = (values,)
    mask = 0
    for v in values:
        if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v < 32:
            raise ValueError(f"{what} must contain enum values, not {v!r}")
        mask |= 1 << int(v)
    return mask


def _int_arg(value: Any, what: str) -> int:
    """A plain int argument (bool refused, as for ids)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise TypeError(f"{what} must be an int, not {type(value).__name__}")


def _bool_arg(value: Any, what: str) -> bool:
    """A flag argument: a bool (or 0/1)."""
    if isinstance(value, bool) or value in (0, 1) and isinstance(value, int):
        return bool(value)
    raise TypeError(f"{what} must be a bool, not {type(value).__name__}")


def _none_if_zero(value: int) -> Optional[int]:
    """The C API's 0 ("none") as None."""
    return value or None

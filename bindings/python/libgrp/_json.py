"""Whole-store JSON documents and NDJSON streams: export a store (or one
organisation, or one group) as one JSON document or as a stream of one
record a line, and import either into a store, all or nothing
(<libgrp/json.h>).

The document is ``{"format": "libgrp", "version": 1, ...}`` with one array
per kind of record (:class:`JsonKind`). Records are written in id order, so
two exports of the same contents are identical. Both directions read or
write everything, confidential content included, so both require the
system actor (``Actor.system()``).
"""

from __future__ import annotations

import os
from typing import Any, Callable, Dict, NamedTuple, Optional, Union

from . import _libgrp as _c
from ._access import Actor, _actor_arg
from ._enums import JsonExisting, JsonKind, _enum
from ._objects import Group, Organisation
from ._util import _bool_arg, _int_arg, _opt_ref

__all__ = ["JsonImportResult", "NdjsonImportResult", "JSON_FORMAT_VERSION", "JSON_DEFAULT_MAX_BYTES",
           "JSON_MAX_DEPTH", "JSON_MAX_RECORD_BYTES", "NDJSON_FORMAT_VERSION", "NDJSON_DEFAULT_MAX_LINE_BYTES"]

PathLike = Union[str, "os.PathLike[str]"]

#: The document format version this library writes and reads (``GRP_JSON_FORMAT_VERSION``).
JSON_FORMAT_VERSION: int = _c.GRP_JSON_FORMAT_VERSION
#: Largest document an import accepts when ``max_bytes`` is 0: 64 MiB (``GRP_JSON_DEFAULT_MAX_BYTES``).
JSON_DEFAULT_MAX_BYTES: int = _c.GRP_JSON_DEFAULT_MAX_BYTES
#: Deepest nesting of arrays and objects an import accepts (``GRP_JSON_MAX_DEPTH``).
JSON_MAX_DEPTH: int = _c.GRP_JSON_MAX_DEPTH
#: Longest record (one element of a top-level array, as written) an import
#: reads: 1 MiB (``GRP_JSON_MAX_RECORD_BYTES``).
JSON_MAX_RECORD_BYTES: int = _c.GRP_JSON_MAX_RECORD_BYTES
#: The NDJSON stream format version this library writes and reads (``GRP_NDJSON_FORMAT_VERSION``).
NDJSON_FORMAT_VERSION: int = _c.GRP_NDJSON_FORMAT_VERSION
#: Longest line an NDJSON import accepts when ``max_line_bytes`` is 0: 1 MiB.
NDJSON_DEFAULT_MAX_LINE_BYTES: int = _c.GRP_NDJSON_DEFAULT_MAX_LINE_BYTES


class JsonImportResult(NamedTuple):
    """What :meth:`Store.import_json` did."""

    created: Dict[JsonKind, int]
    """Records written, per kind: every :class:`JsonKind`, in document order
    (``str(kind)`` is the document's key, e.g. ``"memberships"``)."""
    skipped: int
    """Existing records kept (:attr:`JsonExisting.SKIP`)."""
    updated: int
    """Existing records overwritten (:attr:`JsonExisting.UPDATE`)."""
    reused: int
    """Feedback forms identical to a stored one, not copied."""

    @property
    def total_created(self) -> int:
        """Records written, all kinds together."""
        return sum(self.created.values())

    def created_by_name(self) -> Dict[str, int]:
        """:attr:`created` keyed by the document's key of each kind (``"people"``...)."""
        return {str(kind): n for kind, n in self.created.items()}

    @classmethod
    def _from_c(cls, d: Dict[str, Any]) -> "JsonImportResult":
        created = {_enum(JsonKind, i): n for i, n in enumerate(d["created"])}
        return cls(created, d["skipped"], d["updated"], d["reused"])


class NdjsonImportResult(NamedTuple):
    """What :meth:`Store.import_ndjson` did."""

    created: Dict[JsonKind, int]
    """Records written, per kind (every :class:`JsonKind`)."""
    skipped: int
    """Existing records kept (:attr:`JsonExisting.SKIP`)."""
    updated: int
    """Existing records overwritten (:attr:`JsonExisting.UPDATE`)."""
    reused: int
    """Feedback forms identical to a stored one, not copied."""
    lines: int
    """Lines read, the header and blank lines included."""
    committed_lines: int
    """Lines whose records are committed (all of them after a successful import)."""

    @property
    def total_created(self) -> int:
        """Records written, all kinds together."""
        return sum(self.created.values())

    @classmethod
    def _from_c(cls, d: Dict[str, Any]) -> "NdjsonImportResult":
        created = {_enum(JsonKind, i): n for i, n in enumerate(d["created"])}
        return cls(created, d["skipped"], d["updated"], d["reused"], d["lines"], d["committed_lines"])


def _path_arg(path: Any) -> str:
    path = os.fspath(path)
    if not isinstance(path, str):
        raise TypeError(f"path must be str or os.PathLike[str], not {type(path).__name__}")
    return path


class _JsonMixin:
    """Store methods of <libgrp/json.h>."""

    __slots__ = ()
    _call: Callable[..., Any]

    @staticmethod
    def _json_export_options(org: Optional[Union[Organisation, int]], group: Optional[Union[Group, int]],
                             pretty: bool) -> Dict[str, Any]:
        return {"org_id": _opt_ref(org, Organisation, "org"), "group_id": _opt_ref(group, Group, "group"),
                "pretty": 1 if _bool_arg(pretty, "pretty") else 0}

    @staticmethod
    def _json_import_options(on_existing: Union[JsonExisting, int], max_bytes: int) -> Dict[str, Any]:
        return {"on_existing": _int_arg(on_existing, "on_existing"), "max_bytes": _int_arg(max_bytes, "max_bytes")}

    def export_json(self, actor: Actor, *, org: Optional[Union[Organisation, int]] = None,
                    group: Optional[Union[Group, int]] = None, pretty: bool = False) -> str:
        """The store, or one organisation or group, as one JSON document.

        A scoped document also holds every person, organisation and feedback
        form its records refer to, so it imports on its own. Ids are decimal
        strings, dates ``"YYYY-MM-DD"``, instants RFC 3339 UTC; records are in
        id order, so exporting the same contents twice gives the same text.

        Args:
            actor: must be ``Actor.system()``.
            org: export only this organisation (its people, groups and their records).
            group: export only this group; at most one of ``org`` and ``group``.
            pretty: indent with tabs, one member a line (default: one compact line).

        Raises:
            AccessDeniedError: not the system actor. InvalidError: both
            ``org`` and ``group``. NotFoundError: no such organisation or group.
        """
        a = _actor_arg(actor)
        return self._call(_c.grp_json_export, a, self._json_export_options(org, group, pretty))

    def export_json_to_file(self, actor: Actor, path: PathLike, *, org: Optional[Union[Organisation, int]] = None,
                            group: Optional[Union[Group, int]] = None, pretty: bool = False) -> None:
        """Write :meth:`export_json` into the file ``path`` (created or replaced).

        Raises:
            StorageError: the file cannot be written. And the errors of :meth:`export_json`.
        """
        a = _actor_arg(actor)
        p = _path_arg(path)
        opts = self._json_export_options(org, group, pretty)
        self._call(lambda h: _c.grp_json_export_to_file(p, h, a, opts))

    def import_json(self, actor: Actor, text: Union[str, bytes], *,
                    on_existing: JsonExisting = JsonExisting.FAIL, max_bytes: int = 0) -> JsonImportResult:
        """Import a document written by :meth:`export_json`, in one
        transaction: on any error the store is left exactly as it was.

        Every record is checked, and any error rolls the whole import back.
        The document is read one record at a time (never parsed whole), so
        memory does not grow with it. Ids are kept when the store does not
        use them (so an import into an empty store preserves every id);
        otherwise records get new ids and references follow them.

        Args:
            actor: must be ``Actor.system()``.
            text: the document, as ``str`` or as UTF-8 ``bytes``.
            on_existing: what to do with an organisation or person whose
                external_ref already exists (:class:`JsonExisting`).
            max_bytes: refuse longer documents (in UTF-8 bytes); 0 means
                :data:`JSON_DEFAULT_MAX_BYTES` (64 MiB). The limit guards
                time, not memory: raise it to load a large store.

        Raises:
            ParseError: malformed JSON (the message gives the position).
            InvalidError: invalid content (the message names the JSON path,
            e.g. ``$.memberships[0].person``), a document over the size limit
            or nested too deeply, a record over 1 MiB, or bytes that are
            not UTF-8.
            UnsupportedError: another format version. ExistsError: an
            external_ref exists and ``on_existing`` is FAIL.
            AccessDeniedError: not the system actor. ReadOnlyError.
        """
        a = _actor_arg(actor)
        if not isinstance(text, (str, bytes)):
            raise TypeError(f"text must be str or bytes, not {type(text).__name__}")
        opts = self._json_import_options(on_existing, max_bytes)
        return JsonImportResult._from_c(self._call(_c.grp_json_import, a, text, opts))

    def import_json_file(self, actor: Actor, path: PathLike, *, on_existing: JsonExisting = JsonExisting.FAIL,
                         max_bytes: int = 0) -> JsonImportResult:
        """Import the document in the file ``path`` as :meth:`import_json`
        does; the size limit is checked before the file is read, and the
        file is read through a 64 KiB window, never whole.

        Raises:
            NotFoundError: no such file. StorageError: it cannot be read.
            And the errors of :meth:`import_json`.
        """
        a = _actor_arg(actor)
        p = _path_arg(path)
        opts = self._json_import_options(on_existing, max_bytes)
        return JsonImportResult._from_c(self._call(_c.grp_json_import_file, a, p, opts))

    @staticmethod
    def _ndjson_import_options(on_existing: Union[JsonExisting, int], batch_records: int,
                               max_line_bytes: int) -> Dict[str, Any]:
        return {"on_existing": _int_arg(on_existing, "on_existing"),
                "batch_records": _int_arg(batch_records, "batch_records"),
                "max_line_bytes": _int_arg(max_line_bytes, "max_line_bytes")}

    def export_ndjson(self, actor: Actor, *, org: Optional[Union[Organisation, int]] = None,
                      group: Optional[Union[Group, int]] = None) -> str:
        """The store, or one organisation or group, as an NDJSON stream.

        The first line is ``{"format":"libgrp-ndjson","version":1}``; every
        other line is one record, an object whose first member ``"record"``
        names its kind (``str(JsonKind)``, e.g. ``"attendance"``) followed by
        the members the record has in :meth:`export_json`'s document. Every
        record comes after the records it refers to; lines end in LF.

        Raises:
            AccessDeniedError: not the system actor. InvalidError: both
            ``org`` and ``group``. NotFoundError: no such organisation or group.
        """
        a = _actor_arg(actor)
        return self._call(_c.grp_ndjson_export_to_buffer, a, self._json_export_options(org, group, False))

    def export_ndjson_to_file(self, actor: Actor, path: PathLike, *, org: Optional[Union[Organisation, int]] = None,
                              group: Optional[Union[Group, int]] = None) -> None:
        """Write :meth:`export_ndjson` into the file ``path`` record by record,
        in memory that does not grow with the store (the file is removed
        again if the export fails).

        Raises:
            StorageError: the file cannot be written. And the errors of :meth:`export_ndjson`.
        """
        a = _actor_arg(actor)
        p = _path_arg(path)
        opts = self._json_export_options(org, group, False)
        self._call(lambda h: _c.grp_ndjson_export_to_file(p, h, a, opts))

    def export_ndjson_stream(self, actor: Actor, write: Callable[[bytes], Any], *,
                             org: Optional[Union[Organisation, int]] = None,
                             group: Optional[Union[Group, int]] = None) -> None:
        """Pass :meth:`export_ndjson`'s text to ``write`` in pieces, as
        ``bytes`` (a line may come in several pieces), e.g. the ``write``
        method of a binary file or socket.

        Raises:
            whatever ``write`` raises (the export stops there). And the
            errors of :meth:`export_ndjson`.
        """
        a = _actor_arg(actor)
        if not callable(write):
            raise TypeError(f"write must be callable, not {type(write).__name__}")
        opts = self._json_export_options(org, group, False)
        self._call(_c.grp_ndjson_export, a, write, opts)

    def import_ndjson(self, actor: Actor, text: Union[str, bytes], *, on_existing: JsonExisting = JsonExisting.FAIL,
                      batch_records: int = 0, max_line_bytes: int = 0) -> NdjsonImportResult:
        """Import an NDJSON stream written by :meth:`export_ndjson`, one line
        at a time.

        All or nothing by default: one transaction, and on any error the
        store is left as it was. ``batch_records=N`` commits after every N
        records instead, for very large loads: an error then rolls back only
        its own batch. Every error message begins with the line number, e.g.
        ``line 12: $.person: unknown person "17"``; every reference must name
        a record on an earlier line.

        Args:
            actor: must be ``Actor.system()``.
            text: the stream, as ``str`` or UTF-8 ``bytes``.
            on_existing: what to do with an organisation or person whose
                external_ref already exists (:class:`JsonExisting`).
            batch_records: 0 for one transaction, else commit every N records.
            max_line_bytes: refuse longer lines; 0 means
                :data:`NDJSON_DEFAULT_MAX_LINE_BYTES`.

        Raises:
            ParseError: malformed JSON on a line. InvalidError: invalid
            content, a line over the limit, no header. UnsupportedError:
            another format version. ExistsError: an external_ref exists and
            ``on_existing`` is FAIL. AccessDeniedError. ReadOnlyError.
        """
        a = _actor_arg(actor)
        if not isinstance(text, (str, bytes)):
            raise TypeError(f"text must be str or bytes, not {type(text).__name__}")
        opts = self._ndjson_import_options(on_existing, batch_records, max_line_bytes)
        return NdjsonImportResult._from_c(self._call(_c.grp_ndjson_import_buffer, a, text, opts))

    def import_ndjson_file(self, actor: Actor, path: PathLike, *, on_existing: JsonExisting = JsonExisting.FAIL,
                           batch_records: int = 0, max_line_bytes: int = 0) -> NdjsonImportResult:
        """Import the stream in the file ``path`` as :meth:`import_ndjson`
        does, reading it in pieces (memory does not grow with the file).

        Raises:
            NotFoundError: no such file. StorageError: it cannot be read.
            And the errors of :meth:`import_ndjson`.
        """
        a = _actor_arg(actor)
        p = _path_arg(path)
        opts = self._ndjson_import_options(on_existing, batch_records, max_line_bytes)
        return NdjsonImportResult._from_c(self._call(_c.grp_ndjson_import_file, a, p, opts))

    def import_ndjson_stream(self, actor: Actor, read: Callable[[int], Union[bytes, str]], *,
                             on_existing: JsonExisting = JsonExisting.FAIL, batch_records: int = 0,
                             max_line_bytes: int = 0) -> NdjsonImportResult:
        """Import a stream that ``read(size)`` supplies in pieces of at most
        ``size`` bytes (``b""`` at its end), e.g. the ``read`` method of a
        binary file, as :meth:`import_ndjson` does.

        Raises:
            whatever ``read`` raises (the import stops and rolls back what it
            has not committed); TypeError or ValueError if ``read`` returns
            something other than at most ``size`` bytes. And the errors of
            :meth:`import_ndjson`.
        """
        a = _actor_arg(actor)
        if not callable(read):
            raise TypeError(f"read must be callable, not {type(read).__name__}")
        opts = self._ndjson_import_options(on_existing, batch_records, max_line_bytes)
        return NdjsonImportResult._from_c(self._call(_c.grp_ndjson_import, a, read, opts))

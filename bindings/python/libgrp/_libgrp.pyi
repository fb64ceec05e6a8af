# Type stub of the SWIG extension libgrp._libgrp (generated from libgrp.i).
# It mirrors the C API (functions grp_*, constants GRP_*); the package
# libgrp is the typed public API, so every name here is typed loosely.
from typing import Any

def __getattr__(name: str) -> Any: ...

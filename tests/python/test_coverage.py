"""Every public C function has a Python path, and the test suite calls it.

The functions are read from the public headers that libgrp.i wraps, so a
function added to one of them without a binding fails here; a header that
<libgrp.h> includes and libgrp.i does not wrap fails too, unless it is
listed in NOT_BOUND_YET with a reason (then the test is skipped, naming it).
The other test modules are run under a profiler that records each call into
the extension.
"""

import inspect
import os
import re
import sys
import unittest

import libgrp
from libgrp import _libgrp as c
from pysupport import SOURCE_DIR

INCLUDE = os.path.join(SOURCE_DIR, "include")

# Reachable from Python by another way than a function of the same name.
NOT_WRAPPED = {
    "grp_free": "library strings (char **out) are copied to str and freed by the typemaps",
    "grp_strarray_dispose": "string lists are converted to and from Python lists by the typemaps",
    "grp_set_allocator": "allocator hooks are C function pointers; Python cannot supply them",
}

# Test modules that do not exercise the API (or take long).
SKIP_MODULES = {"test_coverage", "test_leaks", "test_example"}

# Public headers libgrp.i does not wrap yet, with the reason. Every other
# header <libgrp.h> includes must be bound.
NOT_BOUND_YET = {}


def package_classes(obj):
    """``obj`` and the package's private base classes it inherits its API from
    (Store's methods live in mixins next to their snapshot types)."""
    return [k for k in inspect.getmro(obj)
            if k is obj or (k.__module__.startswith("libgrp.") and k.__name__.startswith("_"))]


def umbrella_headers():
    """The module headers <libgrp.h> includes."""
    with open(os.path.join(INCLUDE, "libgrp.h")) as f:
        return re.findall(r'#include\s+"(libgrp/[a-z_]+\.h)"', f.read())


def bound_headers():
    """The headers libgrp.i wraps (%include "libgrp/x.h")."""
    with open(os.path.join(SOURCE_DIR, "bindings", "python", "libgrp.i")) as f:
        return re.findall(r'^%include\s+"(libgrp/[a-z_]+\.h)"', f.read(), re.M)


def public_functions(headers=None):
    """GRP_API function names of the bound headers (or of ``headers``)."""
    names = {}
    for header in bound_headers() if headers is None else headers:
        with open(os.path.join(INCLUDE, header)) as f:
            text = f.read()
        for name in re.findall(r"GRP_API\s[^;]*?\b(grp_\w+)\s*\(", text):
            names[name] = header
    return names


def destructor_type(name):
    """The extension type freed by a *_free function (grp_org_free -> grp_org)."""
    return getattr(c, name[: -len("_free")], None) if name.endswith("_free") else None


class Coverage(unittest.TestCase):
    def test_bound_headers_are_public(self):
        self.assertEqual(set(bound_headers()) - set(umbrella_headers()), set())

    def test_every_public_header_is_bound(self):
        pending = [h for h in umbrella_headers() if h not in bound_headers()]
        self.assertEqual([h for h in pending if h not in NOT_BOUND_YET], [], "public headers libgrp.i does not wrap")
        if pending:
            functions = public_functions(pending)
            self.skipTest(f"not bound yet ({len(functions)} functions): "
                          + "; ".join(f"{h} ({NOT_BOUND_YET[h]})" for h in pending))

    def test_headers_found(self):
        names = public_functions()
        self.assertIn("grp_store_open", names)
        self.assertIn("grp_member_join", names)
        self.assertGreater(len(names), 150)

    def test_every_function_is_wrapped(self):
        missing = []
        for name, header in sorted(public_functions().items()):
            if name in NOT_WRAPPED:
                continue
            if name.endswith("_free") or name == "grp_store_close":
                if not isinstance(destructor_type(name) if name != "grp_store_close" else c.grp_store,
                                  type):
                    missing.append(f"{name} ({header}): no extension type with a destructor")
                continue
            if not callable(getattr(c, name, None)):
                missing.append(f"{name} ({header})")
        self.assertEqual(missing, [], "public C functions without a binding in libgrp.i")
        self.assertTrue(callable(c.grp_store_close))

    def test_raw_free_functions_are_not_exposed(self):
        # Calling one and then using the object would free memory twice.
        exposed = [n for n in public_functions() if n.endswith("_free") and hasattr(c, n)]
        self.assertEqual(exposed, [])

    def test_every_function_is_called_by_the_tests(self):
        here = os.path.dirname(os.path.abspath(__file__))
        modules = sorted(f[:-3] for f in os.listdir(here) if f.startswith("test_") and f.endswith(".py")
                         and f[:-3] not in SKIP_MODULES)
        suite = unittest.defaultTestLoader.loadTestsFromNames(modules)
        called = set()
        ext = type(c.grp_version_string)

        def profile(frame, event, arg):
            if event == "c_call" and type(arg) is ext and getattr(arg, "__self__", None) is c:
                called.add(arg.__name__)

        result = unittest.TestResult()
        sys.setprofile(profile)
        try:
            suite.run(result)
        finally:
            sys.setprofile(None)
        self.assertEqual(result.errors + result.failures, [], "the suite must pass under the profiler")
        wanted = {n for n in public_functions() if n not in NOT_WRAPPED and not n.endswith("_free")}
        self.assertEqual(sorted(wanted - called), [], "public C functions no test calls")

    def test_public_api_is_documented(self):
        undocumented = []
        for name in libgrp.__all__:
            obj = getattr(libgrp, name)
            if inspect.isclass(obj) or inspect.isfunction(obj):
                if not inspect.getdoc(obj):
                    undocumented.append(name)
            if inspect.isclass(obj) and obj.__module__ == "libgrp":
                for klass in package_classes(obj):
                    for attr, member in vars(klass).items():
                        if attr.startswith("_"):
                            continue
                        if isinstance(member, (staticmethod, classmethod)):
                            member = member.__func__
                        if inspect.isfunction(member) or isinstance(member, property):
                            if not (member.__doc__ or "").strip():
                                undocumented.append(f"{name}.{attr}")
        self.assertEqual(undocumented, [])

    def test_public_api_is_annotated(self):
        unannotated = []
        for name in libgrp.__all__:
            obj = getattr(libgrp, name)
            functions = []
            if inspect.isfunction(obj):
                functions.append((name, obj))
            elif inspect.isclass(obj) and obj.__module__ == "libgrp":
                for klass in package_classes(obj):
                    for attr, member in vars(klass).items():
                        if isinstance(member, property):
                            member = member.fget
                        if isinstance(member, (staticmethod, classmethod)):
                            member = member.__func__
                        if inspect.isfunction(member) and (not attr.startswith("_") or attr == "__init__"):
                            functions.append((f"{name}.{attr}", member))
            for label, fn in functions:
                sig = inspect.signature(fn)
                if sig.return_annotation is inspect.Signature.empty and not label.endswith("__init__"):
                    unannotated.append(label)
                for p in sig.parameters.values():
                    if p.name not in ("self", "cls") and p.annotation is inspect.Parameter.empty \
                            and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                        unannotated.append(f"{label}({p.name})")
        self.assertEqual(unannotated, [])
        self.assertIn("set_event_callback", [f for f in dir(libgrp.Store) if not f.startswith("_")])
        self.assertTrue(os.path.exists(os.path.join(os.path.dirname(libgrp.__file__), "py.typed")))


if __name__ == "__main__":
    unittest.main()

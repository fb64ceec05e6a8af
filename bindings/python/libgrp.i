/*
 * libgrp.i: the low-level Python extension module `libgrp._libgrp`.
 *
 * Shaped like the C API (same function names, same argument order minus the
 * `out` parameters); the pure-Python package `libgrp` builds the public,
 * Pythonic API on top of it (STYLE.md 24-26). What this file decides:
 *
 * - Errors: every function that returns a status code is listed with
 *   GRP_STATUS (or GRP_STEP for iterator steps, where GRP_ITEROVER gives
 *   None). A negative code raises the exception class that the package
 *   registered with _set_error_factory(), carrying grp_error_last()->message.
 *   No status code ever reaches Python.
 * - Ownership: objects returned through `T **out` are owned by the Python
 *   object (SWIG_POINTER_OWN) and freed by the type's one _free through a
 *   %extend destructor when collected; the raw _free functions are not
 *   exposed (calling one and then using the object would crash). A store is
 *   closed explicitly with grp_store_close(), which also clears the pointer
 *   inside the Python object, so a later call raises a GRP_ECLOSED error
 *   instead of touching freed memory. Strings the library allocates
 *   (char **out) are copied and freed with grp_free().
 * - Values: grp_date <-> datetime.date (unset <-> None), grp_datetime <->
 *   naive datetime.datetime (all-zero <-> None); a date or date-time that is
 *   not valid comes back as a tuple, and tuples are accepted on input, so
 *   that the C validity checks stay reachable. grp_time and grp_id stay
 *   ints here; the package turns instants into aware datetimes. Option and
 *   spec structs are dicts (missing keys keep the C defaults from the
 *   _init() functions); string lists are lists of str.
 * - Strings: str in, UTF-8; None is NULL. bytes, other types, embedded NUL
 *   and unencodable (surrogate) characters raise TypeError / ValueError.
 *   The one exception is the document grp_json_import() reads: str or bytes
 *   (the library checks that bytes are UTF-8).
 * - Actors (grp_actor, a small value struct) are (kind, person_id) tuples
 *   both ways; None is a NULL actor, so the C check stays reachable.
 * - Threads: built with -threads. Calls that reach SQLite or the file
 *   system release the GIL (the %thread list below); quick getters keep it,
 *   which also serialises iterator steps. A store handle is used by one
 *   thread at a time: the package's Store holds a lock around every call.
 * - The event callback (grp_store_set_event_callback) takes a Python
 *   callable. The C library calls it after a commit, in the committing
 *   thread, possibly with the GIL released: the trampoline takes the GIL,
 *   calls the callable with one tuple (seq, at, kind, group_id, person_id,
 *   entity_id), and reports anything it raises through sys.unraisablehook
 *   (PyErr_WriteUnraisable); nothing propagates into C. A registry keyed by
 *   the store holds a reference to the callable until it is replaced or the
 *   store is closed or collected. While it runs, its store refuses to be
 *   used (GRP_ESTATE), since the C library forbids re-entering the handle.
 *   The package's Store registers a queue here and calls the user's
 *   callback once the committing call has returned (see _store.py).
 */
%module(package="libgrp", docstring="Low-level SWIG wrapper of the libgrp C API. Use the package libgrp instead.") _libgrp

%begin %{
#define PY_SSIZE_T_CLEAN
%}

%{
#include <libgrp.h>
#include <datetime.h>
#include <limits.h>
#include <string.h>

/* The package registers a callable (code, message) -> exception instance. */
static PyObject *grp_py_error_factory = NULL;

/* A library string as str (None for NULL). The library stores only valid
 * UTF-8; "replace" makes sure a decoding problem can never raise here. */
static PyObject *grp_py_str(const char *s)
{
    if (!s)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}

static void grp_py_raise_msg(int code, const char *msg)
{
    PyObject *pymsg = grp_py_str(msg ? msg : "");
    if (!pymsg)
        return;
    if (grp_py_error_factory) {
        PyObject *exc = PyObject_CallFunction(grp_py_error_factory, "iO", code, pymsg);
        if (exc) {
            PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
            Py_DECREF(exc);
        }
    } else {
        PyObject *args = Py_BuildValue("(iO)", code, pymsg);
        if (args) {
            PyErr_SetObject(PyExc_RuntimeError, args);
            Py_DECREF(args);
        }
    }
    Py_DECREF(pymsg);
}

/* Raise for a failed call; read the thread's last error at once. */
static void grp_py_raise(int code)
{
    const grp_error *e = grp_error_last();
    grp_py_raise_msg(code, (e->code == code && e->message[0]) ? e->message : grp_strerror(code));
}

/* ---- strings ---------------------------------------------------------- */

/* str -> borrowed UTF-8 (valid while `o` lives); None -> NULL. */
static int grp_py_utf8(PyObject *o, const char **out, const char *what)
{
    Py_ssize_t n = 0;
    const char *s;
    if (o == Py_None) {
        *out = NULL;
        return 0;
    }
    if (!PyUnicode_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s must be str or None, not %.200s", what, Py_TYPE(o)->tp_name);
        return -1;
    }
    s = PyUnicode_AsUTF8AndSize(o, &n);
    if (!s)
        return -1; /* UnicodeEncodeError (a ValueError): lone surrogates */
    if ((size_t)n != strlen(s)) {
        PyErr_Format(PyExc_ValueError, "%s contains a NUL character", what);
        return -1;
    }
    *out = s;
    return 0;
}

/* ---- integers --------------------------------------------------------- */

static int grp_py_long(PyObject *o, long long *out, long long lo, long long hi, const char *what)
{
    long long v;
    if (!PyLong_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s must be int, not %.200s", what, Py_TYPE(o)->tp_name);
        return -1;
    }
    v = PyLong_AsLongLong(o);
    if (v == -1 && PyErr_Occurred())
        return -1;
    if (v < lo || v > hi) {
        PyErr_Format(PyExc_OverflowError, "%s is out of range (%lld)", what, v);
        return -1;
    }
    *out = v;
    return 0;
}

/* ---- dates ------------------------------------------------------------ */

static int grp_py_tuple_ints(PyObject *t, int *v, Py_ssize_t n, const char *what)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        long long x;
        if (grp_py_long(PyTuple_GET_ITEM(t, i), &x, INT_MIN, INT_MAX, what) < 0)
            return -1;
        v[i] = (int)x;
    }
    return 0;
}

/* datetime.date (not datetime), None (unset) or a (y, m, d) tuple. */
static int grp_py_to_date(PyObject *o, grp_date *d, const char *what)
{
    d->year = d->month = d->day = 0;
    if (o == Py_None)
        return 0;
    if (PyDateTime_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s must be a datetime.date, not a datetime.datetime", what);
        return -1;
    }
    if (PyDate_Check(o)) {
        d->year = PyDateTime_GET_YEAR(o);
        d->month = PyDateTime_GET_MONTH(o);
        d->day = PyDateTime_GET_DAY(o);
        return 0;
    }
    if (PyTuple_Check(o) && PyTuple_GET_SIZE(o) == 3) {
        int v[3];
        if (grp_py_tuple_ints(o, v, 3, what) < 0)
            return -1;
        d->year = v[0];
        d->month = v[1];
        d->day = v[2];
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "%s must be a datetime.date or None, not %.200s", what, Py_TYPE(o)->tp_name);
    return -1;
}

static PyObject *grp_py_from_date(grp_date d)
{
    if (!grp_date_is_set(d))
        Py_RETURN_NONE;
    if (grp_date_valid(d))
        return PyDate_FromDate(d.year, d.month, d.day);
    return Py_BuildValue("(iii)", d.year, d.month, d.day);
}

/* A naive datetime.datetime (microseconds dropped), None or a 6-tuple. */
static int grp_py_to_datetime(PyObject *o, grp_datetime *dt, const char *what)
{
    memset(dt, 0, sizeof *dt);
    if (o == Py_None)
        return 0;
    if (PyDateTime_Check(o)) {
        PyObject *tz = PyObject_GetAttrString(o, "tzinfo");
        int aware;
        if (!tz)
            return -1;
        aware = tz != Py_None;
        Py_DECREF(tz);
        if (aware) {
            PyErr_Format(PyExc_ValueError,
                         "%s must be a naive (local) datetime, not one with a tzinfo", what);
            return -1;
        }
        dt->year = PyDateTime_GET_YEAR(o);
        dt->month = PyDateTime_GET_MONTH(o);
        dt->day = PyDateTime_GET_DAY(o);
        dt->hour = PyDateTime_DATE_GET_HOUR(o);
        dt->minute = PyDateTime_DATE_GET_MINUTE(o);
        dt->second = PyDateTime_DATE_GET_SECOND(o);
        return 0;
    }
    if (PyTuple_Check(o) && PyTuple_GET_SIZE(o) == 6) {
        int v[6];
        if (grp_py_tuple_ints(o, v, 6, what) < 0)
            return -1;
        dt->year = v[0];
        dt->month = v[1];
        dt->day = v[2];
        dt->hour = v[3];
        dt->minute = v[4];
        dt->second = v[5];
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "%s must be a naive datetime.datetime, not %.200s", what,
                 Py_TYPE(o)->tp_name);
    return -1;
}

static PyObject *grp_py_from_datetime(grp_datetime dt)
{
    if (!dt.year && !dt.month && !dt.day && !dt.hour && !dt.minute && !dt.second)
        Py_RETURN_NONE;
    if (grp_datetime_valid(dt))
        return PyDateTime_FromDateAndTime(dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, 0);
    return Py_BuildValue("(iiiiii)", dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second);
}

/* ---- dicts <-> option and spec structs -------------------------------- */

/* Strong references that keep borrowed UTF-8 alive for the whole call,
 * even if the caller's dict is changed meanwhile by another thread. */
#define GRP_PY_HOLD_MAX 16
typedef struct grp_py_hold {
    PyObject *refs[GRP_PY_HOLD_MAX];
    int n;
    char **roles;
    int *ints;
} grp_py_hold;
#define GRP_PY_HOLD_INIT { {NULL}, 0, NULL, NULL }

static void grp_py_hold_release(grp_py_hold *h)
{
    for (int i = 0; i < h->n; i++)
        Py_CLEAR(h->refs[i]);
    h->n = 0;
    PyMem_Free(h->roles);
    h->roles = NULL;
    PyMem_Free(h->ints);
    h->ints = NULL;
}

static int grp_py_hold_keep(grp_py_hold *h, PyObject *o)
{
    if (h->n >= GRP_PY_HOLD_MAX) {
        PyErr_SetString(PyExc_RuntimeError, "libgrp binding: too many strings in one struct");
        return -1;
    }
    Py_INCREF(o);
    h->refs[h->n++] = o;
    return 0;
}

static int grp_py_field_str(PyObject *v, const char **out, grp_py_hold *h, const char *key)
{
    if (grp_py_utf8(v, out, key) < 0)
        return -1;
    return v == Py_None ? 0 : grp_py_hold_keep(h, v);
}

static int grp_py_field_int(PyObject *v, int *out, const char *key)
{
    long long x;
    if (grp_py_long(v, &x, INT_MIN, INT_MAX, key) < 0)
        return -1;
    *out = (int)x;
    return 0;
}

static int grp_py_field_uint(PyObject *v, unsigned int *out, const char *key)
{
    long long x;
    if (grp_py_long(v, &x, 0, UINT_MAX, key) < 0)
        return -1;
    *out = (unsigned int)x;
    return 0;
}

static int grp_py_field_u32(PyObject *v, uint32_t *out, const char *key)
{
    long long x;
    if (grp_py_long(v, &x, 0, UINT32_MAX, key) < 0)
        return -1;
    *out = (uint32_t)x;
    return 0;
}

static int grp_py_field_id(PyObject *v, grp_id *out, const char *key)
{
    long long x;
    if (grp_py_long(v, &x, INT64_MIN, INT64_MAX, key) < 0)
        return -1;
    *out = (grp_id)x;
    return 0;
}

/* A list or tuple of str, borrowed into a grp_strarray for the call. */
static int grp_py_field_strarray(PyObject *v, grp_strarray *out, grp_py_hold *h, const char *key)
{
    PyObject *t;
    Py_ssize_t n;
    out->strings = NULL;
    out->count = 0;
    if (v == Py_None)
        return 0;
    if (PyUnicode_Check(v) || !(PyList_Check(v) || PyTuple_Check(v))) {
        PyErr_Format(PyExc_TypeError, "%s must be a list of str, not %.200s", key, Py_TYPE(v)->tp_name);
        return -1;
    }
    t = PySequence_Tuple(v); /* a private copy: its items cannot change */
    if (!t)
        return -1;
    if (grp_py_hold_keep(h, t) < 0) {
        Py_DECREF(t);
        return -1;
    }
    Py_DECREF(t);
    n = PyTuple_GET_SIZE(t);
    if (n == 0)
        return 0;
    PyMem_Free(h->roles);
    h->roles = PyMem_Calloc((size_t)n, sizeof(char *));
    if (!h->roles) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        const char *s = NULL;
        PyObject *item = PyTuple_GET_ITEM(t, i);
        if (item == Py_None || grp_py_utf8(item, &s, key) < 0) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_TypeError, "%s must contain str, not None", key);
            return -1;
        }
        h->roles[i] = (char *)s; /* borrowed: the library only reads it */
    }
    out->strings = h->roles;
    out->count = (size_t)n;
    return 0;
}

static PyObject *grp_py_strarray_list(const grp_strarray *a)
{
    PyObject *list = PyList_New((Py_ssize_t)a->count);
    if (!list)
        return NULL;
    for (size_t i = 0; i < a->count; i++) {
        PyObject *s = grp_py_str(a->strings[i]);
        if (!s) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, s);
    }
    return list;
}

/* Iterate a dict whose keys name fields of `what`; each FIELD line below
 * either consumes the key or the key is refused. */
#define GRP_PY_DICT_BEGIN(obj, what)                                                         \
    PyObject *key_, *val_;                                                                   \
    Py_ssize_t pos_ = 0;                                                                     \
    const char *const what_ = what;                                                          \
    if (!PyDict_Check(obj)) {                                                                \
        PyErr_Format(PyExc_TypeError, "%s must be a dict or None, not %.200s", what_,        \
                     Py_TYPE(obj)->tp_name);                                                 \
        return -1;                                                                           \
    }                                                                                        \
    while (PyDict_Next(obj, &pos_, &key_, &val_)) {                                          \
        const char *k_;                                                                      \
        if (!PyUnicode_Check(key_) || !(k_ = PyUnicode_AsUTF8(key_))) {                      \
            PyErr_Clear();                                                                   \
            PyErr_Format(PyExc_TypeError, "%s keys must be str", what_);                     \
            return -1;                                                                       \
        }
#define GRP_PY_FIELD(name, conv)                                                             \
        if (strcmp(k_, name) == 0) {                                                         \
            if (conv < 0)                                                                    \
                return -1;                                                                   \
            continue;                                                                        \
        }
#define GRP_PY_DICT_END()                                                                    \
        PyErr_Format(PyExc_TypeError, "%s has no field '%s'", what_, k_);                    \
        return -1;                                                                           \
    }                                                                                        \
    return 0;

/* Enum fields go through an int: their storage type is the compiler's. */
#define GRP_PY_ENUM(name, lval, type)                                                        \
        if (strcmp(k_, name) == 0) {                                                         \
            int e_;                                                                          \
            if (grp_py_field_int(val_, &e_, name) < 0)                                       \
                return -1;                                                                   \
            lval = (type)e_;                                                                 \
            continue;                                                                        \
        }

#define GRP_PY_SET(d, name, value)                                                           \
    do {                                                                                     \
        PyObject *v_ = (value);                                                              \
        if (!v_ || PyDict_SetItemString(d, name, v_) < 0) {                                  \
            Py_XDECREF(v_);                                                                  \
            Py_DECREF(d);                                                                    \
            return NULL;                                                                     \
        }                                                                                    \
        Py_DECREF(v_);                                                                       \
    } while (0)

static int grp_py_store_options_from(PyObject *o, grp_store_options *s, grp_py_hold *h)
{
    (void)h;
    grp_store_options_init(s, GRP_STORE_OPTIONS_VERSION);
    GRP_PY_DICT_BEGIN(o, "grp_store_options")
    GRP_PY_FIELD("version", grp_py_field_uint(val_, &s->version, "version"))
    GRP_PY_FIELD("flags", grp_py_field_u32(val_, &s->flags, "flags"))
    GRP_PY_ENUM("durability", s->durability, grp_durability)
    GRP_PY_FIELD("busy_timeout_ms", grp_py_field_int(val_, &s->busy_timeout_ms, "busy_timeout_ms"))
    GRP_PY_FIELD("min_cohort", grp_py_field_int(val_, &s->min_cohort, "min_cohort"))
    GRP_PY_DICT_END()
}

static PyObject *grp_py_store_options_to(const grp_store_options *s)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    GRP_PY_SET(d, "version", PyLong_FromUnsignedLong(s->version));
    GRP_PY_SET(d, "flags", PyLong_FromUnsignedLong(s->flags));
    GRP_PY_SET(d, "durability", PyLong_FromLong((long)s->durability));
    GRP_PY_SET(d, "busy_timeout_ms", PyLong_FromLong(s->busy_timeout_ms));
    GRP_PY_SET(d, "min_cohort", PyLong_FromLong(s->min_cohort));
    return d;
}

static int grp_py_person_spec_from(PyObject *o, grp_person_spec *s, grp_py_hold *h)
{
    grp_person_spec_init(s, GRP_PERSON_SPEC_VERSION);
    GRP_PY_DICT_BEGIN(o, "grp_person_spec")
    GRP_PY_FIELD("version", grp_py_field_uint(val_, &s->version, "version"))
    GRP_PY_FIELD("org_id", grp_py_field_id(val_, &s->org_id, "org_id"))
    GRP_PY_FIELD("display_name", grp_py_field_str(val_, &s->display_name, h, "display_name"))
    GRP_PY_FIELD("job_role", grp_py_field_str(val_, &s->job_role, h, "job_role"))
    GRP_PY_FIELD("email", grp_py_field_str(val_, &s->email, h, "email"))
    GRP_PY_FIELD("external_ref", grp_py_field_str(val_, &s->external_ref, h, "external_ref"))
    GRP_PY_DICT_END()
}

static PyObject *grp_py_person_spec_to(const grp_person_spec *s)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    GRP_PY_SET(d, "version", PyLong_FromUnsignedLong(s->version));
    GRP_PY_SET(d, "org_id", PyLong_FromLongLong(s->org_id));
    GRP_PY_SET(d, "display_name", grp_py_str(s->display_name));
    GRP_PY_SET(d, "job_role", grp_py_str(s->job_role));
    GRP_PY_SET(d, "email", grp_py_str(s->email));
    GRP_PY_SET(d, "external_ref", grp_py_str(s->external_ref));
    return d;
}

static int grp_py_group_spec_from(PyObject *o, grp_group_spec *s, grp_py_hold *h)
{
    grp_group_spec_init(s, GRP_GROUP_SPEC_VERSION);
    GRP_PY_DICT_BEGIN(o, "grp_group_spec")
    GRP_PY_FIELD("version", grp_py_field_uint(val_, &s->version, "version"))
    GRP_PY_FIELD("org_id", grp_py_field_id(val_, &s->org_id, "org_id"))
    GRP_PY_FIELD("name", grp_py_field_str(val_, &s->name, h, "name"))
    GRP_PY_ENUM("kind", s->kind, grp_group_kind)
    GRP_PY_ENUM("status", s->status, grp_group_status)
    GRP_PY_FIELD("capacity", grp_py_field_int(val_, &s->capacity, "capacity"))
    GRP_PY_ENUM("capacity_policy", s->capacity_policy, grp_capacity_policy)
    GRP_PY_FIELD("quorum", grp_py_field_int(val_, &s->quorum, "quorum"))
    GRP_PY_ENUM("membership_policy", s->membership_policy, grp_membership_policy)
    GRP_PY_FIELD("allow_other_orgs", grp_py_field_int(val_, &s->allow_other_orgs, "allow_other_orgs"))
    GRP_PY_FIELD("eligible_roles", grp_py_field_strarray(val_, &s->eligible_roles, h, "eligible_roles"))
    GRP_PY_ENUM("delivery", s->delivery, grp_delivery)
    GRP_PY_FIELD("location", grp_py_field_str(val_, &s->location, h, "location"))
    GRP_PY_FIELD("meeting_link", grp_py_field_str(val_, &s->meeting_link, h, "meeting_link"))
    GRP_PY_FIELD("timezone", grp_py_field_str(val_, &s->timezone, h, "timezone"))
    GRP_PY_FIELD("session_minutes", grp_py_field_int(val_, &s->session_minutes, "session_minutes"))
    GRP_PY_DICT_END()
}

static PyObject *grp_py_group_spec_to(const grp_group_spec *s)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    GRP_PY_SET(d, "version", PyLong_FromUnsignedLong(s->version));
    GRP_PY_SET(d, "org_id", PyLong_FromLongLong(s->org_id));
    GRP_PY_SET(d, "name", grp_py_str(s->name));
    GRP_PY_SET(d, "kind", PyLong_FromLong((long)s->kind));
    GRP_PY_SET(d, "status", PyLong_FromLong((long)s->status));
    GRP_PY_SET(d, "capacity", PyLong_FromLong(s->capacity));
    GRP_PY_SET(d, "capacity_policy", PyLong_FromLong((long)s->capacity_policy));
    GRP_PY_SET(d, "quorum", PyLong_FromLong(s->quorum));
    GRP_PY_SET(d, "membership_policy", PyLong_FromLong((long)s->membership_policy));
    GRP_PY_SET(d, "allow_other_orgs", PyBool_FromLong(s->allow_other_orgs));
    GRP_PY_SET(d, "eligible_roles", grp_py_strarray_list(&s->eligible_roles));
    GRP_PY_SET(d, "delivery", PyLong_FromLong((long)s->delivery));
    GRP_PY_SET(d, "location", grp_py_str(s->location));
    GRP_PY_SET(d, "meeting_link", grp_py_str(s->meeting_link));
    GRP_PY_SET(d, "timezone", grp_py_str(s->timezone));
    GRP_PY_SET(d, "session_minutes", PyLong_FromLong(s->session_minutes));
    return d;
}

static int grp_py_join_options_from(PyObject *o, grp_join_options *s, grp_py_hold *h)
{
    grp_join_options_init(s, GRP_JOIN_OPTIONS_VERSION);
    GRP_PY_DICT_BEGIN(o, "grp_join_options")
    GRP_PY_FIELD("version", grp_py_field_uint(val_, &s->version, "version"))
    GRP_PY_ENUM("role", s->role, grp_member_role)
    GRP_PY_FIELD("reason", grp_py_field_str(val_, &s->reason, h, "reason"))
    GRP_PY_DICT_END()
}

static PyObject *grp_py_join_options_to(const grp_join_options *s)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    GRP_PY_SET(d, "version", PyLong_FromUnsignedLong(s->version));
    GRP_PY_SET(d, "role", PyLong_FromLong((long)s->role));
    GRP_PY_SET(d, "reason", grp_py_str(s->reason));
    return d;
}

static int grp_py_membership_query_from(PyObject *o, grp_membership_query *s, grp_py_hold *h)
{
    (void)h;
    grp_membership_query_init(s, GRP_MEMBERSHIP_QUERY_VERSION);
    GRP_PY_DICT_BEGIN(o, "grp_membership_query")
    GRP_PY_FIELD("version", grp_py_field_uint(val_, &s->version, "version"))
    GRP_PY_FIELD("group_id", grp_py_field_id(val_, &s->group_id, "group_id"))
    GRP_PY_FIELD("person_id", grp_py_field_id(val_, &s->person_id, "person_id"))
    GRP_PY_FIELD("date", grp_py_to_date(val_, &s->date, "date"))
    GRP_PY_FIELD("roles", grp_py_field_u32(val_, &s->roles, "roles"))
    GRP_PY_FIELD("states", grp_py_field_u32(val_, &s->states, "states"))
    GRP_PY_DICT_END()
}

static PyObject *grp_py_membership_query_to(const grp_membership_query *s)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    GRP_PY_SET(d, "version", PyLong_FromUnsignedLong(s->version));
    GRP_PY_SET(d, "group_id", PyLong_FromLongLong(s->group_id));
    GRP_PY_SET(d, "person_id", PyLong_FromLongLong(s->person_id));
    GRP_PY_SET(d, "date", grp_py_from_date(s->date));
    GRP_PY_SET(d, "roles", PyLong_FromUnsignedLong(s->roles));
    GRP_PY_SET(d, "states", PyLong_FromUnsignedLong(s->states));
    return d;
}

static int grp_py_cadence_spec_from(PyObject *o, grp_cadence_spec *s, grp_py_hold *h)
{
    grp_cadence_spec_init(s, GRP_CADENCE_SPEC_VERSION);
    GRP_PY_DICT_BEGIN(o, "grp_cadence_spec")
    GRP_PY_FIELD("version", grp_py_field_uint(val_, &s->version, "version"))
    GRP_PY_FIELD("rrule", grp_py_field_str(val_, &s->rrule, h, "rrule"))
    GRP_PY_FIELD("first_date", grp_py_to_date(val_, &s->first_date, "first_date"))
    GRP_PY_FIELD("start_hour", grp_py_field_int(val_, &s->start_hour, "start_hour"))
    GRP_PY_FIELD("start_minute", grp_py_field_int(val_, &s->start_minute, "start_minute"))
    GRP_PY_FIELD("duration_minutes", grp_py_field_int(val_, &s->duration_minutes, "duration_minutes"))
    GRP_PY_FIELD("timezone", grp_py_field_str(val_, &s->timezone, h, "timezone"))
    GRP_PY_DICT_END()
}

static PyObject *grp_py_cadence_spec_to(const grp_cadence_spec *s)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    GRP_PY_SET(d, "version", PyLong_FromUnsignedLong(s->version));
    GRP_PY_SET(d, "rrule", grp_py_str(s->rrule));
    GRP_PY_SET(d, "first_date", grp_py_from_date(s->first_date));
    GRP_PY_SET(d, "start_hour", PyLong_FromLong(s->start_hour));
    GRP_PY_SET(d, "start_minute", PyLong_FromLong(s->start_minute));
    GRP_PY_SET(d, "duration_minutes", PyLong_FromLong(s->duration_minutes));
    GRP_PY_SET(d, "timezone", grp_py_str(s->timezone));
    return d;
}

static PyObject *grp_py_attendance_stats_to(const grp_attendance_stats *s)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    GRP_PY_SET(d, "expected", PyLong_FromLong(s->expected));
    GRP_PY_SET(d, "attended", PyLong_FromLong(s->attended));
    GRP_PY_SET(d, "apologies", PyLong_FromLong(s->apologies));
    GRP_PY_SET(d, "absent", PyLong_FromLong(s->absent));
    GRP_PY_SET(d, "not_recorded", PyLong_FromLong(s->not_recorded));
    GRP_PY_SET(d, "attendance_rate", PyFloat_FromDouble(s->attendance_rate));
    GRP_PY_SET(d, "commitment_rate", PyFloat_FromDouble(s->commitment_rate));
    return d;
}

/* ---- hours.h ------------------------------------------------------------ */

static int grp_py_hours_rule_from(PyObject *o, grp_hours_rule *s, grp_py_hold *h)
{
    (void)h;
    grp_hours_rule_init(s, GRP_HOURS_RULE_VERSION);
    GRP_PY_DICT_BEGIN(o, "grp_hours_rule")
    GRP_PY_FIELD("version", grp_py_field_uint(val_, &s->version, "version"))
    GRP_PY_ENUM("mode", s->mode, grp_hours_mode)
    GRP_PY_FIELD("ratio_num", grp_py_field_int(val_, &s->ratio_num, "ratio_num"))
    GRP_PY_FIELD("ratio_den", grp_py_field_int(val_, &s->ratio_den, "ratio_den"))
    GRP_PY_DICT_END()
}

static PyObject *grp_py_hours_rule_to(const grp_hours_rule *s)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    GRP_PY_SET(d, "version", PyLong_FromUnsignedLong(s->version));
    GRP_PY_SET(d, "mode", PyLong_FromLong((long)s->mode));
    GRP_PY_SET(d, "ratio_num", PyLong_FromLong(s->ratio_num));
    GRP_PY_SET(d, "ratio_den", PyLong_FromLong(s->ratio_den));
    return d;
}

static PyObject *grp_py_hours_totals_to(const grp_hours_totals *s)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    GRP_PY_SET(d, "entries", PyLong_FromLong(s->entries));
    GRP_PY_SET(d, "minutes", PyLong_FromLongLong((long long)s->minutes));
    GRP_PY_SET(d, "credited", PyLong_FromLongLong((long long)s->credited));
    GRP_PY_SET(d, "credited_signed", PyLong_FromLongLong((long long)s->credited_signed));
    GRP_PY_SET(d, "individual", PyLong_FromLongLong((long long)s->individual));
    GRP_PY_SET(d, "group", PyLong_FromLongLong((long long)s->group));
    return d;
}

/* ---- ical.h ------------------------------------------------------------- */

static int grp_py_field_time(PyObject *v, grp_time *out, const char *key)
{
    long long x;
    if (grp_py_long(v, &x, INT64_MIN, INT64_MAX, key) < 0)
        return -1;
    *out = (grp_time)x;
    return 0;
}

static int grp_py_ical_options_from(PyObject *o, grp_ical_options *s, grp_py_hold *h)
{
    grp_ical_options_init(s, GRP_ICAL_OPTIONS_VERSION);
    GRP_PY_DICT_BEGIN(o, "grp_ical_options")
    GRP_PY_FIELD("version", grp_py_field_uint(val_, &s->version, "version"))
    GRP_PY_FIELD("prodid", grp_py_field_str(val_, &s->prodid, h, "prodid"))
    GRP_PY_FIELD("dtstamp", grp_py_field_time(val_, &s->dtstamp, "dtstamp"))
    GRP_PY_FIELD("uid_domain", grp_py_field_str(val_, &s->uid_domain, h, "uid_domain"))
    GRP_PY_DICT_END()
}

static PyObject *grp_py_ical_options_to(const grp_ical_options *s)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    GRP_PY_SET(d, "version", PyLong_FromUnsignedLong(s->version));
    GRP_PY_SET(d, "prodid", grp_py_str(s->prodid));
    GRP_PY_SET(d, "dtstamp", PyLong_FromLongLong((long long)s->dtstamp));
    GRP_PY_SET(d, "uid_domain", grp_py_str(s->uid_domain));
    return d;
}

/* ---- json.h ------------------------------------------------------------- */

static int grp_py_field_size(PyObject *v, size_t *out, const char *key)
{
    long long x;
    if (grp_py_long(v, &x, 0, (unsigned long long)SIZE_MAX < (unsigned long long)LLONG_MAX ? (long long)SIZE_MAX : LLONG_MAX,
                    key) < 0)
        return -1;
    *out = (size_t)x;
    return 0;
}

static int grp_py_json_export_options_from(PyObject *o, grp_json_export_options *s, grp_py_hold *h)
{
    (void)h;
    grp_json_export_options_init(s, GRP_JSON_EXPORT_OPTIONS_VERSION);
    GRP_PY_DICT_BEGIN(o, "grp_json_export_options")
    GRP_PY_FIELD("version", grp_py_field_uint(val_, &s->version, "version"))
    GRP_PY_FIELD("org_id", grp_py_field_id(val_, &s->org_id, "org_id"))
    GRP_PY_FIELD("group_id", grp_py_field_id(val_, &s->group_id, "group_id"))
    GRP_PY_FIELD("pretty", grp_py_field_int(val_, &s->pretty, "pretty"))
    GRP_PY_DICT_END()
}

static PyObject *grp_py_json_export_options_to(const grp_json_export_options *s)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    GRP_PY_SET(d, "version", PyLong_FromUnsignedLong(s->version));
    GRP_PY_SET(d, "org_id", PyLong_FromLongLong(s->org_id));
    GRP_PY_SET(d, "group_id", PyLong_FromLongLong(s->group_id));
    GRP_PY_SET(d, "pretty", PyLong_FromLong(s->pretty));
    return d;
}

static int grp_py_json_import_options_from(PyObject *o, grp_json_import_options *s, grp_py_hold *h)
{
    (void)h;
    grp_json_import_options_init(s, GRP_JSON_IMPORT_OPTIONS_VERSION);
    GRP_PY_DICT_BEGIN(o, "grp_json_import_options")
    GRP_PY_FIELD("version", grp_py_field_uint(val_, &s->version, "version"))
    GRP_PY_ENUM("on_existing", s->on_existing, grp_json_existing)
    GRP_PY_FIELD("max_bytes", grp_py_field_size(val_, &s->max_bytes, "max_bytes"))
    GRP_PY_DICT_END()
}

static PyObject *grp_py_json_import_options_to(const grp_json_import_options *s)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    GRP_PY_SET(d, "version", PyLong_FromUnsignedLong(s->version));
    GRP_PY_SET(d, "on_existing", PyLong_FromLong((long)s->on_existing));
    GRP_PY_SET(d, "max_bytes", PyLong_FromSize_t(s->max_bytes));
    return d;
}

/* The result of an import: a dict; "created" is a list indexed by grp_json_kind. */
static PyObject *grp_py_json_import_result_to(const grp_json_import_result *s)
{
    PyObject *created;
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    created = PyList_New(GRP_JSON_KIND_COUNT);
    if (!created) {
        Py_DECREF(d);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < GRP_JSON_KIND_COUNT; i++) {
        PyObject *n = PyLong_FromSize_t(s->created[i]);
        if (!n) {
            Py_DECREF(created);
            Py_DECREF(d);
            return NULL;
        }
        PyList_SET_ITEM(created, i, n);
    }
    GRP_PY_SET(d, "version", PyLong_FromUnsignedLong(s->version));
    GRP_PY_SET(d, "created", created);
    GRP_PY_SET(d, "skipped", PyLong_FromSize_t(s->skipped));
    GRP_PY_SET(d, "updated", PyLong_FromSize_t(s->updated));
    GRP_PY_SET(d, "reused", PyLong_FromSize_t(s->reused));
    return d;
}

static int grp_py_ndjson_import_options_from(PyObject *o, grp_ndjson_import_options *s, grp_py_hold *h)
{
    (void)h;
    grp_ndjson_import_options_init(s, GRP_NDJSON_IMPORT_OPTIONS_VERSION);
    GRP_PY_DICT_BEGIN(o, "grp_ndjson_import_options")
    GRP_PY_FIELD("version", grp_py_field_uint(val_, &s->version, "version"))
    GRP_PY_ENUM("on_existing", s->on_existing, grp_json_existing)
    GRP_PY_FIELD("batch_records", grp_py_field_size(val_, &s->batch_records, "batch_records"))
    GRP_PY_FIELD("max_line_bytes", grp_py_field_size(val_, &s->max_line_bytes, "max_line_bytes"))
    GRP_PY_DICT_END()
}

static PyObject *grp_py_ndjson_import_options_to(const grp_ndjson_import_options *s)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    GRP_PY_SET(d, "version", PyLong_FromUnsignedLong(s->version));
    GRP_PY_SET(d, "on_existing", PyLong_FromLong((long)s->on_existing));
    GRP_PY_SET(d, "batch_records", PyLong_FromSize_t(s->batch_records));
    GRP_PY_SET(d, "max_line_bytes", PyLong_FromSize_t(s->max_line_bytes));
    return d;
}

/* An NDJSON import's result: the JSON import's dict with the line counts. */
static PyObject *grp_py_ndjson_import_result_to(const grp_ndjson_import_result *s)
{
    grp_json_import_result j;
    memset(&j, 0, sizeof j);
    j.version = s->version;
    memcpy(j.created, s->created, sizeof j.created);
    j.skipped = s->skipped;
    j.updated = s->updated;
    j.reused = s->reused;
    PyObject *d = grp_py_json_import_result_to(&j);
    if (!d)
        return NULL;
    GRP_PY_SET(d, "lines", PyLong_FromSize_t(s->lines));
    GRP_PY_SET(d, "committed_lines", PyLong_FromSize_t(s->committed_lines));
    return d;
}

/* Streams from and to Python callables (called with the GIL held: the
 * functions that take them do not release it). An exception raised by the
 * callable stops the C call and is raised again by the wrapper. */
static int grp_py_ndjson_write(void *payload, const char *data, size_t len)
{
    PyObject *r = PyObject_CallFunction((PyObject *)payload, "y#", data, (Py_ssize_t)len);
    if (!r)
        return -1;
    Py_DECREF(r);
    return 0;
}

static int grp_py_ndjson_read(void *payload, char *buf, size_t size, size_t *got)
{
    char *b = NULL;
    Py_ssize_t n = 0;
    *got = 0;
    PyObject *r = PyObject_CallFunction((PyObject *)payload, "n", (Py_ssize_t)(size > PY_SSIZE_T_MAX ? PY_SSIZE_T_MAX : size));
    if (!r)
        return -1;
    if (PyUnicode_Check(r)) {
        const char *s = PyUnicode_AsUTF8AndSize(r, &n);
        b = (char *)s;
        if (!s) {
            Py_DECREF(r);
            return -1;
        }
    } else if (PyBytes_AsStringAndSize(r, &b, &n) < 0) {
        Py_DECREF(r);
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "the read function must return bytes or str, not %.200s", Py_TYPE(r)->tp_name);
        return -1;
    }
    if ((size_t)n > size) {
        Py_DECREF(r);
        PyErr_Format(PyExc_ValueError, "the read function returned %zd bytes, more than the %zu asked for", n, size);
        return -1;
    }
    memcpy(buf, b, (size_t)n);
    *got = (size_t)n;
    Py_DECREF(r);
    return 0;
}

/* ---- access.h: an actor is a (kind, person_id) tuple ----------------------- */

static int grp_py_to_actor(PyObject *o, grp_actor *a, const char *what)
{
    long long kind, person;
    if (!PyTuple_Check(o) || PyTuple_GET_SIZE(o) != 2) {
        PyErr_Format(PyExc_TypeError, "%s must be a (kind, person_id) tuple or None, not %.200s", what,
                     Py_TYPE(o)->tp_name);
        return -1;
    }
    if (grp_py_long(PyTuple_GET_ITEM(o, 0), &kind, INT_MIN, INT_MAX, what) < 0 ||
        grp_py_long(PyTuple_GET_ITEM(o, 1), &person, INT64_MIN, INT64_MAX, what) < 0)
        return -1;
    a->kind = (grp_actor_kind)kind;
    a->person_id = (grp_id)person;
    return 0;
}

/* ---- feedback.h ----------------------------------------------------------- */

/* A list or tuple of int, borrowed into h->ints for the call. */
static int grp_py_field_ints(PyObject *v, const int **out, size_t *count, grp_py_hold *h, const char *key)
{
    PyObject *t;
    Py_ssize_t n;
    *out = NULL;
    *count = 0;
    if (v == Py_None)
        return 0;
    if (!(PyList_Check(v) || PyTuple_Check(v))) {
        PyErr_Format(PyExc_TypeError, "%s must be a list of int, not %.200s", key, Py_TYPE(v)->tp_name);
        return -1;
    }
    t = PySequence_Tuple(v);
    if (!t)
        return -1;
    n = PyTuple_GET_SIZE(t);
    PyMem_Free(h->ints);
    h->ints = PyMem_Calloc(n ? (size_t)n : 1, sizeof(int));
    if (!h->ints) {
        Py_DECREF(t);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        long long x;
        if (grp_py_long(PyTuple_GET_ITEM(t, i), &x, INT_MIN, INT_MAX, key) < 0) {
            Py_DECREF(t);
            return -1;
        }
        h->ints[i] = (int)x;
    }
    Py_DECREF(t);
    *out = h->ints;
    *count = (size_t)n;
    return 0;
}

static int grp_py_feedback_submission_from(PyObject *o, grp_feedback_submission *s, grp_py_hold *h)
{
    grp_feedback_submission_init(s, GRP_FEEDBACK_SUBMISSION_VERSION);
    GRP_PY_DICT_BEGIN(o, "grp_feedback_submission")
    GRP_PY_FIELD("version", grp_py_field_uint(val_, &s->version, "version"))
    GRP_PY_FIELD("ratings", grp_py_field_ints(val_, &s->ratings, &s->rating_count, h, "ratings"))
    GRP_PY_FIELD("text", grp_py_field_str(val_, &s->text, h, "text"))
    GRP_PY_FIELD("anonymous", grp_py_field_int(val_, &s->anonymous, "anonymous"))
    GRP_PY_DICT_END()
}

static PyObject *grp_py_feedback_submission_to(const grp_feedback_submission *s)
{
    PyObject *d = PyDict_New(), *l;
    if (!d)
        return NULL;
    l = PyList_New((Py_ssize_t)(s->ratings ? s->rating_count : 0));
    for (size_t i = 0; l && s->ratings && i < s->rating_count; i++) {
        PyObject *x = PyLong_FromLong(s->ratings[i]);
        if (!x)
            Py_CLEAR(l);
        else
            PyList_SET_ITEM(l, (Py_ssize_t)i, x);
    }
    GRP_PY_SET(d, "version", PyLong_FromUnsignedLong(s->version));
    GRP_PY_SET(d, "ratings", l);
    GRP_PY_SET(d, "text", grp_py_str(s->text));
    GRP_PY_SET(d, "anonymous", PyBool_FromLong(s->anonymous));
    return d;
}

static int grp_py_feedback_scope_from(PyObject *o, grp_feedback_scope *s, grp_py_hold *h)
{
    (void)h;
    grp_feedback_scope_init(s, GRP_FEEDBACK_SCOPE_VERSION);
    GRP_PY_DICT_BEGIN(o, "grp_feedback_scope")
    GRP_PY_FIELD("version", grp_py_field_uint(val_, &s->version, "version"))
    GRP_PY_FIELD("session_id", grp_py_field_id(val_, &s->session_id, "session_id"))
    GRP_PY_FIELD("group_id", grp_py_field_id(val_, &s->group_id, "group_id"))
    GRP_PY_FIELD("facilitator_id", grp_py_field_id(val_, &s->facilitator_id, "facilitator_id"))
    GRP_PY_FIELD("org_id", grp_py_field_id(val_, &s->org_id, "org_id"))
    GRP_PY_FIELD("from", grp_py_field_time(val_, &s->from, "from"))
    GRP_PY_FIELD("to", grp_py_field_time(val_, &s->to, "to"))
    GRP_PY_FIELD("form_id", grp_py_field_id(val_, &s->form_id, "form_id"))
    GRP_PY_DICT_END()
}

static PyObject *grp_py_feedback_scope_to(const grp_feedback_scope *s)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    GRP_PY_SET(d, "version", PyLong_FromUnsignedLong(s->version));
    GRP_PY_SET(d, "session_id", PyLong_FromLongLong(s->session_id));
    GRP_PY_SET(d, "group_id", PyLong_FromLongLong(s->group_id));
    GRP_PY_SET(d, "facilitator_id", PyLong_FromLongLong(s->facilitator_id));
    GRP_PY_SET(d, "org_id", PyLong_FromLongLong(s->org_id));
    GRP_PY_SET(d, "from", PyLong_FromLongLong((long long)s->from));
    GRP_PY_SET(d, "to", PyLong_FromLongLong((long long)s->to));
    GRP_PY_SET(d, "form_id", PyLong_FromLongLong(s->form_id));
    return d;
}

/* ---- goal.h --------------------------------------------------------------- */

static int grp_py_goal_spec_from(PyObject *o, grp_goal_spec *s, grp_py_hold *h)
{
    grp_goal_spec_init(s, GRP_GOAL_SPEC_VERSION);
    GRP_PY_DICT_BEGIN(o, "grp_goal_spec")
    GRP_PY_FIELD("version", grp_py_field_uint(val_, &s->version, "version"))
    GRP_PY_FIELD("owner_id", grp_py_field_id(val_, &s->owner_id, "owner_id"))
    GRP_PY_FIELD("title", grp_py_field_str(val_, &s->title, h, "title"))
    GRP_PY_FIELD("description", grp_py_field_str(val_, &s->description, h, "description"))
    GRP_PY_FIELD("group_id", grp_py_field_id(val_, &s->group_id, "group_id"))
    GRP_PY_FIELD("target_date", grp_py_to_date(val_, &s->target_date, "target_date"))
    GRP_PY_ENUM("visibility", s->visibility, grp_visibility)
    GRP_PY_DICT_END()
}

static PyObject *grp_py_goal_spec_to(const grp_goal_spec *s)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    GRP_PY_SET(d, "version", PyLong_FromUnsignedLong(s->version));
    GRP_PY_SET(d, "owner_id", PyLong_FromLongLong(s->owner_id));
    GRP_PY_SET(d, "title", grp_py_str(s->title));
    GRP_PY_SET(d, "description", grp_py_str(s->description));
    GRP_PY_SET(d, "group_id", PyLong_FromLongLong(s->group_id));
    GRP_PY_SET(d, "target_date", grp_py_from_date(s->target_date));
    GRP_PY_SET(d, "visibility", PyLong_FromLong((long)s->visibility));
    return d;
}

static int grp_py_goal_query_from(PyObject *o, grp_goal_query *s, grp_py_hold *h)
{
    (void)h;
    grp_goal_query_init(s, GRP_GOAL_QUERY_VERSION);
    GRP_PY_DICT_BEGIN(o, "grp_goal_query")
    GRP_PY_FIELD("version", grp_py_field_uint(val_, &s->version, "version"))
    GRP_PY_FIELD("owner_id", grp_py_field_id(val_, &s->owner_id, "owner_id"))
    GRP_PY_FIELD("group_id", grp_py_field_id(val_, &s->group_id, "group_id"))
    GRP_PY_FIELD("reviewed_in", grp_py_field_id(val_, &s->reviewed_in, "reviewed_in"))
    GRP_PY_FIELD("statuses", grp_py_field_u32(val_, &s->statuses, "statuses"))
    GRP_PY_FIELD("overdue_on", grp_py_to_date(val_, &s->overdue_on, "overdue_on"))
    GRP_PY_DICT_END()
}

static PyObject *grp_py_goal_query_to(const grp_goal_query *s)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    GRP_PY_SET(d, "version", PyLong_FromUnsignedLong(s->version));
    GRP_PY_SET(d, "owner_id", PyLong_FromLongLong(s->owner_id));
    GRP_PY_SET(d, "group_id", PyLong_FromLongLong(s->group_id));
    GRP_PY_SET(d, "reviewed_in", PyLong_FromLongLong(s->reviewed_in));
    GRP_PY_SET(d, "statuses", PyLong_FromUnsignedLong(s->statuses));
    GRP_PY_SET(d, "overdue_on", grp_py_from_date(s->overdue_on));
    return d;
}

/* ---- events.h: the store's event callback ----------------------------------
 *
 * The C library calls the callback after a commit, in the thread that made
 * the call, which may have released the GIL (-threads): the trampoline
 * takes the GIL itself. The callable is kept alive by a small registry
 * (guarded by the GIL) keyed by the store, not by the Python object, and
 * released when the callback is replaced or the store is closed or
 * collected. An exception raised by the callable never reaches the C
 * library: it is reported through sys.unraisablehook (PyErr_WriteUnraisable)
 * and delivery goes on. While a callback runs, its store refuses to be used
 * (GRP_ESTATE) instead of re-entering the C library, which forbids it. */
typedef struct grp_py_callback {
    grp_store *store;
    PyObject *fn;
    int busy; /* deliveries in progress */
    struct grp_py_callback *next;
} grp_py_callback;

static grp_py_callback *grp_py_callbacks = NULL;
static int grp_py_delivering = 0;

static grp_py_callback *grp_py_callback_find(const grp_store *store)
{
    for (grp_py_callback *c = grp_py_callbacks; c; c = c->next)
        if (c->store == store)
            return c;
    return NULL;
}

/* Whether @p store is delivering events to Python right now (GIL held). */
static int grp_py_store_busy(const grp_store *store)
{
    grp_py_callback *c;
    if (!grp_py_delivering)
        return 0;
    c = grp_py_callback_find(store);
    return c && c->busy;
}

static void grp_py_event_trampoline(const grp_event *e, void *payload)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    grp_py_callback *c = (grp_py_callback *)payload;
    PyObject *type, *value, *tb, *fn = c->fn, *r;
    PyErr_Fetch(&type, &value, &tb); /* keep any error of the caller */
    Py_INCREF(fn);
    c->busy++;
    grp_py_delivering++;
    r = PyObject_CallFunction(fn, "((LLiLLL))", (long long)grp_event_seq(e), (long long)grp_event_at(e),
                              (int)grp_event_kind_of(e), (long long)grp_event_group_id(e),
                              (long long)grp_event_person_id(e), (long long)grp_event_entity_id(e));
    grp_py_delivering--;
    c->busy--;
    if (r)
        Py_DECREF(r);
    else
        PyErr_WriteUnraisable(fn); /* sys.unraisablehook; clears the error */
    Py_DECREF(fn);
    PyErr_Restore(type, value, tb);
    PyGILState_Release(gil);
}

/* Take a store's entry out of the registry (GIL held); free it with
 * grp_py_callback_release() once the store is closed. */
static grp_py_callback *grp_py_callback_detach(const grp_store *store)
{
    grp_py_callback **p, *c;
    if (!store)
        return NULL;
    for (p = &grp_py_callbacks; (c = *p) != NULL; p = &c->next) {
        if (c->store == store) {
            *p = c->next;
            c->next = NULL;
            return c;
        }
    }
    return NULL;
}

static void grp_py_callback_release(grp_py_callback *c)
{
    if (c) {
        Py_DECREF(c->fn);
        PyMem_Free(c);
    }
}

/* The destructor of a store handle (GIL held): close, then let the callable go. */
static void grp_py_store_free(grp_store *store)
{
    grp_py_callback *c = grp_py_callback_detach(store);
    grp_store_close(store);
    grp_py_callback_release(c);
}

static PyObject *grp_py_store_set_event_callback(grp_store *store, PyObject *callback)
{
    grp_py_callback *c = grp_py_callback_find(store);
    PyObject *old;
    int rc;
    if (callback != Py_None && !PyCallable_Check(callback)) {
        PyErr_Format(PyExc_TypeError, "argument 'callback' of grp_store_set_event_callback must be callable "
                     "or None, not %.200s", Py_TYPE(callback)->tp_name);
        return NULL;
    }
    if (callback == Py_None) {
        if ((rc = grp_store_set_event_callback(store, NULL, NULL)) < 0) {
            grp_py_raise(rc);
            return NULL;
        }
        grp_py_callback_release(grp_py_callback_detach(store));
        Py_RETURN_NONE;
    }
    if (!c) {
        c = PyMem_Calloc(1, sizeof *c);
        if (!c)
            return PyErr_NoMemory();
        c->store = store;
        Py_INCREF(callback);
        c->fn = callback;
        if ((rc = grp_store_set_event_callback(store, grp_py_event_trampoline, c)) < 0) {
            Py_DECREF(callback);
            PyMem_Free(c);
            grp_py_raise(rc);
            return NULL;
        }
        c->next = grp_py_callbacks;
        grp_py_callbacks = c;
        Py_RETURN_NONE;
    }
    old = c->fn;
    Py_INCREF(callback);
    c->fn = callback;
    Py_DECREF(old);
    Py_RETURN_NONE;
}

/* Report an exception the way an ignored one is (sys.unraisablehook). */
static PyObject *grp_py_write_unraisable(PyObject *exc, PyObject *obj)
{
    PyObject *tb;
    if (!PyExceptionInstance_Check(exc)) {
        PyErr_Format(PyExc_TypeError, "an exception instance is required, not %.200s", Py_TYPE(exc)->tp_name);
        return NULL;
    }
    tb = PyException_GetTraceback(exc);
    Py_INCREF(Py_TYPE(exc));
    Py_INCREF(exc);
    PyErr_Restore((PyObject *)Py_TYPE(exc), exc, tb);
    PyErr_WriteUnraisable(obj);
    Py_RETURN_NONE;
}

/* ---- helpers exposed to the package (keep the GIL: they touch objects) -- */

static void grp_py_set_error_factory(PyObject *factory)
{
    Py_XINCREF(factory == Py_None ? NULL : factory);
    Py_XDECREF(grp_py_error_factory);
    grp_py_error_factory = factory == Py_None ? NULL : factory;
}

/* Raise the exception the package maps @p code to, through the same path
 * as a failed call (used by the tests for codes no call can produce yet). */
static PyObject *grp_py_raise_error(int code, const char *message)
{
    grp_py_raise_msg(code, message);
    return NULL;
}

static void grp_py_store_close(grp_store *CLOSING)
{
    grp_store_close(CLOSING);
}
%}

%init %{
    PyDateTime_IMPORT;
    if (!PyDateTimeAPI)
        return NULL;
%}

%include <stdint.i>

/* SWIG's preprocessor must see an empty export macro. */
#define GRP_API

/* ===================================================================== */
/* Threads. -threads releases the GIL around every call; keep it for the
 * quick, pure calls (also serialising iterator steps) and release it only
 * for calls that reach SQLite, the file system or long computations. */
%nothread;
%define GRP_RELEASES_GIL(fn) %thread fn; %enddef

/* ===================================================================== */
/* Status codes. */

%typemap(out, noblock=1) int GRP_STATUS {
  if ($1 < 0) {
    grp_py_raise($1);
    SWIG_fail;
  }
  $result = SWIG_Py_Void();
}
/* An iterator step: GRP_ITEROVER is the end, returned as None. */
%typemap(out, noblock=1) int GRP_STEP {
  if ($1 < 0 && $1 != GRP_ITEROVER) {
    grp_py_raise($1);
    SWIG_fail;
  }
  $result = SWIG_Py_Void();
}
%typemap(out) int GRP_BOOL "$result = PyBool_FromLong($1);";

%define GRP_STATUS_FN(fn) %apply int GRP_STATUS { int fn }; %enddef
%define GRP_STEP_FN(fn) %apply int GRP_STEP { int fn }; %enddef
%define GRP_BOOL_FN(fn) %apply int GRP_BOOL { int fn }; %enddef

/* ===================================================================== */
/* Handles: opaque objects owned by their Python wrapper. */

%define GRP_HANDLE_IN(TYPE)
  res = SWIG_ConvertPtr($input, &argp, $descriptor(TYPE *), 0);
  if (!SWIG_IsOK(res) || $input == Py_None) {
    PyErr_Format(PyExc_TypeError, "argument '$1_name' of $symname must be a " #TYPE ", not %.200s", Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
  if (!argp) {
    grp_py_raise_msg(GRP_ECLOSED, #TYPE " is closed");
    SWIG_fail;
  }
  $1 = ($1_ltype)argp;
%enddef

%define GRP_HANDLE(TYPE, FREEFN)
%nodefaultctor TYPE;
struct TYPE {};
%extend TYPE {
  ~TYPE() { FREEFN($self); }
}
%ignore FREEFN;
%typemap(in, numinputs=0, noblock=1) TYPE **out (TYPE *tmp = NULL) {
  $1 = &tmp;
}
%typemap(argout, noblock=1) TYPE **out {
  $result = SWIG_Python_AppendOutput($result, *$1 ? SWIG_NewPointerObj(SWIG_as_voidptr(*$1), $descriptor(TYPE *), SWIG_POINTER_OWN) : SWIG_Py_Void());
  *$1 = NULL;
}
%typemap(freearg, noblock=1) TYPE **out {
  FREEFN(*$1);
}
/* A handle argument: never None; a cleared (closed) handle raises. */
%typemap(in, noblock=1) TYPE * (void *argp = 0, int res = 0) {
  GRP_HANDLE_IN(TYPE)
}
%typemap(in, noblock=1) const TYPE * (void *argp = 0, int res = 0) {
  GRP_HANDLE_IN(TYPE)
}
%enddef

GRP_HANDLE(grp_store, grp_py_store_free)
/* A store in use by its own event callback refuses to be used again. */
%typemap(in, noblock=1) grp_store * (void *argp = 0, int res = 0) {
  GRP_HANDLE_IN(grp_store)
  if (grp_py_store_busy($1)) {
    grp_py_raise_msg(GRP_ESTATE, "a store cannot be used from its own event callback");
    SWIG_fail;
  }
}
GRP_HANDLE(grp_tz, grp_tz_free)
GRP_HANDLE(grp_rrule, grp_rrule_free)
GRP_HANDLE(grp_rrule_iterator, grp_rrule_iterator_free)
GRP_HANDLE(grp_org, grp_org_free)
GRP_HANDLE(grp_org_iterator, grp_org_iterator_free)
GRP_HANDLE(grp_person, grp_person_free)
GRP_HANDLE(grp_person_iterator, grp_person_iterator_free)
GRP_HANDLE(grp_group, grp_group_free)
GRP_HANDLE(grp_group_iterator, grp_group_iterator_free)
GRP_HANDLE(grp_membership, grp_membership_free)
GRP_HANDLE(grp_membership_iterator, grp_membership_iterator_free)
GRP_HANDLE(grp_cadence, grp_cadence_free)
GRP_HANDLE(grp_cadence_iterator, grp_cadence_iterator_free)
GRP_HANDLE(grp_session, grp_session_free)
GRP_HANDLE(grp_session_iterator, grp_session_iterator_free)
GRP_HANDLE(grp_attendance, grp_attendance_free)
GRP_HANDLE(grp_attendance_iterator, grp_attendance_iterator_free)
GRP_HANDLE(grp_hours_entry, grp_hours_entry_free)
GRP_HANDLE(grp_hours_iterator, grp_hours_iterator_free)
GRP_HANDLE(grp_feedback_form, grp_feedback_form_free)
GRP_HANDLE(grp_feedback_response, grp_feedback_response_free)
GRP_HANDLE(grp_feedback_response_iterator, grp_feedback_response_iterator_free)
GRP_HANDLE(grp_feedback_summary, grp_feedback_summary_free)
GRP_HANDLE(grp_peer_feedback, grp_peer_feedback_free)
GRP_HANDLE(grp_peer_feedback_iterator, grp_peer_feedback_iterator_free)
GRP_HANDLE(grp_goal, grp_goal_free)
GRP_HANDLE(grp_goal_iterator, grp_goal_iterator_free)
GRP_HANDLE(grp_goal_progress, grp_goal_progress_free)
GRP_HANDLE(grp_goal_progress_iterator, grp_goal_progress_iterator_free)
GRP_HANDLE(grp_note, grp_note_free)
GRP_HANDLE(grp_note_iterator, grp_note_iterator_free)
GRP_HANDLE(grp_theme, grp_theme_free)
GRP_HANDLE(grp_theme_iterator, grp_theme_iterator_free)
GRP_HANDLE(grp_audit_entry, grp_audit_entry_free)
GRP_HANDLE(grp_audit_iterator, grp_audit_iterator_free)
GRP_HANDLE(grp_event, grp_event_free)
GRP_HANDLE(grp_event_iterator, grp_event_iterator_free)
GRP_HANDLE(grp_reminder, grp_reminder_free)
GRP_HANDLE(grp_reminder_iterator, grp_reminder_iterator_free)
GRP_HANDLE(grp_report, grp_report_free)
GRP_HANDLE(grp_report_iterator, grp_report_iterator_free)
GRP_HANDLE(grp_report_row, grp_report_row_free)

/* ===================================================================== */
/* Strings. */

%typemap(in, noblock=1) const char * {
  if (grp_py_utf8($input, (const char **)&$1, "argument '$1_name' of $symname") < 0)
    SWIG_fail;
}
%typemap(freearg) const char * "";
%typemap(out, noblock=1) const char * {
  $result = grp_py_str($1);
  if (!$result)
    SWIG_fail;
}

/* Library-allocated string: copied, then freed with grp_free(). */
%typemap(in, numinputs=0, noblock=1) char **out (char *tmp = NULL) {
  $1 = &tmp;
}
%typemap(argout, noblock=1) char **out {
  {
    PyObject *o_ = grp_py_str(*$1);
    grp_free(*$1);
    *$1 = NULL;
    if (!o_)
      SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, o_);
  }
}
%typemap(freearg, noblock=1) char **out {
  grp_free(*$1);
}

/* Caller buffers of the *_format functions: the result is a str. */
%typemap(in, numinputs=0, noblock=1) (char *buf, size_t size) (char tmp[64]) {
  tmp[0] = 0;
  $1 = tmp;
  $2 = sizeof tmp;
}
%typemap(argout, noblock=1) (char *buf, size_t size) {
  {
    PyObject *o_ = grp_py_str($1);
    if (!o_)
      SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, o_);
  }
}

/* Borrowed string output (time-zone abbreviation). */
%typemap(in, numinputs=0, noblock=1) const char **abbrev_out (const char *tmp = NULL) {
  $1 = ($1_ltype)&tmp;
}
%typemap(argout, noblock=1) const char **abbrev_out {
  {
    PyObject *o_ = grp_py_str(*$1);
    if (!o_)
      SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, o_);
  }
}

/* ===================================================================== */
/* Dates, date-times and scalar outputs. */

%typemap(in, noblock=1) grp_date {
  if (grp_py_to_date($input, &$1, "argument '$1_name' of $symname") < 0)
    SWIG_fail;
}
%typemap(out, noblock=1) grp_date {
  $result = grp_py_from_date($1);
  if (!$result)
    SWIG_fail;
}
%typemap(in, numinputs=0, noblock=1) grp_date *out (grp_date tmp) {
  memset(&tmp, 0, sizeof tmp);
  $1 = &tmp;
}
%typemap(argout, noblock=1) grp_date *out {
  {
    PyObject *o_ = grp_py_from_date(*$1);
    if (!o_)
      SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, o_);
  }
}

%typemap(in, noblock=1) grp_datetime {
  if (grp_py_to_datetime($input, &$1, "argument '$1_name' of $symname") < 0)
    SWIG_fail;
}
%typemap(out, noblock=1) grp_datetime {
  $result = grp_py_from_datetime($1);
  if (!$result)
    SWIG_fail;
}
%typemap(in, numinputs=0, noblock=1) grp_datetime *out (grp_datetime tmp) {
  memset(&tmp, 0, sizeof tmp);
  $1 = &tmp;
}
%typemap(argout, noblock=1) grp_datetime *out {
  {
    PyObject *o_ = grp_py_from_datetime(*$1);
    if (!o_)
      SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, o_);
  }
}
/* An array of date-times allocated by the library: a list, then grp_free(). */
%typemap(in, numinputs=0, noblock=1) (grp_datetime **out, size_t *count_out) (grp_datetime *tmp = NULL, size_t n = 0) {
  $1 = &tmp;
  $2 = &n;
}
%typemap(argout, noblock=1) (grp_datetime **out, size_t *count_out) {
  {
    PyObject *l_ = PyList_New((Py_ssize_t)*$2);
    for (size_t i_ = 0; l_ && i_ < *$2; i_++) {
      PyObject *o_ = grp_py_from_datetime((*$1)[i_]);
      if (!o_)
        Py_CLEAR(l_);
      else
        PyList_SET_ITEM(l_, (Py_ssize_t)i_, o_);
    }
    grp_free(*$1);
    *$1 = NULL;
    if (!l_)
      SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, l_);
  }
}
%typemap(freearg, noblock=1) (grp_datetime **out, size_t *count_out) {
  grp_free(*$1);
}

%define GRP_SCALAR_OUT(CTYPE, NAME, CONVERT)
%typemap(in, numinputs=0, noblock=1) CTYPE *NAME (CTYPE tmp = 0) {
  $1 = &tmp;
}
%typemap(argout, noblock=1) CTYPE *NAME {
  $result = SWIG_Python_AppendOutput($result, CONVERT);
}
%enddef
GRP_SCALAR_OUT(grp_time, out, PyLong_FromLongLong((long long)*$1))
GRP_SCALAR_OUT(grp_id, out, PyLong_FromLongLong((long long)*$1))
GRP_SCALAR_OUT(int64_t, out, PyLong_FromLongLong((long long)*$1))
GRP_SCALAR_OUT(size_t, promoted_out, PyLong_FromSize_t(*$1))
GRP_SCALAR_OUT(size_t, assigned_out, PyLong_FromSize_t(*$1))
GRP_SCALAR_OUT(int, offset_out, PyLong_FromLong(*$1))
GRP_SCALAR_OUT(int, is_dst_out, PyBool_FromLong(*$1))
GRP_SCALAR_OUT(int, out, PyLong_FromLong(*$1))
GRP_SCALAR_OUT(grp_hours_kind, kind_out, PyLong_FromLong((long)*$1))
GRP_SCALAR_OUT(size_t, pruned_out, PyLong_FromSize_t(*$1))
GRP_SCALAR_OUT(size_t, emitted_out, PyLong_FromSize_t(*$1))
GRP_SCALAR_OUT(size_t, out, PyLong_FromSize_t(*$1))

/* Supervision-hours totals: a dict. */
%ignore grp_hours_totals;
%typemap(in, numinputs=0, noblock=1) grp_hours_totals *out (grp_hours_totals tmp) {
  memset(&tmp, 0, sizeof tmp);
  $1 = &tmp;
}
%typemap(argout, noblock=1) grp_hours_totals *out {
  {
    PyObject *o_ = grp_py_hours_totals_to($1);
    if (!o_)
      SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, o_);
  }
}

/* An actor: a (kind, person_id) tuple both ways; None is NULL. */
%ignore grp_actor;
%typemap(in, noblock=1) const grp_actor *actor (grp_actor tmp) {
  if ($input == Py_None) {
    $1 = NULL;
  } else {
    if (grp_py_to_actor($input, &tmp, "argument 'actor' of $symname") < 0)
      SWIG_fail;
    $1 = &tmp;
  }
}
%typemap(out, noblock=1) grp_actor {
  $result = Py_BuildValue("(iL)", (int)$1.kind, (long long)$1.person_id);
  if (!$result)
    SWIG_fail;
}

/* A list of str in (form items); None is NULL. */
%typemap(in, noblock=1) const grp_strarray *items (grp_strarray tmp, grp_py_hold hold = GRP_PY_HOLD_INIT) {
  if (grp_py_field_strarray($input, &tmp, &hold, "argument 'items' of $symname") < 0)
    SWIG_fail;
  $1 = $input == Py_None ? NULL : &tmp;
}
%typemap(freearg, noblock=1) const grp_strarray *items {
  grp_py_hold_release(&hold$argnum);
}

/* A list or tuple of ids (the groups of a calendar); None is NULL, 0. */
%typemap(in, noblock=1) (const grp_id *group_ids, size_t count) (grp_id *tmp = NULL) {
  if ($input == Py_None) {
    $1 = NULL;
    $2 = 0;
  } else {
    PyObject *seq = PySequence_Fast($input, "argument 'group_ids' of $symname must be a list or tuple of ids");
    if (!seq)
      SWIG_fail;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    tmp = PyMem_Malloc((size_t)(n ? n : 1) * sizeof *tmp);
    if (!tmp) {
      Py_DECREF(seq);
      PyErr_NoMemory();
      SWIG_fail;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
      if (grp_py_field_id(PySequence_Fast_GET_ITEM(seq, i), &tmp[i], "argument 'group_ids' of $symname") < 0) {
        Py_DECREF(seq);
        SWIG_fail;
      }
    }
    Py_DECREF(seq);
    $1 = tmp;
    $2 = (size_t)n;
  }
}
%typemap(freearg, noblock=1) (const grp_id *group_ids, size_t count) {
  PyMem_Free(tmp$argnum);
}

/* The last error as (code, message). */
%typemap(out, noblock=1) const grp_error * {
  $result = Py_BuildValue("(iN)", $1->code, grp_py_str($1->message));
  if (!$result)
    SWIG_fail;
}

/* ===================================================================== */
/* Option and spec structs as dicts. */

%define GRP_STRUCT_DICT(TYPE, VERSION, FROM, TO)
%ignore TYPE;
/* in: a dict of fields (None = NULL = defaults); missing fields keep the
 * defaults of the type's _init() function. */
%typemap(in, noblock=1) const TYPE * (TYPE tmp, grp_py_hold hold = GRP_PY_HOLD_INIT) {
  if ($input == Py_None) {
    $1 = NULL;
  } else {
    if (FROM($input, &tmp, &hold) < 0)
      SWIG_fail;
    $1 = &tmp;
  }
}
%typemap(freearg, noblock=1) const TYPE * {
  grp_py_hold_release(&hold$argnum);
}
%typemap(argout) const TYPE * "";
/* out: the _init() and _to_spec() functions return a dict. */
%typemap(in, numinputs=0, noblock=1) TYPE * (TYPE tmp) {
  memset(&tmp, 0, sizeof tmp);
  $1 = &tmp;
}
%typemap(argout, noblock=1) TYPE * {
  {
    PyObject *o_ = TO($1);
    if (!o_)
      SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, o_);
  }
}
%enddef

GRP_STRUCT_DICT(grp_store_options, GRP_STORE_OPTIONS_VERSION, grp_py_store_options_from, grp_py_store_options_to)
GRP_STRUCT_DICT(grp_person_spec, GRP_PERSON_SPEC_VERSION, grp_py_person_spec_from, grp_py_person_spec_to)
GRP_STRUCT_DICT(grp_group_spec, GRP_GROUP_SPEC_VERSION, grp_py_group_spec_from, grp_py_group_spec_to)
GRP_STRUCT_DICT(grp_join_options, GRP_JOIN_OPTIONS_VERSION, grp_py_join_options_from, grp_py_join_options_to)
GRP_STRUCT_DICT(grp_membership_query, GRP_MEMBERSHIP_QUERY_VERSION, grp_py_membership_query_from, grp_py_membership_query_to)
GRP_STRUCT_DICT(grp_cadence_spec, GRP_CADENCE_SPEC_VERSION, grp_py_cadence_spec_from, grp_py_cadence_spec_to)
GRP_STRUCT_DICT(grp_hours_rule, GRP_HOURS_RULE_VERSION, grp_py_hours_rule_from, grp_py_hours_rule_to)
GRP_STRUCT_DICT(grp_ical_options, GRP_ICAL_OPTIONS_VERSION, grp_py_ical_options_from, grp_py_ical_options_to)
GRP_STRUCT_DICT(grp_feedback_submission, GRP_FEEDBACK_SUBMISSION_VERSION, grp_py_feedback_submission_from, grp_py_feedback_submission_to)
GRP_STRUCT_DICT(grp_feedback_scope, GRP_FEEDBACK_SCOPE_VERSION, grp_py_feedback_scope_from, grp_py_feedback_scope_to)
GRP_STRUCT_DICT(grp_goal_spec, GRP_GOAL_SPEC_VERSION, grp_py_goal_spec_from, grp_py_goal_spec_to)
GRP_STRUCT_DICT(grp_goal_query, GRP_GOAL_QUERY_VERSION, grp_py_goal_query_from, grp_py_goal_query_to)
GRP_STRUCT_DICT(grp_json_export_options, GRP_JSON_EXPORT_OPTIONS_VERSION, grp_py_json_export_options_from, grp_py_json_export_options_to)
GRP_STRUCT_DICT(grp_json_import_options, GRP_JSON_IMPORT_OPTIONS_VERSION, grp_py_json_import_options_from, grp_py_json_import_options_to)
GRP_STRUCT_DICT(grp_ndjson_import_options, GRP_NDJSON_IMPORT_OPTIONS_VERSION, grp_py_ndjson_import_options_from, grp_py_ndjson_import_options_to)

/* What a JSON import did: a dict (see grp_py_json_import_result_to). */
%ignore grp_json_import_result;
%typemap(in, numinputs=0, noblock=1) grp_json_import_result *result_out (grp_json_import_result tmp) {
  memset(&tmp, 0, sizeof tmp);
  $1 = &tmp;
}
%typemap(argout, noblock=1) grp_json_import_result *result_out {
  {
    PyObject *o_ = grp_py_json_import_result_to($1);
    if (!o_)
      SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, o_);
  }
}

/* What an NDJSON import did: a dict (see grp_py_ndjson_import_result_to). */
%ignore grp_ndjson_import_result;
%typemap(in, numinputs=0, noblock=1) grp_ndjson_import_result *result_out (grp_ndjson_import_result tmp) {
  memset(&tmp, 0, sizeof tmp);
  $1 = &tmp;
}
%typemap(argout, noblock=1) grp_ndjson_import_result *result_out {
  {
    PyObject *o_ = grp_py_ndjson_import_result_to($1);
    if (!o_)
      SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, o_);
  }
}

/* The length of an exported buffer: the str carries it. */
%typemap(in, numinputs=0, noblock=1) size_t *len_out (size_t tmp = 0) {
  $1 = &tmp;
}

/* A Python callable for the stream callbacks: write(bytes), read(size) -> bytes. */
%typemap(in, noblock=1) (grp_ndjson_write_fn write_fn, void *payload) {
  if (!PyCallable_Check($input)) {
    PyErr_Format(PyExc_TypeError, "argument 'write' of $symname must be callable, not %.200s", Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
  $1 = grp_py_ndjson_write;
  $2 = $input;
}
%typemap(in, noblock=1) (grp_ndjson_read_fn read_fn, void *payload) {
  if (!PyCallable_Check($input)) {
    PyErr_Format(PyExc_TypeError, "argument 'read' of $symname must be callable, not %.200s", Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
  $1 = grp_py_ndjson_read;
  $2 = $input;
}
/* A status after a callback: the callable's own exception comes first. */
%typemap(out, noblock=1) int GRP_CB_STATUS {
  if (PyErr_Occurred())
    SWIG_fail;
  if ($1 < 0) {
    grp_py_raise($1);
    SWIG_fail;
  }
  $result = SWIG_Py_Void();
}

/* A document to import: str (its UTF-8) or bytes (as they are, checked by
 * the library); None is NULL. Both are immutable, so the buffer stays valid
 * while the call runs without the GIL. */
%typemap(in, noblock=1) (const char *text, size_t len) {
  if ($input == Py_None) {
    $1 = NULL;
    $2 = 0;
  } else if (PyBytes_Check($input)) {
    char *b_ = NULL;
    Py_ssize_t n_ = 0;
    if (PyBytes_AsStringAndSize($input, &b_, &n_) < 0)
      SWIG_fail;
    $1 = b_;
    $2 = (size_t)n_;
  } else if (PyUnicode_Check($input)) {
    Py_ssize_t n_ = 0;
    const char *s_ = PyUnicode_AsUTF8AndSize($input, &n_);
    if (!s_)
      SWIG_fail; /* UnicodeEncodeError (a ValueError): lone surrogates */
    $1 = ($1_ltype)s_;
    $2 = (size_t)n_;
  } else {
    PyErr_Format(PyExc_TypeError, "argument 'text' of $symname must be str, bytes or None, not %.200s",
                 Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
}
%typemap(freearg) (const char *text, size_t len) "";

%ignore grp_attendance_stats;
%typemap(in, numinputs=0, noblock=1) grp_attendance_stats *out (grp_attendance_stats tmp) {
  memset(&tmp, 0, sizeof tmp);
  $1 = &tmp;
}
%typemap(argout, noblock=1) grp_attendance_stats *out {
  {
    PyObject *o_ = grp_py_attendance_stats_to($1);
    if (!o_)
      SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, o_);
  }
}

/* Plain value structs are converted by the typemaps above. */
%ignore grp_date;
%ignore grp_datetime;
%ignore grp_strarray;
%ignore grp_error;
%ignore grp_allocator;

/* Not for Python: memory management is done by the typemaps and the
 * destructors, and allocator hooks cannot be Python callables. */
%ignore grp_free;
%ignore grp_strarray_dispose;
%ignore grp_set_allocator;
%ignore grp_store_close; /* replaced below by one that clears the handle */

/* ===================================================================== */
/* The functions, header by header: the status functions are listed. */

/* ---- common.h, version.h, error.h ---- */
%include "libgrp/common.h"
%include "libgrp/version.h"
%include "libgrp/error.h"

/* ---- date.h ---- */
GRP_BOOL_FN(grp_date_valid)
GRP_BOOL_FN(grp_date_is_set)
GRP_BOOL_FN(grp_datetime_valid)
GRP_STATUS_FN(grp_date_add_days)
GRP_STATUS_FN(grp_date_diff_days)
GRP_STATUS_FN(grp_date_parse)
GRP_STATUS_FN(grp_date_format)
GRP_STATUS_FN(grp_datetime_parse)
GRP_STATUS_FN(grp_datetime_format)
GRP_STATUS_FN(grp_time_to_utc)
GRP_STATUS_FN(grp_time_from_utc)
GRP_STATUS_FN(grp_time_format)
GRP_STATUS_FN(grp_time_parse)
%include "libgrp/date.h"

/* ---- tz.h ---- */
GRP_STATUS_FN(grp_tz_open)
GRP_STATUS_FN(grp_tz_check)
GRP_STATUS_FN(grp_tz_local_to_utc)
GRP_STATUS_FN(grp_tz_utc_to_local)
GRP_STATUS_FN(grp_tz_offset_at)
GRP_RELEASES_GIL(grp_tz_open)
GRP_RELEASES_GIL(grp_tz_check)
%include "libgrp/tz.h"

/* ---- store.h ---- */
GRP_STATUS_FN(grp_store_options_init)
GRP_STATUS_FN(grp_store_open)
GRP_STATUS_FN(grp_store_begin)
GRP_STATUS_FN(grp_store_commit)
GRP_STATUS_FN(grp_store_rollback)
GRP_RELEASES_GIL(grp_store_open)
GRP_RELEASES_GIL(grp_store_begin)
GRP_RELEASES_GIL(grp_store_commit)
GRP_RELEASES_GIL(grp_store_rollback)
%include "libgrp/store.h"

/* Closing clears the pointer inside the Python object (and disowns it),
 * so a closed store can be neither used nor closed twice. Its event
 * callback (if any) is let go once the store is closed. */
%typemap(in, noblock=1) grp_store *CLOSING (void *argp = 0, int res = 0, grp_py_callback *cb = NULL) {
  res = SWIG_ConvertPtr($input, &argp, $descriptor(grp_store *), 0);
  if (!SWIG_IsOK(res) || $input == Py_None) {
    PyErr_Format(PyExc_TypeError, "argument 'store' of grp_store_close must be a grp_store, not %.200s", Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
  if (argp && grp_py_store_busy((grp_store *)argp)) {
    grp_py_raise_msg(GRP_ESTATE, "a store cannot be closed from its own event callback");
    SWIG_fail;
  }
  {
    SwigPyObject *sobj_ = SWIG_Python_GetSwigThis($input);
    if (sobj_) {
      sobj_->ptr = NULL;
      sobj_->own = 0;
    }
  }
  $1 = (grp_store *)argp; /* NULL when already closed: a no-op */
  cb = grp_py_callback_detach($1);
}
%typemap(freearg, noblock=1) grp_store *CLOSING {
  grp_py_callback_release(cb$argnum);
}
%rename(grp_store_close) grp_py_store_close;
GRP_RELEASES_GIL(grp_py_store_close)
void grp_py_store_close(grp_store *CLOSING);

/* ---- org.h ---- */
GRP_STATUS_FN(grp_org_create)
GRP_STATUS_FN(grp_org_get)
GRP_STATUS_FN(grp_org_find)
GRP_STATUS_FN(grp_org_update)
GRP_STATUS_FN(grp_org_archive)
GRP_STATUS_FN(grp_org_iterator_new)
GRP_STEP_FN(grp_org_iterator_next)
GRP_BOOL_FN(grp_org_archived)
GRP_RELEASES_GIL(grp_org_create)
GRP_RELEASES_GIL(grp_org_get)
GRP_RELEASES_GIL(grp_org_find)
GRP_RELEASES_GIL(grp_org_update)
GRP_RELEASES_GIL(grp_org_archive)
GRP_RELEASES_GIL(grp_org_iterator_new)
%include "libgrp/org.h"

/* ---- person.h ---- */
GRP_STATUS_FN(grp_person_spec_init)
GRP_STATUS_FN(grp_person_create)
GRP_STATUS_FN(grp_person_get)
GRP_STATUS_FN(grp_person_find)
GRP_STATUS_FN(grp_person_update)
GRP_STATUS_FN(grp_person_archive)
GRP_STATUS_FN(grp_person_to_spec)
GRP_STATUS_FN(grp_person_iterator_new)
GRP_STEP_FN(grp_person_iterator_next)
GRP_BOOL_FN(grp_person_archived)
GRP_RELEASES_GIL(grp_person_create)
GRP_RELEASES_GIL(grp_person_get)
GRP_RELEASES_GIL(grp_person_find)
GRP_RELEASES_GIL(grp_person_update)
GRP_RELEASES_GIL(grp_person_archive)
GRP_RELEASES_GIL(grp_person_iterator_new)
%include "libgrp/person.h"

/* ---- group.h ---- */
GRP_STATUS_FN(grp_group_spec_init)
GRP_STATUS_FN(grp_group_create)
GRP_STATUS_FN(grp_group_get)
GRP_STATUS_FN(grp_group_update)
GRP_STATUS_FN(grp_group_set_status)
GRP_STATUS_FN(grp_group_archive)
GRP_STATUS_FN(grp_group_to_spec)
GRP_STATUS_FN(grp_group_iterator_new)
GRP_STEP_FN(grp_group_iterator_next)
GRP_BOOL_FN(grp_group_allows_other_orgs)
GRP_BOOL_FN(grp_group_archived)
GRP_RELEASES_GIL(grp_group_create)
GRP_RELEASES_GIL(grp_group_get)
GRP_RELEASES_GIL(grp_group_update)
GRP_RELEASES_GIL(grp_group_set_status)
GRP_RELEASES_GIL(grp_group_archive)
GRP_RELEASES_GIL(grp_group_iterator_new)
%include "libgrp/group.h"

/* ---- membership.h ---- */
GRP_STATUS_FN(grp_join_options_init)
GRP_STATUS_FN(grp_member_join)
GRP_STATUS_FN(grp_member_approve)
GRP_STATUS_FN(grp_member_decline)
GRP_STATUS_FN(grp_member_leave)
GRP_STATUS_FN(grp_member_promote_waitlist)
GRP_STATUS_FN(grp_membership_get)
GRP_STATUS_FN(grp_membership_query_init)
GRP_STATUS_FN(grp_membership_iterator_new)
GRP_STEP_FN(grp_membership_iterator_next)
GRP_RELEASES_GIL(grp_member_join)
GRP_RELEASES_GIL(grp_member_approve)
GRP_RELEASES_GIL(grp_member_decline)
GRP_RELEASES_GIL(grp_member_leave)
GRP_RELEASES_GIL(grp_member_promote_waitlist)
GRP_RELEASES_GIL(grp_membership_get)
GRP_RELEASES_GIL(grp_membership_iterator_new)
%include "libgrp/membership.h"

/* ---- rrule.h (parsed rules are immutable: long expansions release the GIL) ---- */
GRP_STATUS_FN(grp_rrule_parse)
GRP_STATUS_FN(grp_rrule_format)
GRP_BOOL_FN(grp_rrule_equal)
GRP_STATUS_FN(grp_rrule_iterator_new)
GRP_STEP_FN(grp_rrule_iterator_next)
GRP_STATUS_FN(grp_rrule_iterator_seek)
GRP_STEP_FN(grp_rrule_next_after)
GRP_STATUS_FN(grp_rrule_between)
GRP_RELEASES_GIL(grp_rrule_next_after)
GRP_RELEASES_GIL(grp_rrule_between)
/* Here a zone may be None: floating time. */
%typemap(in, noblock=1) const grp_tz *tz (void *argp = 0, int res = 0) {
  res = SWIG_ConvertPtr($input, &argp, $descriptor(grp_tz *), 0);
  if (!SWIG_IsOK(res)) {
    PyErr_Format(PyExc_TypeError, "argument 'tz' of $symname must be a grp_tz or None, not %.200s", Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
  $1 = ($1_ltype)argp;
}
%include "libgrp/rrule.h"

/* ---- session.h ---- */
GRP_STATUS_FN(grp_cadence_spec_init)
GRP_STATUS_FN(grp_cadence_set)
GRP_STATUS_FN(grp_cadence_end)
GRP_STATUS_FN(grp_cadence_get)
GRP_STATUS_FN(grp_cadence_iterator_new)
GRP_STEP_FN(grp_cadence_iterator_next)
GRP_STATUS_FN(grp_session_ensure)
GRP_STATUS_FN(grp_session_add)
GRP_STATUS_FN(grp_session_cancel)
GRP_STATUS_FN(grp_session_set_status)
GRP_STATUS_FN(grp_session_move)
GRP_STATUS_FN(grp_session_set_place)
GRP_STATUS_FN(grp_session_get)
GRP_STATUS_FN(grp_session_next)
GRP_STATUS_FN(grp_session_iterator_new)
GRP_STATUS_FN(grp_session_iterator_for_person)
GRP_STEP_FN(grp_session_iterator_next)
GRP_BOOL_FN(grp_session_moved)
GRP_BOOL_FN(grp_session_adhoc)
GRP_BOOL_FN(grp_session_under_quorum)
GRP_RELEASES_GIL(grp_cadence_set)
GRP_RELEASES_GIL(grp_cadence_end)
GRP_RELEASES_GIL(grp_cadence_get)
GRP_RELEASES_GIL(grp_cadence_iterator_new)
GRP_RELEASES_GIL(grp_session_ensure)
GRP_RELEASES_GIL(grp_session_add)
GRP_RELEASES_GIL(grp_session_cancel)
GRP_RELEASES_GIL(grp_session_set_status)
GRP_RELEASES_GIL(grp_session_move)
GRP_RELEASES_GIL(grp_session_set_place)
GRP_RELEASES_GIL(grp_session_get)
GRP_RELEASES_GIL(grp_session_next)
GRP_RELEASES_GIL(grp_session_iterator_new)
GRP_RELEASES_GIL(grp_session_iterator_for_person)
%include "libgrp/session.h"

/* ---- attendance.h ---- */
GRP_STATUS_FN(grp_attendance_record)
GRP_STATUS_FN(grp_attendance_get)
GRP_STATUS_FN(grp_attendance_iterator_new)
GRP_STEP_FN(grp_attendance_iterator_next)
GRP_STATUS_FN(grp_attendance_stats_get)
GRP_RELEASES_GIL(grp_attendance_record)
GRP_RELEASES_GIL(grp_attendance_get)
GRP_RELEASES_GIL(grp_attendance_iterator_new)
GRP_RELEASES_GIL(grp_attendance_stats_get)
%include "libgrp/attendance.h"

/* ---- hours.h ---- */
GRP_STATUS_FN(grp_hours_rule_init)
GRP_STATUS_FN(grp_hours_rule_set)
GRP_STATUS_FN(grp_hours_rule_get)
GRP_STATUS_FN(grp_hours_credit)
GRP_STATUS_FN(grp_hours_sign)
GRP_STATUS_FN(grp_hours_correct)
GRP_STATUS_FN(grp_hours_entry_get)
GRP_STATUS_FN(grp_hours_iterator_new)
GRP_STEP_FN(grp_hours_iterator_next)
GRP_STATUS_FN(grp_hours_totals_get)
GRP_RELEASES_GIL(grp_hours_rule_set)
GRP_RELEASES_GIL(grp_hours_rule_get)
GRP_RELEASES_GIL(grp_hours_sign)
GRP_RELEASES_GIL(grp_hours_correct)
GRP_RELEASES_GIL(grp_hours_entry_get)
GRP_RELEASES_GIL(grp_hours_iterator_new)
GRP_RELEASES_GIL(grp_hours_totals_get)
%include "libgrp/hours.h"

/* ---- rota.h ---- */
GRP_STATUS_FN(grp_rota_assign)
GRP_STATUS_FN(grp_rota_clear)
GRP_STATUS_FN(grp_rota_presenter)
GRP_STATUS_FN(grp_rota_suggest)
GRP_STATUS_FN(grp_rota_swap)
GRP_STATUS_FN(grp_rota_plan)
GRP_RELEASES_GIL(grp_rota_assign)
GRP_RELEASES_GIL(grp_rota_clear)
GRP_RELEASES_GIL(grp_rota_presenter)
GRP_RELEASES_GIL(grp_rota_suggest)
GRP_RELEASES_GIL(grp_rota_swap)
GRP_RELEASES_GIL(grp_rota_plan)
%include "libgrp/rota.h"

/* ---- ical.h ---- */
GRP_STATUS_FN(grp_ical_options_init)
GRP_STATUS_FN(grp_ical_export_group)
GRP_STATUS_FN(grp_ical_export_groups)
GRP_STATUS_FN(grp_ical_export_group_to_file)
GRP_RELEASES_GIL(grp_ical_export_group)
GRP_RELEASES_GIL(grp_ical_export_group_to_file)
%include "libgrp/ical.h"

/* ---- json.h (export and import read or write the whole store: they release the GIL) ---- */
GRP_STATUS_FN(grp_json_export_options_init)
GRP_STATUS_FN(grp_json_export)
GRP_STATUS_FN(grp_json_export_to_file)
GRP_STATUS_FN(grp_json_import_options_init)
GRP_STATUS_FN(grp_json_import)
GRP_STATUS_FN(grp_json_import_file)
GRP_RELEASES_GIL(grp_json_export)
GRP_RELEASES_GIL(grp_json_export_to_file)
GRP_RELEASES_GIL(grp_json_import)
GRP_RELEASES_GIL(grp_json_import_file)
%apply int GRP_CB_STATUS { int grp_ndjson_export };
%apply int GRP_CB_STATUS { int grp_ndjson_import };
GRP_STATUS_FN(grp_ndjson_export_to_buffer)
GRP_STATUS_FN(grp_ndjson_export_to_file)
GRP_STATUS_FN(grp_ndjson_import_options_init)
GRP_STATUS_FN(grp_ndjson_import_buffer)
GRP_STATUS_FN(grp_ndjson_import_file)
GRP_RELEASES_GIL(grp_ndjson_export_to_buffer)
GRP_RELEASES_GIL(grp_ndjson_export_to_file)
GRP_RELEASES_GIL(grp_ndjson_import_buffer)
GRP_RELEASES_GIL(grp_ndjson_import_file)
%constant size_t GRP_NDJSON_DEFAULT_MAX_LINE_BYTES = GRP_NDJSON_DEFAULT_MAX_LINE_BYTES;
/* Macros with a cast, which SWIG does not wrap by itself. */
%constant size_t GRP_JSON_DEFAULT_MAX_BYTES = GRP_JSON_DEFAULT_MAX_BYTES;
%constant size_t GRP_JSON_MAX_RECORD_BYTES = GRP_JSON_MAX_RECORD_BYTES;
%include "libgrp/json.h"

/* ---- access.h ---- */
GRP_STATUS_FN(grp_org_admin_add)
GRP_STATUS_FN(grp_org_admin_remove)
GRP_STATUS_FN(grp_org_admin_check)
GRP_RELEASES_GIL(grp_org_admin_add)
GRP_RELEASES_GIL(grp_org_admin_remove)
GRP_RELEASES_GIL(grp_org_admin_check)
%include "libgrp/access.h"

/* ---- feedback.h ---- */
%warnfilter(314) grp_feedback_scope::from; /* an ignored struct: Python sees a dict */
GRP_STATUS_FN(grp_feedback_form_create)
GRP_STATUS_FN(grp_feedback_form_default)
GRP_STATUS_FN(grp_feedback_form_get)
GRP_STATUS_FN(grp_group_set_feedback_form)
GRP_STATUS_FN(grp_group_feedback_form)
GRP_STATUS_FN(grp_feedback_submission_init)
GRP_STATUS_FN(grp_feedback_submit)
GRP_STATUS_FN(grp_feedback_has_responded)
GRP_STATUS_FN(grp_feedback_response_iterator_new)
GRP_STEP_FN(grp_feedback_response_iterator_next)
GRP_STATUS_FN(grp_feedback_scope_init)
GRP_STATUS_FN(grp_feedback_summary_get)
GRP_STATUS_FN(grp_peer_feedback_give)
GRP_STATUS_FN(grp_peer_feedback_iterator_new)
GRP_STEP_FN(grp_peer_feedback_iterator_next)
GRP_BOOL_FN(grp_peer_feedback_shared)
GRP_RELEASES_GIL(grp_feedback_form_create)
GRP_RELEASES_GIL(grp_feedback_form_default)
GRP_RELEASES_GIL(grp_feedback_form_get)
GRP_RELEASES_GIL(grp_group_set_feedback_form)
GRP_RELEASES_GIL(grp_group_feedback_form)
GRP_RELEASES_GIL(grp_feedback_submit)
GRP_RELEASES_GIL(grp_feedback_has_responded)
GRP_RELEASES_GIL(grp_feedback_response_iterator_new)
GRP_RELEASES_GIL(grp_feedback_summary_get)
GRP_RELEASES_GIL(grp_peer_feedback_give)
GRP_RELEASES_GIL(grp_peer_feedback_iterator_new)
%include "libgrp/feedback.h"

/* ---- goal.h ---- */
GRP_STATUS_FN(grp_goal_spec_init)
GRP_STATUS_FN(grp_goal_create)
GRP_STATUS_FN(grp_goal_get)
GRP_STATUS_FN(grp_goal_update)
GRP_STATUS_FN(grp_goal_set_status)
GRP_STATUS_FN(grp_goal_step_add)
GRP_STATUS_FN(grp_goal_step_set_done)
GRP_STATUS_FN(grp_goal_progress_add)
GRP_STATUS_FN(grp_goal_progress_iterator_new)
GRP_STEP_FN(grp_goal_progress_iterator_next)
GRP_STATUS_FN(grp_goal_query_init)
GRP_STATUS_FN(grp_goal_iterator_new)
GRP_STEP_FN(grp_goal_iterator_next)
GRP_BOOL_FN(grp_goal_step_done)
GRP_RELEASES_GIL(grp_goal_create)
GRP_RELEASES_GIL(grp_goal_get)
GRP_RELEASES_GIL(grp_goal_update)
GRP_RELEASES_GIL(grp_goal_set_status)
GRP_RELEASES_GIL(grp_goal_step_add)
GRP_RELEASES_GIL(grp_goal_step_set_done)
GRP_RELEASES_GIL(grp_goal_progress_add)
GRP_RELEASES_GIL(grp_goal_progress_iterator_new)
GRP_RELEASES_GIL(grp_goal_iterator_new)
%include "libgrp/goal.h"

/* ---- note.h ---- */
GRP_STATUS_FN(grp_note_add)
GRP_STATUS_FN(grp_note_iterator_new)
GRP_STEP_FN(grp_note_iterator_next)
GRP_STATUS_FN(grp_theme_raise)
GRP_STATUS_FN(grp_theme_set_status)
GRP_STATUS_FN(grp_theme_iterator_new)
GRP_STEP_FN(grp_theme_iterator_next)
GRP_RELEASES_GIL(grp_note_add)
GRP_RELEASES_GIL(grp_note_iterator_new)
GRP_RELEASES_GIL(grp_theme_raise)
GRP_RELEASES_GIL(grp_theme_set_status)
GRP_RELEASES_GIL(grp_theme_iterator_new)
%include "libgrp/note.h"

/* ---- audit.h ---- */
GRP_STATUS_FN(grp_audit_iterator_new)
GRP_STEP_FN(grp_audit_iterator_next)
GRP_STATUS_FN(grp_person_export)
GRP_STATUS_FN(grp_person_erase)
GRP_RELEASES_GIL(grp_audit_iterator_new)
GRP_RELEASES_GIL(grp_person_export)
GRP_RELEASES_GIL(grp_person_erase)
%include "libgrp/audit.h"

/* ---- events.h ---- */
GRP_STATUS_FN(grp_events_since)
GRP_STEP_FN(grp_event_iterator_next)
GRP_STATUS_FN(grp_events_last_seq)
GRP_STATUS_FN(grp_events_prune)
GRP_STATUS_FN(grp_events_emit_due)
GRP_STATUS_FN(grp_reminders_sessions)
GRP_STATUS_FN(grp_reminders_low_engagement)
GRP_STATUS_FN(grp_reminders_goals_due)
GRP_STATUS_FN(grp_reminders_feedback_pending)
GRP_STATUS_FN(grp_reminders_under_quorum)
GRP_STATUS_FN(grp_reminders_waitlist)
GRP_STEP_FN(grp_reminder_iterator_next)
GRP_BOOL_FN(grp_reminder_overdue)
GRP_RELEASES_GIL(grp_events_since)
GRP_RELEASES_GIL(grp_events_last_seq)
GRP_RELEASES_GIL(grp_events_prune)
GRP_RELEASES_GIL(grp_events_emit_due)
GRP_RELEASES_GIL(grp_reminders_sessions)
GRP_RELEASES_GIL(grp_reminders_low_engagement)
GRP_RELEASES_GIL(grp_reminders_goals_due)
GRP_RELEASES_GIL(grp_reminders_feedback_pending)
GRP_RELEASES_GIL(grp_reminders_under_quorum)
GRP_RELEASES_GIL(grp_reminders_waitlist)
/* The callback is a Python callable (see grp_py_store_set_event_callback):
 * it is called with one tuple (seq, at, kind, group_id, person_id,
 * entity_id) after each commit, with the GIL held; what it raises goes to
 * sys.unraisablehook. It must not use its store (that raises StateError). */
%ignore grp_store_set_event_callback;
%ignore grp_event_callback;
%include "libgrp/events.h"
%rename(grp_store_set_event_callback) grp_py_store_set_event_callback;
PyObject *grp_py_store_set_event_callback(grp_store *store, PyObject *callback);

/* ---- report.h (a finished report is immutable: its getters keep the GIL) ---- */
GRP_STATUS_FN(grp_report_column_find)
GRP_STATUS_FN(grp_report_iterator_new)
GRP_STEP_FN(grp_report_iterator_next)
GRP_STATUS_FN(grp_report_write_csv)
GRP_STATUS_FN(grp_report_write_json)
GRP_STATUS_FN(grp_report_attendance)
GRP_STATUS_FN(grp_report_attendance_org)
GRP_STATUS_FN(grp_report_hours)
GRP_STATUS_FN(grp_report_goals)
GRP_STATUS_FN(grp_report_feedback)
GRP_STATUS_FN(grp_report_membership_changes)
GRP_RELEASES_GIL(grp_report_attendance)
GRP_RELEASES_GIL(grp_report_attendance_org)
GRP_RELEASES_GIL(grp_report_hours)
GRP_RELEASES_GIL(grp_report_goals)
GRP_RELEASES_GIL(grp_report_feedback)
GRP_RELEASES_GIL(grp_report_membership_changes)
%include "libgrp/report.h"

/* ===================================================================== */
/* Package hooks (private). */
%rename(_set_error_factory) grp_py_set_error_factory;
%rename(_raise_error) grp_py_raise_error;
%rename(_write_unraisable) grp_py_write_unraisable;
%typemap(in) PyObject *factory "$1 = $input;";
void grp_py_set_error_factory(PyObject *factory);
PyObject *grp_py_raise_error(int code, const char *message);
PyObject *grp_py_write_unraisable(PyObject *exc, PyObject *obj);

/* Shared by the libFuzzer harnesses in tests/fuzz/: the entry point's
 * prototype, a failure helper and a reader that turns the fuzzer's bytes
 * into parameters. Header-only so that each harness is one translation
 * unit, built either with clang -fsanitize=fuzzer (scripts/fuzz) or with
 * the normal compiler and replay.c (tests/fuzz/tests.cmake). */
#ifndef GRP_FUZZ_COMMON_H
#define GRP_FUZZ_COMMON_H

#include <libgrp.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise of the library: say which, with the last error, and
 * abort so that libFuzzer (or the replay driver) reports the input. */
#define FUZZ_CHECK(cond, ...)                                                             \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            fprintf(stderr, "%s:%d: check failed: %s\n  ", __FILE__, __LINE__, #cond);   \
            fprintf(stderr, __VA_ARGS__);                                                 \
            fprintf(stderr, "\n  last library error (maybe from an earlier call): %d %s\n", \
                    grp_error_last()->code, grp_error_last()->message);                   \
            abort();                                                                      \
        }                                                                                 \
    } while (0)

/* Every failure must come with a message. */
#define FUZZ_CHECK_ERROR(rc)                                                           \
    FUZZ_CHECK(grp_error_last()->code == (rc) && grp_error_last()->message[0] != '\0', \
               "rc %d without a matching last error", (rc))

/* A new, empty in-memory store. */
static inline grp_store *fuzz_new_store(void)
{
    grp_store *s = NULL;
    FUZZ_CHECK(grp_store_open(&s, ":memory:", NULL) == GRP_OK, "opening a store");
    return s;
}

/* A store opened once per process, for harnesses whose inputs each run
 * inside grp_store_begin() ... grp_store_rollback() on it: opening a store
 * (schema migrations) costs far more than most inputs. `rest` is the
 * store's export at rest, by the harness's own export function; after the
 * rollback the export must equal it again, so inputs cannot affect one
 * another. */
typedef char *(*fuzz_export_fn)(grp_store *s);

typedef struct fuzz_fixture {
    grp_store *s;
    char *rest;
    fuzz_export_fn export_of;
} fuzz_fixture;

/* Open f's store (empty) and record its export at rest. */
static inline void fuzz_fixture_open(fuzz_fixture *f, fuzz_export_fn export_of)
{
    f->s = fuzz_new_store();
    f->export_of = export_of;
    f->rest = export_of(f->s);
}

/* Record what f's store holds now (after the harness filled it) as its
 * state at rest. */
static inline void fuzz_fixture_settle(fuzz_fixture *f)
{
    grp_free(f->rest);
    f->rest = f->export_of(f->s);
}

static inline void fuzz_fixture_begin(fuzz_fixture *f)
{
    FUZZ_CHECK(grp_store_begin(f->s) == GRP_OK, "begin");
}

/* Roll back and check the store is as it was. */
static inline void fuzz_fixture_end(fuzz_fixture *f)
{
    FUZZ_CHECK(grp_store_rollback(f->s) == GRP_OK, "rollback");
    FUZZ_CHECK(grp_store_transaction_depth(f->s) == 0, "a transaction is still open");
    char *now = f->export_of(f->s);
    FUZZ_CHECK(strcmp(now, f->rest) == 0, "the rollback did not restore the store");
    grp_free(now);
}

/* f's store's export equals its state at rest (e.g. after a failed import). */
static inline int fuzz_fixture_at_rest(fuzz_fixture *f)
{
    char *now = f->export_of(f->s);
    int same = strcmp(now, f->rest) == 0;
    grp_free(now);
    return same;
}

/* A refused JSON or NDJSON import: one of the codes json.h documents for
 * a store opened by the system actor, with a message. Not GRP_ENOMEM: no
 * allocation fails here (inputs are at most 1 MiB), and the import reports
 * a NULL from cJSON on text its scanner accepted as out of memory, so
 * GRP_ENOMEM would mean the scanner let through text cJSON refuses. */
static inline void fuzz_check_import_failure(int rc)
{
    FUZZ_CHECK(rc == GRP_EPARSE || rc == GRP_EINVAL || rc == GRP_EUNSUPPORTED || rc == GRP_EEXISTS,
               "undocumented code %d (%s)", rc, grp_error_last()->message);
    FUZZ_CHECK_ERROR(rc);
}

/* Sequential reader over the bytes; reads past the end give zeros. */
typedef struct fuzz_in {
    const uint8_t *p;
    size_t n, i;
} fuzz_in;

static inline fuzz_in fuzz_in_make(const uint8_t *p, size_t n)
{
    fuzz_in in = {p, n, 0};
    return in;
}

static inline int fuzz_more(const fuzz_in *in)
{
    return in->i < in->n;
}

static inline unsigned fuzz_u8(fuzz_in *in)
{
    return in->i < in->n ? in->p[in->i++] : 0u;
}

static inline unsigned fuzz_u16(fuzz_in *in)
{
    unsigned hi = fuzz_u8(in);
    return (hi << 8) | fuzz_u8(in);
}

static inline int fuzz_i16(fuzz_in *in)
{
    unsigned v = fuzz_u16(in);
    return v >= 0x8000u ? (int)v - 0x10000 : (int)v;
}

static inline int64_t fuzz_i64(fuzz_in *in)
{
    uint64_t v = 0;
    for (int k = 0; k < 8; k++)
        v = (v << 8) | fuzz_u8(in);
    return (int64_t)v;
}

/* A NUL-terminated heap copy of p[0..n): the text ends at the first NUL
 * byte, as a C caller's string would. */
static inline char *fuzz_strndup(const uint8_t *p, size_t n)
{
    char *s = malloc(n + 1);
    if (!s)
        abort();
    if (n)
        memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

/* Index of the first NUL byte in data[0..size), or size. Harnesses whose
 * input is "text NUL parameters" split there, so that a plain-text seed is
 * the text with default parameters. */
static inline size_t fuzz_text_len(const uint8_t *data, size_t size)
{
    const void *z = size ? memchr(data, 0, size) : NULL;
    return z ? (size_t)((const uint8_t *)z - data) : size;
}

static inline int fuzz_dt_equal(grp_datetime a, grp_datetime b)
{
    return a.year == b.year && a.month == b.month && a.day == b.day && a.hour == b.hour &&
           a.minute == b.minute && a.second == b.second;
}

/* Order of two valid local date-times (lexicographic on the fields). */
static inline int fuzz_dt_compare(grp_datetime a, grp_datetime b)
{
    const int x[6] = {a.year, a.month, a.day, a.hour, a.minute, a.second};
    const int y[6] = {b.year, b.month, b.day, b.hour, b.minute, b.second};
    for (int k = 0; k < 6; k++)
        if (x[k] != y[k])
            return x[k] < y[k] ? -1 : 1;
    return 0;
}

#endif

/* Fuzz the NDJSON stream import of <libgrp/json.h>.
 *
 * The input is the stream. It is imported through the buffer reader with
 * the line limit set from the input's length (so both sides of the limit
 * are reached), once in one transaction and once in batches of three
 * records, each time into an empty store. Promises checked: every failure
 * is a documented code with a message that begins with "line N: "; both
 * ways agree on success (unless out of memory); a failed import in one
 * transaction commits no line and leaves the store as it was (its NDJSON
 * export equals an empty store's); in batches, the store holds exactly what
 * the result calls committed (importing that prefix of the stream into an
 * empty store gives the same export; nothing committed leaves the store
 * empty), and a successful batched import gives the same export as the
 * import in one transaction; a successful import exports a stream that
 * imports into an empty store and exports again byte for byte.
 *
 * Speed. Opening a store (schema migrations) costs far more than an
 * import; this harness used to open three or four per input and ran at
 * about 25-40 inputs a second. As in fuzz_json, two empty in-memory stores
 * are now opened once per process (fuzz_fixture in fuzz_common.h) and each
 * import runs inside grp_store_begin() ... grp_store_rollback() on one of
 * them; the harness checks that the rollback restores the empty export.
 *
 * Inside an outer transaction the import's own transaction is a savepoint
 * (<libgrp/store.h>: levels nest), and so is each batch: a batch's commit
 * releases its savepoint into the outer transaction, and a failure rolls
 * back only the batch it happens in. The store seen inside the outer
 * transaction is therefore exactly what a real batched import would have
 * committed, and the committed-prefix check means the same there. What the
 * outer transaction hides is the real COMMIT of each batch (and the
 * rollback of a last batch that is the only open transaction). So one
 * input in 16, chosen by length (size % 16 == 7, which three of the seeds
 * have), runs the batched import outside any transaction, on a new store of
 * its own, as every input used to: one store opened per 16 inputs instead
 * of three or four per input. Restoring a pristine store through SQLite's
 * backup API instead was not chosen: it needs the store's SQLite
 * connection, which stays inside the store layer (SQL only in
 * libgrp/store/), and it would still cost a copy per input. A failed
 * one-transaction import outside a transaction (a real ROLLBACK) is covered
 * by the unit tests (test_ndjson.c's refused corpus). */
#include "fuzz_common.h"

static char *export_of(grp_store *s)
{
    char *out = NULL;
    grp_actor sys = grp_actor_system();
    int rc = grp_ndjson_export_to_buffer(&out, NULL, s, &sys, NULL);
    FUZZ_CHECK(rc == GRP_OK && out, "export: %d", rc);
    return out;
}

/* Both empty at rest: `one` takes the input, `aux` the re-imports. */
static fuzz_fixture one, aux;

static void check_failure(int rc)
{
    fuzz_check_import_failure(rc);
    FUZZ_CHECK(rc == GRP_ENOMEM || strncmp(grp_error_last()->message, "line ", 5) == 0,
               "message without a line number: %s", grp_error_last()->message);
}

/* The first `lines` lines of text. */
static size_t prefix_len(const char *text, size_t len, size_t lines)
{
    size_t i = 0;
    for (size_t n = 0; n < lines && i < len; i++) {
        if (text[i] == '\n')
            n++;
    }
    return i;
}

/* An accepted stream: its export `got` imports into an empty store and
 * exports again byte for byte. */
static void check_round_trip(const char *got)
{
    grp_actor sys = grp_actor_system();
    fuzz_fixture_begin(&aux);
    int rc = grp_ndjson_import_buffer(NULL, aux.s, &sys, got, strlen(got), NULL);
    FUZZ_CHECK(rc == GRP_OK, "re-import of an export: %d", rc);
    char *again = export_of(aux.s);
    FUZZ_CHECK(strcmp(again, got) == 0, "export -> import -> export differs");
    grp_free(again);
    fuzz_fixture_end(&aux);
}

/* After a failed batched import into b, which was empty: b holds exactly
 * the lines the result calls committed. */
static void check_committed_prefix(grp_store *b, const char *text, size_t size, const grp_ndjson_import_result *r,
                                   grp_ndjson_import_options o)
{
    grp_actor sys = grp_actor_system();
    char *bx = export_of(b);
    if (r->committed_lines == 0) {
        FUZZ_CHECK(strcmp(bx, aux.rest) == 0, "nothing committed, yet the store changed");
    } else {
        fuzz_fixture_begin(&aux);
        o.batch_records = 0;
        int prc = grp_ndjson_import_buffer(NULL, aux.s, &sys, text, prefix_len(text, size, r->committed_lines), &o);
        FUZZ_CHECK(prc == GRP_OK, "the committed prefix does not import: %d", prc);
        char *px = export_of(aux.s);
        FUZZ_CHECK(strcmp(bx, px) == 0, "the store is not its committed prefix");
        grp_free(px);
        fuzz_fixture_end(&aux);
    }
    grp_free(bx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    grp_actor sys = grp_actor_system();
    grp_ndjson_import_options o = GRP_NDJSON_IMPORT_OPTIONS_INIT;
    grp_ndjson_import_result r;
    char *got = NULL;
    if (size > 1 << 20)
        return 0;
    if (!one.s) {
        fuzz_fixture_open(&one, export_of);
        fuzz_fixture_open(&aux, export_of);
    }
    o.max_line_bytes = size % 7 == 0 ? 64 + size / 2 : 0;

    /* one transaction */
    fuzz_fixture_begin(&one);
    int rc = grp_ndjson_import_buffer(&r, one.s, &sys, text, size, &o);
    if (rc != GRP_OK) {
        check_failure(rc);
        FUZZ_CHECK(r.committed_lines == 0, "committed %zu lines in one transaction", r.committed_lines);
        FUZZ_CHECK(fuzz_fixture_at_rest(&one), "a failed import changed the store");
    } else {
        FUZZ_CHECK(r.committed_lines == r.lines, "committed %zu of %zu", r.committed_lines, r.lines);
        got = export_of(one.s);
        check_round_trip(got);
    }
    fuzz_fixture_end(&one);

    /* batches of three: what is committed is a prefix of the stream */
    grp_store *fresh = size % 16 == 7 ? fuzz_new_store() : NULL;
    grp_store *b = fresh ? fresh : one.s;
    if (!fresh)
        fuzz_fixture_begin(&one);
    o.batch_records = 3;
    int brc = grp_ndjson_import_buffer(&r, b, &sys, text, size, &o);
    FUZZ_CHECK((brc == GRP_OK) == (rc == GRP_OK) || brc == GRP_ENOMEM || rc == GRP_ENOMEM,
               "batches %d, one transaction %d", brc, rc);
    if (brc != GRP_OK) {
        check_failure(brc);
        check_committed_prefix(b, text, size, &r, o);
    } else if (got) {
        char *bx = export_of(b);
        FUZZ_CHECK(strcmp(bx, got) == 0, "batches and one transaction give different stores");
        grp_free(bx);
    }
    if (fresh)
        grp_store_close(fresh);
    else
        fuzz_fixture_end(&one);
    grp_free(got);
    return 0;
}

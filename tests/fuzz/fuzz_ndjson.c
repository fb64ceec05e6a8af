/* Fuzz the NDJSON stream import of <libgrp/json.h>.
 *
 * The input is the stream. It is imported into a new in-memory store, once
 * in one transaction and once in batches of three records (into another new
 * store), through the buffer reader with the line limit set from the input's
 * length so that both sides of the limit are reached. Promises checked:
 * every failure is a documented code with a message that begins with
 * "line N: "; a failed import in one transaction leaves the store as it was
 * (its NDJSON export equals an empty store's); in batches, the store holds
 * exactly what the result calls committed (re-importing that prefix of the
 * stream gives the same export); a successful import exports a stream that
 * imports into a third store and exports again byte for byte. */
#include "fuzz_common.h"

static char *export_of(grp_store *s)
{
    char *out = NULL;
    grp_actor sys = grp_actor_system();
    int rc = grp_ndjson_export_to_buffer(&out, NULL, s, &sys, NULL);
    FUZZ_CHECK(rc == GRP_OK && out, "export: %d", rc);
    return out;
}

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    grp_actor sys = grp_actor_system();
    grp_ndjson_import_options o = GRP_NDJSON_IMPORT_OPTIONS_INIT;
    grp_ndjson_import_result r;
    if (size > 1 << 20)
        return 0;
    o.max_line_bytes = size % 7 == 0 ? 64 + size / 2 : 0;

    /* one transaction */
    grp_store *s = fuzz_new_store();
    char *empty = export_of(s);
    int rc = grp_ndjson_import_buffer(&r, s, &sys, text, size, &o);
    char *got = export_of(s);
    if (rc != GRP_OK) {
        check_failure(rc);
        FUZZ_CHECK(r.committed_lines == 0, "committed %zu lines in one transaction", r.committed_lines);
        FUZZ_CHECK(strcmp(got, empty) == 0, "a failed import changed the store");
    } else {
        FUZZ_CHECK(r.committed_lines == r.lines, "committed %zu of %zu", r.committed_lines, r.lines);
        grp_store *t = fuzz_new_store();
        rc = grp_ndjson_import_buffer(NULL, t, &sys, got, strlen(got), NULL);
        FUZZ_CHECK(rc == GRP_OK, "re-import of an export: %d", rc);
        char *again = export_of(t);
        FUZZ_CHECK(strcmp(again, got) == 0, "export -> import -> export differs");
        grp_free(again);
        grp_store_close(t);
    }

    /* batches of three: what is committed is a prefix of the stream */
    grp_store *b = fuzz_new_store();
    o.batch_records = 3;
    int brc = grp_ndjson_import_buffer(&r, b, &sys, text, size, &o);
    FUZZ_CHECK((brc == GRP_OK) == (rc == GRP_OK) || brc == GRP_ENOMEM || rc == GRP_ENOMEM,
               "batches %d, one transaction %d", brc, rc);
    if (brc != GRP_OK) {
        check_failure(brc);
        grp_store *p = fuzz_new_store();
        size_t plen = prefix_len(text, size, r.committed_lines);
        o.batch_records = 0;
        int prc = grp_ndjson_import_buffer(NULL, p, &sys, text, plen, &o);
        char *bx = export_of(b), *px = export_of(p);
        FUZZ_CHECK(prc == GRP_OK || r.committed_lines == 0, "the committed prefix does not import: %d", prc);
        FUZZ_CHECK(strcmp(bx, px) == 0 || r.committed_lines == 0, "the store is not its committed prefix");
        if (r.committed_lines == 0)
            FUZZ_CHECK(strcmp(bx, empty) == 0, "nothing committed, yet the store changed");
        grp_free(bx);
        grp_free(px);
        grp_store_close(p);
    }
    grp_store_close(b);
    grp_free(got);
    grp_free(empty);
    grp_store_close(s);
    return 0;
}

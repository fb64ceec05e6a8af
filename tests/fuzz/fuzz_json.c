/* Fuzz the JSON document import of <libgrp/json.h>.
 *
 * The input is the document, passed with its length (not as a C string, so
 * an overread is caught). It is imported twice:
 *
 * - into a new, empty in-memory store, with a size limit derived from the
 *   input's length (so both sides of grp_json_import_options.max_bytes are
 *   reached);
 * - into a store that already holds a small document (BASE below: an
 *   organisation and a person with external references, a group and a
 *   stint), with the on_existing policy taken from the input's length, so
 *   that existing external_refs (fail, skip, update) and id remapping are
 *   reached.
 *
 * - for one input in 16, from a file, read through the import's 64 KiB
 *   window: the input after whitespace that puts one of its bytes (chosen
 *   from the input) at byte 65536, imported from the file and from memory
 *   into the empty store, must give the same code, message and store.
 *
 * Promises checked: every failure is a documented code with a message
 * (never GRP_ENOMEM: see fuzz_check_import_failure); an accepted document
 * is one cJSON parses whole; a failed import leaves the store as it was
 * (its export is unchanged); a
 * successful import exports a document that imports into an empty store
 * and exports again byte for byte (export -> import -> export is the
 * identity).
 *
 * Opening a store (schema migrations) costs far more than an import, so
 * the three stores (empty, BASE, round trip) are opened once per process
 * (fuzz_fixture in fuzz_common.h) and every input runs inside
 * grp_store_begin() ... grp_store_rollback() on them, as fuzz_ical does;
 * the harness checks that each store's export is back to what it was
 * afterwards, so inputs cannot affect one another.
 * The import's own transaction is then a savepoint; the unit tests
 * (test_bad_corpus in tests/unit/test_json.c) cover a failed import
 * outside a transaction. */
#include "fuzz_common.h"

#include <cjson/cJSON.h>
#include <unistd.h>

/* What the second store holds before each input. */
static const char BASE[] =
    "{\"format\":\"libgrp\",\"version\":1,"
    "\"organisations\":[{\"id\":\"1\",\"name\":\"Org\",\"external_ref\":\"org-1\",\"archived\":false}],"
    "\"people\":[{\"id\":\"1\",\"organisation\":\"1\",\"display_name\":\"Ann\",\"job_role\":\"nurse\","
    "\"email\":null,\"external_ref\":\"p-1\",\"archived\":false}],"
    "\"groups\":[{\"id\":\"1\",\"organisation\":\"1\",\"name\":\"GRP\",\"kind\":\"reflective_practice\","
    "\"status\":\"active\",\"capacity\":8,\"capacity_policy\":\"hard\",\"quorum\":0,"
    "\"membership_policy\":\"open\",\"allow_other_orgs\":false,\"delivery\":\"in_person\","
    "\"location\":\"Room 1\",\"meeting_link\":null,\"timezone\":\"Europe/London\",\"session_minutes\":90,"
    "\"archived\":false,\"eligible_roles\":[],\"feedback_form\":null,\"hours_rule\":null}],"
    "\"memberships\":[{\"id\":\"1\",\"group\":\"1\",\"person\":\"1\",\"role\":\"member\",\"state\":\"active\","
    "\"requested_on\":\"2026-01-01\",\"began\":\"2026-01-01\",\"ended\":null,\"reason\":null}]}";

static char *export_of(grp_store *s)
{
    char *out = NULL;
    grp_actor sys = grp_actor_system();
    int rc = grp_json_export(&out, s, &sys, NULL);
    FUZZ_CHECK(rc == GRP_OK && out, "export: %d", rc);
    return out;
}

static fuzz_fixture empty_store, base_store, trip_store;

static void fixtures_open(void)
{
    grp_actor sys = grp_actor_system();
    if (empty_store.s)
        return;
    fuzz_fixture_open(&empty_store, export_of);
    fuzz_fixture_open(&trip_store, export_of);
    fuzz_fixture_open(&base_store, export_of);
    FUZZ_CHECK(grp_json_import(NULL, base_store.s, &sys, BASE, sizeof BASE - 1, NULL) == GRP_OK, "importing BASE");
    fuzz_fixture_settle(&base_store);
}

/* An accepted document: the store's export survives export -> import ->
 * export unchanged. */
static void check_round_trip(grp_store *s)
{
    grp_actor sys = grp_actor_system();
    char *got = export_of(s);
    fuzz_fixture_begin(&trip_store);
    int rc = grp_json_import(NULL, trip_store.s, &sys, got, strlen(got), NULL);
    FUZZ_CHECK(rc == GRP_OK, "re-import of an export: %d", rc);
    char *again = export_of(trip_store.s);
    FUZZ_CHECK(strcmp(again, got) == 0, "export -> import -> export differs:\n%s\n%s", got, again);
    grp_free(again);
    fuzz_fixture_end(&trip_store);
    grp_free(got);
}

/* Import the input into f's store with options o and check the outcome. */
static void import_into(fuzz_fixture *f, const char *text, size_t size, const grp_json_import_options *o)
{
    grp_actor sys = grp_actor_system();
    grp_json_import_result r;
    fuzz_fixture_begin(f);
    int rc = grp_json_import(&r, f->s, &sys, text, size, o);
    if (rc != GRP_OK) {
        fuzz_check_import_failure(rc);
        FUZZ_CHECK(fuzz_fixture_at_rest(f), "a failed import (%d) changed the store", rc);
    } else {
        FUZZ_CHECK(o->max_bytes == 0 || size <= o->max_bytes, "accepted %zu bytes over a limit of %zu", size,
                   o->max_bytes);
        /* the import reads the document a record at a time with its own
         * scanner: what it accepts, cJSON accepts as a whole */
        cJSON *whole = cJSON_ParseWithLength(text, size);
        FUZZ_CHECK(whole != NULL, "an accepted document that cJSON refuses");
        cJSON_Delete(whole);
        check_round_trip(f->s);
    }
    fuzz_fixture_end(f);
}

/* The file the window check writes (one per process, removed at exit). */
static char window_path[512];

static void window_path_remove(void)
{
    remove(window_path);
}

/* The input behind whitespace that puts its byte `at` at byte 65536 of a
 * file: the import from the file is the import from memory. */
static void import_windowed(const char *text, size_t size, size_t at)
{
    enum { WINDOW = 64 * 1024 };
    grp_actor sys = grp_actor_system();
    size_t pad = WINDOW - at, n = pad + size;
    if (!window_path[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(window_path, sizeof window_path, "%s/fuzz_json_window_%ld.json", tmp && *tmp ? tmp : "/tmp",
                 (long)getpid());
        atexit(window_path_remove);
    }
    char *padded = malloc(n ? n : 1);
    FUZZ_CHECK(padded != NULL, "malloc");
    for (size_t i = 0; i < pad; i++)
        padded[i] = i % 61 == 60 ? '\n' : ' ';
    memcpy(padded + pad, text, size);
    FILE *f = fopen(window_path, "wb");
    FUZZ_CHECK(f && fwrite(padded, 1, n, f) == n && fclose(f) == 0, "writing %s", window_path);

    fuzz_fixture_begin(&empty_store);
    int rc_mem = grp_json_import(NULL, empty_store.s, &sys, padded, n, NULL);
    char *msg_mem = rc_mem ? strdup(grp_error_last()->message) : NULL;
    char *store_mem = rc_mem ? NULL : export_of(empty_store.s);
    fuzz_fixture_end(&empty_store);

    fuzz_fixture_begin(&empty_store);
    int rc_file = grp_json_import_file(NULL, empty_store.s, &sys, window_path, NULL);
    FUZZ_CHECK(rc_file == rc_mem, "from a file %d (%s), from memory %d (%s)", rc_file, grp_error_last()->message,
               rc_mem, msg_mem ? msg_mem : "");
    if (rc_mem) {
        FUZZ_CHECK(strcmp(grp_error_last()->message, msg_mem) == 0, "from a file \"%s\", from memory \"%s\"",
                   grp_error_last()->message, msg_mem);
        FUZZ_CHECK(fuzz_fixture_at_rest(&empty_store), "a failed import from a file changed the store");
    } else {
        char *store_file = export_of(empty_store.s);
        FUZZ_CHECK(strcmp(store_file, store_mem) == 0, "the store from a file differs:\n%s\n%s", store_file,
                   store_mem);
        grp_free(store_file);
    }
    fuzz_fixture_end(&empty_store);
    free(msg_mem);
    grp_free(store_mem);
    free(padded);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    grp_json_import_options o = GRP_JSON_IMPORT_OPTIONS_INIT;
    if (size > 1 << 20)
        return 0;
    fixtures_open();

    /* an empty store, with a size limit from the input's length */
    o.max_bytes = size % 5 == 0 ? size / 2 + 1 : 0;
    import_into(&empty_store, (const char *)data, size, &o);

    /* a store that already holds BASE, with a policy for existing refs */
    o.max_bytes = 0;
    o.on_existing = (grp_json_existing)(size % 3);
    import_into(&base_store, (const char *)data, size, &o);

    /* from a file, a byte chosen by the input at the window's boundary;
     * for one input in 16 (the 64 KiB of padding, read twice, cost ten
     * times the rest) */
    size_t at = 0;
    for (size_t i = 0; i < size; i++)
        at = at * 31 + data[i];
    if ((at >> 20) % 16 == 0)
        import_windowed((const char *)data, size, size ? at % size : 0);
    return 0;
}

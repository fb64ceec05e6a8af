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
 * Promises checked: every failure is a documented code with a message; a
 * failed import leaves the store as it was (its export is unchanged); a
 * successful import exports a document that imports into a new store and
 * exports again byte for byte (export -> import -> export is the identity). */
#include "fuzz_common.h"

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

static grp_store *new_store(void)
{
    grp_store *s = NULL;
    FUZZ_CHECK(grp_store_open(&s, ":memory:", NULL) == GRP_OK, "opening a store");
    return s;
}

static char *export_of(grp_store *s)
{
    char *out = NULL;
    grp_actor sys = grp_actor_system();
    int rc = grp_json_export(&out, s, &sys, NULL);
    FUZZ_CHECK(rc == GRP_OK && out, "export: %d", rc);
    return out;
}

static void check_failure(int rc)
{
    FUZZ_CHECK(rc == GRP_EPARSE || rc == GRP_EINVAL || rc == GRP_EUNSUPPORTED || rc == GRP_EEXISTS ||
                   rc == GRP_ENOMEM,
               "undocumented code %d", rc);
    FUZZ_CHECK_ERROR(rc);
}

/* An accepted document: the store's export survives export -> import ->
 * export unchanged. */
static void check_round_trip(grp_store *s)
{
    grp_actor sys = grp_actor_system();
    char *got = export_of(s);
    grp_store *t = new_store();
    int rc = grp_json_import(NULL, t, &sys, got, strlen(got), NULL);
    FUZZ_CHECK(rc == GRP_OK, "re-import of an export: %d", rc);
    char *again = export_of(t);
    FUZZ_CHECK(strcmp(again, got) == 0, "export -> import -> export differs:\n%s\n%s", got, again);
    grp_free(again);
    grp_store_close(t);
    grp_free(got);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    grp_actor sys = grp_actor_system();
    grp_json_import_options o = GRP_JSON_IMPORT_OPTIONS_INIT;
    grp_json_import_result r;
    if (size > 1 << 20)
        return 0;

    /* an empty store */
    o.max_bytes = size % 5 == 0 ? size / 2 + 1 : 0;
    grp_store *s = new_store();
    char *empty = export_of(s);
    int rc = grp_json_import(&r, s, &sys, text, size, &o);
    if (rc != GRP_OK) {
        check_failure(rc);
        char *got = export_of(s);
        FUZZ_CHECK(strcmp(got, empty) == 0, "a failed import changed the empty store");
        grp_free(got);
    } else {
        FUZZ_CHECK(o.max_bytes == 0 || size <= o.max_bytes, "accepted %zu bytes over a limit of %zu", size,
                   o.max_bytes);
        check_round_trip(s);
    }
    grp_store_close(s);
    grp_free(empty);

    /* a store that already holds BASE */
    grp_store *b = new_store();
    FUZZ_CHECK(grp_json_import(NULL, b, &sys, BASE, sizeof BASE - 1, NULL) == GRP_OK, "importing BASE");
    char *before = export_of(b);
    o.max_bytes = 0;
    o.on_existing = (grp_json_existing)(size % 3);
    rc = grp_json_import(&r, b, &sys, text, size, &o);
    if (rc != GRP_OK) {
        check_failure(rc);
        char *got = export_of(b);
        FUZZ_CHECK(strcmp(got, before) == 0, "a failed import changed the store");
        grp_free(got);
    } else {
        check_round_trip(b);
    }
    grp_free(before);
    grp_store_close(b);
    return 0;
}

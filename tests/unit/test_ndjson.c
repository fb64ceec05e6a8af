/* NDJSON streams: the exact format, that a stream holds the same records
 * as the JSON document (whole store and scoped), the round trip, the line
 * reader (CRLF, blank lines, no final LF, long lines, failing callbacks),
 * every kind of bad line with its exact code and "line N: path" message
 * and the store unchanged, batches (what is committed when a later batch
 * fails), the external_ref policies, and that the library's own memory
 * does not grow with the length of the stream. */
#include "json_fixture.h"
#include "support.h"

#include <libgrp/json.h>
#include "util/alloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER "{\"format\":\"libgrp-ndjson\",\"version\":1}\n"
#define ORG1 "{\"record\":\"organisations\",\"id\":\"1\",\"name\":\"Org\",\"external_ref\":\"O1\",\"archived\":false}\n"
#define PERSON1                                                                                                   \
    "{\"record\":\"people\",\"id\":\"1\",\"organisation\":\"1\",\"display_name\":\"Ann\",\"job_role\":null,"     \
    "\"email\":null,\"external_ref\":\"ann\",\"archived\":false}\n"

/* Not inlined: GCC 12's -Wdangling-pointer (Release builds) otherwise takes
 * the out-parameter's address for the stream it points to. */
__attribute__((noinline)) static char *ndjson_of(grp_store *s, const grp_json_export_options *o,
                                                 size_t *len)
{
    char *out = NULL;
    grp_actor sys = grp_actor_system();
    grp_assert_ok(grp_ndjson_export_to_buffer(&out, len, s, &sys, o));
    assert_non_null(out);
    return out;
}

static int import_text(grp_store *s, const char *text, const grp_ndjson_import_options *o,
                       grp_ndjson_import_result *res)
{
    grp_actor sys = grp_actor_system();
    return grp_ndjson_import_buffer(res, s, &sys, text, strlen(text), o);
}


/* The JSON document made of a stream's records: each line's record without
 * its "kind", in the arrays of the document's order. */
static char *document_of_stream(const char *stream)
{
    static const char *const kinds[GRP_JSON_KIND_COUNT] = {
        "organisations", "people",         "org_admins",        "feedback_forms", "groups",
        "memberships",   "cadences",       "sessions",          "attendance",     "presenters",
        "hours_entries", "feedback_responses", "feedback_given", "peer_feedback", "goals",
        "goal_steps",    "goal_progress",  "notes",             "themes"};
    grp_test_buf b = {0};
    const char *first = strchr(stream, '\n');
    assert_non_null(first);
    assert_memory_equal(stream, HEADER, strlen(HEADER));
    grp_test_buf_str(&b, "{\"format\":\"libgrp\",\"version\":1");
    for (size_t k = 0; k < GRP_JSON_KIND_COUNT; k++) {
        char prefix[64];
        int n = 0;
        snprintf(prefix, sizeof prefix, "{\"record\":\"%s\",", kinds[k]);
        grp_test_buf_str(&b, ",\"");
        grp_test_buf_str(&b, kinds[k]);
        grp_test_buf_str(&b, "\":[");
        for (const char *line = first + 1; *line;) {
            const char *end = strchr(line, '\n');
            assert_non_null(end); /* every line ends in LF */
            if (strncmp(line, prefix, strlen(prefix)) == 0) {
                grp_test_buf_str(&b, n++ ? ",{" : "{");
                grp_test_buf_add(&b, line + strlen(prefix), (size_t)(end - line) - strlen(prefix));
            }
            line = end + 1;
        }
        grp_test_buf_str(&b, "]");
    }
    grp_test_buf_str(&b, "}");
    return b.p;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* ---- export ------------------------------------------------------------------------ */

static void test_export_exact(void **state)
{
    (void)state;
    grp_store *s = jf_empty_store();
    size_t len = 7;
    /* a new store has the default feedback form */
    char *out = ndjson_of(s, NULL, &len), expect[2048];
    const char *form = "{\"record\":\"feedback_forms\",\"id\":\"1\",\"name\":\"Session feedback\",\"items\":["
                       "\"I felt safe to share\",\"The session was useful for my practice\",\"The facilitator kept "
                       "us focused\",\"The time felt protected\"]}\n";
    snprintf(expect, sizeof expect, "%s%s", HEADER, form);
    assert_string_equal(out, expect);
    assert_int_equal(len, strlen(expect));
    grp_free(out);
    jf_org(s, "Org", "O1");
    jf_person(s, 1, "Ann", NULL, NULL);
    out = ndjson_of(s, NULL, &len);
    snprintf(expect, sizeof expect, "%s%s%s%s", HEADER, ORG1,
             "{\"record\":\"people\",\"id\":\"1\",\"organisation\":\"1\",\"display_name\":\"Ann\","
             "\"job_role\":null,\"email\":null,\"external_ref\":null,\"archived\":false}\n",
             form);
    assert_string_equal(out, expect);
    assert_int_equal(len, strlen(out));
    grp_free(out);
    grp_store_close(s);
}

/* Every record of the document, and only those, in the same order. */
static void test_export_matches_document(void **state)
{
    (void)state;
    grp_store *s = jf_rich_store();
    grp_actor sys = grp_actor_system();
    grp_json_export_options o = GRP_JSON_EXPORT_OPTIONS_INIT;
    const grp_id scopes[][2] = {{0, 0}, {1, 0}, {2, 0}, {0, 1}, {0, 2}};
    for (size_t i = 0; i < sizeof scopes / sizeof scopes[0]; i++) {
        char *doc = NULL;
        o.org_id = scopes[i][0];
        o.group_id = scopes[i][1];
        grp_assert_ok(grp_json_export(&doc, s, &sys, &o));
        char *stream = ndjson_of(s, &o, NULL);
        char *rebuilt = document_of_stream(stream);
        assert_string_equal(rebuilt, doc);
        free(rebuilt);
        grp_free(stream);
        grp_free(doc);
    }
    grp_store_close(s);
}

static int failing_writer(void *payload, const char *data, size_t len)
{
    size_t *calls = payload;
    (void)data;
    (void)len;
    return ++*calls == 3 ? 42 : 0;
}

static int collecting_writer(void *payload, const char *data, size_t len)
{
    grp_test_buf_add(payload, data, len);
    return 0;
}

static void test_export_callback_and_file(void **state)
{
    (void)state;
    grp_store *s = jf_rich_store();
    grp_actor sys = grp_actor_system(), person = grp_actor_person(1);
    grp_json_export_options o = GRP_JSON_EXPORT_OPTIONS_INIT;
    grp_test_buf b = {0};
    size_t calls = 0;
    char *buf = ndjson_of(s, NULL, NULL);

    grp_assert_ok(grp_ndjson_export(s, &sys, collecting_writer, &b, NULL));
    assert_string_equal(b.p, buf);
    free(b.p);

    grp_assert_rc(grp_ndjson_export(s, &sys, failing_writer, &calls, NULL), GRP_ESTORAGE);
    grp_assert_msg_contains("returned 42");
    assert_int_equal(calls, 3);
    assert_int_equal(grp_store_transaction_depth(s), 0);

    char *dir = grp_test_tmpdir(), path[512];
    snprintf(path, sizeof path, "%s/out.ndjson", dir);
    grp_assert_ok(grp_ndjson_export_to_file(path, s, &sys, NULL));
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *text = calloc(1, strlen(buf) + 16);
    size_t got = fread(text, 1, strlen(buf) + 15, f);
    fclose(f);
    assert_int_equal(got, strlen(buf));
    assert_string_equal(text, buf);
    free(text);
    /* a refused export leaves no file behind */
    remove(path);
    o.pretty = 1;
    grp_assert_rc(grp_ndjson_export_to_file(path, s, &sys, &o), GRP_EINVAL);
    grp_assert_msg_contains("opts.pretty");
    assert_null(fopen(path, "rb"));
    snprintf(path, sizeof path, "%s/no/such/dir.ndjson", dir);
    grp_assert_rc(grp_ndjson_export_to_file(path, s, &sys, NULL), GRP_ESTORAGE);
    grp_assert_msg_contains("cannot create");
    grp_test_rmtree(dir);
    free(dir);

    /* arguments */
    char *out = (char *)"x";
    grp_assert_rc(grp_ndjson_export(s, &sys, NULL, NULL, NULL), GRP_EINVAL);
    grp_assert_rc(grp_ndjson_export(NULL, &sys, collecting_writer, &b, NULL), GRP_EINVAL);
    grp_assert_rc(grp_ndjson_export(s, &person, collecting_writer, &b, NULL), GRP_EACCESS);
    grp_assert_rc(grp_ndjson_export_to_buffer(NULL, NULL, s, &sys, NULL), GRP_EINVAL);
    grp_assert_rc(grp_ndjson_export_to_buffer(&out, NULL, s, &person, NULL), GRP_EACCESS);
    assert_null(out);
    grp_assert_rc(grp_ndjson_export_to_file(NULL, s, &sys, NULL), GRP_EINVAL);
    o.pretty = 1;
    grp_assert_rc(grp_ndjson_export_to_buffer(&out, NULL, s, &sys, &o), GRP_EINVAL);
    o.pretty = 0;
    o.org_id = 99;
    grp_assert_rc(grp_ndjson_export_to_buffer(&out, NULL, s, &sys, &o), GRP_ENOTFOUND);
    o.org_id = 0;
    o.group_id = 99;
    grp_assert_rc(grp_ndjson_export_to_buffer(&out, NULL, s, &sys, &o), GRP_ENOTFOUND);
    o.group_id = 0;
    o.version = 9;
    grp_assert_rc(grp_ndjson_export_to_buffer(&out, NULL, s, &sys, &o), GRP_EINVAL);
    assert_null(out);
    b.p = NULL;
    grp_free(buf);
    grp_store_close(s);
}

/* ---- round trip ---------------------------------------------------------------------- */

static void test_round_trip(void **state)
{
    (void)state;
    grp_store *s = jf_rich_store(), *t = jf_empty_store(), *u = jf_empty_store();
    grp_ndjson_import_result r;
    char *doc = jf_export(s);
    char *stream = ndjson_of(s, NULL, NULL);
    grp_assert_ok(import_text(t, stream, NULL, &r));
    assert_int_equal(r.version, GRP_NDJSON_IMPORT_RESULT_VERSION);
    assert_int_equal(r.lines, count_lines(stream));
    assert_int_equal(r.committed_lines, r.lines);
    size_t total = 0;
    for (size_t k = 0; k < GRP_JSON_KIND_COUNT; k++)
        total += r.created[k];
    /* the custom form is new, the default one is the target's own */
    assert_int_equal(r.reused, 1);
    assert_int_equal(total + r.reused, r.lines - 1);
    assert_int_equal(r.created[GRP_JSON_ORGANISATIONS], 2);
    assert_int_equal(r.skipped + r.updated, 0);
    char *doc2 = jf_export(t);
    assert_string_equal(doc2, doc);
    char *stream2 = ndjson_of(t, NULL, NULL);
    assert_string_equal(stream2, stream);

    /* CRLF line ends, blank lines, and no LF after the last line */
    grp_test_buf b = {0};
    for (const char *p = stream; *p; p++) {
        if (*p == '\n')
            grp_test_buf_str(&b, p[1] ? "\r\n\n  \t\n" : "");
        else
            grp_test_buf_add(&b, p, 1);
    }
    grp_assert_ok(import_text(u, b.p, NULL, &r));
    assert_int_equal(r.lines, 3 * count_lines(stream) - 2);
    char *doc3 = jf_export(u);
    assert_string_equal(doc3, doc);

    free(b.p);
    grp_free(doc);
    grp_free(doc2);
    grp_free(doc3);
    grp_free(stream);
    grp_free(stream2);
    grp_store_close(s);
    grp_store_close(t);
    grp_store_close(u);
}

/* Into a store that already uses the ids: records get new ids and the
 * references follow them; external_ref policies as for a document. */
static void test_import_into_nonempty(void **state)
{
    (void)state;
    grp_store *s = jf_rich_store(), *t = jf_empty_store();
    grp_ndjson_import_options o = GRP_NDJSON_IMPORT_OPTIONS_INIT;
    grp_ndjson_import_result r;
    char *stream = ndjson_of(s, NULL, NULL);
    jf_org(t, "Someone else", NULL);
    jf_person(t, 1, "Zed", NULL, NULL);
    grp_assert_ok(import_text(t, stream, NULL, &r));
    /* the same records again: the external_refs exist */
    char *before = jf_export(t);
    grp_assert_rc(import_text(t, stream, NULL, &r), GRP_EEXISTS);
    grp_assert_msg_contains("line 2: $.external_ref: organisation \"T-1\" already exists");
    assert_int_equal(r.committed_lines, 0);
    char *after = jf_export(t);
    assert_string_equal(after, before);
    grp_free(after);
    o.on_existing = GRP_JSON_EXISTING_SKIP;
    grp_assert_ok(import_text(t, stream, &o, &r));
    size_t with_ref = r.skipped;
    assert_int_equal(with_ref, 4); /* T-1, fay, ann, ada */
    assert_int_equal(r.updated, 0);
    assert_int_equal(r.created[GRP_JSON_ORGANISATIONS], 1); /* the one without a ref */
    o.on_existing = GRP_JSON_EXISTING_UPDATE;
    grp_assert_ok(import_text(t, stream, &o, &r));
    assert_int_equal(r.updated, with_ref);
    assert_int_equal(r.skipped, 0);
    grp_free(before);

    /* the stored copy, read back through the API, points at its own ids */
    grp_store *v = jf_empty_store();
    jf_org(v, "First", NULL);
    grp_assert_ok(import_text(v, HEADER ORG1 PERSON1, NULL, &r));
    grp_person *p;
    grp_assert_ok(grp_person_get(&p, v, 1));
    assert_string_equal(grp_person_display_name(p), "Ann");
    assert_int_equal(grp_person_org_id(p), 2); /* organisation 1 of the stream is stored as 2 */
    grp_person_free(p);
    grp_store_close(v);
    grp_free(stream);
    grp_store_close(s);
    grp_store_close(t);
}

/* ---- bad streams ----------------------------------------------------------------------- */

/* Into a store holding the rich store's records (small streams), or into
 * an empty one (the rich store's own stream, changed). */
static int into_empty;
static int mismatches;

static void expect_refused(const char *text, size_t len, const grp_ndjson_import_options *o, int code,
                           const char *needle)
{
    grp_store *s = into_empty ? jf_empty_store() : jf_rich_store();
    grp_actor sys = grp_actor_system();
    grp_ndjson_import_result r;
    char *before = jf_export(s);
    memset(&r, 0xab, sizeof r);
    int rc = grp_ndjson_import_buffer(&r, s, &sys, text, len, o);
    if (rc != code || !strstr(grp_error_last()->message, needle)) {
        /* go on, so that one run lists every mismatch */
        print_error("stream %.120s...: got %d \"%s\", expected %d \"%s\"\n", text, rc, grp_error_last()->message,
                    code, needle);
        mismatches++;
    }
    assert_int_equal(r.committed_lines, 0);
    for (size_t k = 0; k < GRP_JSON_KIND_COUNT; k++)
        assert_int_equal(r.created[k], 0);
    assert_int_equal(grp_store_transaction_depth(s), 0);
    char *after = jf_export(s);
    assert_string_equal(after, before);
    grp_free(before);
    grp_free(after);
    grp_store_close(s);
}

#define REFUSED(text, code, needle) expect_refused(text, sizeof(text) - 1, NULL, code, needle)

static void test_bad_lines(void **state)
{
    (void)state;
    /* headers */
    REFUSED("", GRP_EINVAL, "line 1: the stream has no header");
    REFUSED("\n \n\t\r\n", GRP_EINVAL, "line 4: the stream has no header");
    REFUSED(ORG1, GRP_EINVAL, "line 1: $.format: missing (a libgrp NDJSON stream has \"format\": \"libgrp-ndjson\")");
    REFUSED("{\"format\":\"libgrp\",\"version\":1}\n", GRP_EINVAL, "line 1: $.format: expected \"libgrp-ndjson\"");
    REFUSED("{\"format\":\"libgrp-ndjson\",\"version\":2}\n", GRP_EUNSUPPORTED,
            "line 1: $.version: format version 2 is not supported");
    REFUSED("{\"format\":\"libgrp-ndjson\"}\n", GRP_EINVAL, "line 1: $.version: missing");
    REFUSED("{\"format\":\"libgrp-ndjson\",\"version\":\"1\"}\n", GRP_EINVAL, "line 1: $.version: expected an integer");
    REFUSED("{\"format\":\"libgrp-ndjson\",\"version\":1,\"x\":0}\n", GRP_EINVAL,
            "line 1: $: unknown member \"x\" in the header");
    REFUSED("[]\n", GRP_EINVAL, "line 1: $: expected an object, got an array");
    REFUSED("\n\n{\"format\":\"libgrp-ndjson\",\"version\":1,\"version\":1}\n", GRP_EINVAL,
            "line 3: $: the member \"version\" appears twice");
    /* syntax */
    REFUSED(HEADER ORG1 "{\"record\":\"people\",}\n", GRP_EPARSE, "line 3: malformed JSON at column 20");
    REFUSED(HEADER "{\"record\":\"organisations\",\"id\":\"1\"", GRP_EPARSE,
            "line 2: malformed JSON at column 35: the line ends too early");
    REFUSED(HEADER "{\"record\":\"organisations\"} {}\n", GRP_EPARSE, "line 2: malformed JSON at column 28");
    REFUSED(HEADER "{\"record\":\"organisations\",\"name\":\"a\0b\"}\n", GRP_EPARSE,
            "line 2: malformed JSON: a NUL byte at column 36");
    REFUSED(HEADER "{\"record\":\"organisations\",\"name\":\"a\\u0000b\"}\n", GRP_EINVAL,
            "line 2: $.name: a string contains \\u0000 (NUL), which is refused");
    REFUSED(HEADER "{\"record\":\"organisations\",\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}\n",
            GRP_EINVAL, "line 2: the record nests deeper than 32 levels at column");
    REFUSED(HEADER "{\"record\":\"organisations\",\"name\":\"\\udc00\"}\n", GRP_EPARSE,
            "line 2: malformed JSON at column 35: \\uDC00 is a low surrogate without a high one before it");
    REFUSED(HEADER "{\"record\":\"organisations\",\"name\":\"\\uD834\\u00e9\"}\r\n", GRP_EPARSE,
            "line 2: malformed JSON at column 41: \\uD834 is a high surrogate not followed by a \\u escape of a low one");
    REFUSED(HEADER "{\"rec\\u006frd\":\"organisations\",\"id\":\"1\",\"name\":\"Org\",\"external_ref\":null}\r\n",
            GRP_EINVAL, "line 2: $.archived: missing");
    REFUSED(HEADER "{\"record\":\"organisations\",\"rec\\u006frd\":\"people\"}\n", GRP_EINVAL,
            "line 2: $: the member \"record\" appears twice");
    REFUSED(HEADER "{\"record\":\"organisations\",\"record\":\"people\"}\n", GRP_EINVAL,
            "line 2: $: the member \"record\" appears twice");
    REFUSED(HEADER "{\"record\":\"organisations\",\"id\":1e999}\n", GRP_EINVAL, "line 2: $.id: expected an id");
    /* records */
    REFUSED(HEADER "[1]\n", GRP_EINVAL, "line 2: $: expected an object (a record), got an array");
    REFUSED(HEADER "{\"id\":\"1\"}\n", GRP_EINVAL, "line 2: $.record: missing");
    REFUSED(HEADER HEADER, GRP_EINVAL, "line 2: $.record: missing");
    REFUSED(HEADER "{\"record\":7}\n", GRP_EINVAL, "line 2: $.record: expected the name of a kind of record, got a number");
    REFUSED(HEADER "{\"record\":\"eligible_roles\"}\n", GRP_EINVAL,
            "line 2: $.record: \"eligible_roles\" is not a kind of record");
    REFUSED(HEADER "{\"record\":\"organisations\",\"id\":\"1\",\"name\":\"Org\",\"external_ref\":null,\"archived\":false,"
                   "\"extra\":1}\n",
            GRP_EINVAL, "line 2: $: unknown member \"extra\"");
    REFUSED(HEADER "{\"record\":\"organisations\",\"id\":\"1\",\"name\":\"Org\",\"external_ref\":null}\n", GRP_EINVAL,
            "line 2: $.archived: missing");
    REFUSED(HEADER "{\"record\":\"organisations\",\"id\":\"01\",\"name\":\"Org\",\"external_ref\":null,\"archived\":false}\n",
            GRP_EINVAL, "line 2: $.id: \"01\" is not an id");
    REFUSED(HEADER PERSON1, GRP_EINVAL,
            "line 2: $.organisation: unknown organisation \"1\" (a record must come after the records it refers to)");
    REFUSED(HEADER ORG1 PERSON1 PERSON1, GRP_EINVAL, "line 4: $.id: a second person with id \"1\"");
    REFUSED(HEADER ORG1 "{\"record\":\"org_admins\",\"organisation\":\"1\",\"person\":\"1\"}\n", GRP_EINVAL,
            "line 3: $.person: unknown person \"1\"");
    REFUSED(HEADER ORG1 PERSON1 "{\"record\":\"org_admins\",\"organisation\":\"1\",\"person\":\"1\"}\n"
                               "{\"record\":\"org_admins\",\"organisation\":\"1\",\"person\":\"1\"}\n",
            GRP_EINVAL, "line 5: $: a second org admin for the same organisation and person");
    REFUSED(HEADER ORG1
            "{\"record\":\"people\",\"id\":\"1\",\"organisation\":\"1\",\"display_name\":\"Ann\",\"job_role\":null,"
            "\"email\":\"nobody\",\"external_ref\":null,\"archived\":false}\n",
            GRP_EINVAL, "line 3: $.email: \"nobody\" is not an address");
    REFUSED(HEADER ORG1 "\n" ORG1, GRP_EINVAL, "line 4: $.id: a second organisation with id \"1\"");
    REFUSED(HEADER "{\"record\":\"feedback_forms\",\"id\":\"1\",\"name\":\"F\",\"items\":[]}\n", GRP_EINVAL,
            "line 2: $.items: 0 entries (1..");
    /* the same ref twice in one stream: the policy applies to the second */
    REFUSED(HEADER ORG1
            "{\"record\":\"organisations\",\"id\":\"2\",\"name\":\"Org\",\"external_ref\":\"O1\",\"archived\":false}\n",
            GRP_EEXISTS, "line 3: $.external_ref: organisation \"O1\" already exists in the store");
    assert_int_equal(mismatches, 0);
}

/* Faults in the records of a real stream: each line of the rich store's
 * stream is found by its kind. */
/* The corpus tests/data/ndjson (bad.tsv, written by make_corpus.py): each
 * stream imported into the rich store gives exactly its code, a message
 * that starts with its "line N: $.path: ..." text, and leaves the store as
 * it was. good.ndjson, of which each is a variant, imports. */
static int corpus_refused(const jf_corpus_entry *e, void *payload)
{
    grp_store *s = payload;
    grp_actor sys = grp_actor_system();
    grp_ndjson_import_result r;
    char *before = jf_export(s);
    int bad = 0;
    int rc = grp_ndjson_import_buffer(&r, s, &sys, e->text, e->len, NULL);
    const char *msg = grp_error_last()->message;
    if (rc != e->code || strncmp(msg, e->message, strlen(e->message)) != 0) {
        print_error("%s: got %d (%s) \"%s\"; want %d (%s) starting \"%s\"\n", e->file, rc, grp_error_name(rc), msg,
                    e->code, grp_error_name(e->code), e->message);
        bad = 1;
    }
    if (r.committed_lines != 0 || grp_store_transaction_depth(s) != 0) {
        print_error("%s: %zu lines committed, transaction depth %d\n", e->file, r.committed_lines,
                    grp_store_transaction_depth(s));
        bad = 1;
    }
    char *after = jf_export(s);
    if (strcmp(before, after) != 0) {
        print_error("%s: the store changed\n", e->file);
        bad = 1;
    }
    grp_free(before);
    grp_free(after);
    return bad;
}

static void test_bad_corpus(void **state)
{
    (void)state;
    char path[1024];
    size_t len, failed = 0;
    grp_actor sys = grp_actor_system();
    grp_ndjson_import_result r;
    grp_store *s = jf_rich_store();
    size_t count = jf_corpus(GRP_TEST_DATA_DIR "/ndjson", corpus_refused, s, &failed);
    assert_int_equal(failed, 0);
    assert_true(count >= 40);
    snprintf(path, sizeof path, "%s/ndjson/good.ndjson", GRP_TEST_DATA_DIR);
    char *text = jf_read_file(path, &len);
    grp_assert_ok(grp_ndjson_import_buffer(&r, s, &sys, text, len, NULL));
    assert_int_equal(r.created[GRP_JSON_PEOPLE], 2);
    assert_int_equal(r.created[GRP_JSON_THEMES], 1);
    free(text);
    grp_store_close(s);
}

static char *line_of_kind(const char *stream, const char *kind, size_t *lineno, size_t *len)
{
    char prefix[64];
    size_t n = 1;
    snprintf(prefix, sizeof prefix, "{\"record\":\"%s\",", kind);
    for (const char *p = stream; *p; n++) {
        const char *end = strchr(p, '\n');
        if (strncmp(p, prefix, strlen(prefix)) == 0) {
            *lineno = n;
            *len = (size_t)(end - p) + 1;
            return (char *)p;
        }
        p = end + 1;
    }
    fail_msg("no %s line", kind);
    return NULL;
}

/* The stream with its line `lineno` (of length len, at p) repeated, or
 * replaced by `with`. */
static char *splice(const char *stream, const char *p, size_t len, const char *with)
{
    grp_test_buf b = {0};
    grp_test_buf_add(&b, stream, (size_t)(p - stream) + (with ? 0 : len));
    grp_test_buf_str(&b, with ? with : "");
    if (!with)
        grp_test_buf_add(&b, p, len);
    grp_test_buf_str(&b, p + len);
    return b.p;
}

static void test_bad_records_in_stream(void **state)
{
    (void)state;
    grp_store *s = jf_rich_store();
    char *stream = ndjson_of(s, NULL, NULL), *bad, needle[160];
    size_t n = 0, len = 0;
    const char *p;
    static const char *const dup[][2] = {
        {"attendance", "a second attendance for the same session and person"},
        {"presenters", "a second presenter for the same session"},
        {"feedback_given", "a second feedback given for the same session and person"},
        {"feedback_responses", "a second feedback response for the same session and id"},
    };
    into_empty = 1;
    for (size_t i = 0; i < sizeof dup / sizeof dup[0]; i++) {
        p = line_of_kind(stream, dup[i][0], &n, &len);
        bad = splice(stream, p, len, NULL);
        snprintf(needle, sizeof needle, "line %zu: $: %s", n + 1, dup[i][1]);
        expect_refused(bad, strlen(bad), NULL, GRP_EINVAL, needle);
        free(bad);
    }
    /* a session at the same occurrence as another: the store's key */
    p = line_of_kind(stream, "sessions", &n, &len);
    {
        char *copy = strndup(p, len), *id = strstr(copy, "\"id\":\"");
        assert_non_null(id);
        memcpy(id, "\"id\":\"9", 7); /* a new id, same group and occurrence */
        bad = splice(stream, p + len, 0, copy);
        free(copy);
    }
    snprintf(needle, sizeof needle, "line %zu: $: a second session for the same group and occurrence", n + 1);
    expect_refused(bad, strlen(bad), NULL, GRP_EINVAL, needle);
    free(bad);
    /* a bad enumeration word and a bad date in an attendance record */
    p = line_of_kind(stream, "attendance", &n, &len);
    {
        char *copy = strndup(p, len), *st = strstr(copy, "\"status\":\"");
        assert_non_null(st);
        memcpy(st + 10, "zz", 2);
        bad = splice(stream, p, len, copy);
        free(copy);
    }
    snprintf(needle, sizeof needle, "line %zu: $.status: \"zz", n);
    expect_refused(bad, strlen(bad), NULL, GRP_EINVAL, needle);
    free(bad);
    p = line_of_kind(stream, "memberships", &n, &len);
    {
        char *copy = strndup(p, len), *d = strstr(copy, "\"requested_on\":\"");
        assert_non_null(d);
        memcpy(d + 16 + 5, "13", 2); /* month 13 */
        bad = splice(stream, p, len, copy);
        free(copy);
    }
    snprintf(needle, sizeof needle, "line %zu: $.requested_on: \"", n);
    expect_refused(bad, strlen(bad), NULL, GRP_EINVAL, needle);
    free(bad);
    /* an hours entry that corrects a later one */
    p = line_of_kind(stream, "hours_entries", &n, &len);
    {
        char *copy = strndup(p, len), *c = strstr(copy, "\"corrects\":null");
        assert_non_null(c);
        bad = malloc(len + 32);
        snprintf(bad, len + 32, "%.*s\"corrects\":\"999\"%s", (int)(c - copy), copy, c + strlen("\"corrects\":null"));
        free(copy);
        copy = bad;
        bad = splice(stream, p, len, copy);
        free(copy);
    }
    snprintf(needle, sizeof needle, "line %zu: $.corrects: unknown hours entry \"999\"", n);
    expect_refused(bad, strlen(bad), NULL, GRP_EINVAL, needle);
    free(bad);
    /* a second original hours entry for a session and person */
    p = line_of_kind(stream, "hours_entries", &n, &len);
    {
        char *copy = strndup(p, len), *id = strstr(copy, "\"id\":\"");
        memcpy(id, "\"id\":\"8", 7);
        bad = splice(stream, p + len, 0, copy);
        free(copy);
    }
    snprintf(needle, sizeof needle, "line %zu: $: a second original hours entry for the same session and person",
             n + 1);
    expect_refused(bad, strlen(bad), NULL, GRP_EINVAL, needle);
    free(bad);
    into_empty = 0;
    assert_int_equal(mismatches, 0);
    grp_free(stream);
    grp_store_close(s);
}

/* ---- the reader ------------------------------------------------------------------------- */

typedef struct chunks {
    const char *p;
    size_t left, step;
    int fail_at; /* call number that fails, 0: none */
    int calls;
    int overflow;
} chunks;

static int chunk_reader(void *payload, char *buf, size_t size, size_t *got)
{
    chunks *c = payload;
    if (++c->calls == c->fail_at)
        return -5;
    size_t n = c->left < size ? c->left : size;
    if (n > c->step)
        n = c->step;
    memcpy(buf, c->p, n);
    c->p += n;
    c->left -= n;
    *got = c->overflow ? size + 1 : n;
    return 0;
}

static void test_reader(void **state)
{
    (void)state;
    grp_store *s = jf_rich_store();
    grp_actor sys = grp_actor_system();
    grp_ndjson_import_options o = GRP_NDJSON_IMPORT_OPTIONS_INIT;
    grp_ndjson_import_result r;
    char *stream = ndjson_of(s, NULL, NULL), *doc = jf_export(s);
    /* pieces of 1, 7 and 100000 bytes */
    const size_t steps[] = {1, 7, 100000};
    for (size_t i = 0; i < 3; i++) {
        grp_store *t = jf_empty_store();
        chunks c = {stream, strlen(stream), steps[i], 0, 0, 0};
        grp_assert_ok(grp_ndjson_import(&r, t, &sys, chunk_reader, &c, NULL));
        char *doc2 = jf_export(t);
        assert_string_equal(doc2, doc);
        grp_free(doc2);
        grp_store_close(t);
    }
    /* a failing read, and a read that claims more than the room */
    {
        grp_store *t = jf_empty_store();
        chunks c = {stream, strlen(stream), 50, 4, 0, 0};
        grp_assert_rc(grp_ndjson_import(&r, t, &sys, chunk_reader, &c, NULL), GRP_ESTORAGE);
        grp_assert_msg_contains("the read function failed (it returned -5)");
        assert_memory_equal(grp_error_last()->message, "line ", 5);
        chunks c2 = {stream, strlen(stream), 50, 0, 0, 1};
        grp_assert_rc(grp_ndjson_import(&r, t, &sys, chunk_reader, &c2, NULL), GRP_EINVAL);
        grp_assert_msg_contains("line 1: the read function reported");
        char *doc2 = jf_export(t);
        grp_store *e = jf_empty_store();
        char *empty = jf_export(e);
        assert_string_equal(doc2, empty);
        grp_free(doc2);
        grp_free(empty);
        grp_store_close(e);
        grp_store_close(t);
    }
    /* line length limit: exactly at the limit is fine, one byte over is not */
    {
        size_t longest = 0, cur = 0, at = 0, n = 0;
        for (const char *p = stream; *p; p++) {
            if (*p == '\n') {
                n++;
                if (cur > longest) {
                    longest = cur;
                    at = n;
                }
                cur = 0;
            } else
                cur++;
        }
        grp_store *t = jf_empty_store();
        o.max_line_bytes = longest;
        grp_assert_ok(import_text(t, stream, &o, &r));
        grp_store_close(t);
        o.max_line_bytes = longest - 1;
        char needle[96];
        snprintf(needle, sizeof needle, "line %zu: longer than the limit of %zu bytes", at, longest - 1);
        into_empty = 1;
        expect_refused(stream, strlen(stream), &o, GRP_EINVAL, needle);
        /* no LF at all, over the limit */
        o.max_line_bytes = 10;
        expect_refused(HEADER "{\"record\":\"organisations\"", sizeof(HEADER "{\"record\":\"organisations\"") - 1, &o,
                       GRP_EINVAL, "line 1: longer than the limit of 10 bytes");
        into_empty = 0;
        o.max_line_bytes = 0;
    }
    grp_free(doc);
    grp_free(stream);
    grp_store_close(s);
}

static void test_files_and_arguments(void **state)
{
    (void)state;
    grp_store *s = jf_rich_store(), *t = jf_empty_store();
    grp_actor sys = grp_actor_system(), person = grp_actor_person(1);
    grp_ndjson_import_options o = GRP_NDJSON_IMPORT_OPTIONS_INIT;
    grp_ndjson_import_result r;
    char *dir = grp_test_tmpdir(), path[512];
    snprintf(path, sizeof path, "%s/s.ndjson", dir);
    grp_assert_ok(grp_ndjson_export_to_file(path, s, &sys, NULL));
    grp_assert_ok(grp_ndjson_import_file(&r, t, &sys, path, NULL));
    char *a = jf_export(s), *b = jf_export(t);
    assert_string_equal(a, b);
    grp_free(a);
    grp_free(b);
    grp_assert_rc(grp_ndjson_import_file(&r, t, &sys, dir, NULL), GRP_ESTORAGE);
    grp_assert_msg_contains("is a directory");
    snprintf(path, sizeof path, "%s/missing.ndjson", dir);
    grp_assert_rc(grp_ndjson_import_file(&r, t, &sys, path, NULL), GRP_ENOTFOUND);
    grp_assert_rc(grp_ndjson_import_file(&r, t, &sys, NULL, NULL), GRP_EINVAL);
    grp_test_rmtree(dir);
    free(dir);

    grp_assert_rc(grp_ndjson_import_buffer(&r, t, &sys, NULL, 0, NULL), GRP_EINVAL);
    grp_assert_rc(grp_ndjson_import_buffer(&r, NULL, &sys, HEADER, strlen(HEADER), NULL), GRP_EINVAL);
    grp_assert_rc(grp_ndjson_import(&r, t, &sys, NULL, NULL, NULL), GRP_EINVAL);
    grp_assert_rc(grp_ndjson_import_buffer(&r, t, &person, HEADER, strlen(HEADER), NULL), GRP_EACCESS);
    o.on_existing = (grp_json_existing)3;
    grp_assert_rc(grp_ndjson_import_buffer(&r, t, &sys, HEADER, strlen(HEADER), &o), GRP_EINVAL);
    grp_assert_msg_contains("opts.on_existing");
    o.on_existing = GRP_JSON_EXISTING_FAIL;
    o.version = 2;
    grp_assert_rc(grp_ndjson_import_buffer(&r, t, &sys, HEADER, strlen(HEADER), &o), GRP_EINVAL);
    grp_assert_rc(grp_ndjson_import_options_init(&o, 2), GRP_EINVAL);
    grp_assert_rc(grp_ndjson_import_options_init(NULL, GRP_NDJSON_IMPORT_OPTIONS_VERSION), GRP_EINVAL);
    grp_assert_ok(grp_ndjson_import_options_init(&o, GRP_NDJSON_IMPORT_OPTIONS_VERSION));
    assert_int_equal(o.on_existing, GRP_JSON_EXISTING_FAIL);
    assert_int_equal(o.batch_records, 0);
    assert_int_equal(o.max_line_bytes, 0);
    /* a header alone imports nothing and succeeds */
    grp_assert_ok(grp_ndjson_import_buffer(&r, t, &sys, HEADER, strlen(HEADER), NULL));
    assert_int_equal(r.lines, 1);
    assert_int_equal(r.committed_lines, 1);
    grp_store_close(t);
    grp_store_close(s);
}

/* ---- batches --------------------------------------------------------------------------- */

static size_t audit_imports(grp_store *s)
{
    grp_actor sys = grp_actor_system();
    grp_audit_iterator *it;
    grp_audit_entry *e;
    size_t n = 0;
    grp_assert_ok(grp_audit_iterator_new(&it, s, &sys, 0));
    while (grp_audit_iterator_next(&e, it) == GRP_OK) {
        n += strcmp(grp_audit_entry_action(e), "store.import_ndjson") == 0;
        grp_audit_entry_free(e);
    }
    grp_audit_iterator_free(it);
    return n;
}

static void test_batches(void **state)
{
    (void)state;
    grp_store *s = jf_rich_store();
    grp_ndjson_import_options o = GRP_NDJSON_IMPORT_OPTIONS_INIT;
    grp_ndjson_import_result r;
    char *stream = ndjson_of(s, NULL, NULL), *doc = jf_export(s);
    size_t lines = count_lines(stream);

    /* whole stream in batches of 3: same store, one audit row a batch */
    grp_store *t = jf_empty_store();
    o.batch_records = 3;
    grp_assert_ok(import_text(t, stream, &o, &r));
    assert_int_equal(r.committed_lines, lines);
    char *doc2 = jf_export(t);
    assert_string_equal(doc2, doc);
    assert_int_equal(audit_imports(t), (lines - 1 + 2) / 3);
    grp_free(doc2);
    grp_store_close(t);

    /* an error on the attendance line: the batches before it stay */
    size_t n = 0, len = 0;
    const char *p = line_of_kind(stream, "attendance", &n, &len);
    char *bad = splice(stream, p, len, NULL); /* line n + 1 duplicates line n */
    t = jf_empty_store();
    grp_assert_rc(import_text(t, bad, &o, &r), GRP_EINVAL);
    size_t records_before = n - 1; /* records on lines 2..n are fine, then the bad one */
    size_t committed_records = (records_before / 3) * 3;
    assert_int_equal(r.lines, n + 1);
    assert_int_equal(r.committed_lines, committed_records + 1);
    size_t total = 0;
    for (size_t k = 0; k < GRP_JSON_KIND_COUNT; k++)
        total += r.created[k];
    assert_int_equal(total + r.reused, committed_records);
    /* the store holds exactly the committed lines */
    const char *q = stream;
    for (size_t i = 0; i < r.committed_lines; i++)
        q = strchr(q, '\n') + 1;
    char *prefix = strndup(stream, (size_t)(q - stream));
    grp_store *u = jf_empty_store();
    grp_ndjson_import_result r2;
    grp_assert_ok(import_text(u, prefix, NULL, &r2));
    char *got = jf_export(t), *want = jf_export(u);
    assert_string_equal(got, want);
    assert_memory_equal(r.created, r2.created, sizeof r.created);
    assert_int_equal(audit_imports(t), committed_records / 3);
    grp_free(got);
    grp_free(want);
    free(prefix);
    grp_store_close(u);
    grp_store_close(t);

    /* without batches the same error commits nothing */
    into_empty = 1;
    expect_refused(bad, strlen(bad), NULL, GRP_EINVAL, "a second attendance");
    into_empty = 0;
    free(bad);
    grp_free(doc);
    grp_free(stream);
    grp_store_close(s);
}

/* ---- memory ------------------------------------------------------------------------------ */

/* A stream generated on the fly: one organisation, eight people, a group,
 * and `sessions` ad hoc sessions each followed by its eight attendance
 * records (jf_big_record). */
typedef struct gen {
    size_t sessions, next; /* next record number */
    char pending[1024];
    size_t plen, ppos;
} gen;

static void gen_record(gen *g)
{
    size_t i = g->next++, n = 0;
    if (i == 0) {
        n = (size_t)snprintf(g->pending, sizeof g->pending, "%s", HEADER);
        n += jf_big_record(g->pending + n, sizeof g->pending - n, GRP_JSON_ORGANISATIONS, 0, 1);
    } else if (i <= 8)
        n = jf_big_record(g->pending, sizeof g->pending, GRP_JSON_PEOPLE, i - 1, 1);
    else if (i == 9)
        n = jf_big_record(g->pending, sizeof g->pending, GRP_JSON_GROUPS, 0, 1);
    else {
        size_t k = i - 10, sess = k / 9, slot = k % 9;
        if (sess == g->sessions) {
            g->plen = g->ppos = 0;
            return;
        }
        n = slot == 0 ? jf_big_record(g->pending, sizeof g->pending, GRP_JSON_SESSIONS, sess, 1)
                      : jf_big_record(g->pending, sizeof g->pending, GRP_JSON_ATTENDANCE, sess * 8 + slot - 1, 1);
    }
    g->pending[n++] = '\n';
    g->plen = n;
    g->ppos = 0;
}

static int gen_reader(void *payload, char *buf, size_t size, size_t *got)
{
    gen *g = payload;
    *got = 0;
    while (*got < size) {
        if (g->ppos == g->plen) {
            gen_record(g);
            if (!g->plen)
                break;
        }
        size_t n = g->plen - g->ppos < size - *got ? g->plen - g->ppos : size - *got;
        memcpy(buf + *got, g->pending + g->ppos, n);
        g->ppos += n;
        *got += n;
    }
    return 0;
}

static size_t peak_for(size_t sessions)
{
    jf_meter m;
    grp_store *s;
    grp_actor sys = grp_actor_system();
    grp_ndjson_import_result r;
    gen g = {sessions, 0, {0}, 0, 0};
    jf_meter_start(&m);
    grp_assert_ok(grp_store_open(&s, ":memory:", NULL));
    size_t base = m.live;
    m.peak = m.live;
    int rc = grp_ndjson_import(&r, s, &sys, gen_reader, &g, NULL);
    if (rc)
        fail_msg("import: %s", grp_error_last()->message);
    assert_int_equal(r.created[GRP_JSON_ATTENDANCE], sessions * 8);
    assert_int_equal(r.created[GRP_JSON_SESSIONS], sessions);
    size_t peak = m.peak - base;
    grp_store_close(s);
    assert_int_equal(m.live, 0);
    jf_meter_stop();
    return peak;
}

/* The memory of libgrp and cJSON during an import does not grow with the
 * stream: ten times the records, at most a few KiB more (the id bitmap). */
static void test_constant_memory(void **state)
{
    (void)state;
    const char *env = getenv("GRP_NDJSON_MEMORY_SESSIONS");
    size_t big = env ? (size_t)strtoul(env, NULL, 10) : 5000;
    size_t small = big / 10 ? big / 10 : 1;
    size_t p_small = peak_for(small), p_big = peak_for(big);
    print_message("NDJSON import, libgrp and cJSON heap peak: %zu sessions %zu bytes, %zu sessions %zu bytes\n", small, p_small,
                  big, p_big);
    assert_true(p_big < (size_t)2 * 1024 * 1024);
    assert_true(p_big <= p_small + 16 * 1024);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export_exact),
        cmocka_unit_test(test_export_matches_document),
        cmocka_unit_test(test_export_callback_and_file),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_import_into_nonempty),
        cmocka_unit_test(test_bad_lines),
        cmocka_unit_test(test_bad_records_in_stream),
        cmocka_unit_test(test_bad_corpus),
        cmocka_unit_test(test_reader),
        cmocka_unit_test(test_files_and_arguments),
        cmocka_unit_test(test_batches),
        cmocka_unit_test(test_constant_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* JSON document export/import: exact output of a small store, the round
 * trip on a rich store (byte-identical), scoped exports, import into a
 * non-empty store and the external_ref policies, access, files, and the
 * corpus of bad documents (tests/data/json/bad.tsv), each asserting its
 * exact code, a path in the message and that the store did not change. */
#include "json_fixture.h"

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include "support.h"

#include <libgrp/json.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Write `n` bytes of `text` to the file `path`. */
static void put_file(const char *path, const char *text, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

/* A new temporary directory (free() it after grp_test_rmtree()) and the
 * path of the file `name` in it. */
static char *tmp_file(char *path, size_t size, const char *name)
{
    char *dir = grp_test_tmpdir();
    snprintf(path, size, "%s/%s", dir, name);
    return dir;
}

/* ---- export ----------------------------------------------------------------------- */

static void test_export_small_exact(void **state)
{
    (void)state;
    grp_store *s = jf_empty_store();
    grp_id org = jf_org(s, "Trust", "T-1");
    jf_person(s, org, "Ann", "nurse", "ann");
    char *out = jf_export(s);
    assert_string_equal(
        out,
        "{\"format\":\"libgrp\",\"version\":1,"
        "\"organisations\":[{\"id\":\"1\",\"name\":\"Trust\",\"external_ref\":\"T-1\",\"archived\":false}],"
        "\"people\":[{\"id\":\"1\",\"organisation\":\"1\",\"display_name\":\"Ann\",\"job_role\":\"nurse\","
        "\"email\":\"ann@example.org\",\"external_ref\":\"ann\",\"archived\":false}],"
        "\"org_admins\":[],"
        "\"feedback_forms\":[{\"id\":\"1\",\"name\":\"Session feedback\",\"items\":[\"I felt safe to share\","
        "\"The session was useful for my practice\",\"The facilitator kept us focused\","
        "\"The time felt protected\"]}],"
        "\"groups\":[],\"memberships\":[],\"cadences\":[],\"sessions\":[],\"attendance\":[],\"presenters\":[],"
        "\"hours_entries\":[],\"feedback_responses\":[],\"feedback_given\":[],\"peer_feedback\":[],\"goals\":[],"
        "\"goal_steps\":[],\"goal_progress\":[],\"notes\":[],\"themes\":[]}");
    grp_free(out);
    grp_store_close(s);
}

static void test_export_values(void **state)
{
    (void)state;
    grp_store *s = jf_rich_store();
    char *out = jf_export(s);
    /* spot checks of each kind of value, in the exact compact form */
    assert_non_null(strstr(out, "\"eligible_roles\":[\"nurse\",\"psychologist\"],\"feedback_form\":\"2\","
                                "\"hours_rule\":null}"));
    assert_non_null(strstr(out, "\"hours_rule\":{\"mode\":\"ratio\",\"ratio_num\":2,\"ratio_den\":3}"));
    /* the moved session keeps its occurrence */
    assert_non_null(strstr(out, "\"occurrence\":\"2026-02-03T14:00:00\",\"occurrence_utc\":\"2026-02-03T14:00:00Z\","
                                "\"start_local\":\"2026-02-04T10:30:00\",\"start_utc\":\"2026-02-04T10:30:00Z\","
                                "\"duration\":120,\"status\":\"held\""));
    assert_non_null(strstr(out, "\"status\":\"cancelled\",\"location\":null,\"meeting_link\":null,"
                                "\"reason\":\"room flooded\""));
    /* an ad hoc session: no cadence, no occurrence */
    assert_non_null(strstr(out, "\"cadence\":null,\"occurrence\":null,\"occurrence_utc\":null,"
                                "\"start_local\":\"2026-02-20T10:00:00\""));
    /* anonymous responses carry no person */
    assert_non_null(strstr(out, "\"person\":null,\"ratings\":[1,0],\"text\":null}"));
    assert_non_null(strstr(out, "\"person\":null,\"ratings\":[5,4],\"text\":\"anonymous words\"}"));
    assert_non_null(strstr(out, "\"state\":\"declined\""));
    assert_non_null(strstr(out, "\"state\":\"waitlisted\""));
    assert_non_null(strstr(out, "\"state\":\"requested\""));
    assert_non_null(strstr(out, "\"reason\":\"moved team\""));
    assert_non_null(strstr(out, "\"note\":\"left at 15:00,\\r\\n\\\"early\\\"\""));
    assert_non_null(strstr(out, "\"display_name\":\"Zo\u00eb \u00e9\u4e2d\""));
    assert_non_null(strstr(out, "\"capacity_policy\":\"waitlist\""));
    assert_non_null(strstr(out, "\"visibility\":\"facilitators\""));
    grp_free(out);

    /* pretty: same content, one member a line */
    grp_json_export_options o;
    grp_actor sys = grp_actor_system();
    grp_assert_ok(grp_json_export_options_init(&o, GRP_JSON_EXPORT_OPTIONS_VERSION));
    o.pretty = 1;
    grp_assert_ok(grp_json_export(&out, s, &sys, &o));
    assert_memory_equal(out, "{\n\t\"format\":\t\"libgrp\",\n\t\"version\":\t1,\n", 38);
    grp_free(out);
    grp_store_close(s);
}

static void test_export_errors(void **state)
{
    (void)state;
    grp_store *s = jf_rich_store();
    char *out = (char *)"x";
    grp_actor sys = grp_actor_system(), person = grp_actor_person(1);
    grp_json_export_options o = GRP_JSON_EXPORT_OPTIONS_INIT;
    grp_assert_rc(grp_json_export(&out, s, &person, NULL), GRP_EACCESS);
    assert_null(out);
    grp_assert_rc(grp_json_export(NULL, s, &sys, NULL), GRP_EINVAL);
    grp_assert_rc(grp_json_export(&out, NULL, &sys, NULL), GRP_EINVAL);
    o.org_id = 1;
    o.group_id = 1;
    grp_assert_rc(grp_json_export(&out, s, &sys, &o), GRP_EINVAL);
    o.org_id = 99;
    o.group_id = 0;
    grp_assert_rc(grp_json_export(&out, s, &sys, &o), GRP_ENOTFOUND);
    o.org_id = 0;
    o.group_id = 99;
    grp_assert_rc(grp_json_export(&out, s, &sys, &o), GRP_ENOTFOUND);
    o.version = 7;
    grp_assert_rc(grp_json_export(&out, s, &sys, &o), GRP_EINVAL);
    grp_assert_rc(grp_json_export_options_init(&o, 2), GRP_EINVAL);
    grp_assert_rc(grp_json_export_options_init(NULL, GRP_JSON_EXPORT_OPTIONS_VERSION), GRP_EINVAL);
    assert_string_equal(grp_json_kind_name(GRP_JSON_MEMBERSHIPS), "memberships");
    assert_string_equal(grp_json_kind_name(GRP_JSON_THEMES), "themes");
    assert_null(grp_json_kind_name(GRP_JSON_KIND_COUNT));
    grp_store_close(s);
}

/* An export reads a snapshot without taking the write lock: it succeeds
 * while another handle holds an open write transaction (busy timeout 0, so
 * any wait would fail at once), does not see that transaction's rows, and
 * also works on a read-only handle. */
static void test_export_during_write(void **state)
{
    (void)state;
    char path[512], *dir = tmp_file(path, sizeof path, "s.db");
    grp_store_options wo = GRP_STORE_OPTIONS_INIT, ro = GRP_STORE_OPTIONS_INIT;
    grp_store *w, *r, *rd;
    grp_actor sys = grp_actor_system();
    char *before = NULL, *during = NULL, *ronly = NULL;
    grp_assert_ok(grp_store_open(&w, path, &wo));
    jf_org(w, "Org A", "A");
    wo.busy_timeout_ms = 0;
    wo.flags = 0;
    grp_assert_ok(grp_store_open(&r, path, &wo));
    ro.flags = GRP_STORE_READONLY;
    ro.busy_timeout_ms = 0;
    grp_assert_ok(grp_store_open(&rd, path, &ro));
    grp_assert_ok(grp_json_export(&before, r, &sys, NULL));
    grp_assert_ok(grp_store_begin(w));
    jf_org(w, "Org B", "B");
    grp_assert_ok(grp_json_export(&during, r, &sys, NULL));
    grp_assert_ok(grp_json_export(&ronly, rd, &sys, NULL));
    assert_string_equal(before, during);
    assert_string_equal(before, ronly);
    assert_null(strstr(during, "Org B"));
    assert_int_equal(grp_store_transaction_depth(r), 0);
    grp_assert_ok(grp_store_commit(w));
    grp_free(during);
    grp_assert_ok(grp_json_export(&during, r, &sys, NULL));
    assert_non_null(strstr(during, "Org B"));
    grp_free(before);
    grp_free(during);
    grp_free(ronly);
    grp_store_close(rd);
    grp_store_close(r);
    grp_store_close(w);
    grp_test_rmtree(dir);
    free(dir);
}

/* ---- round trip -------------------------------------------------------------------- */

static void test_round_trip(void **state)
{
    (void)state;
    grp_store *a = jf_rich_store(), *b = jf_empty_store();
    grp_actor sys = grp_actor_system();
    grp_json_import_result r;
    char *one = jf_export(a);
    memset(&r, 0xff, sizeof r);
    grp_assert_ok(grp_json_import(&r, b, &sys, one, strlen(one), NULL));
    assert_int_equal(r.version, GRP_JSON_IMPORT_RESULT_VERSION);
    assert_int_equal(r.created[GRP_JSON_ORGANISATIONS], 2);
    assert_int_equal(r.created[GRP_JSON_PEOPLE], 7);
    assert_int_equal(r.created[GRP_JSON_ORG_ADMINS], 2);
    assert_int_equal(r.created[GRP_JSON_FEEDBACK_FORMS], 1); /* the default form is reused */
    assert_int_equal(r.reused, 1);
    assert_int_equal(r.created[GRP_JSON_GROUPS], 4);
    assert_int_equal(r.created[GRP_JSON_MEMBERSHIPS], 10);
    assert_int_equal(r.created[GRP_JSON_CADENCES], 1);
    assert_int_equal(r.created[GRP_JSON_SESSIONS], 4);
    assert_int_equal(r.created[GRP_JSON_ATTENDANCE], 7);
    assert_int_equal(r.created[GRP_JSON_PRESENTERS], 1);
    assert_int_equal(r.created[GRP_JSON_FEEDBACK_RESPONSES], 3);
    assert_int_equal(r.created[GRP_JSON_FEEDBACK_GIVEN], 3);
    assert_int_equal(r.created[GRP_JSON_PEER_FEEDBACK], 2);
    assert_int_equal(r.created[GRP_JSON_GOALS], 2);
    assert_int_equal(r.created[GRP_JSON_GOAL_STEPS], 2);
    assert_int_equal(r.created[GRP_JSON_GOAL_PROGRESS], 2);
    assert_int_equal(r.created[GRP_JSON_NOTES], 2);
    assert_int_equal(r.created[GRP_JSON_THEMES], 2);
    assert_int_equal(r.skipped, 0);
    assert_int_equal(r.updated, 0);
    char *two = jf_export(b);
    assert_string_equal(one, two);
    /* for tests/data/json/validate_schema.py: the rich export */
    const char *keep = getenv("GRP_JSON_EXPORT_OUT");
    if (keep) {
        FILE *f = fopen(keep, "w");
        assert_non_null(f);
        assert_true(fputs(one, f) >= 0);
        assert_int_equal(fclose(f), 0);
    }

    /* the imported store works through the model: the group and its rule */
    grp_hours_rule rule;
    grp_assert_ok(grp_hours_rule_get(&rule, b, 2));
    assert_int_equal(rule.mode, GRP_HOURS_RATIO);
    assert_int_equal(rule.ratio_num, 2);
    grp_id form = 0;
    grp_assert_ok(grp_group_feedback_form(&form, b, 1));
    assert_int_equal(form, 2);
    grp_free(one);
    grp_free(two);
    grp_store_close(a);
    grp_store_close(b);
}

/* A progress note at the model's longest (4000 bytes) is exported and
 * imported again: the import's bound is the model's (GRP__TEXT_MAX); it
 * was 1000, so such an export could not be read back. */
static void test_longest_progress_note_round_trip(void **state)
{
    (void)state;
    grp_store *a = jf_empty_store(), *b = jf_empty_store();
    grp_id org = jf_org(a, "Org", NULL), ann = jf_person(a, org, "Ann", NULL, "ann");
    grp_actor as_ann = grp_actor_person(ann), sys = grp_actor_system();
    grp_goal_spec gs = GRP_GOAL_SPEC_INIT;
    grp_id goal;
    static char note[4002];
    memset(note, 'n', sizeof note - 1);
    note[sizeof note - 1] = '\0';
    gs.owner_id = ann;
    gs.title = "Reflect";
    grp_assert_ok(grp_goal_create(&goal, a, &as_ann, &gs));
    grp_assert_rc(grp_goal_progress_add(NULL, a, &as_ann, goal, D(2026, 2, 4), 25, note, 0), GRP_EINVAL);
    note[4000] = '\0';
    grp_assert_ok(grp_goal_progress_add(NULL, a, &as_ann, goal, D(2026, 2, 4), 25, note, 0));
    char *doc = jf_export(a);
    grp_store_close(a);
    grp_json_import_result r;
    grp_assert_ok(grp_json_import(&r, b, &sys, doc, strlen(doc), NULL));
    grp_free(doc);
    assert_int_equal(r.created[GRP_JSON_GOAL_PROGRESS], 1);
    /* an empty store keeps the document's ids: the same goal, read back whole */
    grp_goal_progress_iterator *it;
    grp_goal_progress *p;
    grp_assert_ok(grp_goal_progress_iterator_new(&it, b, &as_ann, goal));
    grp_assert_ok(grp_goal_progress_iterator_next(&p, it));
    assert_string_equal(grp_goal_progress_note(p), note);
    grp_goal_progress_free(p);
    grp_assert_rc(grp_goal_progress_iterator_next(&p, it), GRP_ITEROVER);
    grp_goal_progress_iterator_free(it);
    grp_store_close(b);
}

/* The import's text bounds are the model's: a response's text, a peer
 * feedback's text, a goal's and a theme's description take 4000 bytes
 * (GRP__TEXT_MAX) and refuse 4001, as the calls that create them do. */
static void test_text_bounds_are_the_models(void **state)
{
    (void)state;
    static const char *const where[][2] = {
        {"feedback_responses", "text"}, {"peer_feedback", "text"}, {"goals", "description"}, {"themes", "description"}};
    grp_store *a = jf_rich_store();
    grp_actor sys = grp_actor_system();
    char *doc = jf_export(a), needle[160];
    static char text[4002];
    grp_store_close(a);
    memset(text, 't', sizeof text - 1);
    for (size_t i = 0; i < sizeof where / sizeof where[0]; i++) {
        for (size_t len = 4000; len <= 4001; len++) {
            cJSON *root = cJSON_Parse(doc);
            assert_non_null(root);
            cJSON *rec = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, where[i][0]), 0);
            assert_non_null(rec);
            text[len] = '\0';
            assert_true(cJSON_ReplaceItemInObjectCaseSensitive(rec, where[i][1], cJSON_CreateString(text)));
            text[len] = 't';
            char *bad = cJSON_PrintUnformatted(root);
            assert_non_null(bad);
            grp_store *b = jf_empty_store();
            int rc = grp_json_import(NULL, b, &sys, bad, strlen(bad), NULL);
            if (len == 4000)
                grp_assert_ok(rc);
            else {
                grp_assert_rc(rc, GRP_EINVAL);
                snprintf(needle, sizeof needle, "$.%s[0].%s' is 4001 bytes long (at most 4000)", where[i][0],
                         where[i][1]);
                grp_assert_msg_contains(needle);
            }
            grp_store_close(b);
            cJSON_free(bad);
            cJSON_Delete(root);
        }
    }
    grp_free(doc);
}

static void test_round_trip_pretty_and_files(void **state)
{
    (void)state;
    grp_store *a = jf_rich_store(), *b = jf_empty_store();
    grp_actor sys = grp_actor_system();
    grp_json_export_options o = GRP_JSON_EXPORT_OPTIONS_INIT;
    char *dir = grp_test_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/doc.json", dir);
    o.pretty = 1;
    grp_assert_ok(grp_json_export_to_file(path, a, &sys, &o));
    grp_assert_ok(grp_json_import_file(NULL, b, &sys, path, NULL));
    char *one = jf_export(a), *two = jf_export(b);
    assert_string_equal(one, two);
    grp_free(one);
    grp_free(two);

    /* size limit checked before reading */
    grp_json_import_options io = GRP_JSON_IMPORT_OPTIONS_INIT;
    io.max_bytes = 100;
    grp_store *c = jf_empty_store();
    grp_assert_rc(grp_json_import_file(NULL, c, &sys, path, &io), GRP_EINVAL);
    grp_assert_msg_contains("the limit is 100");
    snprintf(path, sizeof path, "%s/missing.json", dir);
    grp_assert_rc(grp_json_import_file(NULL, c, &sys, path, NULL), GRP_ENOTFOUND);
    snprintf(path, sizeof path, "%s/no/such/dir.json", dir);
    grp_assert_rc(grp_json_export_to_file(path, a, &sys, NULL), GRP_ESTORAGE);
    grp_store_close(c);

    /* a read-only handle exports (without a write transaction) and refuses imports */
    grp_store *f;
    grp_store_options so = GRP_STORE_OPTIONS_INIT;
    snprintf(path, sizeof path, "%s/store.grp", dir);
    grp_assert_ok(grp_store_open(&f, path, NULL));
    one = jf_export(a);
    grp_assert_ok(grp_json_import(NULL, f, &sys, one, strlen(one), NULL));
    grp_store_close(f);
    so.flags = GRP_STORE_READONLY;
    grp_assert_ok(grp_store_open(&f, path, &so));
    two = jf_export(f);
    assert_string_equal(one, two);
    grp_assert_rc(grp_json_import(NULL, f, &sys, one, strlen(one), NULL), GRP_EREADONLY);
    grp_free(one);
    grp_free(two);
    grp_store_close(f);
    grp_test_rmtree(dir);
    free(dir);
    grp_store_close(a);
    grp_store_close(b);
}

/* A scoped export holds what its records name; imported alone, the whole
 * store's export is the scoped document again. */
static void check_scope(grp_id org_id, grp_id group_id, const char *absent, const char *present)
{
    grp_store *a = jf_rich_store(), *b = jf_empty_store();
    grp_actor sys = grp_actor_system();
    grp_json_export_options o = GRP_JSON_EXPORT_OPTIONS_INIT;
    char *one = NULL;
    o.org_id = org_id;
    o.group_id = group_id;
    grp_assert_ok(grp_json_export(&one, a, &sys, &o));
    assert_null(strstr(one, absent));
    assert_non_null(strstr(one, present));
    grp_assert_ok(grp_json_import(NULL, b, &sys, one, strlen(one), NULL));
    char *two = jf_export(b);
    assert_string_equal(one, two);
    grp_free(one);
    grp_free(two);
    grp_store_close(a);
    grp_store_close(b);
}

static void test_scoped_exports(void **state)
{
    (void)state;
    /* group 3 "Waitlist" (org 2): no other group, x1 and x2 only */
    check_scope(0, 3, "Monthly GRP", "\"name\":\"Waitlist\"");
    /* org 1: its two groups, not org 2's */
    check_scope(1, 0, "\"name\":\"Approval\"", "\"name\":\"1:1 supervision\"");
    /* group 1 refers to the custom form and to no person of org 2 except
     * none: x1 appears only through org 2's records */
    check_scope(0, 1, "\"display_name\":\"X2\"", "\"name\":\"Short form\"");
}

/* A scoped export reads its rows through SQL_IO_SCOPED_* (by index from
 * the scope's groups and sessions); they must be exactly the rows the
 * filtering SQL_IO_SELECT_* gives for the same scope, for every
 * organisation and every group of the rich store. */
static const struct {
    const char *name, *text;
} io_statements[] = {
#define GRP__SQL(id, text) {#id, text},
#include "store/sql.def"
#undef GRP__SQL
};

/* The rows of `text` for scope (org, group), one string. */
static char *rows_of(sqlite3 *db, const char *text, grp_id org, grp_id group, size_t *count)
{
    sqlite3_stmt *st;
    size_t cap = 256, len = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    out[0] = '\0';
    assert_int_equal(sqlite3_prepare_v2(db, text, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_int64(st, 1, org);
    sqlite3_bind_int64(st, 2, group);
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            const char *v = (const char *)sqlite3_column_text(st, c);
            size_t n = v ? strlen(v) : 4;
            while (len + n + 3 > cap) {
                out = realloc(out, cap *= 2);
                assert_non_null(out);
            }
            len += (size_t)sprintf(out + len, "%s%c", v ? v : "NULL", c + 1 < sqlite3_column_count(st) ? '|' : '\n');
        }
        (*count)++;
    }
    sqlite3_finalize(st);
    return out;
}

static void test_scoped_statements(void **state)
{
    (void)state;
    char *dir = grp_test_tmpdir(), path[1024];
    grp_store *rich = jf_rich_store(), *s;
    grp_actor sys = grp_actor_system();
    char *doc = jf_export(rich);
    sqlite3 *db;
    size_t pairs = 0, rows = 0;
    snprintf(path, sizeof path, "%s/rich.grp", dir);
    grp_assert_ok(grp_store_open(&s, path, NULL));
    grp_assert_ok(grp_json_import(NULL, s, &sys, doc, strlen(doc), NULL));
    grp_store_close(s);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    for (size_t i = 0; i < sizeof io_statements / sizeof io_statements[0]; i++) {
        const char *name = io_statements[i].name;
        if (strncmp(name, "SQL_IO_SCOPED_", 14) != 0)
            continue;
        const char *select = NULL;
        for (size_t k = 0; k < sizeof io_statements / sizeof io_statements[0]; k++)
            if (strncmp(io_statements[k].name, "SQL_IO_SELECT_", 14) == 0 &&
                strcmp(io_statements[k].name + 14, name + 14) == 0)
                select = io_statements[k].text;
        assert_non_null(select);
        pairs++;
        for (grp_id id = 1; id <= 6; id++) /* 2 organisations, 4 groups; ids past them give nothing */
            for (int by_group = 0; by_group < 2; by_group++) {
                size_t n1 = 0, n2 = 0;
                char *a = rows_of(db, select, by_group ? 0 : id, by_group ? id : 0, &n1);
                char *b = rows_of(db, io_statements[i].text, by_group ? 0 : id, by_group ? id : 0, &n2);
                if (strcmp(a, b) != 0)
                    fail_msg("%s, %s %lld: the scoped rows differ:\n%s---\n%s", name,
                             by_group ? "group" : "organisation", (long long)id, a, b);
                rows += n1;
                free(a);
                free(b);
            }
    }
    sqlite3_close(db);
    assert_int_equal(pairs, 17);
    assert_true(rows > 50);
    grp_free(doc);
    grp_store_close(rich);
    grp_test_rmtree(dir);
    free(dir);
}

/* ---- import into a non-empty store: ids, policies ----------------------------------- */

static void test_import_into_nonempty(void **state)
{
    (void)state;
    grp_store *a = jf_rich_store();
    grp_actor sys = grp_actor_system();
    grp_json_import_options o;
    grp_json_import_result r;
    char *doc = jf_export(a);

    /* fail (default): the organisation "T-1" exists */
    grp_assert_rc(grp_json_import(&r, a, &sys, doc, strlen(doc), NULL), GRP_EEXISTS);
    grp_assert_msg_contains("$.organisations[0].external_ref: organisation \"T-1\" already exists");
    char *after = jf_export(a);
    assert_string_equal(doc, after);
    grp_free(after);

    /* skip: existing organisations and people are kept; the rest is copied
     * under new ids */
    grp_assert_ok(grp_json_import_options_init(&o, GRP_JSON_IMPORT_OPTIONS_VERSION));
    o.on_existing = GRP_JSON_EXISTING_SKIP;
    grp_assert_ok(grp_json_import(&r, a, &sys, doc, strlen(doc), &o));
    /* T-1; fay, ann, ada (x1's organisation has no ref, so it and x1 are new) */
    assert_int_equal(r.skipped, 1 + 3);
    assert_int_equal(r.updated, 0);
    assert_int_equal(r.created[GRP_JSON_ORGANISATIONS], 1);
    assert_int_equal(r.created[GRP_JSON_PEOPLE], 4);
    assert_int_equal(r.created[GRP_JSON_GROUPS], 4);
    assert_int_equal(r.created[GRP_JSON_FEEDBACK_FORMS], 0);
    assert_int_equal(r.reused, 2);
    grp_group *g;
    grp_assert_ok(grp_group_get(&g, a, 5)); /* the copy of group 1 */
    assert_string_equal(grp_group_name(g), "Monthly GRP");
    grp_group_free(g);
    grp_id form = 0;
    grp_assert_ok(grp_group_feedback_form(&form, a, 5));
    assert_int_equal(form, 2);

    /* update: the stored person takes the document's fields */
    grp_store *b = jf_empty_store();
    grp_id org = jf_org(b, "Old name", "T-1");
    jf_person(b, org, "Old Ann", NULL, "ann");
    o.on_existing = GRP_JSON_EXISTING_UPDATE;
    grp_assert_ok(grp_json_import(&r, b, &sys, doc, strlen(doc), &o));
    assert_int_equal(r.updated, 2);
    grp_person *p;
    grp_assert_ok(grp_person_get(&p, b, 1));
    assert_string_equal(grp_person_display_name(p), "Ann");
    grp_person_free(p);
    grp_org *og;
    grp_assert_ok(grp_org_get(&og, b, 1));
    assert_string_equal(grp_org_name(og), "Trust");
    grp_org_free(og);

    o.on_existing = (grp_json_existing)3;
    grp_assert_rc(grp_json_import(&r, b, &sys, doc, strlen(doc), &o), GRP_EINVAL);
    o.on_existing = GRP_JSON_EXISTING_FAIL;
    o.version = 9;
    grp_assert_rc(grp_json_import(&r, b, &sys, doc, strlen(doc), &o), GRP_EINVAL);
    grp_assert_rc(grp_json_import_options_init(&o, 9), GRP_EINVAL);
    grp_actor person = grp_actor_person(1);
    grp_assert_rc(grp_json_import(&r, b, &person, doc, strlen(doc), NULL), GRP_EACCESS);
    grp_assert_rc(grp_json_import(&r, b, &sys, NULL, 0, NULL), GRP_EINVAL);
    grp_free(doc);
    grp_store_close(a);
    grp_store_close(b);
}

/* ---- hostile input ------------------------------------------------------------------- */

/* Import `text` into the rich store: exact code, message naming `needle`,
 * and the store exactly as before. Returns 0, or 1 after printing why. */
static int refused(grp_store *s, const char *before, const char *text, size_t len, int code, const char *needle,
                   const char *name)
{
    grp_actor sys = grp_actor_system();
    grp_json_import_result r;
    int bad = 0;
    int rc = grp_json_import(&r, s, &sys, text, len, NULL);
    if (rc != code || !strstr(grp_error_last()->message, needle)) {
        print_message("%s: got %d (%s) \"%s\"; want %d (%s) with \"%s\"\n", name, rc, grp_error_name(rc),
                      grp_error_last()->message, code, grp_error_name(code), needle);
        bad = 1;
    }
    char *after = jf_export(s);
    if (strcmp(before, after) != 0) {
        print_message("%s: the store changed\n", name);
        bad = 1;
    }
    grp_free(after);
    return bad;
}

static void expect_refused(grp_store *s, const char *before, const char *text, size_t len, int code,
                           const char *needle, const char *name)
{
    if (refused(s, before, text, len, code, needle, name))
        fail_msg("%s refused wrongly", name);
}

/* good.json, of which every bad document is a variant, imports into an
 * empty store (ids kept) and into the rich store (ids renumbered). */
static void test_good_document(void **state)
{
    (void)state;
    char path[1024];
    size_t len;
    grp_actor sys = grp_actor_system();
    grp_json_import_result r;
    snprintf(path, sizeof path, "%s/json/good.json", GRP_TEST_DATA_DIR);
    char *text = jf_read_file(path, &len);
    grp_store *b = jf_empty_store();
    grp_assert_ok(grp_json_import(&r, b, &sys, text, len, NULL));
    assert_int_equal(r.created[GRP_JSON_PEOPLE], 2);
    assert_int_equal(r.reused, 1);
    char *again = jf_export(b);
    assert_string_equal(again, text);
    grp_free(again);
    grp_store_close(b);
    grp_store *s = jf_rich_store();
    grp_assert_ok(grp_json_import(&r, s, &sys, text, len, NULL));
    assert_int_equal(r.created[GRP_JSON_THEMES], 1);
    grp_group *g;
    grp_assert_ok(grp_group_get(&g, s, 5));
    assert_string_equal(grp_group_name(g), "GRP");
    grp_group_free(g);
    grp_store_close(s);
    free(text);
}

static int refused_entry(const jf_corpus_entry *e, void *payload)
{
    const char **ctx = payload; /* the store, and its export before */
    return refused((grp_store *)ctx[0], ctx[1], e->text, e->len, e->code, e->message, e->file);
}

static void test_bad_corpus(void **state)
{
    (void)state;
    grp_store *s = jf_rich_store();
    char *before = jf_export(s);
    const void *ctx[2] = {s, before};
    size_t failed = 0;
    size_t count = jf_corpus(GRP_TEST_DATA_DIR "/json", refused_entry, (void *)ctx, &failed);
    assert_int_equal(failed, 0);
    assert_true(count >= 40);
    grp_free(before);
    grp_store_close(s);
}

/* Generated hostile documents too large to keep as files. */
static void test_hostile_generated(void **state)
{
    (void)state;
    grp_store *s = jf_rich_store();
    char *before = jf_export(s);

    /* a 100 MB string: refused by the size limit, before parsing */
    size_t big = (size_t)100 * 1024 * 1024;
    char *text = malloc(big + 64);
    assert_non_null(text);
    size_t n = (size_t)sprintf(text, "{\"format\":\"libgrp\",\"version\":1,\"x\":\"");
    memset(text + n, 'a', big);
    n += big;
    n += (size_t)sprintf(text + n, "\"}");
    expect_refused(s, before, text, n, GRP_EINVAL, "the limit is 67108864", "100 MB string");
    free(text);

    /* nesting 100000 deep: refused at the bound, no recursion */
    size_t depth = 100000;
    text = malloc(2 * depth + 1);
    assert_non_null(text);
    memset(text, '[', depth);
    memset(text + depth, ']', depth);
    expect_refused(s, before, text, 2 * depth, GRP_EINVAL, "nests deeper than 32 levels at byte 32", "deep");
    free(text);

    /* a NUL byte inside a string, with the length given explicitly */
    static const char nul[] = "{\"format\":\"lib\0grp\",\"version\":1}";
    expect_refused(s, before, nul, sizeof nul - 1, GRP_EPARSE, "NUL byte at byte 14", "raw NUL");

    /* the text need not be NUL-terminated: only len bytes are read */
    static const char cut[] = "{\"format\":\"libgrp\",\"version\":1}GARBAGE";
    grp_store *b = jf_empty_store();
    grp_actor sys = grp_actor_system();
    grp_assert_ok(grp_json_import(NULL, b, &sys, cut, 31, NULL));
    grp_store_close(b);
    expect_refused(s, before, cut, sizeof cut - 1, GRP_EPARSE, "malformed JSON at byte 31", "garbage");
    grp_free(before);
    grp_store_close(s);
}

/* ---- a document is read one record at a time ---------------------------------------------------- */

/* The arrays of a document may come in any order: records are written
 * kind by kind whatever the order, and references point either way. */
static void test_arrays_in_any_order(void **state)
{
    (void)state;
    grp_store *a = jf_rich_store(), *b = jf_empty_store();
    grp_actor sys = grp_actor_system();
    char *one = jf_export(a);
    cJSON *doc = cJSON_Parse(one), *rev = cJSON_CreateObject();
    assert_non_null(doc);
    assert_non_null(rev);
    /* members in reverse order: themes first, organisations last, version, then format */
    while (doc->child) {
        cJSON *last = doc->child;
        while (last->next)
            last = last->next;
        cJSON_AddItemToObject(rev, last->string, cJSON_DetachItemViaPointer(doc, last));
    }
    char *text = cJSON_PrintUnformatted(rev);
    assert_non_null(text);
    assert_true(strstr(text, "\"themes\"") < strstr(text, "\"organisations\""));
    grp_json_import_result r;
    grp_assert_ok(grp_json_import(&r, b, &sys, text, strlen(text), NULL));
    assert_true(r.created[GRP_JSON_MEMBERSHIPS] > 0);
    char *two = jf_export(b);
    assert_string_equal(two, one);
    grp_free(two);
    cJSON_free(text);
    cJSON_Delete(doc);
    cJSON_Delete(rev);
    grp_free(one);
    grp_store_close(a);
    grp_store_close(b);
}

/* What only the streaming reader can get wrong: member names compared as
 * JSON compares them, the top level's duplicates and unknown members, the
 * bound on one record, values that are not what the top level needs. */
static void test_document_reader(void **state)
{
    (void)state;
    grp_store *s = jf_rich_store(), *b = jf_empty_store();
    grp_actor sys = grp_actor_system();
    char *before = jf_export(s);
    grp_json_import_result r;
#define REFUSED_DOC(text, code, needle, name) expect_refused(s, before, text, sizeof(text) - 1, code, needle, name)

    /* escaped member names are the names they spell */
    static const char esc[] = "{\"f\\u006frmat\":\"libgrp\",\"version\":1,\"organi\\u0073ations\":[{\"id\":\"1\","
                              "\"name\":\"\\u00c9cole\",\"external_ref\":null,\"archived\":false}],\"people\":[]}";
    grp_assert_ok(grp_json_import(&r, b, &sys, esc, sizeof esc - 1, NULL));
    assert_int_equal(r.created[GRP_JSON_ORGANISATIONS], 1);
    grp_org *o;
    grp_assert_ok(grp_org_get(&o, b, 1));
    assert_string_equal(grp_org_name(o), "\xc3\x89" "cole");
    grp_org_free(o);

    REFUSED_DOC("{\"format\":\"libgrp\",\"version\":1,\"people\":[],\"people\":[]}", GRP_EINVAL,
                   "$: the member \"people\" appears twice", "a kind twice");
    REFUSED_DOC("{\"format\":\"libgrp\",\"version\":1,\"peo\\u0070le\":[],\"people\":[]}", GRP_EINVAL,
                   "$: the member \"people\" appears twice", "a kind twice, once escaped");
    REFUSED_DOC("{\"format\":[[[\"libgrp\"]]],\"version\":1}", GRP_EINVAL,
                   "$.format: expected \"libgrp\"", "format an array");
    REFUSED_DOC("{\"format\":\"libgrp\",\"version\":{\"v\":1}}", GRP_EINVAL,
                   "$.version: expected an integer, got an object", "version an object");
    REFUSED_DOC("{\"format\":\"libgrp\",\"version\":1,\"people\":\"all\"}", GRP_EINVAL,
                   "$.people: expected an array, got a string", "people a string");
    REFUSED_DOC("{\"format\":\"libgrp\",\"version\":1,\"themes\":[],\"notes\":[7]}", GRP_EINVAL,
                   "$.notes[0]: expected an object, got a number", "a note a number");
    REFUSED_DOC("{\"format\":\"libgrp\",\"version\":1,\"attendance\":[{},]}", GRP_EPARSE,
                   "malformed JSON at byte 48 (line 1, column 49)", "trailing comma in an array");
    REFUSED_DOC("\"libgrp\"", GRP_EINVAL, "$: expected an object, got a string", "a string");
    REFUSED_DOC(" \n true", GRP_EINVAL, "$: expected an object, got a boolean", "a boolean");
    REFUSED_DOC("{\"format\":\"libgrp\",\"version\":1,\"x\\ty\":0}", GRP_EINVAL,
                   "$: unknown member \"x\ty\"", "an unknown member, escaped");
    REFUSED_DOC("{\"format\":\"libgrp\",\"version\":1,\"people\":[{\"id\":\"1\",\"id\":\"2\"}]}",
                   GRP_EINVAL, "$.people[0]: the member \"id\" appears twice", "a record's member twice");

    /* member names: a long unknown one is named by its first 60 bytes; a
     * long one that begins with a known name is unknown, as is a known
     * name with a byte more; escaped names inside records are the names
     * they spell */
    REFUSED_DOC("{\"format\":\"libgrp\",\"version\":1,\"people\":[],\"people"
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\":[]}",
                GRP_EINVAL, "$: unknown member \"peoplexxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"",
                "a long name beginning with a kind");
    REFUSED_DOC("{\"format\":\"libgrp\",\"version\":1,\"0123456789012345678901234567890123456789012345678\\u00e9\"\"0\":0}",
                GRP_EPARSE, "malformed JSON at byte 88 (line 1, column 89)", "a name then no colon");
    REFUSED_DOC("{\"format\":\"libgrp\",\"version\":1,\"012345678901234567890123456789012345678901234567890123456\\u00e9x\":0}",
                GRP_EINVAL, "$: unknown member \"012345678901234567890123456789012345678901234567890123456\xc3\xa9x\"",
                "an escaped name of exactly 60 bytes");
    REFUSED_DOC("{\"format\":\"libgrp\",\"version\":1,\"01234567890123456789012345678901234567890123456789012345678\\u00e9\":0}",
                GRP_EINVAL, "$: unknown member \"01234567890123456789012345678901234567890123456789012345678\"",
                "an escape that would cross 60 bytes");
    REFUSED_DOC("{\"format\":\"libgrp\",\"version\":1,\"peoples\":[]}", GRP_EINVAL, "$: unknown member \"peoples\"",
                "a kind and a byte more");
    REFUSED_DOC("{\"format\":\"libgrp\",\"version\":1,\"organisations\":[{\"id\":\"9\",\"n\\u0061me\":\"N\","
                "\"external_ref\":null,\"archived\":false,\"\\u006eame\":\"M\"}]}",
                GRP_EINVAL, "$.organisations[0]: the member \"name\" appears twice", "a record's member twice, escaped");
    REFUSED_DOC("{\"format\":\"libgrp\",\"version\":1,\"organisations\":[{\"id\":\"9\",\"name\":\"N\","
                "\"external_ref\":null,\"archived\":false,\"n\\u00e4me\":\"M\"}]}",
                GRP_EINVAL, "$.organisations[0]: unknown member \"n\xc3\xa4me\"", "an unknown member, escaped");
    REFUSED_DOC("{\"format\":\"libgrp\",\"version\":1,\"attendance\":[{},7]}", GRP_EINVAL,
                "$.attendance[0].session: missing", "attendance: an empty record");
    REFUSED_DOC("{\"format\":\"libgrp\",\"version\":1,\"attendance\":[7]}", GRP_EINVAL,
                "$.attendance[0]: expected an object, got a number", "attendance: a number");
    REFUSED_DOC(" \t\r\n", GRP_EPARSE, "malformed JSON at byte 4 (line 2, column 1)", "whitespace only");
    REFUSED_DOC("{\"format\":\"libgrp\",\"version\":1,\"themes\":[],\"themes\":{}}", GRP_EINVAL,
                "$: the member \"themes\" appears twice", "a kind twice, the second no array");
    REFUSED_DOC("{\"version\":1,\"format\":\"libgrp\",\"version\":2}", GRP_EINVAL,
                "$: the member \"version\" appears twice", "the version twice");
    static const char escaped_top[] = "{\"format\":\"libgr\\u0070\",\"version\":1e0,\"organisations\":"
                                      "[{\"\\u0069d\":\"\\u0037\",\"n\\u0061me\":\"Seven\",\"external_ref\":null,"
                                      "\"archived\":false}]}";
    grp_store *e = jf_empty_store();
    grp_assert_ok(grp_json_import(&r, e, &sys, escaped_top, sizeof escaped_top - 1, NULL));
    grp_assert_ok(grp_org_get(&o, e, 7));
    assert_string_equal(grp_org_name(o), "Seven");
    grp_org_free(o);
    grp_store_close(e);

    /* one record of exactly GRP_JSON_MAX_RECORD_BYTES (whitespace in it) is
     * read, one of a byte more is not: from memory and from a file */
    {
        static const char head[] = "{\"format\":\"libgrp\",\"version\":1,\"organisations\":[\n";
        static const char rec1[] = "{\"id\":\"3\",\"name\":\"Big\",", rec2[] = "\"external_ref\":null,\"archived\":false}";
        char path[512], *dir = tmp_file(path, sizeof path, "rec.json");
        for (size_t extra = 0; extra <= 1; extra++) {
            size_t rec = GRP_JSON_MAX_RECORD_BYTES + extra, pad = rec - (sizeof rec1 - 1) - (sizeof rec2 - 1);
            size_t n = 0;
            char *t = malloc(rec + 256);
            assert_non_null(t);
            n += (size_t)sprintf(t, "%s%s", head, rec1);
            memset(t + n, ' ', pad);
            n += pad;
            n += (size_t)sprintf(t + n, "%s\n]}", rec2);
            put_file(path, t, n);
            for (int from_file = 0; from_file <= 1; from_file++) {
                e = jf_empty_store();
                int rc = from_file ? grp_json_import_file(&r, e, &sys, path, NULL)
                                   : grp_json_import(&r, e, &sys, t, n, NULL);
                if (extra == 0) {
                    grp_assert_ok(rc);
                    assert_int_equal(r.created[GRP_JSON_ORGANISATIONS], 1);
                } else {
                    grp_assert_rc(rc, GRP_EINVAL);
                    grp_assert_msg_contains("$.organisations[0]: longer than the limit of 1048576 bytes for one record");
                    char *ex = jf_export(e);
                    assert_null(strstr(ex, "\"Big\""));
                    grp_free(ex);
                }
                grp_store_close(e);
            }
            free(t);
        }
        grp_test_rmtree(dir);
        free(dir);
    }

    /* one record over GRP_JSON_MAX_RECORD_BYTES, in a document under the limit */
    size_t big = GRP_JSON_MAX_RECORD_BYTES;
    char *text = malloc(big + 256);
    assert_non_null(text);
    size_t n = (size_t)sprintf(text, "{\"format\":\"libgrp\",\"version\":1,\"organisations\":[{\"id\":\"1\",\"name\":\"");
    memset(text + n, 'a', big);
    n += big;
    n += (size_t)sprintf(text + n, "\",\"external_ref\":null,\"archived\":false}]}");
    expect_refused(s, before, text, n, GRP_EINVAL, "$.organisations[0]: longer than the limit of 1048576 bytes for one record",
                   "a record of 1 MiB");
    /* the same bound in a file */
    char path[512], *dir = tmp_file(path, sizeof path, "big.json");
    put_file(path, text, n);
    grp_assert_rc(grp_json_import_file(NULL, s, &sys, path, NULL), GRP_EINVAL);
    grp_assert_msg_contains("$.organisations[0]: longer than the limit of 1048576 bytes for one record");
    /* a malformed document in a file: the position, as from memory */
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("{\"format\":\"libgrp\",\n\"version\":1,\n\"people\":[tru]}", f);
    assert_int_equal(fclose(f), 0);
    grp_assert_rc(grp_json_import_file(NULL, s, &sys, path, NULL), GRP_EPARSE);
    grp_assert_msg_contains("malformed JSON at byte 46 (line 3, column 14)");
    char *after = jf_export(s);
    assert_string_equal(after, before);
    grp_free(after);
    grp_test_rmtree(dir);
    free(dir);
    free(text);
    grp_free(before);
    grp_store_close(s);
    grp_store_close(b);
#undef REFUSED_DOC
}

/* The reader's grammar is RFC 8259's, no looser than cJSON: every valid
 * text passes it (the import then refuses the content: GRP_EINVAL), and
 * cJSON parses it; every invalid one is GRP_EPARSE. */
static void test_grammar(void **state)
{
    (void)state;
    static const char *const valid[] = {
        "{}", "[]", " \t\r\n{} \t\r\n", "0",
        "123456789012345678901234567890123456789012345678901234567890123", /* 63 characters */
        "-1.23456789012345678901234567890123456789012345678901234567e+10", "[\"\xff\x7f\xc3\"]", "-0", "1", "-1.5", "0.5e-3", "1E+2", "1e2", "123456789012345678901234567890",
        "true", "false", "null", "\"\"", "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", "\"\\u00e9\\u20AC\"",
        "\"\\ud834\\udd1e\"", "\"\xc3\xa9\"", "[1,[2,[3,{}]],{\"a\":[]}]", "{\"a\":1,\"b\":{\"c\":null}}",
        "{ \"a\" : 1 , \"b\" : [ true , false ] }", "[\"\\u0001\"]"};
    static const char *const invalid[] = {
        "", " ", "{", "}", "[", "[1,]", "[,1]", "{\"a\":1,}", "{,}", "{\"a\"}", "{\"a\" 1}", "{a:1}", "{'a':1}",
        "01", "-", "+1", ".5", "1.", "1.e2", "1e", "1e+", "--1", "0x10", "NaN", "Infinity", "-Infinity", "tru",
        "nul", "True", "\"abc", "\"a\tb\"", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\ud800\"", "\"\\udc00\"",
        "\"\\ud800\\u0041\"", "[1] [2]", "[1]x", "{\"a\":1}}", "[1]]", "/* c */ {}", "{} // c", "\xef\xbb\xbf{}",
        "\f{}", "[1\v]",
        "1234567890123456789012345678901234567890123456789012345678901234", /* 64 characters: cJSON reads 63 */
        "-1.234567890123456789012345678901234567890123456789012345678e+10",
    };
    grp_store *s = jf_empty_store();
    grp_actor sys = grp_actor_system();
    for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
        int rc = grp_json_import(NULL, s, &sys, valid[i], strlen(valid[i]), NULL);
        if (rc != GRP_EINVAL)
            fail_msg("valid %s: got %s (%s), expected GRP_EINVAL", valid[i], grp_error_name(rc),
                     grp_error_last()->message);
        cJSON *c = cJSON_ParseWithLength(valid[i], strlen(valid[i]));
        if (!c)
            fail_msg("valid %s: cJSON refuses it", valid[i]);
        cJSON_Delete(c);
    }
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        int rc = grp_json_import(NULL, s, &sys, invalid[i], strlen(invalid[i]), NULL);
        if (rc != GRP_EPARSE)
            fail_msg("invalid %s: got %s (%s), expected GRP_EPARSE", invalid[i], grp_error_name(rc),
                     grp_error_last()->message);
    }
    grp_store_close(s);
}

/* ---- a document read from a file through the 64 KiB window ------------------------------------ */

#define WINDOW ((size_t)64 * 1024)

/* A small document with what a window boundary could cut: escapes, a
 * surrogate pair, an escaped top-level name, a kind without ids. */
static const char window_doc[] =
    "{\"format\":\"libgrp\",\"version\":1,\"organisations\":[{\"id\":\"1\",\"name\":\"Cl\\u00e9f \\ud834\\udd1e "
    "\\\"Q\\\" \\\\ \\/\",\"external_ref\":\"r\\u0031\",\"archived\":false},{\"id\":\"2\",\"name\":\"B\","
    "\"external_ref\":null,\"archived\":true}],\"peo\\u0070le\":[{\"id\":\"1\",\"organisation\":\"2\","
    "\"display_name\":\"Ann \\uD834\\uDD1E\",\"job_role\":null,\"email\":\"a@b.example\",\"external_ref\":null,"
    "\"archived\":false}],\"org_admins\":[{\"organisation\":\"1\",\"person\":\"1\"}]}";

/* `pre` spaces, then window_doc with `mid` spaces after the '[' of its
 * organisations, then `post` spaces, in the file `path`; returns its length. */
static size_t write_window_doc(const char *path, size_t pre, size_t mid, size_t post)
{
    const char *arr = strstr(window_doc, "\"organisations\":[") + strlen("\"organisations\":[");
    size_t head = (size_t)(arr - window_doc);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    for (size_t i = 0; i < pre; i++)
        fputc(' ', f);
    assert_int_equal(fwrite(window_doc, 1, head, f), head);
    for (size_t i = 0; i < mid; i++)
        fputc(i % 2 ? '\n' : ' ', f);
    fputs(arr, f);
    for (size_t i = 0; i < post; i++)
        fputc('\t', f);
    assert_int_equal(fclose(f), 0);
    return pre + mid + post + strlen(window_doc);
}

/* Import the file into the empty store `b`, inside a transaction rolled
 * back after (opening a store per import would cost more than all the
 * imports): the export must be `want`. */
static void expect_file_import(grp_store *b, const char *path, const char *want, const char *what, size_t at)
{
    grp_actor sys = grp_actor_system();
    grp_json_import_result r;
    grp_assert_ok(grp_store_begin(b));
    int rc = grp_json_import_file(&r, b, &sys, path, NULL);
    if (rc)
        fail_msg("%s %zu: %s (%s)", what, at, grp_error_name(rc), grp_error_last()->message);
    assert_int_equal(r.created[GRP_JSON_ORGANISATIONS], 2);
    assert_int_equal(r.created[GRP_JSON_PEOPLE], 1);
    assert_int_equal(r.created[GRP_JSON_ORG_ADMINS], 1);
    char *got = jf_export(b);
    if (strcmp(got, want) != 0)
        fail_msg("%s %zu: the store differs from the import from memory:\n%s\n%s", what, at, got, want);
    grp_free(got);
    grp_assert_ok(grp_store_rollback(b));
}

/* Every byte of a document in turn at the window's boundary, for the
 * scanner (leading whitespace moves the document) and for the passes that
 * seek back to an array (whitespace after its '[' moves its records): the
 * import from the file is exactly the import from memory. Also files of 0,
 * 1, 65536 and 65537 bytes. */
static void test_document_file_windows(void **state)
{
    (void)state;
    grp_actor sys = grp_actor_system();
    grp_json_import_result r;
    char path[512], *dir = tmp_file(path, sizeof path, "w.json");
    size_t len = strlen(window_doc);
    size_t arr = (size_t)(strstr(window_doc, "\"organisations\":[") - window_doc) + strlen("\"organisations\":[");

    grp_store *ref = jf_empty_store();
    grp_assert_ok(grp_json_import(&r, ref, &sys, window_doc, len, NULL));
    char *want = jf_export(ref);
    grp_store_close(ref);
    assert_non_null(strstr(want, "Cl\xc3\xa9" "f \xf0\x9d\x84\x9e \\\"Q\\\" \\\\ /"));
    assert_non_null(strstr(want, "Ann \xf0\x9d\x84\x9e"));

    /* from memory, the text need not be NUL-terminated (an ASan build
     * sees any byte read past it): every prefix is refused, the whole
     * document imported */
    grp_store *b = jf_empty_store();
    char *empty = jf_export(b);
    for (size_t cut = 0; cut <= len; cut++) {
        char *exact = malloc(cut ? cut : 1);
        assert_non_null(exact);
        memcpy(exact, window_doc, cut);
        grp_assert_ok(grp_store_begin(b));
        int rc = grp_json_import(&r, b, &sys, exact, cut, NULL);
        if (cut < len && rc != GRP_EPARSE)
            fail_msg("the first %zu bytes: %s (%s)", cut, grp_error_name(rc), grp_error_last()->message);
        if (cut == len) {
            grp_assert_ok(rc);
            char *got = jf_export(b);
            assert_string_equal(got, want);
            grp_free(got);
        }
        grp_assert_ok(grp_store_rollback(b));
        free(exact);
    }

    for (size_t k = 0; k < len; k++) {
        write_window_doc(path, WINDOW - k, 0, 0); /* byte k of the document at byte 65536 */
        expect_file_import(b, path, want, "document byte at the boundary of the scan:", k);
    }
    for (size_t j = 0; j < len - arr; j++) {
        /* byte j after the organisations' '[' at 65536 bytes from it: the
         * later passes read from the '[' through a window of their own */
        write_window_doc(path, 0, WINDOW - 1 - j, 0);
        expect_file_import(b, path, want, "record byte at the boundary of the later passes:", j);
    }
    /* 65536 and 65537 bytes, the last byte a '}' or whitespace */
    for (size_t total = WINDOW; total <= WINDOW + 1; total++) {
        assert_int_equal(write_window_doc(path, total - len, 0, 0), total);
        expect_file_import(b, path, want, "a file ending in '}' of", total);
        assert_int_equal(write_window_doc(path, 0, 0, total - len), total);
        expect_file_import(b, path, want, "a file ending in whitespace of", total);
    }

    /* 0 and 1 bytes, whitespace only, and errors past the first window:
     * from a file exactly as from memory */
    static const struct {
        size_t pad; /* leading newlines */
        const char *text;
        int code;
        const char *message;
    } cases[] = {
        {0, "", GRP_EPARSE, "malformed JSON at byte 0 (line 1, column 1)"},
        {0, "{", GRP_EPARSE,
         "malformed JSON at byte 1 (line 1, column 2): the document ends too early (an array, object or string is "
         "not closed)"},
        {0, " ", GRP_EPARSE, "malformed JSON at byte 1 (line 1, column 2)"},
        {WINDOW - 2, " \t\r", GRP_EPARSE, "malformed JSON at byte 65537 (line 65535, column 4)"},
        {WINDOW - 1, "{}", GRP_EINVAL, "$.format: missing"},
        {WINDOW - 1, "[]", GRP_EINVAL, "$: expected an object, got an array"},
        {WINDOW, "{\"format\":\"libgrp\",\"version\":1,\"people\":[tru]}", GRP_EPARSE,
         "malformed JSON at byte 65580 (line 65537, column 45)"},
        {WINDOW - 20, "{\"format\":\"libgrp\",\"version\":1,\"people\":[{\"id\":\"1\\u0000\"}]}", GRP_EINVAL,
         "$.people[0].id: a string contains \\u0000 (NUL), which is refused"},
        {WINDOW - 12, "{\"format\":\"libgrp\",\"version\":1,\"people\":[\"\\ud834\\u0041\"]}", GRP_EPARSE,
         "malformed JSON at byte 65572 (line 65525, column 49): \\uD834 is a high surrogate not followed by a \\u "
         "escape of a low one"},
        {WINDOW - 41, "{\"format\":\"libgrp\",\"version\":1,\"people\":[\"x\\uDBFF\\n\"]}", GRP_EPARSE,
         "malformed JSON at byte 65544 (line 65496, column 50): \\uDBFF is a high surrogate not followed by a \\u "
         "escape of a low one"},
        {0, "[\"\\ud800\\udbff\"]", GRP_EPARSE,
         "malformed JSON at byte 8 (line 1, column 9): \\uD800 is a high surrogate not followed by a \\u escape of "
         "a low one"},
        {1, " [\"ab\\uDC00\"]", GRP_EPARSE,
         "malformed JSON at byte 6 (line 2, column 6): \\uDC00 is a low surrogate without a high one before it"},
        {0, "[\"\\ud800", GRP_EPARSE, "malformed JSON at byte 8 (line 1, column 9): the document ends too early"},
        {WINDOW - 3, "{\"format\":\"libgrp\",\"version\":1,\"peo\\u0070le\":[],\"people\":[]}", GRP_EINVAL,
         "$: the member \"people\" appears twice"},
        {WINDOW - 30, "{\"format\":\"libgrp\",\"version\":1,\"people\":[\"abc", GRP_EPARSE,
         "the document ends too early"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = cases[i].pad + strlen(cases[i].text);
        char *text = malloc(n + 1);
        assert_non_null(text);
        memset(text, '\n', cases[i].pad);
        memcpy(text + cases[i].pad, cases[i].text, strlen(cases[i].text) + 1);
        put_file(path, text, n);
        for (int from_file = 0; from_file <= 1; from_file++) {
            int rc = from_file ? grp_json_import_file(&r, b, &sys, path, NULL) : grp_json_import(&r, b, &sys, text, n, NULL);
            if (rc != cases[i].code || !strstr(grp_error_last()->message, cases[i].message))
                fail_msg("case %zu from %s: got %s \"%s\", want %s \"%s\"", i, from_file ? "a file" : "memory",
                         grp_error_name(rc), grp_error_last()->message, grp_error_name(cases[i].code),
                         cases[i].message);
        }
        free(text);
    }
    char *after = jf_export(b);
    assert_string_equal(after, empty);
    grp_free(after);
    grp_free(empty);
    grp_store_close(b);
    grp_free(want);
    grp_test_rmtree(dir);
    free(dir);
}

/* A file rewritten while it is imported (at cJSON's first allocation, when
 * the first top-level value is parsed): GRP_ESTORAGE, never a crash, a
 * wrong GRP_ENOMEM or a half-written store. */
static const char *rewrite_path;
static char *rewrite_text;
static size_t rewrite_len;
static int rewrite_done;

static void *rewrite_malloc(size_t n)
{
    if (!rewrite_done) {
        rewrite_done = 1;
        FILE *f = fopen(rewrite_path, "wb");
        if (f) {
            if (fwrite(rewrite_text, 1, rewrite_len, f) != rewrite_len)
                rewrite_len = 0;
            fclose(f);
        }
    }
    return malloc(n);
}

static void test_document_file_changes(void **state)
{
    (void)state;
    grp_actor sys = grp_actor_system();
    grp_json_import_result r;
    char path[512], *dir = tmp_file(path, sizeof path, "w.json");
    /* the organisations' records 70000 bytes after their '[', beyond the
     * window the passes read the top level through */
    size_t len = write_window_doc(path, 0, 70000, 0);
    size_t len_check = 0;
    char *orig = jf_read_file(path, &len_check);
    assert_int_equal(len_check, len);
    const char *first = strstr(orig, "{\"id\":\"1\"");
    assert_non_null(first);
    static const struct {
        const char *what;
        int shorter; /* the rewritten file is 100 bytes long */
        char fill;   /* the record at its place becomes this byte, else the whole file */
        const char *message;
    } cases[] = {
        {"all whitespace", 0, 0, "the JSON document changed while it was read (it ends at byte"},
        {"a '}' where the record was", 0, '}', "$.organisations[0]: the JSON document changed while it was read"},
        {"a '[' where the record was", 0, '[', "$.organisations[0]: the JSON document changed while it was read"},
        {"cut short", 1, 0, "the JSON document changed while it was read (it is now shorter than %zu bytes)"},
    };
    cJSON_Hooks h = {rewrite_malloc, free};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_window_doc(path, 0, 70000, 0);
        rewrite_text = malloc(len);
        assert_non_null(rewrite_text);
        if (cases[i].fill) {
            memcpy(rewrite_text, orig, len);
            rewrite_text[first - orig] = cases[i].fill;
        } else
            memset(rewrite_text, ' ', len);
        rewrite_len = cases[i].shorter ? 100 : len;
        rewrite_path = path;
        rewrite_done = 0;
        grp_store *b = jf_empty_store();
        char *empty = jf_export(b);
        cJSON_InitHooks(&h);
        int rc = grp_json_import_file(&r, b, &sys, path, NULL);
        cJSON_InitHooks(NULL);
        assert_true(rewrite_done);
        char needle[200];
        snprintf(needle, sizeof needle, cases[i].message, len); /* the length, where the message names it */
        if (rc != GRP_ESTORAGE || !strstr(grp_error_last()->message, needle))
            fail_msg("%s: got %s \"%s\", want GRP_ESTORAGE \"%s\"", cases[i].what, grp_error_name(rc),
                     grp_error_last()->message, needle);
        char *after = jf_export(b);
        assert_string_equal(after, empty);
        grp_free(after);
        grp_free(empty);
        grp_store_close(b);
        free(rewrite_text);
        rewrite_text = NULL;
    }
    free(orig);
    grp_test_rmtree(dir);
    free(dir);
}

/* The document of jf_big_record's store with `sessions` sessions. */
static void write_big_document(FILE *f, size_t sessions)
{
    static const grp_json_kind kinds[] = {GRP_JSON_ORGANISATIONS, GRP_JSON_PEOPLE, GRP_JSON_GROUPS, GRP_JSON_SESSIONS,
                                          GRP_JSON_ATTENDANCE};
    size_t counts[] = {1, 8, 1, sessions, sessions * 8};
    char rec[1024];
    fputs("{\"format\":\"libgrp\",\"version\":1", f);
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        fprintf(f, ",\n\"%s\":[", grp_json_kind_name(kinds[k]));
        for (size_t i = 0; i < counts[k]; i++) {
            jf_big_record(rec, sizeof rec, kinds[k], i, 0);
            fprintf(f, "%s\n%s", i ? "," : "", rec);
        }
        fputs("]", f);
    }
    fputs("}\n", f);
}

/* The peak of libgrp's and cJSON's memory while importing the document of
 * `sessions` sessions, from a file or from memory. */
static size_t document_peak(size_t sessions, int from_file)
{
    jf_meter m;
    grp_store *s;
    grp_actor sys = grp_actor_system();
    grp_json_import_result r;
    grp_json_import_options o = GRP_JSON_IMPORT_OPTIONS_INIT;
    char *dir = grp_test_tmpdir(), path[512], *text = NULL;
    size_t len = 0;
    FILE *f;
    snprintf(path, sizeof path, "%s/big.json", dir);
    f = from_file ? fopen(path, "wb") : open_memstream(&text, &len);
    assert_non_null(f);
    write_big_document(f, sessions);
    assert_int_equal(fclose(f), 0);
    o.max_bytes = SIZE_MAX;
    jf_meter_start(&m);
    grp_assert_ok(grp_store_open(&s, ":memory:", NULL));
    size_t base = m.live;
    m.peak = m.live;
    int rc = from_file ? grp_json_import_file(&r, s, &sys, path, &o) : grp_json_import(&r, s, &sys, text, len, &o);
    if (rc)
        fail_msg("import: %s", grp_error_last()->message);
    assert_int_equal(r.created[GRP_JSON_ATTENDANCE], sessions * 8);
    assert_int_equal(r.created[GRP_JSON_SESSIONS], sessions);
    size_t peak = m.peak - base;
    grp_store_close(s);
    assert_int_equal(m.live, 0);
    jf_meter_stop();
    free(text);
    grp_test_rmtree(dir);
    free(dir);
    return peak;
}

/* The memory of an import does not grow with the document: ten times the
 * records, at most a few KiB more (the id bitmap), from a file or from
 * memory (where the text is the caller's). */
static void test_document_constant_memory(void **state)
{
    (void)state;
    const char *env = getenv("GRP_JSON_MEMORY_SESSIONS");
    size_t big = env ? (size_t)strtoul(env, NULL, 10) : 3000;
    size_t small = big / 10 ? big / 10 : 1;
    for (int from_file = 1; from_file >= 0; from_file--) {
        size_t p_small = document_peak(small, from_file), p_big = document_peak(big, from_file);
        print_message("JSON import from %s, libgrp and cJSON heap peak: %zu sessions %zu bytes, %zu sessions %zu bytes\n",
                      from_file ? "a file" : "memory", small, p_small, big, p_big);
        assert_true(p_big < (size_t)2 * 1024 * 1024);
        assert_true(p_big <= p_small + 16 * 1024);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export_small_exact),
        cmocka_unit_test(test_export_values),
        cmocka_unit_test(test_export_errors),
        cmocka_unit_test(test_export_during_write),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_longest_progress_note_round_trip),
        cmocka_unit_test(test_text_bounds_are_the_models),
        cmocka_unit_test(test_round_trip_pretty_and_files),
        cmocka_unit_test(test_scoped_exports),
        cmocka_unit_test(test_scoped_statements),
        cmocka_unit_test(test_import_into_nonempty),
        cmocka_unit_test(test_good_document),
        cmocka_unit_test(test_bad_corpus),
        cmocka_unit_test(test_hostile_generated),
        cmocka_unit_test(test_arrays_in_any_order),
        cmocka_unit_test(test_document_reader),
        cmocka_unit_test(test_grammar),
        cmocka_unit_test(test_document_file_windows),
        cmocka_unit_test(test_document_file_changes),
        cmocka_unit_test(test_document_constant_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

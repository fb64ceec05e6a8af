/* demo_check DIR: checks the three files examples/demo wrote into DIR.
 *  - demo.json is exactly the export of demo.db (pretty, as the demo writes
 *    it), and it imports into an empty store whose export is identical
 *    again, with the demo's organisations, people, groups and so on;
 *  - demo.ics is one VCALENDAR with one VTIMEZONE and the three groups'
 *    recurring series.
 * Exits 0 when all holds; otherwise prints what did not and exits 1. */
#include <libgrp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

#define EXPECT(cond, ...) do { if (!(cond)) { fprintf(stderr, "demo_check: " __VA_ARGS__); \
    fputc('\n', stderr); failures++; } } while (0)
#define OK(call) do { int rc_ = (call); if (rc_ != 0) { fprintf(stderr, "demo_check: %s: %s: %s\n", #call, \
    grp_error_name(rc_), grp_error_last()->message); exit(1); } } while (0)

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "demo_check: cannot read %s\n", path);
        exit(1);
    }
    buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "demo_check: cannot read %s\n", path);
        exit(1);
    }
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static size_t count(const char *text, const char *needle)
{
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

int main(int argc, char **argv)
{
    char db[4096], json[4096], ics[4096];
    grp_store_options ro = GRP_STORE_OPTIONS_INIT;
    grp_json_export_options pretty = GRP_JSON_EXPORT_OPTIONS_INIT;
    grp_json_import_result result;
    grp_actor system = grp_actor_system();
    grp_store *s, *copy;
    char *exported, *reexported;
    size_t json_len, ics_len;

    if (argc != 2) {
        fprintf(stderr, "usage: demo_check DIR\n");
        return 2;
    }
    snprintf(db, sizeof db, "%s/demo.db", argv[1]);
    snprintf(json, sizeof json, "%s/demo.json", argv[1]);
    snprintf(ics, sizeof ics, "%s/demo.ics", argv[1]);
    char *document = slurp(json, &json_len);
    char *calendar = slurp(ics, &ics_len);

    /* demo.json is the export of demo.db. */
    ro.flags = GRP_STORE_READONLY;
    pretty.pretty = 1;
    OK(grp_store_open(&s, db, &ro));
    OK(grp_json_export(&exported, s, &system, &pretty));
    EXPECT(strcmp(exported, document) == 0, "demo.json differs from an export of demo.db");
    grp_store_close(s);

    /* It imports into an empty store, keeping every id, and exports the same. */
    OK(grp_store_open(&copy, ":memory:", NULL));
    OK(grp_json_import(&result, copy, &system, document, json_len, NULL));
    static const struct { grp_json_kind kind; size_t n; } expected[] = {
        {GRP_JSON_ORGANISATIONS, 2}, {GRP_JSON_PEOPLE, 20}, {GRP_JSON_ORG_ADMINS, 2}, {GRP_JSON_GROUPS, 3},
        {GRP_JSON_CADENCES, 3}, {GRP_JSON_GOALS, 4}, {GRP_JSON_GOAL_STEPS, 10}, {GRP_JSON_GOAL_PROGRESS, 11},
        {GRP_JSON_THEMES, 2},
    };
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++)
        EXPECT(result.created[expected[i].kind] == expected[i].n, "%s: %zu imported, expected %zu",
               grp_json_kind_name(expected[i].kind), result.created[expected[i].kind], expected[i].n);
    /* one record per member expected: 11 GRP sessions x 8, 6 supervision
     * sessions x 6 (7 from May), 48 clinical sessions x 1 */
    EXPECT(result.created[GRP_JSON_ATTENDANCE] == 176, "%zu attendance records, expected 176",
           result.created[GRP_JSON_ATTENDANCE]);
    EXPECT(result.created[GRP_JSON_FEEDBACK_RESPONSES] > 100, "only %zu feedback responses",
           result.created[GRP_JSON_FEEDBACK_RESPONSES]);
    EXPECT(result.created[GRP_JSON_HOURS_ENTRIES] > 50, "only %zu hours entries",
           result.created[GRP_JSON_HOURS_ENTRIES]);
    OK(grp_json_export(&reexported, copy, &system, &pretty));
    EXPECT(strcmp(reexported, document) == 0, "demo.json changed on a trip through a fresh store");
    grp_store_close(copy);

    /* demo.ics: one calendar, one time zone, the three groups' series. */
    EXPECT(strncmp(calendar, "BEGIN:VCALENDAR\r\n", 17) == 0, "demo.ics does not begin with BEGIN:VCALENDAR");
    EXPECT(ics_len > 15 && strcmp(calendar + ics_len - 15, "END:VCALENDAR\r\n") == 0,
           "demo.ics does not end with END:VCALENDAR");
    EXPECT(count(calendar, "BEGIN:VCALENDAR") == 1, "demo.ics holds several VCALENDARs");
    EXPECT(count(calendar, "BEGIN:VTIMEZONE") == 1, "demo.ics should hold one VTIMEZONE");
    EXPECT(count(calendar, "\r\nRRULE:FREQ=MONTHLY;BYDAY=1TU\r\n") == 1, "no monthly GRP series");
    EXPECT(count(calendar, "\r\nRRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=2WE\r\n") == 1, "no bi-monthly series");
    EXPECT(count(calendar, "\r\nRRULE:FREQ=WEEKLY;BYDAY=TH\r\n") == 1, "no weekly series");
    EXPECT(count(calendar, "BEGIN:VEVENT") == count(calendar, "END:VEVENT"), "unbalanced VEVENTs");

    grp_free(exported);
    grp_free(reexported);
    free(document);
    free(calendar);
    if (failures)
        return 1;
    printf("demo_check: demo.db, demo.json and demo.ics agree\n");
    return 0;
}

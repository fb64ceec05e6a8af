/* json_io: export a store as one JSON document and as an NDJSON stream
 * (one record a line), import each into a fresh store, and show that the
 * round trip is exact: the copies export byte for byte the same document.
 * Then the error path: a malformed document and a dangling reference are
 * refused with a message that says where, and leave the store untouched.
 * Exits 1 if anything is not as expected. */
#include <libgrp.h>
#include <stdio.h>
#include <string.h>

#define CHECK(call) do { int rc_ = (call); if (rc_ < 0) { fprintf(stderr, "%s:%d %s: %s\n", __FILE__, \
    __LINE__, grp_error_name(rc_), grp_error_last()->message); return 1; } } while (0)
#define EXPECT(cond) do { if (!(cond)) { fprintf(stderr, "%s:%d unexpected: %s\n", __FILE__, __LINE__, \
    #cond); return 1; } } while (0)

/* A small programme: one group of two with a facilitator, a monthly
 * cadence, and the attendance of one session. */
static int fill(grp_store *s)
{
    grp_org *org;
    grp_group *g;
    grp_group_spec gs = GRP_GROUP_SPEC_INIT;
    grp_person_spec ps = GRP_PERSON_SPEC_INIT;
    grp_cadence_spec cs = GRP_CADENCE_SPEC_INIT;
    grp_join_options lead = GRP_JOIN_OPTIONS_INIT;
    const char *names[3] = {"Asha Patel", "Ben Carter", "Dr Lena Rowe"}, *refs[3] = {"NU-1", "NU-2", "NU-3"};
    grp_id people[3], session;

    CHECK(grp_org_create(&org, s, "Northfield University", "northfield"));
    gs.org_id = ps.org_id = grp_org_id(org);
    gs.name = "Student-facing staff GRP";
    gs.status = GRP_STATUS_ACTIVE;
    gs.location = "Room 2.14";
    gs.timezone = "Europe/London";
    CHECK(grp_group_create(&g, s, &gs));
    lead.role = GRP_ROLE_FACILITATOR;
    for (int i = 0; i < 3; i++) {
        grp_person *p;
        ps.display_name = names[i];
        ps.external_ref = refs[i];
        CHECK(grp_person_create(&p, s, &ps));
        people[i] = grp_person_id(p);
        grp_person_free(p);
        CHECK(grp_member_join(NULL, s, grp_group_id(g), people[i], grp_date_make(2026, 1, 1), i == 2 ? &lead : NULL));
    }
    cs.rrule = "FREQ=MONTHLY;BYDAY=1TU";
    cs.first_date = grp_date_make(2026, 1, 1);
    cs.start_hour = 14;
    CHECK(grp_cadence_set(NULL, s, grp_group_id(g), &cs));
    CHECK(grp_session_ensure(&session, s, grp_group_id(g), (grp_datetime){2026, 1, 6, 14, 0, 0}));
    CHECK(grp_attendance_record(s, session, people[0], GRP_ATTEND_PRESENT, -1, people[2]));
    CHECK(grp_attendance_record(s, session, people[1], GRP_ATTEND_APOLOGIES, 0, people[2]));
    grp_group_free(g);
    grp_org_free(org);
    return 0;
}

int main(void)
{
    grp_actor system = grp_actor_system(), someone = grp_actor_person(1);
    grp_store *s, *copy, *copy2, *empty;
    grp_json_import_result result;
    grp_ndjson_import_result nd;
    char *document, *stream, *again, *nothing;
    size_t stream_len;

    CHECK(grp_store_open(&s, ":memory:", NULL));
    if (fill(s))
        return 1;

    /* Export and import read and write everything, confidential content
     * included: only the system actor may. */
    EXPECT(grp_json_export(&document, s, &someone, NULL) == GRP_EACCESS);
    CHECK(grp_json_export(&document, s, &system, NULL));
    CHECK(grp_ndjson_export_to_buffer(&stream, &stream_len, s, &system, NULL));
    printf("JSON document: %zu bytes; NDJSON stream: %zu bytes, first line %.*s\n", strlen(document), stream_len,
           (int)strcspn(stream, "\n"), stream);

    /* The document into a fresh store: ids are kept, and the copy exports
     * the same bytes. */
    CHECK(grp_store_open(&copy, ":memory:", NULL));
    CHECK(grp_json_import(&result, copy, &system, document, strlen(document), NULL));
    printf("Imported: %zu organisation, %zu people, %zu group, %zu memberships, %zu attendance records\n",
           result.created[GRP_JSON_ORGANISATIONS], result.created[GRP_JSON_PEOPLE], result.created[GRP_JSON_GROUPS],
           result.created[GRP_JSON_MEMBERSHIPS], result.created[GRP_JSON_ATTENDANCE]);
    EXPECT(result.created[GRP_JSON_PEOPLE] == 3 && result.created[GRP_JSON_MEMBERSHIPS] == 3);
    EXPECT(result.created[GRP_JSON_ATTENDANCE] == 2);
    CHECK(grp_json_export(&again, copy, &system, NULL));
    EXPECT(strcmp(again, document) == 0);
    grp_free(again);
    printf("JSON round trip: identical\n");

    /* The stream into another fresh store: the same contents again. */
    CHECK(grp_store_open(&copy2, ":memory:", NULL));
    CHECK(grp_ndjson_import_buffer(&nd, copy2, &system, stream, stream_len, NULL));
    CHECK(grp_json_export(&again, copy2, &system, NULL));
    EXPECT(strcmp(again, document) == 0);
    printf("NDJSON round trip: identical (%zu lines)\n", nd.lines);
    grp_free(again);

    /* Importing the same people again is refused by default: their
     * external_ref (the HR system's id) already exists. */
    EXPECT(grp_json_import(NULL, copy, &system, document, strlen(document), NULL) == GRP_EEXISTS);
    printf("Importing twice: %s\n", grp_error_last()->message);

    /* Bad documents: the message says where, and nothing is written. */
    CHECK(grp_store_open(&empty, ":memory:", NULL));
    CHECK(grp_json_export(&nothing, empty, &system, NULL));
    const char *truncated = "{\"format\": \"libgrp\", \"version\": 1, \"people\": [";
    EXPECT(grp_json_import(NULL, empty, &system, truncated, strlen(truncated), NULL) == GRP_EPARSE);
    printf("Truncated document: %s\n", grp_error_last()->message);
    /* A membership naming person "99", who is not in the document. */
    char dangling[8192];
    const char *at = strstr(document, "\"memberships\":[{");
    const char *person = at ? strstr(at, "\"person\":\"") : NULL;
    EXPECT(person != NULL && strlen(document) < sizeof dangling - 8);
    size_t head = (size_t)(person - document) + strlen("\"person\":\"");
    snprintf(dangling, sizeof dangling, "%.*s99%s", (int)head, document, strchr(document + head, '"'));
    EXPECT(grp_json_import(NULL, empty, &system, dangling, strlen(dangling), NULL) == GRP_EINVAL);
    printf("Dangling reference: %s\n", grp_error_last()->message);
    CHECK(grp_json_export(&again, empty, &system, NULL));
    EXPECT(strcmp(again, nothing) == 0); /* all or nothing: still empty */
    printf("After both failures the store is still empty\n");

    grp_free(again);
    grp_free(nothing);
    grp_free(document);
    grp_free(stream);
    grp_store_close(empty);
    grp_store_close(copy2);
    grp_store_close(copy);
    grp_store_close(s);
    return 0;
}

/* JSON document export and import (docs/data-format.md).
 *
 * The store is seen through the backend's bulk-row operations (io_rows,
 * io_insert, io_id_taken): one table of descriptors below maps each store
 * table to a top-level array of the document and each column to a member,
 * so export, validation and import are the same loop over the same
 * description and cannot drift apart. A few members are nested in their
 * parent instead of having an array of their own: a group's eligible roles,
 * feedback form and hours rule, and a feedback form's items. */
#include "libgrp/json.h"
#include "libgrp/attendance.h"
#include "libgrp/date.h"
#include "libgrp/goal.h"
#include "libgrp/group.h"
#include "libgrp/hours.h"
#include "libgrp/membership.h"
#include "libgrp/note.h"
#include "libgrp/rrule.h"
#include "libgrp/session.h"
#include "libgrp/tz.h"
#include "model/access.h"
#include "model/model.h"
#include "policy/hours.h"
#include "policy/records.h"
#include "util/text.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PATH_MAX_LEN 256

/* JSON paths: base + ".key" or base + "[i]", cut short (never overflowing)
 * if they would not fit. */
static void path_key(char *dst, size_t size, const char *base, const char *key)
{
    int n = snprintf(dst, size, "%s.%s", base, key);
    if (n < 0)
        dst[0] = '\0';
}

static void path_index(char *dst, size_t size, const char *base, long i)
{
    int n = snprintf(dst, size, "%s[%ld]", base, i);
    if (n < 0)
        dst[0] = '\0';
}

/* ---- enumeration words: word <-> value in one place ---------------------- */

typedef const char *(*enum_name_fn)(int v);

static const char *w_group_kind(int v) { return grp_group_kind_name((grp_group_kind)v); }
static const char *w_group_status(int v) { return grp_group_status_name((grp_group_status)v); }
static const char *w_role(int v) { return grp_member_role_name((grp_member_role)v); }
static const char *w_mstate(int v) { return grp_membership_state_name((grp_membership_state)v); }
static const char *w_session(int v) { return grp_session_status_name((grp_session_status)v); }
static const char *w_attend(int v) { return grp_attendance_status_name((grp_attendance_status)v); }
static const char *w_goal(int v) { return grp_goal_status_name((grp_goal_status)v); }
static const char *w_vis(int v) { return grp_visibility_name((grp_visibility)v); }
static const char *w_theme(int v) { return grp_theme_status_name((grp_theme_status)v); }

static const char *w_capacity(int v) { return grp_capacity_policy_name((grp_capacity_policy)v); }
static const char *w_mpolicy(int v) { return grp_membership_policy_name((grp_membership_policy)v); }
static const char *w_delivery(int v) { return grp_delivery_name((grp_delivery)v); }
static const char *w_hours_mode(int v) { return grp_hours_mode_name((grp_hours_mode)v); }
static const char *w_hours_kind(int v) { return grp_hours_kind_name((grp_hours_kind)v); }

/* The value whose word is `word`, or -1. */
static int enum_parse(enum_name_fn name, const char *word)
{
    for (int v = 0; v < 64; v++) {
        const char *w = name(v);
        if (!w)
            return -1;
        if (strcmp(w, word) == 0)
            return v;
    }
    return -1;
}

/* ---- the document description --------------------------------------------- */

typedef enum colkind {
    K_ID,      /* the record's own integer id, a decimal string */
    K_REF,     /* the id of a record of table `ref`, a decimal string */
    K_RAWID,   /* an integer id kept as is (feedback responses' random ids) */
    K_INT,     /* an integer in lo..hi */
    K_BOOL,    /* true / false, stored 1 / 0 */
    K_TEXT,    /* a string of 1..hi bytes (see `check`) */
    K_DATE,    /* "YYYY-MM-DD" */
    K_LOCAL,   /* "YYYY-MM-DDTHH:MM:SS", a local date and time */
    K_INSTANT, /* RFC 3339, stored as seconds since the epoch */
    K_ENUM,    /* a word of `words` */
    K_RATINGS  /* an array of 0..GRP_FEEDBACK_MAX_ITEMS integers 0..5, stored "1,2,3" */
} colkind;

enum check { CK_NONE, CK_MULTILINE, CK_TZ, CK_RRULE, CK_LINK, CK_EMAIL };

typedef struct col {
    const char *key;
    colkind k;
    int opt; /* null allowed */
    int ref; /* K_REF: a grp__io_table */
    int lo, hi;
    enum check check;
    enum_name_fn words;
} col;

#define ID {"id", K_ID, 0, 0, 0, 0, CK_NONE, NULL}
#define REF(key, t, opt) {key, K_REF, opt, GRP__IO_##t, 0, 0, CK_NONE, NULL}
#define INT(key, lo, hi) {key, K_INT, 0, 0, lo, hi, CK_NONE, NULL}
#define BOOL(key) {key, K_BOOL, 0, 0, 0, 1, CK_NONE, NULL}
#define TEXT(key, opt, max, ck) {key, K_TEXT, opt, 0, 1, max, ck, NULL}
#define DATE(key, opt) {key, K_DATE, opt, 0, 0, 0, CK_NONE, NULL}
#define LOCAL(key, opt) {key, K_LOCAL, opt, 0, 0, 0, CK_NONE, NULL}
#define INSTANT(key, opt) {key, K_INSTANT, opt, 0, 0, 0, CK_NONE, NULL}
#define ENUM(key, fn) {key, K_ENUM, 0, 0, 0, 0, CK_NONE, fn}

static const col c_org[] = {ID, TEXT("name", 0, GRP__NAME_MAX, CK_NONE), TEXT("external_ref", 1, GRP__REF_MAX, CK_NONE),
                            BOOL("archived")};
static const col c_person[] = {ID, REF("organisation", ORG, 0), TEXT("display_name", 0, GRP__NAME_MAX, CK_NONE),
                               TEXT("job_role", 1, GRP__NAME_MAX, CK_NONE), TEXT("email", 1, GRP__EMAIL_MAX, CK_EMAIL),
                               TEXT("external_ref", 1, GRP__REF_MAX, CK_NONE), BOOL("archived")};
static const col c_org_admin[] = {REF("organisation", ORG, 0), REF("person", PERSON, 0)};
static const col c_form[] = {ID, TEXT("name", 0, GRP__NAME_MAX, CK_NONE)};
static const col c_form_item[] = {REF("form", FORM, 0), INT("position", 0, 1000),
                                  TEXT("text", 0, GRP__FORM_ITEM_MAX, CK_NONE)};
static const col c_group[] = {ID,
                              REF("organisation", ORG, 0),
                              TEXT("name", 0, GRP__NAME_MAX, CK_NONE),
                              ENUM("kind", w_group_kind),
                              ENUM("status", w_group_status),
                              INT("capacity", 1, GRP_MAX_CAPACITY),
                              ENUM("capacity_policy", w_capacity),
                              INT("quorum", 0, GRP_MAX_CAPACITY),
                              ENUM("membership_policy", w_mpolicy),
                              BOOL("allow_other_orgs"),
                              ENUM("delivery", w_delivery),
                              TEXT("location", 1, GRP__LOCATION_MAX, CK_NONE),
                              TEXT("meeting_link", 1, GRP__LINK_MAX, CK_LINK),
                              TEXT("timezone", 0, 200, CK_TZ),
                              INT("session_minutes", 1, 1440),
                              BOOL("archived")};
static const col c_group_role[] = {REF("group", GROUP, 0), INT("position", 0, 1000),
                                   TEXT("role", 0, GRP__NAME_MAX, CK_NONE)};
static const col c_group_form[] = {REF("group", GROUP, 0), REF("feedback_form", FORM, 0)};
static const col c_hours_rule[] = {REF("group", GROUP, 0), ENUM("mode", w_hours_mode),
                                   INT("ratio_num", 1, GRP__HOURS_RATIO_MAX),
                                   INT("ratio_den", 1, GRP__HOURS_RATIO_MAX)};
static const col c_membership[] = {ID,
                                   REF("group", GROUP, 0),
                                   REF("person", PERSON, 0),
                                   ENUM("role", w_role),
                                   ENUM("state", w_mstate),
                                   DATE("requested_on", 0),
                                   DATE("began", 1),
                                   DATE("ended", 1),
                                   TEXT("reason", 1, GRP__NOTE_MAX, CK_MULTILINE)};
static const col c_cadence[] = {ID,
                                REF("group", GROUP, 0),
                                TEXT("rrule", 0, 1000, CK_RRULE),
                                DATE("first_date", 0),
                                DATE("until", 1),
                                INT("start_minute", 0, 1439),
                                INT("duration", 1, 1440),
                                TEXT("timezone", 0, 200, CK_TZ)};
static const col c_session[] = {ID,
                                REF("group", GROUP, 0),
                                REF("cadence", CADENCE, 1),
                                LOCAL("occurrence", 1),
                                INSTANT("occurrence_utc", 1),
                                LOCAL("start_local", 0),
                                INSTANT("start_utc", 0),
                                INT("duration", 1, 1440),
                                ENUM("status", w_session),
                                TEXT("location", 1, GRP__LOCATION_MAX, CK_NONE),
                                TEXT("meeting_link", 1, GRP__LINK_MAX, CK_LINK),
                                TEXT("reason", 1, GRP__NOTE_MAX, CK_MULTILINE),
                                TEXT("timezone", 0, 200, CK_TZ)};
static const col c_attendance[] = {REF("session", SESSION, 0), REF("person", PERSON, 0),
                                   ENUM("status", w_attend),    INT("minutes", 0, 1440),
                                   REF("recorded_by", PERSON, 1), INSTANT("recorded_at", 0)};
static const col c_presenter[] = {REF("session", SESSION, 0), REF("person", PERSON, 0)};
static const col c_hours[] = {ID,
                              REF("person", PERSON, 0),
                              REF("group", GROUP, 0),
                              REF("session", SESSION, 0),
                              DATE("date", 0),
                              ENUM("kind", w_hours_kind),
                              INT("minutes", -1440, 1440),
                              INT("credited", -1440, 1440),
                              REF("signed_by", PERSON, 1),
                              DATE("signed_on", 1),
                              REF("corrects", HOURS, 1),
                              TEXT("note", 1, GRP__NOTE_MAX, CK_MULTILINE)};
static const col c_response[] = {REF("session", SESSION, 0),
                                 {"id", K_RAWID, 0, 0, 0, 0, CK_NONE, NULL},
                                 REF("form", FORM, 0),
                                 REF("person", PERSON, 1),
                                 {"ratings", K_RATINGS, 0, 0, 0, 5, CK_NONE, NULL},
                                 TEXT("text", 1, GRP__TEXT_MAX, CK_MULTILINE)};
static const col c_given[] = {REF("session", SESSION, 0), REF("person", PERSON, 0)};
static const col c_peer[] = {ID,
                             REF("group", GROUP, 0),
                             REF("session", SESSION, 1),
                             REF("author", PERSON, 0),
                             REF("recipient", PERSON, 0),
                             TEXT("text", 0, GRP__TEXT_MAX, CK_MULTILINE),
                             BOOL("shared")};
static const col c_goal[] = {ID,
                             REF("owner", PERSON, 0),
                             TEXT("title", 0, GRP__NAME_MAX, CK_NONE),
                             TEXT("description", 1, GRP__TEXT_MAX, CK_MULTILINE),
                             REF("group", GROUP, 1),
                             DATE("target_date", 1),
                             ENUM("status", w_goal),
                             ENUM("visibility", w_vis)};
static const col c_step[] = {ID,
                             REF("goal", GOAL, 0),
                             INT("position", 0, 10000),
                             TEXT("title", 0, GRP__NAME_MAX, CK_NONE),
                             DATE("due", 1),
                             BOOL("done")};
static const col c_progress[] = {ID,
                                 REF("goal", GOAL, 0),
                                 DATE("date", 0),
                                 INT("percent", 0, 100),
                                 TEXT("note", 1, GRP__TEXT_MAX, CK_MULTILINE),
                                 REF("session", SESSION, 1),
                                 REF("recorded_by", PERSON, 1)};
static const col c_note[] = {ID, REF("session", SESSION, 0), REF("author", PERSON, 0), ENUM("visibility", w_vis),
                             TEXT("text", 0, GRP__SESSION_NOTE_MAX, CK_MULTILINE)};
static const col c_theme[] = {ID,
                              REF("group", GROUP, 0),
                              REF("session", SESSION, 1),
                              TEXT("title", 0, GRP__NAME_MAX, CK_NONE),
                              TEXT("description", 1, GRP__TEXT_MAX, CK_MULTILINE),
                              ENUM("status", w_theme)};

/* Unique keys beyond the id: up to two columns (-1 unused). */
typedef struct table {
    grp__io_table t;
    int kind;          /* grp_json_kind; -1: nested in a parent */
    const char *what;  /* in messages: "unknown person" */
    const col *cols;
    size_t ncols;
    int key1, key2;    /* a unique key (columns), -1 none */
} table;

#define TBL(t, kind, what, cols, k1, k2) {GRP__IO_##t, kind, what, cols, sizeof(cols) / sizeof((cols)[0]), k1, k2}

static const table tables[GRP__IO_TABLE_COUNT] = {
    TBL(ORG, GRP_JSON_ORGANISATIONS, "organisation", c_org, -1, -1),
    TBL(PERSON, GRP_JSON_PEOPLE, "person", c_person, -1, -1),
    TBL(ORG_ADMIN, GRP_JSON_ORG_ADMINS, "org admin", c_org_admin, 0, 1),
    TBL(FORM, GRP_JSON_FEEDBACK_FORMS, "feedback form", c_form, -1, -1),
    TBL(FORM_ITEM, -1, "feedback form item", c_form_item, 0, 1),
    TBL(GROUP, GRP_JSON_GROUPS, "group", c_group, -1, -1),
    TBL(GROUP_ROLE, -1, "eligible role", c_group_role, 0, 1),
    TBL(GROUP_FORM, -1, "group feedback form", c_group_form, 0, -1),
    TBL(HOURS_RULE, -1, "hours rule", c_hours_rule, 0, -1),
    TBL(MEMBERSHIP, GRP_JSON_MEMBERSHIPS, "membership", c_membership, -1, -1),
    TBL(CADENCE, GRP_JSON_CADENCES, "cadence", c_cadence, -1, -1),
    TBL(SESSION, GRP_JSON_SESSIONS, "session", c_session, 1, 3),
    TBL(ATTENDANCE, GRP_JSON_ATTENDANCE, "attendance", c_attendance, 0, 1),
    TBL(PRESENTER, GRP_JSON_PRESENTERS, "presenter", c_presenter, 0, -1),
    TBL(HOURS, GRP_JSON_HOURS_ENTRIES, "hours entry", c_hours, -1, -1),
    TBL(RESPONSE, GRP_JSON_FEEDBACK_RESPONSES, "feedback response", c_response, 0, 1),
    TBL(GIVEN, GRP_JSON_FEEDBACK_GIVEN, "feedback given", c_given, 0, 1),
    TBL(PEER, GRP_JSON_PEER_FEEDBACK, "peer feedback", c_peer, -1, -1),
    TBL(GOAL, GRP_JSON_GOALS, "goal", c_goal, -1, -1),
    TBL(STEP, GRP_JSON_GOAL_STEPS, "goal step", c_step, -1, -1),
    TBL(PROGRESS, GRP_JSON_GOAL_PROGRESS, "goal progress", c_progress, -1, -1),
    TBL(NOTE, GRP_JSON_NOTES, "note", c_note, -1, -1),
    TBL(THEME, GRP_JSON_THEMES, "theme", c_theme, -1, -1),
};

static const char *const kind_names[GRP_JSON_KIND_COUNT] = {
    "organisations", "people",         "org_admins",    "feedback_forms",     "groups",
    "memberships",   "cadences",       "sessions",      "attendance",         "presenters",
    "hours_entries", "feedback_responses", "feedback_given", "peer_feedback", "goals",
    "goal_steps",    "goal_progress",  "notes",         "themes"};

/* The table of each kind. */
static const grp__io_table kind_table[GRP_JSON_KIND_COUNT] = {
    GRP__IO_ORG,     GRP__IO_PERSON,     GRP__IO_ORG_ADMIN, GRP__IO_FORM,     GRP__IO_GROUP,
    GRP__IO_MEMBERSHIP, GRP__IO_CADENCE, GRP__IO_SESSION,   GRP__IO_ATTENDANCE, GRP__IO_PRESENTER,
    GRP__IO_HOURS,   GRP__IO_RESPONSE,   GRP__IO_GIVEN,     GRP__IO_PEER,     GRP__IO_GOAL,
    GRP__IO_STEP,    GRP__IO_PROGRESS,   GRP__IO_NOTE,      GRP__IO_THEME};

const char *grp_json_kind_name(grp_json_kind kind)
{
    return (unsigned)kind < GRP_JSON_KIND_COUNT ? kind_names[kind] : NULL;
}

static int has_id(const table *tb) { return tb->cols[0].k == K_ID; }

/* ---- a small hash map of (int64, int64) keys to int64 values ---------------- */

typedef struct imap {
    int64_t *k1, *k2, *v;
    size_t cap, n; /* cap a power of two; k1 == 0 marks a free slot */
} imap;

static size_t imap_slot(const imap *m, int64_t a, int64_t b)
{
    uint64_t h = (uint64_t)a * 0x9E3779B97F4A7C15u ^ ((uint64_t)b + 0x632BE59BD9B4E019u) * 0xC2B2AE3D27D4EB4Fu;
    h ^= h >> 29;
    size_t i = (size_t)h & (m->cap - 1);
    while (m->k1[i] && !(m->k1[i] == a && m->k2[i] == b))
        i = (i + 1) & (m->cap - 1);
    return i;
}

static int imap_get(const imap *m, int64_t a, int64_t b, int64_t *v)
{
    if (!m->cap)
        return 0;
    size_t i = imap_slot(m, a, b);
    if (!m->k1[i])
        return 0;
    if (v)
        *v = m->v[i];
    return 1;
}

static void imap_dispose(imap *m)
{
    grp__free(m->k1);
    grp__free(m->k2);
    grp__free(m->v);
    memset(m, 0, sizeof *m);
}

/* Insert or replace; a must be non-zero. */
static int imap_put(imap *m, int64_t a, int64_t b, int64_t v)
{
    if ((m->n + 1) * 2 > m->cap) {
        imap big = {0};
        big.cap = m->cap ? m->cap * 2 : 64;
        big.k1 = grp__calloc(big.cap, sizeof(int64_t));
        big.k2 = grp__calloc(big.cap, sizeof(int64_t));
        big.v = grp__calloc(big.cap, sizeof(int64_t));
        if (!big.k1 || !big.k2 || !big.v) {
            imap_dispose(&big);
            return grp__error_nomem("growing an id map");
        }
        for (size_t i = 0; i < m->cap; i++) {
            if (m->k1[i]) {
                size_t j = imap_slot(&big, m->k1[i], m->k2[i]);
                big.k1[j] = m->k1[i];
                big.k2[j] = m->k2[i];
                big.v[j] = m->v[i];
                big.n++;
            }
        }
        imap_dispose(m);
        *m = big;
    }
    size_t i = imap_slot(m, a, b);
    if (!m->k1[i])
        m->n++;
    m->k1[i] = a;
    m->k2[i] = b;
    m->v[i] = v;
    return GRP_OK;
}

/* ---- a set of ids, each with a value ------------------------------------------- */

/* The id maps of an import. Ids below IDMAP_BITS are bits of a bitmap and a
 * value equal to its id is implied, so that the maps of a stream of a
 * million records take a few hundred KiB; other ids, and values that
 * differ from their id, are in hash maps. */
#define IDMAP_BITS ((int64_t)1 << 24)

typedef struct idmap {
    unsigned char *bits;
    size_t nbytes;
    imap other; /* ids at or above IDMAP_BITS */
    imap moved; /* id -> value, where they differ */
} idmap;

static int idmap_put(idmap *m, int64_t id, int64_t v)
{
    int rc;
    if (id > 0 && id < IDMAP_BITS) {
        size_t byte = (size_t)(id >> 3);
        if (byte >= m->nbytes) {
            size_t n = m->nbytes ? m->nbytes : 1024;
            while (n <= byte)
                n *= 2;
            unsigned char *b = grp__realloc(m->bits, n);
            if (!b)
                return grp__error_nomem("growing an id map");
            memset(b + m->nbytes, 0, n - m->nbytes);
            m->bits = b;
            m->nbytes = n;
        }
        m->bits[byte] |= (unsigned char)(1u << (id & 7));
    } else if ((rc = imap_put(&m->other, id, 0, 1)))
        return rc;
    if (v != id || imap_get(&m->moved, id, 0, NULL))
        return imap_put(&m->moved, id, 0, v);
    return GRP_OK;
}

/* 1 and *v (may be NULL) set if `id` is in the map, else 0. */
static int idmap_get(const idmap *m, int64_t id, int64_t *v)
{
    int has = id > 0 && id < IDMAP_BITS ? (size_t)(id >> 3) < m->nbytes && ((m->bits[id >> 3] >> (id & 7)) & 1)
                                        : imap_get(&m->other, id, 0, NULL);
    if (has && v && !imap_get(&m->moved, id, 0, v))
        *v = id;
    return has;
}

static void idmap_dispose(idmap *m)
{
    grp__free(m->bits);
    imap_dispose(&m->other);
    imap_dispose(&m->moved);
    memset(m, 0, sizeof *m);
}

/* ---- export ------------------------------------------------------------------ */

int grp_json_export_options_init(grp_json_export_options *opts, unsigned int version)
{
    if (!opts)
        return grp__error_null("opts");
    if (version != GRP_JSON_EXPORT_OPTIONS_VERSION)
        return grp__error(GRP_EINVAL, "grp_json_export_options version %u is unknown", version);
    grp_json_export_options d = GRP_JSON_EXPORT_OPTIONS_INIT;
    *opts = d;
    return GRP_OK;
}

/* How an export frames its records. */
typedef enum xformat {
    X_DOC,        /* one JSON document, compact */
    X_DOC_PRETTY, /* one JSON document, indented as cJSON_Print indents */
    X_NDJSON      /* a header line, then one record a line */
} xformat;

/* Where the text goes: returns GRP_OK or an error it has set. */
typedef int (*sink_fn)(void *payload, const char *data, size_t len);

/* The exporter walks the tables once in the document's order and writes
 * each record as soon as it is read, so that the memory it needs does not
 * grow with the store; only groups and feedback forms wait (as cJSON
 * objects) for their nested members, which come from the tables after
 * them. A scoped export first walks the records of the groups in scope to
 * learn which people, organisations and forms they refer to. */
typedef struct exporter {
    grp_store *s;
    int scoped;
    int org_scope;               /* one organisation: all its people */
    grp_id org_id;               /* the organisation in scope (also for a group scope) */
    xformat fmt;
    int collecting;              /* scoped pre-pass: only note references */
    size_t count;                /* records written into the current array */
    cJSON *arrays[GRP__IO_TABLE_COUNT]; /* groups and forms waiting for their nested members */
    imap objects[GRP__IO_TABLE_COUNT];  /* id -> index in its array (groups, forms) */
    imap wanted[GRP__IO_TABLE_COUNT];   /* scoped: ids of people, organisations, forms referred to */
    const table *tb;
    sink_fn sink;
    void *sink_payload;
    char *print;                 /* reused buffer for printing one record */
    size_t print_cap;
} exporter;

static cJSON *id_string(int64_t id)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%lld", (long long)id);
    return cJSON_CreateString(buf);
}

/* Put item (NULL: out of memory) in place of parent's member key, which
 * must exist; on failure the item is freed. cJSON 1.7.15's replace does not
 * check its copy of the key: when that allocation fails it still reports
 * success, with the member left nameless (printed as ""). The key is
 * checked here; a nameless member is freed with the document. */
static int replace_member(cJSON *parent, const char *key, cJSON *item)
{
    if (!item)
        return grp__error_nomem("building the JSON document");
    if (!cJSON_ReplaceItemInObjectCaseSensitive(parent, key, item)) {
        cJSON_Delete(item);
        return grp__error_nomem("building the JSON document");
    }
    return item->string ? GRP_OK : grp__error_nomem("building the JSON document");
}

static int add_item(cJSON *parent, const char *key, cJSON *item)
{
    if (!item)
        return grp__error_nomem("building the JSON document");
    if (key ? !cJSON_AddItemToObject(parent, key, item) : !cJSON_AddItemToArray(parent, item)) {
        cJSON_Delete(item);
        return grp__error_nomem("building the JSON document");
    }
    return GRP_OK;
}

/* The JSON value of a stored column. */
static int value_to_json(cJSON **out, const col *c, const grp__io_value *v)
{
    char buf[32];
    *out = NULL;
    if (v->type == GRP__IO_NULL) {
        *out = cJSON_CreateNull();
        return *out ? GRP_OK : grp__error_nomem("building the JSON document");
    }
    switch (c->k) {
    case K_ID:
    case K_REF:
    case K_RAWID:
        *out = id_string(v->i);
        break;
    case K_INT:
        *out = cJSON_CreateNumber((double)v->i);
        break;
    case K_BOOL:
        *out = cJSON_CreateBool(v->i != 0);
        break;
    case K_TEXT:
    case K_DATE:
    case K_LOCAL:
        *out = cJSON_CreateString(v->type == GRP__IO_TEXT ? v->t : "");
        break;
    case K_INSTANT:
        if (grp_time_format(buf, sizeof buf, v->i))
            return grp__error(GRP_ESTORAGE, "a stored instant (%lld) is out of range", (long long)v->i);
        *out = cJSON_CreateString(buf);
        break;
    case K_ENUM: {
        const char *w = v->i >= 0 && v->i < 64 ? c->words((int)v->i) : NULL;
        if (!w)
            return grp__error(GRP_ESTORAGE, "a stored %s (%lld) is out of range", c->key, (long long)v->i);
        *out = cJSON_CreateString(w);
        break;
    }
    case K_RATINGS: {
        *out = cJSON_CreateArray();
        const char *p = v->type == GRP__IO_TEXT ? v->t : "";
        while (*out && *p) {
            long r = strtol(p, (char **)&p, 10);
            cJSON *n = cJSON_CreateNumber((double)r);
            if (!n || !cJSON_AddItemToArray(*out, n)) {
                cJSON_Delete(n);
                cJSON_Delete(*out);
                *out = NULL;
            }
            if (*p == ',')
                p++;
            else if (*p)
                break;
        }
        break;
    }
    }
    return *out ? GRP_OK : grp__error_nomem("building the JSON document");
}

static int want(exporter *x, grp__io_table t, int64_t id)
{
    return x->scoped && id ? imap_put(&x->wanted[t], id, 1, 1) : GRP_OK;
}

static int want_refs(exporter *x, const table *tb, const grp__io_value *row, size_t n)
{
    int rc;
    for (size_t c = 0; c < n && c < tb->ncols; c++) {
        if (tb->cols[c].k == K_REF && row[c].type == GRP__IO_INT && (rc = want(x, tb->cols[c].ref, row[c].i)))
            return rc;
    }
    return GRP_OK;
}

/* The record as an object; in NDJSON its first member "record" names its kind. */
static int row_to_object(exporter *x, const table *tb, const grp__io_value *row, size_t n, cJSON **out)
{
    int rc;
    cJSON *o = cJSON_CreateObject();
    *out = NULL;
    if (!o)
        return grp__error_nomem("building the JSON document");
    if (x->fmt == X_NDJSON && (rc = add_item(o, "record", cJSON_CreateString(kind_names[tb->kind])))) {
        cJSON_Delete(o);
        return rc;
    }
    for (size_t c = 0; c < n && c < tb->ncols; c++) {
        cJSON *v;
        if ((rc = value_to_json(&v, &tb->cols[c], &row[c])) || (rc = add_item(o, tb->cols[c].key, v))) {
            cJSON_Delete(o);
            return rc;
        }
    }
    if ((rc = want_refs(x, tb, row, n))) {
        cJSON_Delete(o);
        return rc;
    }
    *out = o;
    return GRP_OK;
}

static int put(exporter *x, const char *data, size_t len)
{
    return len ? x->sink(x->sink_payload, data, len) : GRP_OK;
}

static int put_str(exporter *x, const char *s)
{
    return put(x, s, strlen(s));
}

/* Write one record, framed for the format. */
static int emit(exporter *x, const cJSON *o)
{
    int rc, pretty = x->fmt == X_DOC_PRETTY;
    /* cJSON's estimate may need 5 bytes more than the text */
    while (!x->print || !cJSON_PrintPreallocated((cJSON *)o, x->print, (int)x->print_cap, pretty)) {
        size_t cap = x->print_cap ? x->print_cap * 2 : 4096;
        char *p;
        if (cap > (size_t)1 << 30 || !(p = grp__realloc(x->print, cap)))
            return grp__error_nomem("printing a record");
        x->print = p;
        x->print_cap = cap;
    }
    if (x->fmt != X_NDJSON && x->count > 0 && (rc = put_str(x, pretty ? ", " : ",")))
        return rc;
    x->count++;
    if (!pretty) {
        if ((rc = put_str(x, x->print)))
            return rc;
        return x->fmt == X_NDJSON ? put(x, "\n", 1) : GRP_OK;
    }
    /* Printed alone, a record is indented from depth 0; in the document it
     * is two levels deeper (the root object and the array). */
    const char *p = x->print, *nl;
    while ((nl = strchr(p, '\n'))) {
        if ((rc = put(x, p, (size_t)(nl - p + 1))) || (rc = put(x, "\t\t", 2)))
            return rc;
        p = nl + 1;
    }
    return put_str(x, p);
}

/* The object of the group (or form) `id` in its array, NULL if not exported. */
static cJSON *parent_object(exporter *x, grp__io_table t, int64_t id)
{
    int64_t idx;
    if (!imap_get(&x->objects[t], id, 0, &idx))
        return NULL;
    return cJSON_GetArrayItem(x->arrays[t], (int)idx);
}

/* Scoped: organisations and people only when in scope or referred to.
 * Feedback forms belong to no organisation: all are exported. */
static int in_scope(exporter *x, grp__io_table t, const grp__io_value *row)
{
    if (!x->scoped)
        return 1;
    if (t == GRP__IO_ORG)
        return row[0].i == x->org_id || imap_get(&x->wanted[GRP__IO_ORG], row[0].i, 1, NULL);
    if (t == GRP__IO_PERSON)
        return imap_get(&x->wanted[GRP__IO_PERSON], row[0].i, 1, NULL) || (x->org_scope && row[1].i == x->org_id);
    if (t == GRP__IO_ORG_ADMIN)
        return imap_get(&x->wanted[GRP__IO_ORG], row[0].i, 1, NULL) &&
               imap_get(&x->wanted[GRP__IO_PERSON], row[1].i, 1, NULL);
    return 1;
}

static int export_row(void *payload, const grp__io_value *row, size_t n)
{
    exporter *x = payload;
    const table *tb = x->tb;
    int rc;
    cJSON *o, *parent;

    if (!in_scope(x, tb->t, row))
        return GRP_OK;
    if (x->collecting)
        return want_refs(x, tb, row, n);
    switch (tb->t) {
    case GRP__IO_GROUP_ROLE:
    case GRP__IO_FORM_ITEM: {
        /* nested string lists, in position order */
        grp__io_table pt = tb->t == GRP__IO_GROUP_ROLE ? GRP__IO_GROUP : GRP__IO_FORM;
        if (!(parent = parent_object(x, pt, row[0].i)))
            return GRP_OK;
        cJSON *list = cJSON_GetObjectItemCaseSensitive(parent, pt == GRP__IO_GROUP ? "eligible_roles" : "items");
        return add_item(list, NULL, cJSON_CreateString(row[2].type == GRP__IO_TEXT ? row[2].t : ""));
    }
    case GRP__IO_GROUP_FORM:
        if (!(parent = parent_object(x, GRP__IO_GROUP, row[0].i)))
            return GRP_OK;
        return replace_member(parent, "feedback_form", id_string(row[1].i));
    case GRP__IO_HOURS_RULE: {
        if (!(parent = parent_object(x, GRP__IO_GROUP, row[0].i)))
            return GRP_OK;
        cJSON *rule = cJSON_CreateObject();
        cJSON *v;
        if (!rule)
            return grp__error_nomem("building the JSON document");
        for (size_t c = 1; c < n; c++) {
            if ((rc = value_to_json(&v, &tb->cols[c], &row[c])) || (rc = add_item(rule, tb->cols[c].key, v))) {
                cJSON_Delete(rule);
                return rc;
            }
        }
        return replace_member(parent, "hours_rule", rule);
    }
    default:
        break;
    }
    if ((rc = row_to_object(x, tb, row, n, &o)))
        return rc;
    if (tb->t == GRP__IO_GROUP || tb->t == GRP__IO_FORM) {
        /* room for the nested members, filled by the tables that follow */
        int is_group = tb->t == GRP__IO_GROUP;
        if ((rc = add_item(o, is_group ? "eligible_roles" : "items", cJSON_CreateArray())) ||
            (is_group && (rc = add_item(o, "feedback_form", cJSON_CreateNull()))) ||
            (is_group && (rc = add_item(o, "hours_rule", cJSON_CreateNull()))) ||
            (rc = imap_put(&x->objects[tb->t], row[0].i, 0, cJSON_GetArraySize(x->arrays[tb->t])))) {
            cJSON_Delete(o);
            return rc;
        }
        return add_item(x->arrays[tb->t], NULL, o);
    }
    rc = emit(x, o);
    cJSON_Delete(o);
    return rc;
}

/* Write the waiting groups (or forms) and forget them. */
static int emit_waiting(exporter *x, grp__io_table t)
{
    int rc;
    const cJSON *o;
    cJSON_ArrayForEach(o, x->arrays[t]) {
        if ((rc = emit(x, o)))
            return rc;
    }
    cJSON_Delete(x->arrays[t]);
    x->arrays[t] = NULL;
    imap_dispose(&x->objects[t]);
    return GRP_OK;
}

/* The tables whose records a scoped export follows to find the people,
 * organisations and forms it needs: the records of groups, then people
 * (whose organisations are needed). */
static const grp__io_table collect_order[] = {
    GRP__IO_GROUP,    GRP__IO_GROUP_ROLE, GRP__IO_GROUP_FORM, GRP__IO_HOURS_RULE, GRP__IO_MEMBERSHIP,
    GRP__IO_CADENCE,  GRP__IO_SESSION,    GRP__IO_ATTENDANCE, GRP__IO_PRESENTER,  GRP__IO_HOURS,
    GRP__IO_RESPONSE, GRP__IO_GIVEN,      GRP__IO_PEER,       GRP__IO_GOAL,       GRP__IO_STEP,
    GRP__IO_PROGRESS, GRP__IO_NOTE,       GRP__IO_THEME,      GRP__IO_PERSON};

static int check_system(grp_store *store, const grp_actor *actor, const char *what)
{
    int rc;
    if ((rc = grp__check_actor(store, actor)))
        return rc;
    if (!grp__is_system(actor))
        return grp__denied(what);
    return GRP_OK;
}

/* Arguments shared by every export; fills the scope of `x`. */
static int export_setup(exporter *x, grp_store *store, const grp_actor *actor, const grp_json_export_options *opts,
                        const char *what)
{
    int rc;
    memset(x, 0, sizeof *x);
    x->s = store;
    GRP__CHECK_STORE(store);
    if (opts->version != GRP_JSON_EXPORT_OPTIONS_VERSION)
        return grp__error(GRP_EINVAL, "grp_json_export_options version %u is unknown", opts->version);
    if (opts->org_id < 0 || opts->group_id < 0 || (opts->org_id && opts->group_id))
        return grp__error(GRP_EINVAL, "opts: set at most one of org_id and group_id, positive");
    if (opts->pretty != 0 && opts->pretty != 1)
        return grp__error(GRP_EINVAL, "opts.pretty (%d) is not 0 or 1", opts->pretty);
    if ((rc = check_system(store, actor, what)))
        return rc;
    x->scoped = opts->org_id || opts->group_id;
    if (opts->org_id) {
        struct grp_org o = {0};
        if ((rc = store->be->org_load(store, opts->org_id, &o)))
            return rc;
        grp__org_clear(&o);
        x->org_id = opts->org_id;
        x->org_scope = 1;
    } else if (opts->group_id) {
        struct grp_group g = {0};
        if ((rc = store->be->group_load(store, opts->group_id, &g)))
            return rc;
        x->org_id = g.org_id;
        grp__group_clear(&g);
    }
    return GRP_OK;
}

/* Walk the store and write every record through x->sink. */
static int export_walk(exporter *x, const grp_json_export_options *opts)
{
    int rc;
    grp_store *s = x->s;
    int doc = x->fmt != X_NDJSON, pretty = x->fmt == X_DOC_PRETTY;
    char head[96];

    if (x->scoped) {
        x->collecting = 1;
        for (size_t i = 0; i < sizeof collect_order / sizeof collect_order[0]; i++) {
            x->tb = &tables[collect_order[i]];
            if ((rc = s->be->io_rows(s, x->tb->t, opts->org_id, opts->group_id, export_row, x)))
                return rc;
        }
        if ((rc = want(x, GRP__IO_ORG, x->org_id)))
            return rc;
        x->collecting = 0;
    }
    if (!doc)
        snprintf(head, sizeof head, "{\"format\":\"libgrp-ndjson\",\"version\":%d}\n", GRP_NDJSON_FORMAT_VERSION);
    else
        snprintf(head, sizeof head, pretty ? "{\n\t\"format\":\t\"libgrp\",\n\t\"version\":\t%d"
                                           : "{\"format\":\"libgrp\",\"version\":%d",
                 GRP_JSON_FORMAT_VERSION);
    if ((rc = put_str(x, head)))
        return rc;
    /* The tables' order is the document's: every record comes after those
     * it refers to (an NDJSON import relies on it). Groups and forms wait
     * for the last of their nested tables. */
    for (size_t t = 0; t < GRP__IO_TABLE_COUNT; t++) {
        const table *tb = &tables[t];
        grp__io_table waiting = t == GRP__IO_FORM_ITEM ? GRP__IO_FORM : t == GRP__IO_HOURS_RULE ? GRP__IO_GROUP : t;
        x->tb = tb;
        if (tb->kind >= 0) {
            if (doc) {
                snprintf(head, sizeof head, pretty ? ",\n\t\"%s\":\t[" : ",\"%s\":[", kind_names[tb->kind]);
                if ((rc = put_str(x, head)))
                    return rc;
            }
            x->count = 0;
            if ((t == GRP__IO_GROUP || t == GRP__IO_FORM) && !(x->arrays[t] = cJSON_CreateArray()))
                return grp__error_nomem("building the JSON document");
        }
        if ((rc = s->be->io_rows(s, tb->t, opts->org_id, opts->group_id, export_row, x)))
            return rc;
        if (t == GRP__IO_GROUP || t == GRP__IO_FORM)
            continue;
        if (waiting != t && (rc = emit_waiting(x, waiting)))
            return rc;
        if (doc && (tb->kind >= 0 || waiting != t) && (rc = put(x, "]", 1)))
            return rc;
    }
    return doc ? put_str(x, pretty ? "\n}" : "}") : GRP_OK;
}

/* One read transaction around the walk: a consistent snapshot of every
 * table, taking no write lock (read-only handles too; writers are not
 * blocked). Nothing is written: the commit just releases the snapshot. */
static int export_run(exporter *x, const grp_json_export_options *opts)
{
    int rc = x->s->be->tx_begin_read(x->s);
    if (rc == GRP_OK)
        rc = grp__tx_end(x->s, export_walk(x, opts));
    for (size_t t = 0; t < GRP__IO_TABLE_COUNT; t++) {
        cJSON_Delete(x->arrays[t]);
        imap_dispose(&x->objects[t]);
        imap_dispose(&x->wanted[t]);
    }
    grp__free(x->print);
    x->print = NULL;
    return rc;
}

/* Sinks: a growing buffer, a FILE, a caller's function. */
typedef struct membuf {
    char *p;
    size_t len, cap;
} membuf;

static int sink_memory(void *payload, const char *data, size_t len)
{
    membuf *m = payload;
    if (len >= m->cap - m->len || !m->p) {
        size_t cap = m->cap ? m->cap : 65536;
        while (cap - m->len <= len) {
            if (cap > SIZE_MAX / 2)
                return grp__error_nomem("building the JSON document");
            cap *= 2;
        }
        char *p = grp__realloc(m->p, cap);
        if (!p)
            return grp__error_nomem("building the JSON document");
        m->p = p;
        m->cap = cap;
    }
    memcpy(m->p + m->len, data, len);
    m->len += len;
    m->p[m->len] = '\0';
    return GRP_OK;
}

typedef struct filesink {
    FILE *f;
    const char *path;
} filesink;

static int sink_file(void *payload, const char *data, size_t len)
{
    filesink *fs = payload;
    if (fwrite(data, 1, len, fs->f) != len)
        return grp__error(GRP_ESTORAGE, "cannot write '%s': %s", fs->path, strerror(errno));
    return GRP_OK;
}

typedef struct usersink {
    grp_ndjson_write_fn fn;
    void *payload;
} usersink;

static int sink_user(void *payload, const char *data, size_t len)
{
    usersink *u = payload;
    int r = u->fn(u->payload, data, len);
    return r ? grp__error(GRP_ESTORAGE, "the write function failed (it returned %d)", r) : GRP_OK;
}

/* Export into the file of `fs` (x->sink_payload), removed again if the
 * export fails. */
static int export_file(exporter *x, const grp_json_export_options *opts, filesink *fs)
{
    if (!(fs->f = fopen(fs->path, "wb")))
        return grp__error(GRP_ESTORAGE, "cannot create '%s': %s", fs->path, strerror(errno));
    int rc = export_run(x, opts);
    if (fclose(fs->f) != 0 && rc == GRP_OK)
        rc = grp__error(GRP_ESTORAGE, "cannot write '%s': %s", fs->path, strerror(errno));
    if (rc)
        remove(fs->path);
    return rc;
}

int grp_json_export(char **out, grp_store *store, const grp_actor *actor, const grp_json_export_options *opts)
{
    int rc;
    grp_json_export_options d = GRP_JSON_EXPORT_OPTIONS_INIT;
    exporter x;
    membuf m = {NULL, 0, 0};

    if (!out)
        return grp__error_null("out");
    *out = NULL;
    if (!opts)
        opts = &d;
    if ((rc = export_setup(&x, store, actor, opts, "a JSON export is made by the system actor")))
        return rc;
    x.fmt = opts->pretty ? X_DOC_PRETTY : X_DOC;
    x.sink = sink_memory;
    x.sink_payload = &m;
    if ((rc = export_run(&x, opts))) {
        grp__free(m.p);
        return rc;
    }
    *out = m.p;
    return GRP_OK;
}

int grp_json_export_to_file(const char *path, grp_store *store, const grp_actor *actor,
                            const grp_json_export_options *opts)
{
    int rc;
    grp_json_export_options d = GRP_JSON_EXPORT_OPTIONS_INIT;
    exporter x;
    if (!path)
        return grp__error_null("path");
    if (!opts)
        opts = &d;
    if ((rc = export_setup(&x, store, actor, opts, "a JSON export is made by the system actor")))
        return rc;
    filesink fs = {NULL, path};
    x.fmt = opts->pretty ? X_DOC_PRETTY : X_DOC;
    x.sink = sink_file;
    x.sink_payload = &fs;
    return export_file(&x, opts, &fs);
}

/* ---- NDJSON export ------------------------------------------------------------ */

static int ndjson_setup(exporter *x, grp_store *store, const grp_actor *actor, const grp_json_export_options **opts,
                        const grp_json_export_options *d)
{
    int rc;
    if (!*opts)
        *opts = d;
    if ((rc = export_setup(x, store, actor, *opts, "an NDJSON export is made by the system actor")))
        return rc;
    if ((*opts)->pretty)
        return grp__error(GRP_EINVAL, "opts.pretty: an NDJSON stream has one record a line and cannot be indented");
    x->fmt = X_NDJSON;
    return GRP_OK;
}

int grp_ndjson_export(grp_store *store, const grp_actor *actor, grp_ndjson_write_fn write_fn, void *payload,
                      const grp_json_export_options *opts)
{
    int rc;
    grp_json_export_options d = GRP_JSON_EXPORT_OPTIONS_INIT;
    exporter x;
    usersink u = {write_fn, payload};
    if (!write_fn)
        return grp__error_null("write_fn");
    if ((rc = ndjson_setup(&x, store, actor, &opts, &d)))
        return rc;
    x.sink = sink_user;
    x.sink_payload = &u;
    return export_run(&x, opts);
}

int grp_ndjson_export_to_buffer(char **out, size_t *len_out, grp_store *store, const grp_actor *actor,
                                const grp_json_export_options *opts)
{
    int rc;
    grp_json_export_options d = GRP_JSON_EXPORT_OPTIONS_INIT;
    exporter x;
    membuf m = {NULL, 0, 0};
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    if (len_out)
        *len_out = 0;
    if ((rc = ndjson_setup(&x, store, actor, &opts, &d)))
        return rc;
    x.sink = sink_memory;
    x.sink_payload = &m;
    if ((rc = export_run(&x, opts))) {
        grp__free(m.p);
        return rc;
    }
    *out = m.p;
    if (len_out)
        *len_out = m.len;
    return GRP_OK;
}

int grp_ndjson_export_to_file(const char *path, grp_store *store, const grp_actor *actor,
                              const grp_json_export_options *opts)
{
    int rc;
    grp_json_export_options d = GRP_JSON_EXPORT_OPTIONS_INIT;
    exporter x;
    if (!path)
        return grp__error_null("path");
    if ((rc = ndjson_setup(&x, store, actor, &opts, &d)))
        return rc;
    filesink fs = {NULL, path};
    x.sink = sink_file;
    x.sink_payload = &fs;
    return export_file(&x, opts, &fs);
}

/* ---- import: the raw text ------------------------------------------------------ */

int grp_json_import_options_init(grp_json_import_options *opts, unsigned int version)
{
    if (!opts)
        return grp__error_null("opts");
    if (version != GRP_JSON_IMPORT_OPTIONS_VERSION)
        return grp__error(GRP_EINVAL, "grp_json_import_options version %u is unknown", version);
    grp_json_import_options d = GRP_JSON_IMPORT_OPTIONS_INIT;
    *opts = d;
    return GRP_OK;
}

/* ---- reading JSON text: the source ------------------------------------------------------------ */

/* A document is read through a window (a file) or in place (text in
 * memory), from any offset: the import reads it several times over, one
 * record at a time, and never holds it whole. */
#define SRC_WINDOW ((size_t)64 * 1024)

typedef struct src {
    const char *win;    /* memory: the whole text; a file: buf */
    char *buf;          /* a file: the window's bytes */
    FILE *f;            /* NULL: text in memory */
    size_t base, n, at; /* win[0..n) holds bytes [base, base + n); the next byte is win[at] */
    size_t len;         /* the text's length */
    int ioerr;          /* a read failed (errno); -1: the file ended early */
} src;

static void src_memory(src *s, const char *text, size_t len)
{
    memset(s, 0, sizeof *s);
    s->win = text;
    s->n = len;
    s->len = len;
}

static int src_fill(src *s)
{
    if (!s->f || s->ioerr)
        return -1;
    s->base += s->n;
    s->at = 0;
    s->n = 0;
    size_t want = s->len - s->base < SRC_WINDOW ? s->len - s->base : SRC_WINDOW;
    if (want == 0)
        return -1;
    s->n = fread(s->buf, 1, want, s->f);
    if (s->n < want) {
        /* a read error, or the file shrank while it was read */
        s->ioerr = !ferror(s->f) ? -1 : errno ? errno : EIO;
        s->n = 0;
        return -1;
    }
    return (unsigned char)s->win[0];
}

/* The next byte, -1 at the end (or after a failed read). */
static inline int src_peek(src *s)
{
    return s->at < s->n ? (unsigned char)s->win[s->at] : src_fill(s);
}

static size_t src_pos(const src *s)
{
    return s->base + s->at;
}

static void src_seek(src *s, size_t pos)
{
    if (pos >= s->base && pos <= s->base + s->n) {
        s->at = pos - s->base;
        return;
    }
    if (fseeko(s->f, (off_t)pos, SEEK_SET) != 0 && !s->ioerr)
        s->ioerr = errno ? errno : EIO;
    s->base = pos;
    s->n = 0;
    s->at = 0;
}

/* The error for a read that failed, or a file that changed while read. */
static int src_failed(const src *s)
{
    if (s->ioerr > 0)
        return grp__error(GRP_ESTORAGE, "reading the JSON document failed at byte %zu: %s", src_pos(s),
                          strerror(s->ioerr));
    if (s->ioerr < 0)
        return grp__error(GRP_ESTORAGE, "the JSON document changed while it was read (it is now shorter than %zu bytes)",
                          s->len);
    return grp__error(GRP_ESTORAGE, "the JSON document changed while it was read (it ends at byte %zu)", src_pos(s));
}

/* ---- the scanner: the JSON grammar in one pass ------------------------------------------------- */

/* One pass over a document or a stream's line checks what cJSON would be
 * given: the grammar of RFC 8259, as strictly as cJSON reads it (plain
 * whitespace only, no control characters in strings, paired surrogates
 * only, numbers of at most 63 characters: cJSON reads a number through a
 * 64-byte buffer), nesting at most GRP_JSON_MAX_DEPTH deep, no NUL byte and
 * no \u0000 escape (cJSON would cut such a string short silently). Errors
 * name the first offending byte; after a pass, cJSON parses any part of the
 * text, so a NULL from it means out of memory. It keeps the path of the
 * current value, for messages, and an index of the document's top-level
 * members, for the import's later passes. */

/* A top-level member of a document: where its value begins. */
typedef struct doc_member {
    size_t at;  /* offset of the value's first byte */
    int first;  /* that byte; 0: the member is absent */
} doc_member;

typedef struct doc_index {
    int root;                               /* first byte of the document's value */
    doc_member format, version;
    doc_member kinds[GRP_JSON_KIND_COUNT];
    char unknown[64];                       /* the first unknown member's name ("" none) */
    char twice[64];                         /* the first member given twice ("" none) */
} doc_index;

typedef struct scan_level {
    char key[61];     /* objects: the current member's name, decoded (its first 60 bytes) */
    size_t key_len;
    int key_cut;      /* the name was longer */
    long index;       /* arrays: the current element */
    int is_object;
} scan_level;

typedef struct scanner {
    src *s;
    int one_line;     /* a stream's line: positions are columns */
    size_t line, column;
    int depth;
    scan_level st[GRP_JSON_MAX_DEPTH];
    doc_index *top;   /* a document: its top level is indexed here */
} scanner;

/* A position of the text, for messages. */
typedef struct scan_mark {
    size_t pos, line, column;
} scan_mark;

static scan_mark scan_here(const scanner *sc)
{
    scan_mark m = {src_pos(sc->s), sc->line, sc->column};
    return m;
}

static const char *scan_where_mark(char *buf, size_t size, const scanner *sc, scan_mark m)
{
    if (sc->one_line)
        snprintf(buf, size, "column %zu", m.column);
    else
        snprintf(buf, size, "byte %zu (line %zu, column %zu)", m.pos, m.line, m.column);
    return buf;
}

static const char *scan_where(char *buf, size_t size, const scanner *sc)
{
    return scan_where_mark(buf, size, sc, scan_here(sc));
}

static void scan_next(scanner *sc)
{
    if (sc->s->win[sc->s->at] == '\n') {
        sc->line++;
        sc->column = 1;
    } else
        sc->column++;
    sc->s->at++;
}

static void scan_ws(scanner *sc)
{
    for (int c = src_peek(sc->s); c == ' ' || c == '\t' || c == '\n' || c == '\r'; c = src_peek(sc->s))
        scan_next(sc);
}

/* The error at the next byte: it does not fit the grammar. */
static int scan_fail(scanner *sc, int in_string)
{
    char at[80];
    int c = src_peek(sc->s);
    if (sc->s->ioerr)
        return src_failed(sc->s);
    if (c == 0)
        return grp__error(GRP_EPARSE, "malformed JSON: a NUL byte at %s", scan_where(at, sizeof at, sc));
    return grp__error(GRP_EPARSE, "malformed JSON at %s%s", scan_where(at, sizeof at, sc),
                      c >= 0 || (!in_string && sc->depth == 0) ? ""
                      : sc->one_line ? ": the line ends too early (an array, object or string is not closed)"
                                     : ": the document ends too early (an array, object or string is not closed)");
}

/* Half a character in a \u escape: a low surrogate `u` alone, or a high
 * one `u` not followed by a \u escape of a low one. The error names the
 * first offending byte, at `m`. */
static int scan_fail_surrogate(scanner *sc, scan_mark m, unsigned u)
{
    char at[80];
    return grp__error(GRP_EPARSE, "malformed JSON at %s: \\u%04X %s", scan_where_mark(at, sizeof at, sc, m), u,
                      u >= 0xdc00 ? "is a low surrogate without a high one before it"
                                  : "is a high surrogate not followed by a \\u escape of a low one");
}

/* The path of the current value ("$.people[3].display_name"); a member
 * name being read is not part of it. */
static void scan_path(char *buf, size_t size, const scanner *sc, int levels)
{
    size_t n = (size_t)snprintf(buf, size, "$");
    for (int i = 0; i < levels && n < size; i++) {
        if (sc->st[i].is_object)
            n += (size_t)snprintf(buf + n, size - n, ".%.*s", (int)sc->st[i].key_len, sc->st[i].key);
        else
            n += (size_t)snprintf(buf + n, size - n, "[%ld]", sc->st[i].index);
    }
}

static int scan_hex4(scanner *sc, unsigned *out)
{
    unsigned v = 0;
    *out = 0;
    for (int i = 0; i < 4; i++) {
        int h = src_peek(sc->s);
        int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
        if (d < 0)
            return scan_fail(sc, 1);
        v = v * 16 + (unsigned)d;
        scan_next(sc);
    }
    *out = v;
    return GRP_OK;
}

/* Append to a member name being kept (decoded); a name too long to keep
 * is marked cut and keeps its first bytes. */
static void key_add(scan_level *lv, const char *bytes, size_t n)
{
    if (!lv || lv->key_cut)
        return;
    if (lv->key_len + n > sizeof lv->key - 1) {
        lv->key_cut = 1;
        return;
    }
    memcpy(lv->key + lv->key_len, bytes, n);
    lv->key_len += n;
}

/* A \u escape (its code point) as UTF-8 in a member name. */
static void key_add_code(scan_level *lv, unsigned long cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xc0 | cp >> 6);
        b[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xe0 | cp >> 12);
        b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        b[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    } else {
        b[0] = (char)(0xf0 | cp >> 18);
        b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
        b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
        b[3] = (char)(0x80 | (cp & 0x3f));
        n = 4;
    }
    key_add(lv, b, n);
}

/* A string; a member name (`key`) is kept, decoded, in the innermost
 * level (member names are compared as JSON compares them: "p\u0065ople"
 * is "people"). */
static int scan_string(scanner *sc, int key)
{
    int rc;
    scan_level *lv = key ? &sc->st[sc->depth - 1] : NULL;
    if (lv) {
        lv->key_len = 0;
        lv->key_cut = 0;
    }
    scan_next(sc); /* the opening quote */
    for (;;) {
        int c = src_peek(sc->s);
        if (c == '"') {
            scan_next(sc);
            return GRP_OK;
        }
        if (c < 0x20)
            return scan_fail(sc, 1);
        scan_next(sc);
        if (c != '\\') {
            char b = (char)c;
            key_add(lv, &b, 1);
            continue;
        }
        c = src_peek(sc->s);
        if (c == 'u') {
            unsigned u = 0, low = 0;
            scan_mark esc = {src_pos(sc->s) - 1, sc->line, sc->column - 1}; /* its backslash */
            scan_next(sc);
            if ((rc = scan_hex4(sc, &u)))
                return rc;
            if (u == 0) {
                char path[PATH_MAX_LEN];
                scan_path(path, sizeof path, sc, key ? sc->depth - 1 : sc->depth);
                return grp__error(GRP_EINVAL, "%s%s: a string contains \\u0000 (NUL), which is refused", path,
                                  key ? " (a member name)" : "");
            }
            if (u >= 0xdc00 && u <= 0xdfff)
                return scan_fail_surrogate(sc, esc, u);
            if (u >= 0xd800 && u <= 0xdbff) {
                scan_mark after = scan_here(sc);
                if (src_peek(sc->s) != '\\')
                    return sc->s->ioerr || src_peek(sc->s) < 0 ? scan_fail(sc, 1) : scan_fail_surrogate(sc, after, u);
                scan_next(sc);
                if (src_peek(sc->s) != 'u')
                    return sc->s->ioerr || src_peek(sc->s) < 0 ? scan_fail(sc, 1) : scan_fail_surrogate(sc, after, u);
                scan_next(sc);
                if ((rc = scan_hex4(sc, &low)))
                    return rc;
                if (low < 0xdc00 || low > 0xdfff)
                    return scan_fail_surrogate(sc, after, u);
                key_add_code(lv, 0x10000 + ((unsigned long)(u - 0xd800) << 10) + (low - 0xdc00));
            } else
                key_add_code(lv, u);
        } else if (c > 0 && strchr("\"\\/bfnrt", c)) {
            static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
            key_add(lv, &to[strchr(from, c) - from], 1);
            scan_next(sc);
        } else
            return scan_fail(sc, 1);
    }
}

static int scan_digits(scanner *sc, size_t *count)
{
    size_t from = *count;
    for (int c = src_peek(sc->s); c >= '0' && c <= '9'; c = src_peek(sc->s)) {
        if (++*count > 63)
            return scan_fail(sc, 0);
        scan_next(sc);
    }
    return *count > from ? GRP_OK : scan_fail(sc, 0);
}

static int scan_number(scanner *sc)
{
    int rc;
    size_t count = 0;
    int c = src_peek(sc->s);
    if (c == '-') {
        count++;
        scan_next(sc);
        c = src_peek(sc->s);
    }
    if (c == '0') {
        count++;
        scan_next(sc);
    } else if ((rc = scan_digits(sc, &count)))
        return rc;
    if (src_peek(sc->s) == '.') {
        count++;
        scan_next(sc);
        if ((rc = scan_digits(sc, &count)))
            return rc;
    }
    c = src_peek(sc->s);
    if (c == 'e' || c == 'E') {
        count++;
        scan_next(sc);
        c = src_peek(sc->s);
        if (c == '+' || c == '-') {
            count++;
            scan_next(sc);
        }
        if ((rc = scan_digits(sc, &count)))
            return rc;
    }
    return GRP_OK;
}

/* A member name of a document's top level as an index entry. */
static doc_member *top_member(doc_index *ix, const scan_level *lv)
{
    char name[64];
    snprintf(name, sizeof name, "%.*s", (int)lv->key_len, lv->key);
    doc_member *m = NULL;
    if (!lv->key_cut) {
        if (strcmp(name, "format") == 0)
            m = &ix->format;
        else if (strcmp(name, "version") == 0)
            m = &ix->version;
        for (size_t k = 0; k < GRP_JSON_KIND_COUNT && !m; k++) {
            if (strcmp(name, kind_names[k]) == 0)
                m = &ix->kinds[k];
        }
    }
    if (!m) {
        if (!ix->unknown[0])
            snprintf(ix->unknown, sizeof ix->unknown, "%s", name);
        return NULL;
    }
    if (m->first && !ix->twice[0])
        snprintf(ix->twice, sizeof ix->twice, "%s", name);
    return m;
}

static int scan_value(scanner *sc);

/* An object or array, its opening byte next. */
static int scan_container(scanner *sc, int close)
{
    int rc;
    if (sc->depth == GRP_JSON_MAX_DEPTH) {
        char at[80];
        return grp__error(GRP_EINVAL, "the %s nests deeper than %d levels at %s", sc->one_line ? "record" : "document",
                          GRP_JSON_MAX_DEPTH, scan_where(at, sizeof at, sc));
    }
    scan_level *lv = &sc->st[sc->depth++];
    lv->is_object = close == '}';
    lv->index = 0;
    lv->key_len = 0;
    lv->key_cut = 0;
    scan_next(sc);
    scan_ws(sc);
    if (src_peek(sc->s) == close) {
        scan_next(sc);
        sc->depth--;
        return GRP_OK;
    }
    for (;;) {
        doc_member *m = NULL;
        if (lv->is_object) {
            if (src_peek(sc->s) != '"')
                return scan_fail(sc, 0);
            if ((rc = scan_string(sc, 1)))
                return rc;
            scan_ws(sc);
            if (src_peek(sc->s) != ':')
                return scan_fail(sc, 0);
            scan_next(sc);
            scan_ws(sc);
            if (sc->top && sc->depth == 1 && (m = top_member(sc->top, lv)) && !m->first) {
                m->at = src_pos(sc->s);
                m->first = src_peek(sc->s);
            }
        }
        if ((rc = scan_value(sc)))
            return rc;
        scan_ws(sc);
        int c = src_peek(sc->s);
        if (c == close) {
            scan_next(sc);
            sc->depth--;
            return GRP_OK;
        }
        if (c != ',')
            return scan_fail(sc, 0);
        scan_next(sc);
        scan_ws(sc);
        lv->index++;
    }
}

static int scan_value(scanner *sc)
{
    scan_ws(sc);
    int c = src_peek(sc->s);
    if (c == '"')
        return scan_string(sc, 0);
    if (c == '-' || (c >= '0' && c <= '9'))
        return scan_number(sc);
    if (c == '{')
        return scan_container(sc, '}');
    if (c == '[')
        return scan_container(sc, ']');
    static const char *const words[] = {"true", "false", "null"};
    for (size_t w = 0; w < 3; w++) {
        if (c != words[w][0])
            continue;
        for (const char *p = words[w]; *p; p++) {
            if (src_peek(sc->s) != (unsigned char)*p)
                return scan_fail(sc, 0);
            scan_next(sc);
        }
        return GRP_OK;
    }
    return scan_fail(sc, 0);
}

/* One pass over the whole text of `s` (from its start): one JSON value,
 * surrounded by whitespace. A document's top level goes into `top`. */
static int scan_text(src *s, int one_line, doc_index *top)
{
    int rc;
    scanner sc;
    memset(&sc, 0, sizeof sc);
    sc.s = s;
    sc.one_line = one_line;
    sc.line = sc.column = 1;
    sc.top = top;
    src_seek(s, 0);
    scan_ws(&sc);
    if (top) {
        memset(top, 0, sizeof *top);
        top->root = src_peek(s) > 0 ? src_peek(s) : 0;
    }
    if ((rc = scan_value(&sc)))
        return rc;
    scan_ws(&sc);
    return src_peek(s) < 0 && !s->ioerr ? GRP_OK : scan_fail(&sc, 0);
}

/* After parsing: refuse duplicate member names (cJSON keeps both). */
static int check_duplicates(const cJSON *node, char *path, size_t plen)
{
    int rc;
    size_t n = strlen(path);
    if (cJSON_IsObject(node)) {
        /* no object of the format has more than about twenty members: the
         * bound keeps the pairwise comparison below cheap */
        if (cJSON_GetArraySize(node) > 64)
            return grp__error(GRP_EINVAL, "%s: an object with %d members (at most 64)", path,
                              cJSON_GetArraySize(node));
        for (const cJSON *a = node->child; a; a = a->next) {
            for (const cJSON *b = a->next; b; b = b->next) {
                if (strcmp(a->string, b->string) == 0)
                    return grp__error(GRP_EINVAL, "%s: the member \"%.60s\" appears twice", path, a->string);
            }
            snprintf(path + n, plen - n, ".%.60s", a->string);
            if ((rc = check_duplicates(a, path, plen)))
                return rc;
            path[n] = '\0';
        }
    } else if (cJSON_IsArray(node)) {
        long i = 0;
        for (const cJSON *a = node->child; a; a = a->next, i++) {
            snprintf(path + n, plen - n, "[%ld]", i);
            if ((rc = check_duplicates(a, path, plen)))
                return rc;
            path[n] = '\0';
        }
    }
    return GRP_OK;
}

/* ---- import: validation --------------------------------------------------------- */

typedef struct importer {
    grp_store *s;
    const grp_json_import_options *opts;
    grp_json_import_result *res;
    src *src;                           /* a document: its text */
    doc_index ix;                       /* a document: its top-level members */
    char *elem;                         /* a document: the record being read */
    size_t elem_cap;
    idmap doc_ids[GRP__IO_TABLE_COUNT]; /* ids present in the document (a stream: on earlier lines) */
    imap keys[GRP__IO_TABLE_COUNT];     /* unique keys seen */
    idmap map[GRP__IO_TABLE_COUNT];     /* document id -> stored id */
    int ndjson;                         /* a stream: ids are learnt line by line */
} importer;

static void importer_dispose(importer *im)
{
    for (size_t t = 0; t < GRP__IO_TABLE_COUNT; t++) {
        idmap_dispose(&im->doc_ids[t]);
        imap_dispose(&im->keys[t]);
        idmap_dispose(&im->map[t]);
    }
    grp__free(im->elem);
}

/* A decimal id string 1..INT64_MAX, no sign, no leading zero. */
static int parse_id(const char *s, int64_t *out)
{
    size_t n = strlen(s);
    if (n == 0 || n > 19 || s[0] == '0')
        return 0;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        int d = s[i] - '0';
        if (v > (INT64_MAX - d) / 10)
            return 0;
        v = v * 10 + d;
    }
    *out = v;
    return 1;
}

static const char *type_name(const cJSON *v)
{
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsBool(v))
        return "a boolean";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsArray(v))
        return "an array";
    return "an object";
}

static int bad(const char *path, const char *what, const cJSON *v)
{
    return grp__error(GRP_EINVAL, "%s: expected %s, got %s", path, what, type_name(v));
}

/* Convert and check one member. In validation (im->map unused) refs are
 * checked against the document's ids; when writing they are mapped. The
 * value's text is borrowed from the cJSON tree. `buf` (32 bytes) holds
 * converted ratings. */
static int member_value(importer *im, const col *c, const cJSON *v, const char *path, int writing,
                        grp__io_value *out, char *buf)
{
    int64_t id;
    out->type = GRP__IO_NULL;
    out->i = 0;
    out->t = NULL;
    if (!v)
        return grp__error(GRP_EINVAL, "%s: missing", path);
    if (cJSON_IsNull(v)) {
        if (!c->opt)
            return grp__error(GRP_EINVAL, "%s: may not be null", path);
        return GRP_OK;
    }
    switch (c->k) {
    case K_ID:
    case K_REF:
    case K_RAWID:
        if (!cJSON_IsString(v))
            return bad(path, "an id as a decimal string", v);
        if (!parse_id(v->valuestring, &id))
            return grp__error(GRP_EINVAL, "%s: \"%.40s\" is not an id (a decimal string 1..9223372036854775807)",
                              path, v->valuestring);
        out->type = GRP__IO_INT;
        out->i = id;
        if (c->k == K_REF) {
            if (!idmap_get(&im->doc_ids[c->ref], id, NULL))
                return grp__error(GRP_EINVAL, "%s: unknown %s \"%lld\"%s", path, tables[c->ref].what, (long long)id,
                                  im->ndjson ? " (a record must come after the records it refers to)" : "");
            if (writing && !idmap_get(&im->map[c->ref], id, &out->i))
                return grp__error(GRP_EINVAL, "%s: %s \"%lld\" is defined later in the document", path,
                                  tables[c->ref].what, (long long)id);
        }
        return GRP_OK;
    case K_INT: {
        if (!cJSON_IsNumber(v))
            return bad(path, "an integer", v);
        double d = v->valuedouble;
        if (!isfinite(d) || d != floor(d) || d < c->lo || d > c->hi)
            return grp__error(GRP_EINVAL, "%s: %.17g is not an integer in %d..%d", path, d, c->lo, c->hi);
        out->type = GRP__IO_INT;
        out->i = (int64_t)d;
        return GRP_OK;
    }
    case K_BOOL:
        if (!cJSON_IsBool(v))
            return bad(path, "true or false", v);
        out->type = GRP__IO_INT;
        out->i = cJSON_IsTrue(v) ? 1 : 0;
        return GRP_OK;
    case K_TEXT: {
        if (!cJSON_IsString(v))
            return bad(path, "a string", v);
        int rc;
        switch (c->check) {
        case CK_LINK:
            rc = grp__check_link(path, v->valuestring);
            break;
        default:
            rc = grp__check_text(path, v->valuestring, (size_t)c->hi, 1, c->check == CK_MULTILINE);
            break;
        }
        if (rc)
            return grp__error(GRP_EINVAL, "%s", grp_error_last()->message);
        if (c->check == CK_EMAIL && !grp__email_shape_ok(v->valuestring))
            return grp__error(GRP_EINVAL, "%s: \"%.60s\" is not an address of the form name@domain", path,
                              v->valuestring);
        if (c->check == CK_TZ && (rc = grp_tz_check(v->valuestring)))
            return rc == GRP_ENOMEM ? rc
                                    : grp__error(GRP_EINVAL, "%s: unknown time zone \"%.60s\"", path, v->valuestring);
        if (c->check == CK_RRULE) {
            grp_rrule *r = NULL;
            rc = grp_rrule_parse(&r, v->valuestring);
            grp_rrule_free(r);
            if (rc)
                return rc == GRP_ENOMEM ? rc : grp__error(GRP_EINVAL, "%s: %s", path, grp_error_last()->message);
        }
        out->type = GRP__IO_TEXT;
        out->t = v->valuestring;
        return GRP_OK;
    }
    case K_DATE:
    case K_LOCAL:
    case K_INSTANT: {
        if (!cJSON_IsString(v))
            return bad(path, c->k == K_DATE ? "a date string" : "a date-time string", v);
        char canon[32];
        int ok;
        if (c->k == K_DATE) {
            grp_date d;
            ok = grp_date_parse(&d, v->valuestring) == GRP_OK && grp_date_format(canon, sizeof canon, d) == GRP_OK &&
                 strcmp(canon, v->valuestring) == 0;
        } else if (c->k == K_LOCAL) {
            grp_datetime dt;
            ok = grp_datetime_parse(&dt, v->valuestring) == GRP_OK &&
                 grp_datetime_format(canon, sizeof canon, dt) == GRP_OK && strcmp(canon, v->valuestring) == 0;
        } else {
            grp_time t;
            ok = grp_time_parse(&t, v->valuestring) == GRP_OK;
            out->i = t;
        }
        if (!ok)
            return grp__error(GRP_EINVAL, "%s: \"%.40s\" is not %s", path, v->valuestring,
                              c->k == K_DATE    ? "a date (YYYY-MM-DD)"
                              : c->k == K_LOCAL ? "a local date and time (YYYY-MM-DDTHH:MM:SS)"
                                                : "an RFC 3339 instant");
        if (c->k == K_INSTANT)
            out->type = GRP__IO_INT;
        else {
            out->type = GRP__IO_TEXT;
            out->t = v->valuestring;
        }
        return GRP_OK;
    }
    case K_ENUM: {
        if (!cJSON_IsString(v))
            return bad(path, "a word", v);
        int e = enum_parse(c->words, v->valuestring);
        if (e < 0) {
            char words[160];
            size_t n = 0;
            words[0] = '\0';
            for (int w = 0; c->words(w) && n < sizeof words; w++)
                n += (size_t)snprintf(words + n, sizeof words - n, "%s%s", w ? ", " : "", c->words(w));
            return grp__error(GRP_EINVAL, "%s: \"%.40s\" is not one of %s", path, v->valuestring, words);
        }
        out->type = GRP__IO_INT;
        out->i = e;
        return GRP_OK;
    }
    case K_RATINGS: {
        if (!cJSON_IsArray(v))
            return bad(path, "an array of ratings", v);
        int count = cJSON_GetArraySize(v);
        if (count > GRP_FEEDBACK_MAX_ITEMS)
            return grp__error(GRP_EINVAL, "%s: %d ratings (at most %d)", path, count, GRP_FEEDBACK_MAX_ITEMS);
        size_t n = 0;
        int i = 0;
        const cJSON *r;
        cJSON_ArrayForEach(r, v) {
            if (!cJSON_IsNumber(r) || r->valuedouble != floor(r->valuedouble) || r->valuedouble < 0 ||
                r->valuedouble > 5)
                return grp__error(GRP_EINVAL, "%s[%d]: expected a rating 0..5", path, i);
            buf[n++] = (char)('0' + (int)r->valuedouble);
            buf[n++] = ',';
            i++;
        }
        buf[n ? n - 1 : 0] = '\0';
        out->type = GRP__IO_TEXT;
        out->t = buf;
        return GRP_OK;
    }
    }
    return grp__error(GRP_ERROR, "internal: unknown column kind");
}

/* Members a record of the table may have. */
static int known_member(const table *tb, const char *key)
{
    for (size_t c = 0; c < tb->ncols; c++) {
        if (strcmp(tb->cols[c].key, key) == 0)
            return 1;
    }
    if (tb->t == GRP__IO_GROUP)
        return !strcmp(key, "eligible_roles") || !strcmp(key, "feedback_form") || !strcmp(key, "hours_rule");
    if (tb->t == GRP__IO_FORM)
        return !strcmp(key, "items");
    return 0;
}

/* Read the record `o` into `row` (every column checked). */
static int read_row(importer *im, const table *tb, const cJSON *o, const char *path, grp__io_value *row,
                    char *ratings)
{
    int rc;
    char mpath[PATH_MAX_LEN];
    if (!cJSON_IsObject(o))
        return bad(path, "an object", o);
    for (const cJSON *m = o->child; m; m = m->next) {
        if (!known_member(tb, m->string))
            return grp__error(GRP_EINVAL, "%s: unknown member \"%.60s\"", path, m->string);
    }
    for (size_t c = 0; c < tb->ncols; c++) {
        path_key(mpath, sizeof mpath, path, tb->cols[c].key);
        if ((rc = member_value(im, &tb->cols[c], cJSON_GetObjectItemCaseSensitive(o, tb->cols[c].key), mpath, 0,
                               &row[c], ratings)))
            return rc;
    }
    return GRP_OK;
}

/* An encoding of a local date-time as one integer (for unique keys). */
static int64_t local_key(const char *t)
{
    grp_datetime dt;
    if (!t || grp_datetime_parse(&dt, t))
        return 0;
    return ((((dt.year * 100LL + dt.month) * 100 + dt.day) * 100 + dt.hour) * 100 + dt.minute) * 100 + dt.second;
}

/* A date column's value (validated as YYYY-MM-DD); null: no date. */
static grp_date row_date(const grp__io_value *v)
{
    grp_date d = {0, 0, 0};
    if (v->type == GRP__IO_TEXT && grp_date_parse(&d, v->t) != GRP_OK)
        d = (grp_date){0, 0, 0};
    return d;
}

/* Rules across the members of one record: the model's, asked of
 * policy/records.h; the messages name the record's JSON paths. */
static int check_record(const table *tb, const grp__io_value *row, const char *path)
{
    switch (tb->t) {
    case GRP__IO_GROUP:
        if (!grp__quorum_fits((int)row[7].i, (int)row[5].i))
            return grp__error(GRP_EINVAL, "%s.quorum: %lld is above the capacity %lld", path, (long long)row[7].i,
                              (long long)row[5].i);
        switch (grp__place_check((grp_delivery)row[10].i, row[11].type != GRP__IO_NULL,
                                 row[12].type != GRP__IO_NULL)) {
        case GRP__PLACE_NEEDS_LOCATION:
            return grp__error(GRP_EINVAL, "%s.location: required for %s delivery", path, w_delivery((int)row[10].i));
        case GRP__PLACE_NEEDS_LINK:
            return grp__error(GRP_EINVAL, "%s.meeting_link: required for %s delivery", path,
                              w_delivery((int)row[10].i));
        case GRP__PLACE_OK:
            break;
        }
        break;
    case GRP__IO_MEMBERSHIP:
        switch (grp__stint_dates_check(row_date(&row[5]), row_date(&row[6]), row_date(&row[7]))) {
        case GRP__STINT_BEGAN_BEFORE_REQUESTED:
            return grp__error(GRP_EINVAL, "%s.began: before requested_on", path);
        case GRP__STINT_ENDED_BEFORE_BEGAN:
            return grp__error(GRP_EINVAL, "%s.ended: before began", path);
        case GRP__STINT_ENDED_BEFORE_REQUESTED:
            return grp__error(GRP_EINVAL, "%s.ended: before requested_on", path);
        case GRP__STINT_OK:
            break;
        }
        break;
    case GRP__IO_CADENCE:
        if (!grp__segment_until_ok(row_date(&row[3]), row_date(&row[4])))
            return grp__error(GRP_EINVAL, "%s.until: before first_date", path);
        break;
    case GRP__IO_SESSION:
        switch (grp__session_link_check(row[2].type != GRP__IO_NULL, row[3].type != GRP__IO_NULL,
                                        row[4].type != GRP__IO_NULL)) {
        case GRP__SESSION_LINK_UTC_WITHOUT_OCCURRENCE:
            return grp__error(GRP_EINVAL, "%s.occurrence_utc: set exactly when occurrence is", path);
        case GRP__SESSION_LINK_OCCURRENCE_WITHOUT_CADENCE:
            return grp__error(GRP_EINVAL, "%s.occurrence: set exactly when cadence is", path);
        case GRP__SESSION_LINK_OK:
            break;
        }
        break;
    case GRP__IO_HOURS:
        if (row[10].type == GRP__IO_INT && !grp__correction_order_ok(row[0].i, row[10].i))
            return grp__error(GRP_EINVAL, "%s.corrects: an entry corrects an earlier one (\"%lld\" is not before \"%lld\")",
                              path, (long long)row[10].i, (long long)row[0].i);
        /* a second original entry: the store's unique index refuses it (see write_record) */
        break;
    default:
        break;
    }
    return GRP_OK;
}

/* Tables whose unique keys the store enforces and which can hold millions
 * of rows: an import does not keep their keys in memory but lets the store
 * refuse a duplicate (write_record turns that into dup_error's message). */
static int store_checks_key(grp__io_table t)
{
    return t == GRP__IO_SESSION || t == GRP__IO_ATTENDANCE || t == GRP__IO_PRESENTER || t == GRP__IO_RESPONSE ||
           t == GRP__IO_GIVEN || t == GRP__IO_HOURS;
}

static int dup_error(const table *tb, const char *path)
{
    if (tb->t == GRP__IO_HOURS)
        return grp__error(GRP_EINVAL, "%s: a second original hours entry for the same session and person", path);
    return grp__error(GRP_EINVAL, "%s: a second %s for the same %s%s%s", path, tb->what, tb->cols[tb->key1].key,
                      tb->key2 < 0 ? "" : " and ", tb->key2 < 0 ? "" : tb->cols[tb->key2].key);
}

static int check_unique(importer *im, const table *tb, const grp__io_value *row, const char *path)
{
    if (tb->key1 < 0 || store_checks_key(tb->t))
        return GRP_OK;
    int64_t a = row[tb->key1].i;
    int64_t b = tb->key2 < 0 ? 1 : tb->t == GRP__IO_SESSION ? local_key(row[tb->key2].t) : row[tb->key2].i;
    if (tb->t == GRP__IO_SESSION && row[tb->key2].type == GRP__IO_NULL)
        return GRP_OK; /* ad hoc sessions have no occurrence */
    if (imap_get(&im->keys[tb->t], a, b, NULL))
        return dup_error(tb, path);
    return imap_put(&im->keys[tb->t], a, b, 1);
}

/* The member `key` of a group/form, which must be an array of strings. */
static int nested_strings(const cJSON *o, const char *key, const char *path, size_t max_count, size_t max_len,
                          int required, const cJSON **out)
{
    char p[PATH_MAX_LEN];
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, key), *s;
    path_key(p, sizeof p, path, key);
    *out = a;
    if (!a)
        return grp__error(GRP_EINVAL, "%s: missing", p);
    if (!cJSON_IsArray(a))
        return bad(p, "an array of strings", a);
    size_t n = (size_t)cJSON_GetArraySize(a);
    if (n > max_count || (required && n == 0))
        return grp__error(GRP_EINVAL, "%s: %zu entries (%s..%zu)", p, n, required ? "1" : "0", max_count);
    int i = 0;
    cJSON_ArrayForEach(s, a) {
        char ip[PATH_MAX_LEN];
        path_index(ip, sizeof ip, p, i++);
        if (!cJSON_IsString(s))
            return bad(ip, "a string", s);
        if (grp__check_text(ip, s->valuestring, max_len, 1, 0))
            return grp__error(GRP_EINVAL, "%s", grp_error_last()->message);
    }
    return GRP_OK;
}

static int validate_nested(importer *im, const table *tb, const cJSON *o, const char *path)
{
    int rc;
    const cJSON *list;
    if (tb->t == GRP__IO_FORM)
        return nested_strings(o, "items", path, GRP_FEEDBACK_MAX_ITEMS, GRP__FORM_ITEM_MAX, 1, &list);
    if (tb->t != GRP__IO_GROUP)
        return GRP_OK;
    if ((rc = nested_strings(o, "eligible_roles", path, GRP__MAX_ELIGIBLE_ROLES, GRP__NAME_MAX, 0, &list)))
        return rc;
    char p[PATH_MAX_LEN];
    grp__io_value v;
    const cJSON *form = cJSON_GetObjectItemCaseSensitive(o, "feedback_form");
    path_key(p, sizeof p, path, "feedback_form");
    col fc = REF("feedback_form", FORM, 1);
    if ((rc = member_value(im, &fc, form, p, 0, &v, NULL)))
        return rc;
    const cJSON *rule = cJSON_GetObjectItemCaseSensitive(o, "hours_rule");
    path_key(p, sizeof p, path, "hours_rule");
    if (!rule)
        return grp__error(GRP_EINVAL, "%s: missing", p);
    if (cJSON_IsNull(rule))
        return GRP_OK;
    if (!cJSON_IsObject(rule))
        return bad(p, "an object or null", rule);
    for (const cJSON *m = rule->child; m; m = m->next) {
        if (strcmp(m->string, "mode") != 0 && strcmp(m->string, "ratio_num") != 0 &&
            strcmp(m->string, "ratio_den") != 0)
            return grp__error(GRP_EINVAL, "%s: unknown member \"%.60s\"", p, m->string);
    }
    for (size_t c = 1; c < 4; c++) {
        char mp[PATH_MAX_LEN];
        path_key(mp, sizeof mp, p, c_hours_rule[c].key);
        if ((rc = member_value(im, &c_hours_rule[c], cJSON_GetObjectItemCaseSensitive(rule, c_hours_rule[c].key), mp,
                               0, &v, NULL)))
            return rc;
    }
    return GRP_OK;
}

/* The "format" and "version" members of a document or a stream's header
 * (NULL: absent). */
static int check_format(const cJSON *f, const cJSON *v, const char *format, int version, const char *what)
{
    if (!f)
        return grp__error(GRP_EINVAL, "$.format: missing (a libgrp %s has \"format\": \"%s\")", what, format);
    if (!cJSON_IsString(f) || strcmp(f->valuestring, format) != 0)
        return grp__error(GRP_EINVAL, "$.format: expected \"%s\"", format);
    if (!v)
        return grp__error(GRP_EINVAL, "$.version: missing");
    if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble))
        return bad("$.version", "an integer", v);
    if (v->valuedouble != version)
        return grp__error(GRP_EUNSUPPORTED, "$.version: format version %.17g is not supported (this library reads %d)",
                          v->valuedouble, version);
    return GRP_OK;
}

/* ---- import: writing ----------------------------------------------------------- */

/* Insert a row whose column 0 is the document's id: kept when free, else
 * a new one; remembered in the id map. */
static int insert_mapped(importer *im, const table *tb, grp__io_value *row)
{
    int rc, taken = 0;
    grp_id doc_id = row[0].i, new_id = 0;
    if ((rc = im->s->be->io_id_taken(im->s, tb->t, doc_id, &taken)))
        return rc;
    if (taken)
        row[0].type = GRP__IO_NULL;
    if ((rc = im->s->be->io_insert(im->s, tb->t, row, &new_id)))
        return rc;
    return idmap_put(&im->map[tb->t], doc_id, taken ? new_id : doc_id);
}

/* An organisation or person whose external_ref is already stored:
 * *handled = 1 when the policy dealt with it (skip or update). */
static int existing_ref(importer *im, const table *tb, grp__io_value *row, const char *path, int *handled)
{
    int rc;
    const char *ref = tb->t == GRP__IO_ORG ? row[2].t : row[5].t;
    grp_id found = 0;
    *handled = 0;
    if (!ref)
        return GRP_OK;
    if (tb->t == GRP__IO_ORG) {
        struct grp_org o = {0};
        rc = im->s->be->org_load_by_ref(im->s, ref, &o);
        if (rc == GRP_OK) {
            found = o.id;
            if (im->opts->on_existing == GRP_JSON_EXISTING_UPDATE) {
                struct grp_org u = o;
                u.name = (char *)row[1].t;
                u.archived = (int)row[3].i;
                rc = im->s->be->org_update(im->s, &u);
            }
            grp__org_clear(&o);
        }
    } else {
        struct grp_person p = {0};
        rc = im->s->be->person_load_by_ref(im->s, row[1].i, ref, &p);
        if (rc == GRP_OK) {
            found = p.id;
            if (im->opts->on_existing == GRP_JSON_EXISTING_UPDATE) {
                struct grp_person u = p;
                u.display_name = (char *)row[2].t;
                u.job_role = (char *)row[3].t;
                u.email = (char *)row[4].t;
                u.archived = (int)row[6].i;
                rc = im->s->be->person_update(im->s, &u);
            }
            grp__person_clear(&p);
        }
    }
    if (rc == GRP_ENOTFOUND)
        return GRP_OK;
    if (rc)
        return rc;
    if (im->opts->on_existing == GRP_JSON_EXISTING_FAIL)
        return grp__error(GRP_EEXISTS, "%s.external_ref: %s \"%.60s\" already exists in the store (id %lld)", path,
                          tb->what, ref, (long long)found);
    if (im->opts->on_existing == GRP_JSON_EXISTING_UPDATE)
        im->res->updated++;
    else
        im->res->skipped++;
    *handled = 1;
    return idmap_put(&im->map[tb->t], row[0].i, found);
}

/* A form identical to the stored form with the same id is reused. */
static int same_form(importer *im, const grp__io_value *row, const cJSON *items, int *same)
{
    struct grp_feedback_form f = {0};
    int rc = im->s->be->form_load(im->s, row[0].i, &f);
    *same = 0;
    if (rc == GRP_ENOTFOUND)
        return GRP_OK;
    if (rc)
        return rc;
    if (f.name && row[1].t && strcmp(f.name, row[1].t) == 0 && f.items.count == (size_t)cJSON_GetArraySize(items)) {
        size_t i = 0;
        const cJSON *s;
        *same = 1;
        cJSON_ArrayForEach(s, items) {
            if (strcmp(f.items.strings[i++], s->valuestring) != 0)
                *same = 0;
        }
    }
    grp__feedback_form_clear(&f);
    return GRP_OK;
}

static int write_strings(importer *im, grp__io_table t, grp_id parent, const cJSON *list)
{
    int rc, i = 0;
    const cJSON *s;
    cJSON_ArrayForEach(s, list) {
        grp__io_value row[3] = {{GRP__IO_INT, parent, NULL}, {GRP__IO_INT, i++, NULL}, {GRP__IO_TEXT, 0, s->valuestring}};
        if ((rc = im->s->be->io_insert(im->s, t, row, NULL)))
            return rc;
    }
    return GRP_OK;
}

static int write_group_nested(importer *im, const cJSON *o, grp_id group_id, const char *path)
{
    int rc;
    char p[PATH_MAX_LEN];
    grp__io_value v;
    if ((rc = write_strings(im, GRP__IO_GROUP_ROLE, group_id, cJSON_GetObjectItemCaseSensitive(o, "eligible_roles"))))
        return rc;
    path_key(p, sizeof p, path, "feedback_form");
    col fc = REF("feedback_form", FORM, 1);
    if ((rc = member_value(im, &fc, cJSON_GetObjectItemCaseSensitive(o, "feedback_form"), p, 1, &v, NULL)))
        return rc;
    if (v.type == GRP__IO_INT && (rc = im->s->be->group_form_set(im->s, group_id, v.i)))
        return rc;
    const cJSON *rule = cJSON_GetObjectItemCaseSensitive(o, "hours_rule");
    if (cJSON_IsObject(rule)) {
        grp__io_value row[4];
        row[0].type = GRP__IO_INT;
        row[0].i = group_id;
        row[0].t = NULL;
        for (size_t c = 1; c < 4; c++) {
            if ((rc = member_value(im, &c_hours_rule[c], cJSON_GetObjectItemCaseSensitive(rule, c_hours_rule[c].key),
                                   p, 1, &row[c], NULL)))
                return rc;
        }
        if ((rc = im->s->be->io_insert(im->s, GRP__IO_HOURS_RULE, row, NULL)))
            return rc;
    }
    return GRP_OK;
}

/* Replace the document ids of a row's references by the stored ids. */
static int map_refs(importer *im, const table *tb, grp__io_value *row, const char *path)
{
    for (size_t c = 0; c < tb->ncols; c++) {
        const col *cl = &tb->cols[c];
        if (cl->k != K_REF || row[c].type != GRP__IO_INT)
            continue;
        int64_t doc_id = row[c].i;
        if (!idmap_get(&im->map[cl->ref], doc_id, &row[c].i))
            return grp__error(GRP_EINVAL, "%s.%s: %s \"%lld\" is defined later in the document", path, cl->key,
                              tables[cl->ref].what, (long long)doc_id);
    }
    return GRP_OK;
}

/* Check the record `o` of kind `k` (at `path`) and write it. A document's
 * ids were collected before (collect_ids); a stream's are learnt here. */
static int write_record(importer *im, size_t k, const cJSON *o, const char *path)
{
    int rc, handled = 0;
    const table *tb = &tables[kind_table[k]];
    char ratings[2 * GRP_FEEDBACK_MAX_ITEMS + 2];
    grp__io_value row[GRP__IO_MAX_COLS] = {{GRP__IO_NULL, 0, NULL}};

    if ((rc = read_row(im, tb, o, path, row, ratings)))
        return rc;
    if (im->ndjson && has_id(tb) && idmap_get(&im->doc_ids[tb->t], row[0].i, NULL))
        return grp__error(GRP_EINVAL, "%s.id: a second %s with id \"%lld\"", path, tb->what, (long long)row[0].i);
    if ((rc = check_record(tb, row, path)) || (rc = check_unique(im, tb, row, path)) ||
        (rc = validate_nested(im, tb, o, path)))
        return rc;
    if (im->ndjson && has_id(tb) && (rc = idmap_put(&im->doc_ids[tb->t], row[0].i, row[0].i)))
        return rc;
    if ((rc = map_refs(im, tb, row, path)))
        return rc;
    if ((tb->t == GRP__IO_ORG || tb->t == GRP__IO_PERSON) && (rc = existing_ref(im, tb, row, path, &handled)))
        return rc;
    if (handled)
        return GRP_OK;
    if (tb->t == GRP__IO_FORM) {
        int same;
        const cJSON *items = cJSON_GetObjectItemCaseSensitive(o, "items");
        if ((rc = same_form(im, row, items, &same)))
            return rc;
        if (same) {
            im->res->reused++;
            return idmap_put(&im->map[tb->t], row[0].i, row[0].i);
        }
    }
    if (tb->t == GRP__IO_ORG_ADMIN)
        /* idempotent: the pair may already be stored (skipped people) */
        rc = im->s->be->org_admin_set(im->s, row[0].i, row[1].i, 1);
    else if (has_id(tb))
        rc = insert_mapped(im, tb, row);
    else
        rc = im->s->be->io_insert(im->s, tb->t, row, NULL);
    if (rc == GRP_EEXISTS && store_checks_key(tb->t))
        return dup_error(tb, path);
    if (rc)
        return grp__error(rc, "%s: %s", path, grp_error_last()->message);
    if (tb->t == GRP__IO_FORM || tb->t == GRP__IO_GROUP) {
        int64_t stored = 0;
        idmap_get(&im->map[tb->t], row[0].i, &stored);
        rc = tb->t == GRP__IO_FORM
                 ? write_strings(im, GRP__IO_FORM_ITEM, stored, cJSON_GetObjectItemCaseSensitive(o, "items"))
                 : write_group_nested(im, o, stored, path);
        if (rc)
            return grp__error(rc, "%s: %s", path, grp_error_last()->message);
    }
    im->res->created[k]++;
    return GRP_OK;
}

/* ---- reading a scanned document one value at a time ---------------------------------------------- */

/* The value at the current position of `s` (known to be well formed),
 * copied NUL-terminated into im->elem and parsed; `path` names it in
 * messages. The copy is bounded: a record is at most
 * GRP_JSON_MAX_RECORD_BYTES long. */
static int read_value(importer *im, const char *path, cJSON **out)
{
    src *s = im->src;
    size_t n = 0;
    int depth = 0, in_str = 0, esc = 0;
    *out = NULL;
    for (;;) {
        int c = src_peek(s);
        if (c < 0)
            return src_failed(s);
        if (in_str) {
            if (esc)
                esc = 0;
            else if (c == '\\')
                esc = 1;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"')
            in_str = 1;
        else if (c == '{' || c == '[')
            depth++;
        else if (c == '}' || c == ']') {
            if (depth == 0)
                break; /* a number or word ending its array */
            depth--;
        } else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r'))
            break;
        if (n == GRP_JSON_MAX_RECORD_BYTES)
            return grp__error(GRP_EINVAL, "%s: longer than the limit of %zu bytes for one record", path,
                              (size_t)GRP_JSON_MAX_RECORD_BYTES);
        if (n + 1 >= im->elem_cap) {
            size_t cap = im->elem_cap ? 2 * im->elem_cap : 4096;
            char *b = grp__realloc(im->elem, cap);
            if (!b)
                return grp__error_nomem("reading a record of the JSON document");
            im->elem = b;
            im->elem_cap = cap;
        }
        im->elem[n++] = (char)c;
        s->at++;
        if (depth == 0 && !in_str && (c == '}' || c == ']' || (c == '"' && n > 1)))
            break;
    }
    if (n == 0)
        /* no value where the scan found one: the file was rewritten (and
         * im->elem may not be allocated yet) */
        return grp__error(GRP_ESTORAGE, "%s: the JSON document changed while it was read", path);
    im->elem[n] = '\0';
    const char *end = NULL;
    *out = cJSON_ParseWithLengthOpts(im->elem, n + 1, &end, 1);
    if (!*out) {
        /* The scanner accepted the text, so memory is missing; unless a
         * file was rewritten between the passes. */
        src again;
        src_memory(&again, im->elem, n);
        if (scan_text(&again, 0, NULL) != GRP_OK)
            return grp__error(GRP_ESTORAGE, "%s: the JSON document changed while it was read", path);
        return grp__error_nomem("parsing a record of the JSON document");
    }
    char p[PATH_MAX_LEN];
    snprintf(p, sizeof p, "%s", path);
    int rc = check_duplicates(*out, p, sizeof p);
    if (rc) {
        cJSON_Delete(*out);
        *out = NULL;
    }
    return rc;
}

/* Arrays of a scanned document: open at `at` (its '['), then each element
 * in turn; *o is NULL after the last. */
typedef struct doc_array {
    size_t at;   /* the next element, or the '[' */
    long index;  /* of the next element */
    int opened;
} doc_array;

static int next_element(importer *im, doc_array *a, const char *kind, char *path, size_t plen, cJSON **o)
{
    src *s = im->src;
    int rc, c;
    *o = NULL;
    src_seek(s, a->at);
    if (!a->opened) {
        if (src_peek(s) != '[')
            return src_failed(s);
        s->at++;
        a->opened = 1;
    }
    while ((c = src_peek(s)) == ' ' || c == '\t' || c == '\n' || c == '\r')
        s->at++;
    if (c < 0)
        return src_failed(s);
    if (c == ']')
        return GRP_OK;
    snprintf(path, plen, "$.%s[%ld]", kind, a->index++);
    if ((rc = read_value(im, path, o)))
        return rc;
    while ((c = src_peek(s)) == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',')
        s->at++;
    a->at = src_pos(s);
    return GRP_OK;
}

/* ---- import: a document ------------------------------------------------------------------------- */

/* A document is read in three passes and never held whole: the scanner
 * checks its grammar and finds its top-level members; the ids of every
 * record are collected (so that references may point forward or back);
 * then, in one transaction, each record in the order of the kinds is
 * parsed, checked and written, as an NDJSON line is. Any error rolls the
 * transaction back. Memory is one record plus the maps of ids. */

static const char *first_type(int c)
{
    switch (c) {
    case '{':
        return "an object";
    case '[':
        return "an array";
    case '"':
        return "a string";
    case 't':
    case 'f':
        return "a boolean";
    case 'n':
        return "null";
    default:
        return "a number";
    }
}

/* A top-level member's value (format, version), NULL when absent. */
static int top_value(importer *im, const doc_member *m, const char *path, cJSON **out)
{
    *out = NULL;
    if (!m->first)
        return GRP_OK;
    src_seek(im->src, m->at);
    return read_value(im, path, out);
}

/* The top level: an object of known members, the right format and version,
 * arrays of records. */
static int check_top(importer *im)
{
    int rc;
    const doc_index *ix = &im->ix;
    cJSON *format = NULL, *version = NULL;
    if (ix->root != '{')
        return grp__error(GRP_EINVAL, "$: expected an object, got %s", first_type(ix->root));
    if (ix->twice[0])
        return grp__error(GRP_EINVAL, "$: the member \"%.60s\" appears twice", ix->twice);
    if ((rc = top_value(im, &ix->format, "$.format", &format)) == GRP_OK &&
        (rc = top_value(im, &ix->version, "$.version", &version)) == GRP_OK)
        rc = check_format(format, version, "libgrp", GRP_JSON_FORMAT_VERSION, "document");
    cJSON_Delete(format);
    cJSON_Delete(version);
    if (rc)
        return rc;
    if (ix->unknown[0])
        return grp__error(GRP_EINVAL, "$: unknown member \"%.60s\"", ix->unknown);
    return GRP_OK;
}

/* Pass two: every kind's array, and the id of every record that has one. */
static int collect_ids(importer *im)
{
    int rc;
    char path[PATH_MAX_LEN], ipath[PATH_MAX_LEN];
    for (size_t k = 0; k < GRP_JSON_KIND_COUNT; k++) {
        const table *tb = &tables[kind_table[k]];
        const doc_member *m = &im->ix.kinds[k];
        if (!m->first)
            continue; /* every kind is optional: an absent array is an empty one */
        if (m->first != '[') {
            snprintf(path, sizeof path, "$.%s", kind_names[k]);
            return grp__error(GRP_EINVAL, "%s: expected an array, got %s", path, first_type(m->first));
        }
        if (!has_id(tb))
            continue;
        doc_array a = {m->at, 0, 0};
        for (;;) {
            cJSON *o;
            grp__io_value idv;
            if ((rc = next_element(im, &a, kind_names[k], path, sizeof path, &o)))
                return rc;
            if (!o)
                break;
            if (!cJSON_IsObject(o))
                rc = bad(path, "an object", o);
            else {
                path_key(ipath, sizeof ipath, path, "id");
                rc = member_value(im, &tb->cols[0], cJSON_GetObjectItemCaseSensitive(o, "id"), ipath, 0, &idv, NULL);
                if (rc == GRP_OK && idmap_get(&im->doc_ids[tb->t], idv.i, NULL))
                    rc = grp__error(GRP_EINVAL, "%s: a second %s with id \"%lld\"", ipath, tb->what, (long long)idv.i);
                if (rc == GRP_OK)
                    rc = idmap_put(&im->doc_ids[tb->t], idv.i, idv.i);
            }
            cJSON_Delete(o);
            if (rc)
                return rc;
        }
    }
    return GRP_OK;
}

/* Pass three: each record, kind by kind, checked and written. */
static int write_all(importer *im)
{
    int rc;
    char path[PATH_MAX_LEN];
    for (size_t k = 0; k < GRP_JSON_KIND_COUNT; k++) {
        const doc_member *m = &im->ix.kinds[k];
        if (!m->first)
            continue;
        doc_array a = {m->at, 0, 0};
        for (;;) {
            cJSON *o;
            if ((rc = next_element(im, &a, kind_names[k], path, sizeof path, &o)) || !o)
                break;
            rc = write_record(im, k, o, path);
            cJSON_Delete(o);
            if (rc)
                return rc;
        }
        if (rc)
            return rc;
    }
    return GRP_OK;
}

static int import_document(grp_json_import_result *result_out, grp_store *store, const grp_actor *actor, src *s,
                           const grp_json_import_options *opts)
{
    int rc;
    grp_json_import_result res;
    importer im;

    memset(&res, 0, sizeof res);
    res.version = GRP_JSON_IMPORT_RESULT_VERSION;
    memset(&im, 0, sizeof im);
    im.s = store;
    im.opts = opts;
    im.res = &res;
    im.src = s;
    if ((rc = scan_text(s, 0, &im.ix)) || (rc = check_top(&im)) || (rc = collect_ids(&im)) ||
        (rc = grp__tx_begin(store)))
        goto done;
    rc = write_all(&im);
    if (rc == GRP_OK)
        rc = grp__audit(store, actor, "store.import_json", "store", 0);
    rc = grp__tx_end(store, rc);
    if (rc == GRP_OK && result_out)
        *result_out = res;
done:
    importer_dispose(&im);
    return rc;
}

/* The checks both entry points make before reading. */
static int import_args(grp_store *store, const grp_actor *actor, const grp_json_import_options *opts)
{
    GRP__CHECK_STORE(store);
    if (opts->version != GRP_JSON_IMPORT_OPTIONS_VERSION)
        return grp__error(GRP_EINVAL, "grp_json_import_options version %u is unknown", opts->version);
    if ((unsigned)opts->on_existing > GRP_JSON_EXISTING_UPDATE)
        return grp__error(GRP_EINVAL, "opts.on_existing (%d) is not a grp_json_existing", (int)opts->on_existing);
    int rc = check_system(store, actor, "a JSON import is made by the system actor");
    return rc ? rc : grp__store_writable(store);
}

int grp_json_import(grp_json_import_result *result_out, grp_store *store, const grp_actor *actor, const char *text,
                    size_t len, const grp_json_import_options *opts)
{
    int rc;
    grp_json_import_options d = GRP_JSON_IMPORT_OPTIONS_INIT;
    src s;

    if (!opts)
        opts = &d;
    GRP__CHECK_STORE(store);
    if (!text)
        return grp__error_null("text");
    if ((rc = import_args(store, actor, opts)))
        return rc;
    size_t max = opts->max_bytes ? opts->max_bytes : GRP_JSON_DEFAULT_MAX_BYTES;
    if (len > max)
        return grp__error(GRP_EINVAL, "the document is %zu bytes long (the limit is %zu)", len, max);
    src_memory(&s, text, len);
    return import_document(result_out, store, actor, &s, opts);
}

int grp_json_import_file(grp_json_import_result *result_out, grp_store *store, const grp_actor *actor,
                         const char *path, const grp_json_import_options *opts)
{
    int rc;
    struct stat sb;
    grp_json_import_options d = GRP_JSON_IMPORT_OPTIONS_INIT;
    src s;
    if (!path)
        return grp__error_null("path");
    if (!opts)
        opts = &d;
    size_t max = opts->max_bytes ? opts->max_bytes : GRP_JSON_DEFAULT_MAX_BYTES;
    FILE *f = fopen(path, "rb");
    if (!f)
        return grp__error(errno == ENOENT ? GRP_ENOTFOUND : GRP_ESTORAGE, "cannot open '%s': %s", path,
                          strerror(errno));
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        fclose(f);
        return grp__error(GRP_ESTORAGE, "'%s' is not a regular file", path);
    }
    if ((unsigned long long)sb.st_size > (unsigned long long)max) {
        fclose(f);
        return grp__error(GRP_EINVAL, "'%s' is %lld bytes long (the limit is %zu)", path, (long long)sb.st_size, max);
    }
    memset(&s, 0, sizeof s);
    s.f = f;
    s.len = (size_t)sb.st_size;
    if (!(s.buf = grp__malloc(SRC_WINDOW))) {
        fclose(f);
        return grp__error_nomem("reading a JSON document");
    }
    s.win = s.buf;
    if ((rc = import_args(store, actor, opts)) == GRP_OK)
        rc = import_document(result_out, store, actor, &s, opts);
    if (rc == GRP_ESTORAGE && strstr(grp_error_last()->message, "reading the JSON document"))
        rc = grp__error(GRP_ESTORAGE, "cannot read '%s' (%s)", path, grp_error_last()->message);
    grp__free(s.buf);
    fclose(f);
    return rc;
}

/* ---- NDJSON import ------------------------------------------------------------- */

int grp_ndjson_import_options_init(grp_ndjson_import_options *opts, unsigned int version)
{
    if (!opts)
        return grp__error_null("opts");
    if (version != GRP_NDJSON_IMPORT_OPTIONS_VERSION)
        return grp__error(GRP_EINVAL, "grp_ndjson_import_options version %u is unknown", version);
    grp_ndjson_import_options d = GRP_NDJSON_IMPORT_OPTIONS_INIT;
    *opts = d;
    return GRP_OK;
}

#define READ_CHUNK ((size_t)64 * 1024)

/* Lines of a stream, read in chunks into one buffer that holds at most one
 * line of max bytes and a chunk. */
typedef struct line_reader {
    grp_ndjson_read_fn fn;
    void *payload;
    char *buf;
    size_t cap, len, pos; /* buf[pos..len) is not read yet */
    size_t max;
    size_t lineno;        /* lines returned so far */
    int eof;
} line_reader;

/* The next line, NUL-terminated without its LF (or CRLF), in *line; NULL
 * at the end of the stream. */
static int next_line(line_reader *r, char **line, size_t *n)
{
    *line = NULL;
    *n = 0;
    for (;;) {
        char *nl = r->len > r->pos ? memchr(r->buf + r->pos, '\n', r->len - r->pos) : NULL;
        if (nl || (r->eof && r->pos < r->len)) {
            size_t end = nl ? (size_t)(nl - r->buf) : r->len;
            size_t l = end - r->pos;
            char *s = r->buf + r->pos;
            r->lineno++;
            if (l > r->max)
                return grp__error(GRP_EINVAL, "line %zu: longer than the limit of %zu bytes", r->lineno, r->max);
            if (l && s[l - 1] == '\r')
                l--;
            s[l] = '\0'; /* buf has a byte to spare after len */
            r->pos = nl ? end + 1 : end;
            *line = s;
            *n = l;
            return GRP_OK;
        }
        if (r->eof)
            return GRP_OK;
        if (r->len - r->pos > r->max)
            return grp__error(GRP_EINVAL, "line %zu: longer than the limit of %zu bytes", r->lineno + 1, r->max);
        if (r->pos) {
            memmove(r->buf, r->buf + r->pos, r->len - r->pos);
            r->len -= r->pos;
            r->pos = 0;
        }
        if (r->cap - r->len < READ_CHUNK + 1) {
            size_t cap = r->len + READ_CHUNK + 1;
            char *b = grp__realloc(r->buf, cap);
            if (!b)
                return grp__error_nomem("reading an NDJSON stream");
            r->buf = b;
            r->cap = cap;
        }
        size_t room = r->cap - r->len - 1, got = 0;
        int fr = r->fn(r->payload, r->buf + r->len, room, &got);
        if (fr)
            return grp__error(GRP_ESTORAGE, "line %zu: the read function failed (it returned %d)", r->lineno + 1, fr);
        if (got > room)
            return grp__error(GRP_EINVAL, "line %zu: the read function reported %zu bytes in a buffer of %zu",
                              r->lineno + 1, got, room);
        if (got == 0)
            r->eof = 1;
        r->len += got;
    }
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    }
    return 1;
}

/* A record line: {"record": "<kind>", ...members of the record}. */
static int import_record(importer *im, cJSON *o)
{
    if (!cJSON_IsObject(o))
        return bad("$", "an object (a record)", o);
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(o, "record");
    if (!kind)
        return grp__error(GRP_EINVAL, "$.record: missing (every line after the header is a record whose \"record\" "
                                      "member names its kind)");
    if (!cJSON_IsString(kind))
        return bad("$.record", "the name of a kind of record", kind);
    for (size_t k = 0; k < GRP_JSON_KIND_COUNT; k++) {
        if (strcmp(kind->valuestring, kind_names[k]) == 0) {
            cJSON_DeleteItemFromObjectCaseSensitive(o, "record");
            return write_record(im, k, o, "$");
        }
    }
    return grp__error(GRP_EINVAL, "$.record: \"%.40s\" is not a kind of record (\"organisations\", \"people\", ...)",
                      kind->valuestring);
}

/* Parse and import one line (the header if `header`). */
static int import_line(importer *im, char *line, size_t n, size_t lineno, int header)
{
    int rc;
    cJSON *o = NULL;
    char path[PATH_MAX_LEN] = "$";
    src s;
    src_memory(&s, line, n);
    if ((rc = scan_text(&s, 1, NULL)))
        goto done;
    const char *end = NULL;
    if (!(o = cJSON_ParseWithLengthOpts(line, n + 1, &end, 1))) {
        /* the scanner accepted the line: only memory can be missing */
        rc = grp__error_nomem("parsing a line of JSON");
        goto done;
    }
    if ((rc = check_duplicates(o, path, sizeof path)))
        goto done;
    if (header) {
        if (!cJSON_IsObject(o)) {
            rc = bad("$", "an object", o);
            goto done;
        }
        if ((rc = check_format(cJSON_GetObjectItemCaseSensitive(o, "format"), cJSON_GetObjectItemCaseSensitive(o, "version"),
                               "libgrp-ndjson", GRP_NDJSON_FORMAT_VERSION, "NDJSON stream")))
            goto done;
        for (const cJSON *m = o->child; m; m = m->next) {
            if (strcmp(m->string, "format") != 0 && strcmp(m->string, "version") != 0) {
                rc = grp__error(GRP_EINVAL, "$: unknown member \"%.60s\" in the header", m->string);
                goto done;
            }
        }
    } else
        rc = import_record(im, o);
done:
    cJSON_Delete(o);
    if (rc && rc != GRP_ENOMEM)
        rc = grp__error(rc, "line %zu: %s", lineno, grp_error_last()->message);
    return rc;
}

int grp_ndjson_import(grp_ndjson_import_result *result_out, grp_store *store, const grp_actor *actor,
                      grp_ndjson_read_fn read_fn, void *payload, const grp_ndjson_import_options *opts)
{
    int rc;
    grp_ndjson_import_options d = GRP_NDJSON_IMPORT_OPTIONS_INIT;
    grp_json_import_options jo = GRP_JSON_IMPORT_OPTIONS_INIT;
    grp_json_import_result res, done_res;
    importer im;
    line_reader r;
    size_t done_lines = 0, pending = 0;
    int in_tx = 0, header = 1;

    GRP__CHECK_STORE(store);
    if (!read_fn)
        return grp__error_null("read_fn");
    if (!opts)
        opts = &d;
    if (opts->version != GRP_NDJSON_IMPORT_OPTIONS_VERSION)
        return grp__error(GRP_EINVAL, "grp_ndjson_import_options version %u is unknown", opts->version);
    if ((unsigned)opts->on_existing > GRP_JSON_EXISTING_UPDATE)
        return grp__error(GRP_EINVAL, "opts.on_existing (%d) is not a grp_json_existing", (int)opts->on_existing);
    if ((rc = check_system(store, actor, "an NDJSON import is made by the system actor")) ||
        (rc = grp__store_writable(store)))
        return rc;
    jo.on_existing = opts->on_existing;
    memset(&res, 0, sizeof res);
    done_res = res;
    memset(&im, 0, sizeof im);
    im.s = store;
    im.opts = &jo;
    im.res = &res;
    im.ndjson = 1;
    memset(&r, 0, sizeof r);
    r.fn = read_fn;
    r.payload = payload;
    r.max = opts->max_line_bytes ? opts->max_line_bytes : GRP_NDJSON_DEFAULT_MAX_LINE_BYTES;

    for (;;) {
        char *line;
        size_t n;
        if ((rc = next_line(&r, &line, &n)) || !line)
            break;
        if (blank(line, n))
            continue;
        if (!header && !in_tx) {
            if ((rc = grp__tx_begin(store)))
                break;
            in_tx = 1;
        }
        if ((rc = import_line(&im, line, n, r.lineno, header)))
            break;
        if (header) {
            header = 0;
            continue;
        }
        if (opts->batch_records && ++pending == opts->batch_records) {
            rc = grp__audit(store, actor, "store.import_ndjson", "store", 0);
            in_tx = 0;
            if ((rc = grp__tx_end(store, rc)))
                break;
            pending = 0;
            done_res = res;
            done_lines = r.lineno;
        }
    }
    if (rc == GRP_OK && header)
        rc = grp__error(GRP_EINVAL, "line %zu: the stream has no header (expected {\"format\":\"libgrp-ndjson\",\"version\":%d})",
                        r.lineno + 1, GRP_NDJSON_FORMAT_VERSION);
    if (rc == GRP_OK && (in_tx || done_lines == 0)) {
        /* the last batch, or a stream of a header only */
        if (!in_tx && (rc = grp__tx_begin(store)) == GRP_OK)
            in_tx = 1;
        if (rc == GRP_OK) {
            rc = grp__audit(store, actor, "store.import_ndjson", "store", 0);
            in_tx = 0;
            rc = grp__tx_end(store, rc);
        }
    }
    if (in_tx)
        rc = grp__tx_end(store, rc);
    if (rc == GRP_OK) {
        done_res = res;
        done_lines = r.lineno;
    }
    if (result_out) {
        memset(result_out, 0, sizeof *result_out);
        result_out->version = GRP_NDJSON_IMPORT_RESULT_VERSION;
        memcpy(result_out->created, done_res.created, sizeof done_res.created);
        result_out->skipped = done_res.skipped;
        result_out->updated = done_res.updated;
        result_out->reused = done_res.reused;
        result_out->lines = r.lineno;
        result_out->committed_lines = done_lines;
    }
    importer_dispose(&im);
    grp__free(r.buf);
    return rc;
}

typedef struct bufreader {
    const char *p;
    size_t left;
} bufreader;

static int read_buffer(void *payload, char *buf, size_t size, size_t *got)
{
    bufreader *b = payload;
    size_t n = b->left < size ? b->left : size;
    memcpy(buf, b->p, n);
    b->p += n;
    b->left -= n;
    *got = n;
    return 0;
}

int grp_ndjson_import_buffer(grp_ndjson_import_result *result_out, grp_store *store, const grp_actor *actor,
                             const char *text, size_t len, const grp_ndjson_import_options *opts)
{
    bufreader b = {text, len};
    if (!text)
        return grp__error_null("text");
    return grp_ndjson_import(result_out, store, actor, read_buffer, &b, opts);
}

static int read_file(void *payload, char *buf, size_t size, size_t *got)
{
    FILE *f = payload;
    *got = fread(buf, 1, size, f);
    return ferror(f) ? errno ? errno : EIO : 0;
}

int grp_ndjson_import_file(grp_ndjson_import_result *result_out, grp_store *store, const grp_actor *actor,
                           const char *path, const grp_ndjson_import_options *opts)
{
    int rc;
    struct stat sb;
    if (!path)
        return grp__error_null("path");
    FILE *f = fopen(path, "rb");
    if (!f)
        return grp__error(errno == ENOENT ? GRP_ENOTFOUND : GRP_ESTORAGE, "cannot open '%s': %s", path,
                          strerror(errno));
    if (fstat(fileno(f), &sb) != 0 || S_ISDIR(sb.st_mode)) {
        fclose(f);
        return grp__error(GRP_ESTORAGE, "'%s' is a directory, not a stream", path);
    }
    rc = grp_ndjson_import(result_out, store, actor, read_file, f, opts);
    fclose(f);
    if (rc == GRP_ESTORAGE && strstr(grp_error_last()->message, "the read function failed"))
        rc = grp__error(GRP_ESTORAGE, "cannot read '%s' (%s)", path, grp_error_last()->message);
    return rc;
}

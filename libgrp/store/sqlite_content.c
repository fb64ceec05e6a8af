/* SQLite backend: organisation admins, feedback, goals, notes, themes,
 * the audit log and erasure. */
#include "store/sqlite.h"
#include "util/alloc.h"
#include "util/error.h"

#include <stdio.h>
#include <string.h>

static void response_clear(void *r) { grp__feedback_response_clear(r); }
static void peer_clear(void *r) { grp__peer_feedback_clear(r); }
static void goal_clear(void *r) { grp__goal_clear(r); }
static void step_clear(void *r) { grp__goal_step_clear(r); }
static void progress_clear(void *r) { grp__goal_progress_clear(r); }
static void note_clear(void *r) { grp__note_clear(r); }
static void theme_clear(void *r) { grp__theme_clear(r); }
static void audit_clear(void *r) { grp__audit_entry_clear(r); }

/* Run statement `id` bound by `types` (see grp__bindv) that returns no rows. */
#define RUN(s, id, doing, types, ...)                                                       \
    do {                                                                                    \
        sqlite3_stmt *st_ = grp__stmt((s), (id));                                           \
        int rc_;                                                                            \
        if (!st_)                                                                           \
            return grp_error_last()->code;                                                  \
        if ((rc_ = grp__bindv((s), st_, (types), __VA_ARGS__)))                             \
            return rc_;                                                                     \
        return grp__step_done((s), st_, (doing));                                           \
    } while (0)


static int count_query(grp_store *s, sqlite3_stmt *st, int *out, const char *doing)
{
    int step = sqlite3_step(st), rc = GRP_OK;
    if (step == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    else
        rc = grp__sqlite_error(s, step, doing);
    grp__stmt_done(st);
    return rc;
}

/* ---- organisation admins ---------------------------------------------------- */

int grp__sqlite_org_admin_set(grp_store *s, grp_id org_id, grp_id person_id, int admin)
{
    RUN(s, admin ? SQL_ADMIN_ADD : SQL_ADMIN_REMOVE, "changing an organisation admin", "ii", (int64_t)org_id,
        (int64_t)person_id);
}

int grp__sqlite_org_admin_check(grp_store *s, grp_id org_id, grp_id person_id, int *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_ADMIN_CHECK);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bindv(s, st, "ii", (int64_t)org_id, (int64_t)person_id)))
        return rc;
    return count_query(s, st, out, "checking an organisation admin");
}

/* ---- feedback forms ------------------------------------------------------------ */

int grp__sqlite_form_insert(grp_store *s, struct grp_feedback_form *f)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_FORM_INSERT);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bindv(s, st, "t", (const char *)f->name)) || (rc = grp__step_done(s, st, "adding a form")))
        return rc;
    f->id = sqlite3_last_insert_rowid(s->db);
    for (size_t i = 0; i < f->items.count; i++) {
        if (!(st = grp__stmt(s, SQL_FORM_ITEM_INSERT)))
            return grp_error_last()->code;
        if ((rc = grp__bindv(s, st, "iit", (int64_t)f->id, (int64_t)i, (const char *)f->items.strings[i])) ||
            (rc = grp__step_done(s, st, "adding a form item")))
            return rc;
    }
    return GRP_OK;
}

int grp__sqlite_form_load(grp_store *s, grp_id id, struct grp_feedback_form *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_FORM_LOAD, id);
    int rc, step;
    if (!st)
        return grp_error_last()->code;
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        rc = grp__col_strdup(&out->name, st, 1);
    } else
        rc = step == SQLITE_DONE ? grp__error(GRP_ENOTFOUND, "no feedback form with id %lld", (long long)id)
                                 : grp__sqlite_error(s, step, "loading a form");
    grp__stmt_done(st);
    if (rc || !(st = grp__stmt_id(s, SQL_FORM_ITEMS, id))) {
        if (!rc)
            rc = grp_error_last()->code;
        grp__feedback_form_clear(out);
        return rc;
    }
    while ((step = sqlite3_step(st)) == SQLITE_ROW && rc == GRP_OK) {
        char **grown = grp__realloc(out->items.strings, (out->items.count + 1) * sizeof *grown);
        if (!grown) {
            rc = grp__error_nomem("loading a form");
            break;
        }
        out->items.strings = grown;
        if ((rc = grp__col_strdup(&grown[out->items.count], st, 0)) == GRP_OK)
            out->items.count++;
    }
    if (rc == GRP_OK && step != SQLITE_DONE)
        rc = grp__sqlite_error(s, step, "loading form items");
    grp__stmt_done(st);
    if (rc)
        grp__feedback_form_clear(out);
    return rc;
}

int grp__sqlite_group_form_set(grp_store *s, grp_id group_id, grp_id form_id)
{
    RUN(s, SQL_GROUP_FORM_SET, "choosing a group's form", "ii", (int64_t)group_id, (int64_t)form_id);
}

int grp__sqlite_group_form_get(grp_store *s, grp_id group_id, grp_id *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_GROUP_FORM_GET, group_id);
    int step, rc = GRP_OK;
    if (!st)
        return grp_error_last()->code;
    step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    else if (step == SQLITE_DONE)
        *out = 0;
    else
        rc = grp__sqlite_error(s, step, "reading a group's form");
    grp__stmt_done(st);
    return rc;
}

/* ---- responses ------------------------------------------------------------------ */

static int read_response(void *rec, sqlite3_stmt *st)
{
    struct grp_feedback_response *r = rec;
    r->session_id = sqlite3_column_int64(st, 0);
    r->id = sqlite3_column_int64(st, 1);
    r->form_id = sqlite3_column_int64(st, 2);
    r->person_id = sqlite3_column_int64(st, 3);
    const char *p = (const char *)sqlite3_column_text(st, 4);
    r->rating_count = 0;
    /* "5,4,0,3": written by us, read defensively */
    while (p && *p && r->rating_count < GRP_FEEDBACK_MAX_ITEMS) {
        int v = *p - '0';
        r->ratings[r->rating_count++] = (v >= 0 && v <= 5) ? v : 0;
        p++;
        if (*p == ',')
            p++;
    }
    return grp__col_strdup(&r->text, st, 5);
}

int grp__sqlite_response_insert(grp_store *s, struct grp_feedback_response *r)
{
    char ratings[2 * GRP_FEEDBACK_MAX_ITEMS + 1];
    size_t n = 0;
    for (size_t i = 0; i < r->rating_count; i++) {
        ratings[n++] = (char)('0' + r->ratings[i]);
        ratings[n++] = ',';
    }
    ratings[n ? n - 1 : 0] = '\0';
    /* A random id: neither the id nor the (session, id) key order says
     * when a response was written. Retry on the unlikely collision. */
    for (int attempt = 0; attempt < 8; attempt++) {
        sqlite3_stmt *st = grp__stmt(s, SQL_RESPONSE_INSERT);
        int rc;
        if (!st)
            return grp_error_last()->code;
        sqlite3_randomness(sizeof r->id, &r->id);
        r->id &= INT64_MAX;
        if (r->id == 0)
            r->id = 1;
        if ((rc = grp__bindv(s, st, "iiirtt", (int64_t)r->session_id, (int64_t)r->id, (int64_t)r->form_id,
                             (grp_id)r->person_id, (const char *)ratings, (const char *)r->text)))
            return rc;
        rc = grp__step_done(s, st, "storing a feedback response");
        if (rc != GRP_EEXISTS)
            return rc;
    }
    return grp__error(GRP_ERROR, "could not draw a free response id");
}

static int given_put(grp_store *s, grp_id session_id, grp_id person_id)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_GIVEN_INSERT);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bindv(s, st, "ii", (int64_t)session_id, (int64_t)person_id)))
        return rc;
    return grp__step_done(s, st, "recording a response");
}

/* Write a session's feedback_given rows again, in key order. SQLite puts
 * each new cell wherever free space is, so a page's bytes record the order
 * in which its rows arrived; feedback_response pages record it too, and
 * pairing the two arrival orders would link every anonymous response to
 * its author for anyone who reads the file. Deleting the session's rows
 * and inserting them sorted (in the same transaction) leaves a layout that
 * depends on who responded, not on when. */
int grp__sqlite_given_of_session(grp_store *s, grp_id session_id, grp_id **ids, size_t *count)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_GIVEN_OF_SESSION, session_id);
    grp_id *got = NULL;
    size_t n = 0, cap = 0;
    int rc = GRP_OK, step;
    *ids = NULL;
    *count = 0;
    if (!st)
        return grp_error_last()->code;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            size_t ncap = cap ? 2 * cap : 16;
            grp_id *grown = grp__realloc(got, ncap * sizeof *grown);
            if (!grown) {
                rc = grp__error_nomem("reading who responded to a session");
                break;
            }
            got = grown;
            cap = ncap;
        }
        got[n++] = sqlite3_column_int64(st, 0);
    }
    if (rc == GRP_OK && step != SQLITE_DONE)
        rc = grp__sqlite_error(s, step, "reading who responded to a session");
    grp__stmt_done(st);
    if (rc) {
        grp__free(got);
        return rc;
    }
    *ids = got;
    *count = n;
    return GRP_OK;
}

static int given_rewrite(grp_store *s, grp_id session_id)
{
    sqlite3_stmt *st;
    grp_id *ids;
    size_t n;
    int rc = grp__sqlite_given_of_session(s, session_id, &ids, &n);
    if (rc == GRP_OK) {
        if (!(st = grp__stmt_id(s, SQL_GIVEN_DELETE_SESSION, session_id)))
            rc = grp_error_last()->code;
        else
            rc = grp__step_done(s, st, "reordering responses");
    }
    for (size_t i = 0; i < n && rc == GRP_OK; i++)
        rc = given_put(s, session_id, ids[i]);
    grp__free(ids);
    return rc;
}

int grp__sqlite_given_insert(grp_store *s, grp_id session_id, grp_id person_id)
{
    int rc = given_put(s, session_id, person_id);
    if (rc == GRP_EEXISTS)
        return grp__error(rc, "person %lld has already responded to session %lld", (long long)person_id,
                          (long long)session_id);
    return rc ? rc : given_rewrite(s, session_id);
}

int grp__sqlite_given_check(grp_store *s, grp_id session_id, grp_id person_id, int *out)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_GIVEN_CHECK);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bindv(s, st, "ii", (int64_t)session_id, (int64_t)person_id)))
        return rc;
    return count_query(s, st, out, "checking a response");
}

int grp__sqlite_responses_of_session(grp_store *s, grp_id session_id, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_RESPONSES_OF_SESSION, session_id);
    if (!st)
        return grp_error_last()->code;
    return grp__rows_to_list(s, st, sizeof(struct grp_feedback_response), read_response, response_clear, out,
                             "listing responses");
}

int grp__sqlite_responses_of_person(grp_store *s, grp_id person_id, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_RESPONSES_OF_PERSON, person_id);
    if (!st)
        return grp_error_last()->code;
    return grp__rows_to_list(s, st, sizeof(struct grp_feedback_response), read_response, response_clear, out,
                             "listing responses");
}

/* ---- peer feedback ---------------------------------------------------------------- */

static int read_peer(void *rec, sqlite3_stmt *st)
{
    struct grp_peer_feedback *p = rec;
    p->id = sqlite3_column_int64(st, 0);
    p->group_id = sqlite3_column_int64(st, 1);
    p->session_id = sqlite3_column_int64(st, 2);
    p->author_id = sqlite3_column_int64(st, 3);
    p->recipient_id = sqlite3_column_int64(st, 4);
    p->shared = sqlite3_column_int(st, 6);
    return grp__col_strdup(&p->text, st, 5);
}

int grp__sqlite_peer_insert(grp_store *s, struct grp_peer_feedback *p)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_PEER_INSERT);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bindv(s, st, "iriiti", (int64_t)p->group_id, (grp_id)p->session_id, (int64_t)p->author_id,
                         (int64_t)p->recipient_id, (const char *)p->text, (int64_t)p->shared)) ||
        (rc = grp__step_done(s, st, "adding peer feedback")))
        return rc;
    p->id = sqlite3_last_insert_rowid(s->db);
    return GRP_OK;
}

int grp__sqlite_peer_of_group(grp_store *s, grp_id group_id, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_PEER_OF_GROUP, group_id);
    if (!st)
        return grp_error_last()->code;
    return grp__rows_to_list(s, st, sizeof(struct grp_peer_feedback), read_peer, peer_clear, out,
                             "listing peer feedback");
}

int grp__sqlite_peer_of_person(grp_store *s, grp_id person_id, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_PEER_OF_PERSON, person_id);
    if (!st)
        return grp_error_last()->code;
    return grp__rows_to_list(s, st, sizeof(struct grp_peer_feedback), read_peer, peer_clear, out,
                             "listing peer feedback");
}

/* ---- goals -------------------------------------------------------------------------- */

static int read_goal(void *rec, sqlite3_stmt *st)
{
    struct grp_goal *g = rec;
    int rc;
    g->id = sqlite3_column_int64(st, 0);
    g->owner_id = sqlite3_column_int64(st, 1);
    if ((rc = grp__col_strdup(&g->title, st, 2)) || (rc = grp__col_strdup(&g->description, st, 3)))
        return rc;
    g->group_id = sqlite3_column_int64(st, 4);
    g->target_date = grp__col_date(st, 5);
    g->status = (grp_goal_status)sqlite3_column_int(st, 6);
    g->visibility = (grp_visibility)sqlite3_column_int(st, 7);
    g->percent = -1;
    return GRP_OK;
}

static int read_step(void *rec, sqlite3_stmt *st)
{
    struct grp__goal_step *x = rec;
    x->id = sqlite3_column_int64(st, 0);
    x->goal_id = sqlite3_column_int64(st, 1);
    x->position = sqlite3_column_int(st, 2);
    x->due = grp__col_date(st, 4);
    x->done = sqlite3_column_int(st, 5);
    return grp__col_strdup(&x->title, st, 3);
}

static int read_progress(void *rec, sqlite3_stmt *st)
{
    struct grp_goal_progress *p = rec;
    p->id = sqlite3_column_int64(st, 0);
    p->goal_id = sqlite3_column_int64(st, 1);
    p->date = grp__col_date(st, 2);
    p->percent = sqlite3_column_int(st, 3);
    p->session_id = sqlite3_column_int64(st, 5);
    p->recorded_by = sqlite3_column_int64(st, 6);
    return grp__col_strdup(&p->note, st, 4);
}

int grp__sqlite_goal_insert(grp_store *s, struct grp_goal *g)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_GOAL_INSERT);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bindv(s, st, "ittrdii", (int64_t)g->owner_id, (const char *)g->title,
                         (const char *)g->description, (grp_id)g->group_id, g->target_date, (int64_t)g->status,
                         (int64_t)g->visibility)) ||
        (rc = grp__step_done(s, st, "adding a goal")))
        return rc;
    g->id = sqlite3_last_insert_rowid(s->db);
    return GRP_OK;
}

int grp__sqlite_goal_load(grp_store *s, grp_id id, struct grp_goal *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_GOAL_LOAD, id);
    grp__list steps = {0};
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__row_to_record(s, st, out, read_goal, goal_clear, "loading a goal", "goal", id)))
        return rc;
    if (!(st = grp__stmt_id(s, SQL_STEPS_OF_GOAL, id))) {
        grp__goal_clear(out);
        return grp_error_last()->code;
    }
    steps.free_item = grp__free;
    rc = grp__rows_to_list(s, st, sizeof(struct grp__goal_step), read_step, step_clear, &steps, "loading steps");
    if (rc == GRP_OK && steps.count) {
        out->steps = grp__calloc(steps.count, sizeof *out->steps);
        if (!out->steps)
            rc = grp__error_nomem("loading steps");
        for (size_t i = 0; out->steps && i < steps.count && rc == GRP_OK; i++) {
            out->steps[i] = *(struct grp__goal_step *)steps.items[i];
            ((struct grp__goal_step *)steps.items[i])->title = NULL; /* moved */
            out->step_count++;
        }
    }
    for (size_t i = 0; i < steps.count; i++)
        grp__goal_step_clear(steps.items[i]);
    grp__list_dispose(&steps);
    if (rc)
        grp__goal_clear(out);
    return rc;
}

int grp__sqlite_goal_update(grp_store *s, const struct grp_goal *g)
{
    RUN(s, SQL_GOAL_UPDATE, "updating a goal", "ittrdii", (int64_t)g->id, (const char *)g->title,
        (const char *)g->description, (grp_id)g->group_id, g->target_date, (int64_t)g->status,
        (int64_t)g->visibility);
}

int grp__sqlite_goal_list(grp_store *s, grp_id owner_id, grp_id group_id, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt(s, owner_id ? SQL_GOAL_LIST_OWNER : group_id ? SQL_GOAL_LIST_GROUP : SQL_GOAL_LIST);
    int rc = GRP_OK;
    if (!st)
        return grp_error_last()->code;
    if (owner_id)
        rc = grp__bindv(s, st, "ii", (int64_t)owner_id, (int64_t)group_id);
    else if (group_id)
        rc = grp__bindv(s, st, "i", (int64_t)group_id);
    if (rc)
        return rc;
    return grp__rows_to_list(s, st, sizeof(struct grp_goal), read_goal, goal_clear, out, "listing goals");
}

int grp__sqlite_step_insert(grp_store *s, struct grp__goal_step *x)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_STEP_INSERT);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bindv(s, st, "itd", (int64_t)x->goal_id, (const char *)x->title, x->due)) ||
        (rc = grp__step_done(s, st, "adding a step")))
        return rc;
    x->id = sqlite3_last_insert_rowid(s->db);
    return GRP_OK;
}

int grp__sqlite_step_load(grp_store *s, grp_id id, struct grp__goal_step *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_STEP_LOAD, id);
    if (!st)
        return grp_error_last()->code;
    return grp__row_to_record(s, st, out, read_step, step_clear, "loading a step", "goal step", id);
}

int grp__sqlite_step_set_done(grp_store *s, grp_id id, int done)
{
    RUN(s, SQL_STEP_SET_DONE, "updating a step", "ii", (int64_t)id, (int64_t)(done != 0));
}

int grp__sqlite_progress_insert(grp_store *s, struct grp_goal_progress *p)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_PROGRESS_INSERT);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bindv(s, st, "iditrr", (int64_t)p->goal_id, p->date, (int64_t)p->percent,
                         (const char *)p->note, (grp_id)p->session_id, (grp_id)p->recorded_by)) ||
        (rc = grp__step_done(s, st, "adding progress")))
        return rc;
    p->id = sqlite3_last_insert_rowid(s->db);
    return GRP_OK;
}

int grp__sqlite_progress_of_goal(grp_store *s, grp_id goal_id, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_PROGRESS_OF_GOAL, goal_id);
    if (!st)
        return grp_error_last()->code;
    return grp__rows_to_list(s, st, sizeof(struct grp_goal_progress), read_progress, progress_clear, out,
                             "listing progress");
}

/* ---- notes and themes ------------------------------------------------------------ */

static int read_note(void *rec, sqlite3_stmt *st)
{
    struct grp_note *n = rec;
    n->id = sqlite3_column_int64(st, 0);
    n->session_id = sqlite3_column_int64(st, 1);
    n->author_id = sqlite3_column_int64(st, 2);
    n->visibility = (grp_visibility)sqlite3_column_int(st, 3);
    return grp__col_strdup(&n->text, st, 4);
}

static int read_theme(void *rec, sqlite3_stmt *st)
{
    struct grp_theme *t = rec;
    int rc;
    t->id = sqlite3_column_int64(st, 0);
    t->group_id = sqlite3_column_int64(st, 1);
    t->session_id = sqlite3_column_int64(st, 2);
    if ((rc = grp__col_strdup(&t->title, st, 3)) || (rc = grp__col_strdup(&t->description, st, 4)))
        return rc;
    t->status = (grp_theme_status)sqlite3_column_int(st, 5);
    return GRP_OK;
}

int grp__sqlite_note_insert(grp_store *s, struct grp_note *n)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_NOTE_INSERT);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bindv(s, st, "iiit", (int64_t)n->session_id, (int64_t)n->author_id, (int64_t)n->visibility,
                         (const char *)n->text)) ||
        (rc = grp__step_done(s, st, "adding a note")))
        return rc;
    n->id = sqlite3_last_insert_rowid(s->db);
    return GRP_OK;
}

int grp__sqlite_notes_of_session(grp_store *s, grp_id session_id, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_NOTES_OF_SESSION, session_id);
    if (!st)
        return grp_error_last()->code;
    return grp__rows_to_list(s, st, sizeof(struct grp_note), read_note, note_clear, out, "listing notes");
}

int grp__sqlite_notes_of_author(grp_store *s, grp_id person_id, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_NOTES_OF_AUTHOR, person_id);
    if (!st)
        return grp_error_last()->code;
    return grp__rows_to_list(s, st, sizeof(struct grp_note), read_note, note_clear, out, "listing notes");
}

int grp__sqlite_theme_insert(grp_store *s, struct grp_theme *t)
{
    sqlite3_stmt *st = grp__stmt(s, SQL_THEME_INSERT);
    int rc;
    if (!st)
        return grp_error_last()->code;
    if ((rc = grp__bindv(s, st, "irtt", (int64_t)t->group_id, (grp_id)t->session_id, (const char *)t->title,
                         (const char *)t->description)) ||
        (rc = grp__step_done(s, st, "raising a theme")))
        return rc;
    t->id = sqlite3_last_insert_rowid(s->db);
    return GRP_OK;
}

int grp__sqlite_theme_load(grp_store *s, grp_id id, struct grp_theme *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_THEME_LOAD, id);
    if (!st)
        return grp_error_last()->code;
    return grp__row_to_record(s, st, out, read_theme, theme_clear, "loading a theme", "theme", id);
}

int grp__sqlite_theme_set_status(grp_store *s, grp_id id, grp_theme_status status)
{
    RUN(s, SQL_THEME_SET_STATUS, "changing a theme", "ii", (int64_t)id, (int64_t)status);
}

int grp__sqlite_themes_of(grp_store *s, grp_id org_id, grp_id group_id, grp__list *out)
{
    sqlite3_stmt *st = org_id ? grp__stmt_id(s, SQL_THEMES_OF_ORG, org_id) : grp__stmt_id(s, SQL_THEMES_OF_GROUP, group_id);
    if (!st)
        return grp_error_last()->code;
    return grp__rows_to_list(s, st, sizeof(struct grp_theme), read_theme, theme_clear, out, "listing themes");
}

/* ---- audit and erasure -------------------------------------------------------------- */

static int read_audit(void *rec, sqlite3_stmt *st)
{
    struct grp_audit_entry *e = rec;
    int rc;
    e->id = sqlite3_column_int64(st, 0);
    e->at = sqlite3_column_int64(st, 1);
    e->actor_kind = (grp_actor_kind)sqlite3_column_int(st, 2);
    e->actor_person_id = sqlite3_column_int64(st, 3);
    if ((rc = grp__col_strdup(&e->action, st, 4)) || (rc = grp__col_strdup(&e->entity_type, st, 5)))
        return rc;
    e->entity_id = sqlite3_column_int64(st, 6);
    return GRP_OK;
}

int grp__sqlite_audit_insert(grp_store *s, const struct grp_audit_entry *e)
{
    RUN(s, SQL_AUDIT_INSERT, "writing the audit log", "iirtti", (int64_t)e->at, (int64_t)e->actor_kind,
        (grp_id)e->actor_person_id, (const char *)e->action, (const char *)e->entity_type, (int64_t)e->entity_id);
}

int grp__sqlite_audit_list(grp_store *s, grp_id after_id, grp__list *out)
{
    sqlite3_stmt *st = grp__stmt_id(s, SQL_AUDIT_LIST, after_id);
    if (!st)
        return grp_error_last()->code;
    return grp__rows_to_list(s, st, sizeof(struct grp_audit_entry), read_audit, audit_clear, out,
                             "reading the audit log");
}

int grp__sqlite_person_erase_content(grp_store *s, grp_id person_id)
{
    /* Order matters for the foreign keys: steps and progress before goals. */
    static const grp__sql_id steps[] = {SQL_STEPS_DELETE_PERSON, SQL_PROGRESS_DELETE_PERSON, SQL_GOALS_DELETE_PERSON,
                                        SQL_PROGRESS_UNLINK_RECORDER, SQL_NOTES_DELETE_PERSON,
                                        SQL_PEER_DELETE_PERSON, SQL_RESPONSES_UNLINK, SQL_ADMIN_REMOVE_PERSON,
                                        SQL_MS_REASONS_ERASE, SQL_HOURS_NOTES_ERASE};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        sqlite3_stmt *st = grp__stmt_id(s, steps[i], person_id);
        int rc;
        if (!st)
            return grp_error_last()->code;
        if ((rc = grp__step_done(s, st, "erasing a person's content")))
            return rc;
    }
    return GRP_OK;
}

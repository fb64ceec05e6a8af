/* Reports (see <libgrp/report.h>).
 *
 * The io layer sits above the model: everything here goes through the
 * public API, so a report can never see more than the functions it calls
 * let it, and the access decisions below are made from facts the public
 * API exposes (membership history and organisation admins), following the
 * table in <libgrp/access.h>. A report is built completely before it is
 * handed out, so a failure never leaves half a report behind. */
#include "libgrp/report.h"
#include "libgrp/attendance.h"
#include "libgrp/date.h"
#include "libgrp/error.h"
#include "libgrp/goal.h"
#include "libgrp/group.h"
#include "libgrp/hours.h"
#include "libgrp/membership.h"
#include "libgrp/org.h"
#include "libgrp/person.h"
#include "libgrp/tz.h"
#include "io/csv.h"
#include "model/attendance.h"
#include "util/alloc.h"
#include "util/error.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the table ------------------------------------------------------------- */

typedef struct col_def {
    const char *name;
    grp_report_column_type type;
} col_def;

struct grp_report {
    atomic_long refs; /* the caller's handle, plus one per live iterator and row */
    grp_report_kind kind;
    char *title;
    const col_def *cols; /* static table */
    size_t ncols;
    char **cells; /* nrows * ncols, row-major; NULL = no value */
    size_t nrows, cap_rows;
};

struct grp_report_iterator {
    grp_report *r;
    size_t next;
};

struct grp_report_row {
    grp_report *r;
    size_t index;
};

static grp_report *report_ref(const grp_report *r)
{
    /* The count is not part of the report's value: readers holding a const
     * pointer may take references, from several threads at once. */
    grp_report *m = (grp_report *)r;
    atomic_fetch_add_explicit(&m->refs, 1, memory_order_relaxed);
    return m;
}

static void report_unref(grp_report *r)
{
    if (!r || atomic_fetch_sub_explicit(&r->refs, 1, memory_order_acq_rel) != 1)
        return;
    for (size_t i = 0; i < r->nrows * r->ncols; i++)
        grp__free(r->cells[i]);
    grp__free(r->cells);
    grp__free(r->title);
    grp__free(r);
}

static char *vformat(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *s = n >= 0 ? grp__malloc((size_t)n + 1) : NULL;
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, again);
    va_end(again);
    return s;
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static grp_report *report_new(grp_report_kind kind, const col_def *cols, size_t ncols, const char *fmt, ...)
{
    grp_report *r = grp__calloc(1, sizeof *r);
    if (!r) {
        grp__error_nomem("creating a report");
        return NULL;
    }
    atomic_init(&r->refs, 1);
    r->kind = kind;
    r->cols = cols;
    r->ncols = ncols;
    va_list ap;
    va_start(ap, fmt);
    r->title = vformat(fmt, ap);
    va_end(ap);
    if (!r->title) {
        grp__free(r);
        grp__error_nomem("creating a report");
        return NULL;
    }
    return r;
}

/* A report being filled. Every helper does nothing once one has failed, so
 * the builders read straight through and check `rc` at the end. */
typedef struct rb {
    grp_report *r;
    int rc;
} rb;

static void rb_row(rb *b)
{
    grp_report *r = b->r;
    if (b->rc)
        return;
    if (r->nrows == r->cap_rows) {
        size_t cap = r->cap_rows ? r->cap_rows * 2 : 16;
        char **cells = cap <= SIZE_MAX / sizeof *cells / r->ncols ? grp__realloc(r->cells, cap * r->ncols * sizeof *cells)
                                                                   : NULL;
        if (!cells) {
            b->rc = grp__error_nomem("adding a report row");
            return;
        }
        r->cells = cells;
        r->cap_rows = cap;
    }
    memset(r->cells + r->nrows * r->ncols, 0, r->ncols * sizeof *r->cells);
    r->nrows++;
}

static void rb_text(rb *b, size_t col, const char *s)
{
    if (b->rc || !s)
        return;
    char **cell = &b->r->cells[(b->r->nrows - 1) * b->r->ncols + col];
    grp__free(*cell);
    if (!(*cell = grp__strdup(s)))
        b->rc = grp__error_nomem("filling a report cell");
}

static void rb_int(rb *b, size_t col, long long v)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%lld", v);
    rb_text(b, col, buf);
}

static void rb_id(rb *b, size_t col, grp_id id)
{
    if (id > 0)
        rb_int(b, col, (long long)id);
}

static void rb_date(rb *b, size_t col, grp_date d)
{
    char buf[16];
    if (grp_date_is_set(d) && grp_date_format(buf, sizeof buf, d) == GRP_OK)
        rb_text(b, col, buf);
}

static void rb_bool(rb *b, size_t col, int v)
{
    rb_text(b, col, v ? "true" : "false");
}

/* num / den with at most four decimals, rounded half up, trailing zeros
 * dropped; whole-number arithmetic so the text never depends on the locale
 * or on how a double prints. den <= 0 gives no value. */
static void rb_ratio(rb *b, size_t col, int64_t num, int64_t den)
{
    char buf[48];
    if (den <= 0 || num < 0 || num > INT64_MAX / 20000)
        return;
    int64_t scaled = (num * 20000 + den) / (2 * den);
    int n = snprintf(buf, sizeof buf, "%lld.%04lld", (long long)(scaled / 10000), (long long)(scaled % 10000));
    while (n > 0 && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.')
        buf[--n] = '\0';
    rb_text(b, col, buf);
}

/* Hand the report out, or free it and return the failure. */
static int rb_finish(grp_report **out, rb *b)
{
    if (b->rc) {
        report_unref(b->r);
        return b->rc;
    }
    *out = b->r;
    return GRP_OK;
}

/* ---- reading ----------------------------------------------------------------- */

grp_report_kind grp_report_kind_of(const grp_report *r)
{
    return r ? r->kind : (grp_report_kind)0;
}

const char *grp_report_title(const grp_report *r)
{
    return r ? r->title : NULL;
}

size_t grp_report_column_count(const grp_report *r)
{
    return r ? r->ncols : 0;
}

const char *grp_report_column_name(const grp_report *r, size_t col)
{
    return r && col < r->ncols ? r->cols[col].name : NULL;
}

grp_report_column_type grp_report_column_type_of(const grp_report *r, size_t col)
{
    return r && col < r->ncols ? r->cols[col].type : GRP_REPORT_COL_TEXT;
}

int grp_report_column_find(size_t *out, const grp_report *r, const char *name)
{
    if (!out)
        return grp__error_null("out");
    if (!r)
        return grp__error_null("r");
    if (!name)
        return grp__error_null("name");
    for (size_t c = 0; c < r->ncols; c++)
        if (strcmp(r->cols[c].name, name) == 0) {
            *out = c;
            return GRP_OK;
        }
    return grp__error(GRP_ENOTFOUND, "the %s report has no column '%s'", grp_report_kind_name(r->kind), name);
}

size_t grp_report_row_count(const grp_report *r)
{
    return r ? r->nrows : 0;
}

const char *grp_report_cell(const grp_report *r, size_t row, size_t col)
{
    return r && row < r->nrows && col < r->ncols ? r->cells[row * r->ncols + col] : NULL;
}

void grp_report_free(grp_report *r)
{
    report_unref(r);
}

const char *grp_report_kind_name(grp_report_kind kind)
{
    static const char *const names[] = {NULL,    "attendance", "attendance_org",    "hours",
                                        "goals", "feedback",   "membership_changes"};
    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : NULL;
}

const char *grp_report_column_type_name(grp_report_column_type type)
{
    static const char *const names[] = {"text", "id", "integer", "decimal", "boolean", "date"};
    return (unsigned)type < sizeof names / sizeof names[0] ? names[type] : NULL;
}

/* ---- iterating --------------------------------------------------------------- */

int grp_report_iterator_new(grp_report_iterator **out, const grp_report *r)
{
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    if (!r)
        return grp__error_null("r");
    grp_report_iterator *it = grp__calloc(1, sizeof *it);
    if (!it)
        return grp__error_nomem("creating a report iterator");
    it->r = report_ref(r);
    *out = it;
    return GRP_OK;
}

int grp_report_iterator_next(grp_report_row **out, grp_report_iterator *it)
{
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    if (!it)
        return grp__error_null("it");
    if (it->next >= it->r->nrows)
        return GRP_ITEROVER;
    grp_report_row *row = grp__calloc(1, sizeof *row);
    if (!row)
        return grp__error_nomem("reading a report row");
    row->r = report_ref(it->r);
    row->index = it->next++;
    *out = row;
    return GRP_OK;
}

void grp_report_iterator_free(grp_report_iterator *it)
{
    if (!it)
        return;
    report_unref(it->r);
    grp__free(it);
}

size_t grp_report_row_index(const grp_report_row *row)
{
    return row ? row->index : 0;
}

size_t grp_report_row_cell_count(const grp_report_row *row)
{
    return row ? row->r->ncols : 0;
}

const char *grp_report_row_cell(const grp_report_row *row, size_t col)
{
    return row ? grp_report_cell(row->r, row->index, col) : NULL;
}

void grp_report_row_free(grp_report_row *row)
{
    if (!row)
        return;
    report_unref(row->r);
    grp__free(row);
}

/* ---- writing ----------------------------------------------------------------- */

int grp_report_write_csv(char **out, const grp_report *r)
{
    const char *header[32];
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    if (!r)
        return grp__error_null("r");
    if (r->ncols > sizeof header / sizeof header[0])
        return grp__error(GRP_ERROR, "report: too many columns (%zu)", r->ncols);
    for (size_t c = 0; c < r->ncols; c++)
        header[c] = r->cols[c].name;
    return grp__csv_write_table(out, NULL, r->ncols, header, r->nrows, (const char *const *)r->cells);
}

typedef struct jbuf {
    char *p;
    size_t len, cap;
    int failed;
} jbuf;

static void jput(jbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->cap - b->len <= n) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap - b->len <= n) {
            if (cap > SIZE_MAX / 2) {
                b->failed = grp__error_nomem("writing a report as JSON");
                return;
            }
            cap *= 2;
        }
        char *p = grp__realloc(b->p, cap);
        if (!p) {
            b->failed = grp__error_nomem("writing a report as JSON");
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void jstr(jbuf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    jput(b, "\"", 1);
    while (*s) {
        size_t run = 0;
        while (s[run] && s[run] != '"' && s[run] != '\\' && (unsigned char)s[run] >= 0x20)
            run++;
        jput(b, s, run);
        s += run;
        if (!*s)
            break;
        unsigned char c = (unsigned char)*s++;
        char esc[7] = {'\\', 0, 0, 0, 0, 0, 0};
        size_t n = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            n = 6;
        }
        jput(b, esc, n);
    }
    jput(b, "\"", 1);
}

/* 1 if s is a JSON number (RFC 8259 section 6). */
static int json_number(const char *s)
{
    if (*s == '-')
        s++;
    if (*s == '0')
        s++;
    else if (*s >= '1' && *s <= '9')
        while (*s >= '0' && *s <= '9')
            s++;
    else
        return 0;
    if (*s == '.') {
        if (!(*++s >= '0' && *s <= '9'))
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    if (*s == 'e' || *s == 'E') {
        if (*++s == '+' || *s == '-')
            s++;
        if (!(*s >= '0' && *s <= '9'))
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

int grp_report_write_json(char **out, const grp_report *r)
{
    jbuf b = {0};
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    if (!r)
        return grp__error_null("r");
    jput(&b, "[", 1);
    for (size_t i = 0; i < r->nrows && !b.failed; i++) {
        jput(&b, i ? ",\n{" : "\n{", i ? 3 : 2);
        for (size_t c = 0; c < r->ncols; c++) {
            const char *v = r->cells[i * r->ncols + c];
            if (c)
                jput(&b, ",", 1);
            jstr(&b, r->cols[c].name);
            jput(&b, ":", 1);
            if (!v) {
                jput(&b, "null", 4);
                continue;
            }
            grp_report_column_type type = r->cols[c].type;
            if (type == GRP_REPORT_COL_INTEGER || type == GRP_REPORT_COL_DECIMAL || type == GRP_REPORT_COL_BOOLEAN) {
                int ok = type == GRP_REPORT_COL_BOOLEAN ? strcmp(v, "true") == 0 || strcmp(v, "false") == 0
                                                        : json_number(v);
                if (!ok) {
                    /* cannot happen with the builders below; refuse rather than write bad JSON */
                    grp__free(b.p);
                    return grp__error(GRP_ERROR, "report: cell (%zu, %s) '%s' is not a %s", i, r->cols[c].name, v,
                                      grp_report_column_type_name(type));
                }
                jput(&b, v, strlen(v)); /* the text is the JSON literal */
            } else {
                jstr(&b, v);
            }
        }
        jput(&b, "}", 1);
    }
    jput(&b, r->nrows ? "\n]\n" : "]\n", r->nrows ? 3 : 2);
    if (b.failed) {
        grp__free(b.p);
        return b.failed;
    }
    *out = b.p;
    return GRP_OK;
}

/* ---- argument checks and access facts ------------------------------------------ */

static int check_id(const char *what, grp_id id)
{
    if (id <= 0)
        return grp__error(GRP_EINVAL, "argument '%s' (%lld) is not a valid id", what, (long long)id);
    return GRP_OK;
}

/* An optional date: unset, or a valid one. */
static int check_date_opt(const char *what, grp_date d)
{
    if (grp_date_is_set(d) && !grp_date_valid(d))
        return grp__error(GRP_EINVAL, "argument '%s' (%04d-%02d-%02d) is not a valid date", what, d.year, d.month,
                          d.day);
    return GRP_OK;
}

static int check_date_range(grp_date from, grp_date to)
{
    int rc;
    if ((rc = check_date_opt("from", from)) || (rc = check_date_opt("to", to)))
        return rc;
    if (grp_date_is_set(from) && grp_date_is_set(to) && grp_date_compare(from, to) > 0)
        return grp__error(GRP_EINVAL, "range: 'from' is after 'to'");
    return GRP_OK;
}

static int check_time_range(grp_time from, grp_time to)
{
    grp_datetime dt;
    if (grp_time_to_utc(&dt, from) != GRP_OK)
        return grp__error(GRP_EINVAL, "argument 'from' (%lld) is outside the years 1..9999", (long long)from);
    if (grp_time_to_utc(&dt, to) != GRP_OK)
        return grp__error(GRP_EINVAL, "argument 'to' (%lld) is outside the years 1..9999", (long long)to);
    if (from > to)
        return grp__error(GRP_EINVAL, "range: 'from' is after 'to'");
    return GRP_OK;
}

static int check_actor(grp_store *s, const grp_actor *actor)
{
    grp_person *p;
    int rc;
    if (!actor)
        return grp__error_null("actor");
    if (actor->kind == GRP_ACTOR_SYSTEM)
        return GRP_OK;
    if (actor->kind != GRP_ACTOR_PERSON)
        return grp__error(GRP_EINVAL, "actor.kind (%d) is not a grp_actor_kind", (int)actor->kind);
    if ((rc = check_id("actor.person_id", actor->person_id)))
        return rc;
    if ((rc = grp_person_get(&p, s, actor->person_id)) == GRP_ENOTFOUND)
        return grp__error(rc, "actor: no person with id %lld", (long long)actor->person_id);
    grp_person_free(p);
    return rc;
}

/* The common first checks of a builder: out, store, actor. */
static int check_common(grp_report **out, grp_store *store, const grp_actor *actor)
{
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    if (!store)
        return grp__error_null("store");
    if (!actor)
        return grp__error_null("actor");
    return GRP_OK;
}

static int is_system(const grp_actor *a)
{
    return a->kind == GRP_ACTOR_SYSTEM;
}

/* What the access table needs to know about the actor and one group. */
typedef struct facts {
    int system;      /* the system actor */
    int member;      /* has or had a member stint that began */
    int facilitator; /* has or had a facilitator or co-facilitator stint that began */
    int org_admin;   /* administers the group's organisation */
    int any_stint;   /* has any stint in the group, begun or not */
} facts;

/* Stints of `person_id` in `group_id` (0 = any group), by role. */
static int stints(grp_store *s, grp_id group_id, grp_id person_id, facts *f)
{
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp_membership_iterator *it;
    grp_membership *m;
    int rc;
    q.group_id = group_id;
    q.person_id = person_id;
    if ((rc = grp_membership_iterator_new(&it, s, &q)))
        return rc;
    while ((rc = grp_membership_iterator_next(&m, it)) == GRP_OK) {
        f->any_stint = 1;
        if (grp_date_is_set(grp_membership_began(m))) {
            if (grp_membership_role(m) == GRP_ROLE_MEMBER)
                f->member = 1;
            else
                f->facilitator = 1;
        }
        grp_membership_free(m);
    }
    grp_membership_iterator_free(it);
    return rc == GRP_ITEROVER ? GRP_OK : rc;
}

static int group_facts(grp_store *s, const grp_actor *actor, const grp_group *g, facts *f)
{
    int rc;
    memset(f, 0, sizeof *f);
    if ((f->system = is_system(actor)))
        return GRP_OK;
    if ((rc = stints(s, grp_group_id(g), actor->person_id, f)))
        return rc;
    return grp_org_admin_check(&f->org_admin, s, grp_group_org_id(g), actor->person_id);
}

static int load_group(grp_group **out, grp_store *s, grp_id group_id)
{
    int rc = grp_group_get(out, s, group_id);
    if (rc == GRP_ENOTFOUND)
        return grp__error(rc, "no group with id %lld", (long long)group_id);
    return rc;
}

/* ---- small id collections -------------------------------------------------------- */

typedef struct idset {
    grp_id *v;
    size_t n, cap;
} idset;

static int idset_add(idset *s, grp_id id)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        grp_id *v = grp__realloc(s->v, cap * sizeof *v);
        if (!v)
            return grp__error_nomem("building a report");
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = id;
    return GRP_OK;
}

static int cmp_id(const void *a, const void *b)
{
    grp_id x = *(const grp_id *)a, y = *(const grp_id *)b;
    return (x > y) - (x < y);
}

/* Sort and drop duplicates, so that idset_has can search. */
static void idset_seal(idset *s)
{
    size_t n = 0;
    if (s->n)
        qsort(s->v, s->n, sizeof *s->v, cmp_id);
    for (size_t i = 0; i < s->n; i++)
        if (n == 0 || s->v[n - 1] != s->v[i])
            s->v[n++] = s->v[i];
    s->n = n;
}

static int idset_has(const idset *s, grp_id id)
{
    return s->n && bsearch(&id, s->v, s->n, sizeof *s->v, cmp_id) != NULL;
}

static void idset_dispose(idset *s)
{
    grp__free(s->v);
    memset(s, 0, sizeof *s);
}

/* Names looked up once per report (people and groups recur in rows). */
typedef struct name_cache {
    grp_id *ids;
    char **names;
    size_t n, cap;
} name_cache;

static void names_dispose(name_cache *c)
{
    for (size_t i = 0; i < c->n; i++)
        grp__free(c->names[i]);
    grp__free(c->ids);
    grp__free(c->names);
    memset(c, 0, sizeof *c);
}

/* The display name of a person (group = 0) or the name of a group; the
 * result is borrowed from the cache. A missing entity gives NULL. */
static int name_of(const char **out, name_cache *c, grp_store *s, grp_id id, int group)
{
    int rc;
    *out = NULL;
    if (id <= 0)
        return GRP_OK;
    for (size_t i = 0; i < c->n; i++)
        if (c->ids[i] == id) {
            *out = c->names[i];
            return GRP_OK;
        }
    char *copy = NULL;
    if (group) {
        grp_group *g;
        if ((rc = grp_group_get(&g, s, id)) == GRP_OK) {
            copy = grp__strdup(grp_group_name(g));
            grp_group_free(g);
        }
    } else {
        grp_person *p;
        if ((rc = grp_person_get(&p, s, id)) == GRP_OK) {
            copy = grp__strdup(grp_person_display_name(p));
            grp_person_free(p);
        }
    }
    if (rc == GRP_ENOTFOUND)
        return GRP_OK;
    if (rc)
        return rc;
    if (!copy)
        return grp__error_nomem("looking up a name for a report");
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        grp_id *ids = grp__realloc(c->ids, cap * sizeof *ids);
        if (ids)
            c->ids = ids;
        char **names = ids ? grp__realloc(c->names, cap * sizeof *names) : NULL;
        if (!names) {
            grp__free(copy);
            return grp__error_nomem("looking up a name for a report");
        }
        c->names = names;
        c->cap = cap;
    }
    c->ids[c->n] = id;
    c->names[c->n++] = copy;
    *out = copy;
    return GRP_OK;
}

static void fmt_date(char buf[16], grp_date d)
{
    if (grp_date_format(buf, 16, d) != GRP_OK)
        snprintf(buf, 16, "?");
}

static void fmt_time(char buf[32], grp_time t)
{
    if (grp_time_format(buf, 32, t) != GRP_OK)
        snprintf(buf, 32, "?");
}

/* "2026-01-01 to 2026-03-31", "from 2026-01-01", "until 2026-03-31", "all dates" */
static void fmt_period(char buf[48], grp_date from, grp_date to)
{
    char a[16], b[16];
    fmt_date(a, from);
    fmt_date(b, to);
    if (grp_date_is_set(from) && grp_date_is_set(to))
        snprintf(buf, 48, "%s to %s", a, b);
    else if (grp_date_is_set(from))
        snprintf(buf, 48, "from %s", a);
    else if (grp_date_is_set(to))
        snprintf(buf, 48, "until %s", b);
    else
        snprintf(buf, 48, "all dates");
}

/* ---- attendance ------------------------------------------------------------------ */

enum {
    A_ROW_TYPE, A_GROUP_ID, A_GROUP, A_PERSON_ID, A_PERSON, A_EXPECTED, A_ATTENDED, A_APOLOGIES, A_ABSENT,
    A_NOT_RECORDED, A_ATTENDANCE_RATE, A_COMMITMENT_RATE, A_NCOLS
};

static const col_def attendance_cols[A_NCOLS] = {
    {"row_type", GRP_REPORT_COL_TEXT},          {"group_id", GRP_REPORT_COL_ID},
    {"group", GRP_REPORT_COL_TEXT},             {"person_id", GRP_REPORT_COL_ID},
    {"person", GRP_REPORT_COL_TEXT},            {"expected", GRP_REPORT_COL_INTEGER},
    {"attended", GRP_REPORT_COL_INTEGER},       {"apologies", GRP_REPORT_COL_INTEGER},
    {"absent", GRP_REPORT_COL_INTEGER},         {"not_recorded", GRP_REPORT_COL_INTEGER},
    {"attendance_rate", GRP_REPORT_COL_DECIMAL}, {"commitment_rate", GRP_REPORT_COL_DECIMAL},
};

/* Sums of grp_attendance_stats counts (64-bit: an organisation's totals). */
typedef struct att_sum {
    int64_t expected, attended, apologies, absent, not_recorded;
} att_sum;

static void put_counts(rb *b, const att_sum *s)
{
    int64_t recorded = s->expected - s->not_recorded;
    rb_int(b, A_EXPECTED, s->expected);
    rb_int(b, A_ATTENDED, s->attended);
    rb_int(b, A_APOLOGIES, s->apologies);
    rb_int(b, A_ABSENT, s->absent);
    rb_int(b, A_NOT_RECORDED, s->not_recorded);
    rb_ratio(b, A_ATTENDANCE_RATE, s->attended, recorded);
    rb_ratio(b, A_COMMITMENT_RATE, s->attended + s->apologies, recorded);
}

static att_sum sum_of(const grp_attendance_stats *st)
{
    att_sum s = {st->expected, st->attended, st->apologies, st->absent, st->not_recorded};
    return s;
}

/* People who were members (role member) of `g` on at least one local date
 * of [from, to), sorted by id. */
static int members_in_period(idset *out, grp_store *s, const grp_group *g, grp_time from, grp_time to)
{
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp_membership_iterator *it = NULL;
    grp_membership *m;
    grp_datetime first, last;
    grp_tz *tz = NULL;
    int rc;
    if (from == to)
        return GRP_OK; /* an empty period has no dates */
    if ((rc = grp_tz_open(&tz, grp_group_timezone(g))) || (rc = grp_tz_utc_to_local(&first, NULL, tz, from)) ||
        (rc = grp_tz_utc_to_local(&last, NULL, tz, to - 1)))
        goto done;
    grp_date d0 = grp_date_make(first.year, first.month, first.day);
    grp_date d1 = grp_date_make(last.year, last.month, last.day);
    q.group_id = grp_group_id(g);
    q.roles = GRP_ROLEMASK_MEMBER;
    if ((rc = grp_membership_iterator_new(&it, s, &q)))
        goto done;
    while (rc == GRP_OK && (rc = grp_membership_iterator_next(&m, it)) == GRP_OK) {
        grp_date began = grp_membership_began(m), ended = grp_membership_ended(m);
        /* active on D when began <= D < ended: some D in [d0, d1] */
        if (grp_date_is_set(began) && grp_date_compare(began, d1) <= 0 &&
            (!grp_date_is_set(ended) || (grp_date_compare(ended, d0) > 0 && grp_date_compare(ended, began) > 0)))
            rc = idset_add(out, grp_membership_person_id(m));
        grp_membership_free(m);
    }
    if (rc == GRP_ITEROVER)
        rc = GRP_OK;
    idset_seal(out);
done:
    grp_membership_iterator_free(it);
    grp_tz_free(tz);
    return rc;
}

/* The member rows and the "group" row of one group; adds the group's
 * figures to `total`. */
static void attendance_group_rows(rb *b, grp_store *s, const grp_group *g, grp_time from, grp_time to,
                                  att_sum *total)
{
    idset people = {0};
    grp_attendance_stats *each = NULL, all;
    grp_id gid = grp_group_id(g);
    if (b->rc || (b->rc = members_in_period(&people, s, g, from, to)))
        goto done;
    if (people.n && !(each = grp__calloc(people.n, sizeof *each))) {
        b->rc = grp__error(GRP_ENOMEM, "out of memory building a report");
        goto done;
    }
    /* Every member's figures and the group's from one pass over the group. */
    if ((b->rc = grp__attendance_stats_members(s, gid, from, to, people.v, people.n, each, &all)))
        goto done;
    for (size_t i = 0; i < people.n && !b->rc; i++) {
        grp_person *p;
        att_sum one = sum_of(&each[i]);
        if ((b->rc = grp_person_get(&p, s, people.v[i])))
            break;
        rb_row(b);
        rb_text(b, A_ROW_TYPE, "member");
        rb_id(b, A_GROUP_ID, gid);
        rb_text(b, A_GROUP, grp_group_name(g));
        rb_id(b, A_PERSON_ID, people.v[i]);
        rb_text(b, A_PERSON, grp_person_display_name(p));
        put_counts(b, &one);
        grp_person_free(p);
    }
    if (!b->rc) {
        att_sum sum = sum_of(&all);
        rb_row(b);
        rb_text(b, A_ROW_TYPE, "group");
        rb_id(b, A_GROUP_ID, gid);
        rb_text(b, A_GROUP, grp_group_name(g));
        put_counts(b, &sum);
        total->expected += sum.expected;
        total->attended += sum.attended;
        total->apologies += sum.apologies;
        total->absent += sum.absent;
        total->not_recorded += sum.not_recorded;
    }
done:
    grp__free(each);
    idset_dispose(&people);
}

int grp_report_attendance(grp_report **out, grp_store *store, const grp_actor *actor, grp_id group_id,
                          grp_time from, grp_time to)
{
    grp_group *g = NULL;
    facts f;
    att_sum total = {0};
    rb b = {0};
    char t0[32], t1[32];
    int rc;
    if ((rc = check_common(out, store, actor)) || (rc = check_id("group_id", group_id)) ||
        (rc = check_time_range(from, to)) || (rc = check_actor(store, actor)) ||
        (rc = load_group(&g, store, group_id)) || (rc = group_facts(store, actor, g, &f)))
        goto done;
    if (!(f.system || f.member || f.facilitator || f.org_admin)) {
        rc = grp__error(GRP_EACCESS, "access denied: the attendance of group '%s' is read by its members, "
                                     "facilitators and organisation admins", grp_group_name(g));
        goto done;
    }
    fmt_time(t0, from);
    fmt_time(t1, to);
    if (!(b.r = report_new(GRP_REPORT_ATTENDANCE, attendance_cols, A_NCOLS, "Attendance: %s, %s to %s",
                           grp_group_name(g), t0, t1))) {
        rc = GRP_ENOMEM;
        goto done;
    }
    attendance_group_rows(&b, store, g, from, to, &total);
    rc = rb_finish(out, &b);
done:
    grp_group_free(g);
    return rc;
}

int grp_report_attendance_org(grp_report **out, grp_store *store, const grp_actor *actor, grp_id org_id,
                              grp_time from, grp_time to)
{
    grp_org *o = NULL;
    grp_group_iterator *it = NULL;
    grp_group *g;
    att_sum total = {0};
    rb b = {0};
    char t0[32], t1[32];
    int admin = 0, seen = 0, rc;
    if ((rc = check_common(out, store, actor)) || (rc = check_id("org_id", org_id)) ||
        (rc = check_time_range(from, to)) || (rc = check_actor(store, actor)))
        return rc;
    if ((rc = grp_org_get(&o, store, org_id))) {
        if (rc == GRP_ENOTFOUND)
            grp__error(rc, "no organisation with id %lld", (long long)org_id);
        return rc;
    }
    if (is_system(actor))
        admin = 1;
    else if ((rc = grp_org_admin_check(&admin, store, org_id, actor->person_id)))
        goto done;
    fmt_time(t0, from);
    fmt_time(t1, to);
    if (!(b.r = report_new(GRP_REPORT_ATTENDANCE_ORG, attendance_cols, A_NCOLS, "Attendance: %s, %s to %s",
                           grp_org_name(o), t0, t1))) {
        rc = GRP_ENOMEM;
        goto done;
    }
    if ((b.rc = grp_group_iterator_new(&it, store, org_id, GRP_LIST_INCLUDE_ARCHIVED)))
        goto finish;
    while (!b.rc && (b.rc = grp_group_iterator_next(&g, it)) == GRP_OK) {
        facts f;
        if (!(b.rc = group_facts(store, actor, g, &f)) && (admin || f.member || f.facilitator)) {
            seen = 1;
            attendance_group_rows(&b, store, g, from, to, &total);
        }
        grp_group_free(g);
    }
    if (b.rc == GRP_ITEROVER)
        b.rc = GRP_OK;
    if (!b.rc && !admin && !seen)
        b.rc = grp__error(GRP_EACCESS, "access denied: the attendance of organisation '%s' is read by its admins, "
                                       "and by the members and facilitators of its groups",
                          grp_org_name(o));
    if (admin) { /* only those who read every group get the organisation's total */
        rb_row(&b);
        rb_text(&b, A_ROW_TYPE, "organisation");
        put_counts(&b, &total);
    }
finish:
    rc = rb_finish(out, &b);
done:
    grp_group_iterator_free(it);
    grp_org_free(o);
    return rc;
}

/* ---- supervision hours --------------------------------------------------------------- */

enum {
    H_ROW_TYPE, H_ENTRY_ID, H_DATE, H_GROUP_ID, H_GROUP, H_SESSION_ID, H_KIND, H_MINUTES, H_CREDITED,
    H_CREDITED_SIGNED, H_SIGNED_BY, H_SIGNED_ON, H_CORRECTS, H_NOTE, H_NCOLS
};

static const col_def hours_cols[H_NCOLS] = {
    {"row_type", GRP_REPORT_COL_TEXT},       {"entry_id", GRP_REPORT_COL_ID},
    {"date", GRP_REPORT_COL_DATE},           {"group_id", GRP_REPORT_COL_ID},
    {"group", GRP_REPORT_COL_TEXT},          {"session_id", GRP_REPORT_COL_ID},
    {"kind", GRP_REPORT_COL_TEXT},           {"minutes", GRP_REPORT_COL_INTEGER},
    {"credited", GRP_REPORT_COL_INTEGER},    {"credited_signed", GRP_REPORT_COL_INTEGER},
    {"signed_by", GRP_REPORT_COL_ID},        {"signed_on", GRP_REPORT_COL_DATE},
    {"corrects", GRP_REPORT_COL_ID},         {"note", GRP_REPORT_COL_TEXT},
};

/* Groups in which `person_id` has a begun stint with a role in `roles`. */
static int groups_of(idset *out, grp_store *s, grp_id person_id, uint32_t roles)
{
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp_membership_iterator *it;
    grp_membership *m;
    int rc;
    q.person_id = person_id;
    q.roles = roles;
    if ((rc = grp_membership_iterator_new(&it, s, &q)))
        return rc;
    while (rc == GRP_OK && (rc = grp_membership_iterator_next(&m, it)) == GRP_OK) {
        if (grp_date_is_set(grp_membership_began(m)))
            rc = idset_add(out, grp_membership_group_id(m));
        grp_membership_free(m);
    }
    grp_membership_iterator_free(it);
    idset_seal(out);
    return rc == GRP_ITEROVER ? GRP_OK : rc;
}

int grp_report_hours(grp_report **out, grp_store *store, const grp_actor *actor, grp_id person_id, grp_date from,
                     grp_date to)
{
    grp_person *person = NULL;
    grp_hours_iterator *it = NULL;
    grp_hours_entry *e;
    idset facilitated = {0}, theirs = {0};
    name_cache groups = {0};
    int64_t sums[3][3] = {{0}}; /* [individual, group, all][minutes, credited, credited_signed] */
    int full, basis, rc;
    rb b = {0};
    char period[48];
    if ((rc = check_common(out, store, actor)) || (rc = check_id("person_id", person_id)) ||
        (rc = check_date_range(from, to)) || (rc = check_actor(store, actor)))
        return rc;
    if ((rc = grp_person_get(&person, store, person_id))) {
        if (rc == GRP_ENOTFOUND)
            grp__error(rc, "no person with id %lld", (long long)person_id);
        return rc;
    }
    full = is_system(actor) || actor->person_id == person_id;
    basis = full;
    if (!full) {
        /* a facilitator (present or past) of a group the person is or was in */
        if ((rc = groups_of(&facilitated, store, actor->person_id, GRP_ROLEMASK_FACILITATOR | GRP_ROLEMASK_COFACILITATOR)) ||
            (rc = groups_of(&theirs, store, person_id, GRP_ROLEMASK_ALL)))
            goto done;
        for (size_t i = 0; i < theirs.n && !basis; i++)
            basis = idset_has(&facilitated, theirs.v[i]);
    }
    fmt_period(period, from, to);
    if (!(b.r = report_new(GRP_REPORT_HOURS, hours_cols, H_NCOLS, "Supervision hours: %s, %s",
                           grp_person_display_name(person), period))) {
        rc = GRP_ENOMEM;
        goto done;
    }
    if ((b.rc = grp_hours_iterator_new(&it, store, person_id, from, to)))
        goto finish;
    while (!b.rc && (b.rc = grp_hours_iterator_next(&e, it)) == GRP_OK) {
        grp_id gid = grp_hours_entry_group_id(e), signer = grp_hours_entry_signed_by(e);
        int mine = !full && signer == actor->person_id;
        basis |= mine;
        if (full || mine || idset_has(&facilitated, gid)) {
            const char *gname = NULL;
            grp_hours_kind kind = grp_hours_entry_kind(e);
            int minutes = grp_hours_entry_minutes(e), credited = grp_hours_entry_credited(e);
            int signed_credit = signer ? credited : 0;
            b.rc = name_of(&gname, &groups, store, gid, 1);
            rb_row(&b);
            rb_text(&b, H_ROW_TYPE, "entry");
            rb_id(&b, H_ENTRY_ID, grp_hours_entry_id(e));
            rb_date(&b, H_DATE, grp_hours_entry_date(e));
            rb_id(&b, H_GROUP_ID, gid);
            rb_text(&b, H_GROUP, gname);
            rb_id(&b, H_SESSION_ID, grp_hours_entry_session_id(e));
            rb_text(&b, H_KIND, kind == GRP_HOURS_KIND_INDIVIDUAL ? "individual" : "group");
            rb_int(&b, H_MINUTES, minutes);
            rb_int(&b, H_CREDITED, credited);
            rb_int(&b, H_CREDITED_SIGNED, signed_credit);
            rb_id(&b, H_SIGNED_BY, signer);
            rb_date(&b, H_SIGNED_ON, grp_hours_entry_signed_on(e));
            rb_id(&b, H_CORRECTS, grp_hours_entry_corrects(e));
            rb_text(&b, H_NOTE, grp_hours_entry_note(e));
            int k = kind == GRP_HOURS_KIND_INDIVIDUAL ? 0 : 1;
            sums[k][0] += minutes;
            sums[k][1] += credited;
            sums[k][2] += signed_credit;
            sums[2][0] += minutes;
            sums[2][1] += credited;
            sums[2][2] += signed_credit;
        }
        grp_hours_entry_free(e);
    }
    if (b.rc == GRP_ITEROVER)
        b.rc = GRP_OK;
    if (!b.rc && !basis)
        b.rc = grp__error(GRP_EACCESS, "access denied: a person's hours are read by the person, the facilitators "
                                       "of their groups and the system");
    static const char *const kinds[3] = {"individual", "group", NULL};
    for (int k = 0; k < 3; k++) {
        rb_row(&b);
        rb_text(&b, H_ROW_TYPE, "total");
        rb_text(&b, H_KIND, kinds[k]);
        rb_int(&b, H_MINUTES, sums[k][0]);
        rb_int(&b, H_CREDITED, sums[k][1]);
        rb_int(&b, H_CREDITED_SIGNED, sums[k][2]);
    }
finish:
    rc = rb_finish(out, &b);
done:
    grp_hours_iterator_free(it);
    names_dispose(&groups);
    idset_dispose(&facilitated);
    idset_dispose(&theirs);
    grp_person_free(person);
    return rc;
}

/* ---- goals ------------------------------------------------------------------------ */

enum {
    G_GOAL_ID, G_OWNER_ID, G_OWNER, G_TITLE, G_STATUS, G_PERCENT, G_STEPS_DONE, G_STEPS_TOTAL, G_TARGET_DATE,
    G_OVERDUE, G_NCOLS
};

static const col_def goal_cols[G_NCOLS] = {
    {"goal_id", GRP_REPORT_COL_ID},           {"owner_id", GRP_REPORT_COL_ID},
    {"owner", GRP_REPORT_COL_TEXT},           {"title", GRP_REPORT_COL_TEXT},
    {"status", GRP_REPORT_COL_TEXT},          {"percent", GRP_REPORT_COL_INTEGER},
    {"steps_done", GRP_REPORT_COL_INTEGER},   {"steps_total", GRP_REPORT_COL_INTEGER},
    {"target_date", GRP_REPORT_COL_DATE},     {"overdue", GRP_REPORT_COL_BOOLEAN},
};

/* Ids of the goals `q` yields for `actor`. */
static int goal_ids(idset *out, grp_store *s, const grp_actor *actor, const grp_goal_query *q)
{
    grp_goal_iterator *it;
    grp_goal *g;
    int rc;
    if ((rc = grp_goal_iterator_new(&it, s, actor, q)))
        return rc;
    while (rc == GRP_OK && (rc = grp_goal_iterator_next(&g, it)) == GRP_OK) {
        rc = idset_add(out, grp_goal_id(g));
        grp_goal_free(g);
    }
    grp_goal_iterator_free(it);
    idset_seal(out);
    return rc == GRP_ITEROVER ? GRP_OK : rc;
}

int grp_report_goals(grp_report **out, grp_store *store, const grp_actor *actor, grp_id group_id, grp_date as_of)
{
    grp_group *grp = NULL;
    grp_goal_iterator *it = NULL;
    grp_goal *g;
    grp_goal_query q = GRP_GOAL_QUERY_INIT;
    idset overdue = {0};
    name_cache owners = {0};
    facts f;
    rb b = {0};
    char day[16];
    int rc;
    if ((rc = check_common(out, store, actor)) || (rc = check_id("group_id", group_id)) ||
        (rc = check_date_opt("as_of", as_of)) || (rc = check_actor(store, actor)) ||
        (rc = load_group(&grp, store, group_id)) || (rc = group_facts(store, actor, grp, &f)))
        goto done;
    if (!(f.system || f.member || f.facilitator)) {
        rc = grp__error(GRP_EACCESS, "access denied: goals are read by their owners, the group's members and "
                                     "facilitators as their visibility allows, never by organisation admins");
        goto done;
    }
    if (!grp_date_is_set(as_of))
        as_of = grp_date_today_utc();
    q.group_id = group_id;
    q.overdue_on = as_of;
    /* "overdue" exactly as the library decides it for grp_goal_query */
    if ((rc = goal_ids(&overdue, store, actor, &q)))
        goto done;
    q.overdue_on = grp_date_make(0, 0, 0);
    fmt_date(day, as_of);
    if (!(b.r = report_new(GRP_REPORT_GOALS, goal_cols, G_NCOLS, "Goals: %s, as of %s", grp_group_name(grp), day))) {
        rc = GRP_ENOMEM;
        goto done;
    }
    if ((b.rc = grp_goal_iterator_new(&it, store, actor, &q)))
        goto finish;
    while (!b.rc && (b.rc = grp_goal_iterator_next(&g, it)) == GRP_OK) {
        const char *owner = NULL;
        size_t steps = grp_goal_step_count(g), done_steps = 0;
        for (size_t i = 0; i < steps; i++)
            done_steps += grp_goal_step_done(g, i) ? 1 : 0;
        b.rc = name_of(&owner, &owners, store, grp_goal_owner_id(g), 0);
        rb_row(&b);
        rb_id(&b, G_GOAL_ID, grp_goal_id(g));
        rb_id(&b, G_OWNER_ID, grp_goal_owner_id(g));
        rb_text(&b, G_OWNER, owner);
        rb_text(&b, G_TITLE, grp_goal_title(g));
        rb_text(&b, G_STATUS, grp_goal_status_name(grp_goal_status_of(g)));
        if (grp_goal_percent(g) >= 0)
            rb_int(&b, G_PERCENT, grp_goal_percent(g));
        rb_int(&b, G_STEPS_DONE, (long long)done_steps);
        rb_int(&b, G_STEPS_TOTAL, (long long)steps);
        rb_date(&b, G_TARGET_DATE, grp_goal_target_date(g));
        rb_bool(&b, G_OVERDUE, idset_has(&overdue, grp_goal_id(g)));
        grp_goal_free(g);
    }
    if (b.rc == GRP_ITEROVER)
        b.rc = GRP_OK;
finish:
    rc = rb_finish(out, &b);
done:
    grp_goal_iterator_free(it);
    names_dispose(&owners);
    idset_dispose(&overdue);
    grp_group_free(grp);
    return rc;
}

/* ---- feedback ----------------------------------------------------------------------- */

enum {
    F_ITEM_NO, F_ITEM, F_RESPONSES, F_EXPECTED, F_RESPONSE_RATE, F_ANSWERS, F_MEAN, F_COUNT_1, F_NCOLS = F_COUNT_1 + 5
};

static const col_def feedback_cols[F_NCOLS] = {
    {"item_no", GRP_REPORT_COL_INTEGER},      {"item", GRP_REPORT_COL_TEXT},
    {"responses", GRP_REPORT_COL_INTEGER},    {"expected", GRP_REPORT_COL_INTEGER},
    {"response_rate", GRP_REPORT_COL_DECIMAL}, {"answers", GRP_REPORT_COL_INTEGER},
    {"mean", GRP_REPORT_COL_DECIMAL},         {"count_1", GRP_REPORT_COL_INTEGER},
    {"count_2", GRP_REPORT_COL_INTEGER},      {"count_3", GRP_REPORT_COL_INTEGER},
    {"count_4", GRP_REPORT_COL_INTEGER},      {"count_5", GRP_REPORT_COL_INTEGER},
};

/* What the scope covers, for the title: "group 'Monthly GRP'" and so on. */
static int scope_label(char *buf, size_t size, grp_store *s, const grp_feedback_scope *sc)
{
    const char *name = NULL;
    name_cache c = {0};
    int rc;
    if (sc->session_id) {
        snprintf(buf, size, "session %lld", (long long)sc->session_id);
        return GRP_OK;
    }
    if (sc->org_id) {
        grp_org *o;
        if ((rc = grp_org_get(&o, s, sc->org_id)))
            return rc;
        snprintf(buf, size, "organisation '%s'", grp_org_name(o));
        grp_org_free(o);
        return GRP_OK;
    }
    int group = sc->group_id != 0;
    if ((rc = name_of(&name, &c, s, group ? sc->group_id : sc->facilitator_id, group)) == GRP_OK)
        snprintf(buf, size, group ? "group '%s'" : "groups facilitated by %s", name ? name : "?");
    names_dispose(&c);
    return rc;
}

int grp_report_feedback(grp_report **out, grp_store *store, const grp_actor *actor, const grp_feedback_scope *scope)
{
    grp_feedback_summary *sum = NULL;
    rb b = {0};
    char label[300], period[80] = "";
    int rc;
    if ((rc = check_common(out, store, actor)))
        return rc;
    if (!scope)
        return grp__error_null("scope");
    if ((rc = check_actor(store, actor)) || (rc = grp_feedback_summary_get(&sum, store, actor, scope)))
        return rc; /* GRP_ESUPPRESSED included: no summary, so no numbers */
    if ((rc = scope_label(label, sizeof label, store, scope))) {
        grp_feedback_summary_free(sum);
        return rc;
    }
    if (!scope->session_id && (scope->from || scope->to)) {
        char t0[32], t1[32];
        fmt_time(t0, scope->from);
        fmt_time(t1, scope->to);
        snprintf(period, sizeof period, ", %s to %s", t0, t1);
    }
    if (!(b.r = report_new(GRP_REPORT_FEEDBACK, feedback_cols, F_NCOLS, "Feedback: %s%s", label, period))) {
        grp_feedback_summary_free(sum);
        return GRP_ENOMEM;
    }
    int responses = grp_feedback_summary_responses(sum), expected = grp_feedback_summary_expected(sum);
    for (size_t i = 0; i < grp_feedback_summary_item_count(sum); i++) {
        int64_t answers = 0, points = 0;
        rb_row(&b);
        rb_int(&b, F_ITEM_NO, (long long)i + 1);
        rb_text(&b, F_ITEM, grp_feedback_summary_item(sum, i));
        rb_int(&b, F_RESPONSES, responses);
        rb_int(&b, F_EXPECTED, expected);
        rb_ratio(&b, F_RESPONSE_RATE, responses, expected);
        for (int k = 1; k <= 5; k++) {
            int n = grp_feedback_summary_count(sum, i, k);
            answers += n;
            points += (int64_t)n * k;
            rb_int(&b, F_COUNT_1 + (size_t)k - 1, n);
        }
        rb_int(&b, F_ANSWERS, answers);
        rb_ratio(&b, F_MEAN, points, answers); /* from the counts: exact, and NULL when unanswered */
    }
    grp_feedback_summary_free(sum);
    return rb_finish(out, &b);
}

/* ---- membership changes ------------------------------------------------------------------ */

enum { M_DATE, M_MEMBERSHIP_ID, M_PERSON_ID, M_PERSON, M_ROLE, M_CHANGE, M_REASON, M_NCOLS };

static const col_def change_cols[M_NCOLS] = {
    {"date", GRP_REPORT_COL_DATE},   {"membership_id", GRP_REPORT_COL_ID}, {"person_id", GRP_REPORT_COL_ID},
    {"person", GRP_REPORT_COL_TEXT}, {"role", GRP_REPORT_COL_TEXT},        {"change", GRP_REPORT_COL_TEXT},
    {"reason", GRP_REPORT_COL_TEXT},
};

typedef struct change {
    grp_date date;
    grp_id membership_id;
    int seq; /* order of the changes within a stint */
    grp_id person_id;
    grp_member_role role;
    const char *what; /* static */
    char *reason;     /* owned, on the stint's latest change only */
} change;

typedef struct changes {
    change *v;
    size_t n, cap;
} changes;

static void changes_dispose(changes *c)
{
    for (size_t i = 0; i < c->n; i++)
        grp__free(c->v[i].reason);
    grp__free(c->v);
    memset(c, 0, sizeof *c);
}

static int cmp_change(const void *a, const void *b)
{
    const change *x = a, *y = b;
    int d = grp_date_compare(x->date, y->date);
    if (d)
        return d;
    if (x->membership_id != y->membership_id)
        return x->membership_id < y->membership_id ? -1 : 1;
    return x->seq - y->seq;
}

static int change_add(changes *c, const grp_membership *m, grp_date date, const char *what)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        change *v = grp__realloc(c->v, cap * sizeof *v);
        if (!v)
            return grp__error_nomem("listing membership changes");
        c->v = v;
        c->cap = cap;
    }
    change *x = &c->v[c->n];
    memset(x, 0, sizeof *x);
    x->date = date;
    x->membership_id = grp_membership_id(m);
    x->seq = c->n && c->v[c->n - 1].membership_id == x->membership_id ? c->v[c->n - 1].seq + 1 : 0;
    x->person_id = grp_membership_person_id(m);
    x->role = grp_membership_role(m);
    x->what = what;
    c->n++;
    return GRP_OK;
}

/* The changes one stint went through (see the header for what the history
 * can and cannot tell), with the reason on the latest. */
static int stint_changes(changes *c, const grp_membership *m, int approval_policy)
{
    grp_membership_state st = grp_membership_state_of(m);
    grp_date asked = grp_membership_requested_on(m), began = grp_membership_began(m),
             ended = grp_membership_ended(m);
    int waited = st == GRP_MSTATE_REQUESTED || st == GRP_MSTATE_WAITLISTED || st == GRP_MSTATE_DECLINED ||
                 !grp_date_is_set(began) || grp_date_compare(began, asked) > 0;
    int rc;
    size_t first = c->n;
    if (!waited)
        rc = change_add(c, m, asked, "joined");
    else if (st == GRP_MSTATE_REQUESTED || st == GRP_MSTATE_DECLINED)
        rc = change_add(c, m, asked, "requested");
    else if (st == GRP_MSTATE_WAITLISTED)
        rc = change_add(c, m, asked, "waitlisted");
    else
        rc = change_add(c, m, asked, approval_policy ? "requested" : "waitlisted");
    if (!rc && waited && grp_date_is_set(began))
        rc = change_add(c, m, began, approval_policy ? "approved" : "promoted");
    if (!rc && st == GRP_MSTATE_DECLINED)
        rc = change_add(c, m, ended, "declined");
    else if (!rc && st == GRP_MSTATE_LEFT)
        rc = change_add(c, m, ended, "left");
    if (!rc && c->n > first && grp_membership_reason(m) &&
        !(c->v[c->n - 1].reason = grp__strdup(grp_membership_reason(m))))
        rc = grp__error_nomem("listing membership changes");
    return rc;
}

static int in_period(grp_date d, grp_date from, grp_date to)
{
    return (!grp_date_is_set(from) || grp_date_compare(d, from) >= 0) &&
           (!grp_date_is_set(to) || grp_date_compare(d, to) <= 0);
}

int grp_report_membership_changes(grp_report **out, grp_store *store, const grp_actor *actor, grp_id group_id,
                                  grp_date from, grp_date to)
{
    grp_group *g = NULL;
    grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
    grp_membership_iterator *it = NULL;
    grp_membership *m;
    changes all = {0};
    name_cache people = {0};
    facts f;
    rb b = {0};
    char period[48];
    int rc;
    if ((rc = check_common(out, store, actor)) || (rc = check_id("group_id", group_id)) ||
        (rc = check_date_range(from, to)) || (rc = check_actor(store, actor)) ||
        (rc = load_group(&g, store, group_id)) || (rc = group_facts(store, actor, g, &f)))
        goto done;
    int full = f.system || f.member || f.facilitator || f.org_admin;
    if (!full && !f.any_stint) {
        rc = grp__error(GRP_EACCESS, "access denied: the membership of group '%s' is read by its members, "
                                     "facilitators and organisation admins", grp_group_name(g));
        goto done;
    }
    q.group_id = group_id;
    if (!full)
        q.person_id = actor->person_id; /* own stints only */
    if ((rc = grp_membership_iterator_new(&it, store, &q)))
        goto done;
    int approval = grp_group_membership_policy(g) == GRP_MEMBERSHIP_APPROVAL;
    while (rc == GRP_OK && (rc = grp_membership_iterator_next(&m, it)) == GRP_OK) {
        rc = stint_changes(&all, m, approval);
        grp_membership_free(m);
    }
    if (rc != GRP_ITEROVER)
        goto done;
    if (all.n)
        qsort(all.v, all.n, sizeof *all.v, cmp_change);
    fmt_period(period, from, to);
    if (!(b.r = report_new(GRP_REPORT_MEMBERSHIP_CHANGES, change_cols, M_NCOLS, "Membership changes: %s, %s",
                           grp_group_name(g), period))) {
        rc = GRP_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < all.n && !b.rc; i++) {
        const change *x = &all.v[i];
        const char *name = NULL;
        if (!in_period(x->date, from, to))
            continue;
        b.rc = name_of(&name, &people, store, x->person_id, 0);
        rb_row(&b);
        rb_date(&b, M_DATE, x->date);
        rb_id(&b, M_MEMBERSHIP_ID, x->membership_id);
        rb_id(&b, M_PERSON_ID, x->person_id);
        rb_text(&b, M_PERSON, name);
        rb_text(&b, M_ROLE, grp_member_role_name(x->role));
        rb_text(&b, M_CHANGE, x->what);
        rb_text(&b, M_REASON, x->reason);
    }
    rc = rb_finish(out, &b);
done:
    grp_membership_iterator_free(it);
    changes_dispose(&all);
    names_dispose(&people);
    grp_group_free(g);
    return rc;
}

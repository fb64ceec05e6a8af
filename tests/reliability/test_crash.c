/* Crash safety: a writer process is killed with SIGKILL at random moments;
 * after every kill the store must open, pass PRAGMA integrity_check, hold
 * every operation that returned success before the kill, and hold the one
 * operation (or batch) that was in flight either entirely or not at all.
 *
 * How the parent knows what succeeded: before each call the writer sends
 * "I <n> <operation>" down a pipe to the parent, and after the call returned
 * success "S <n> <id>"; each line is one write() (atomic: shorter than
 * PIPE_BUF), made before the next call. Bytes written to a pipe are in the
 * kernel and survive the writer's SIGKILL, so the parent, which drains the
 * pipe until EOF, sees every line written before the kill. After a kill:
 *   - a standalone operation with an S line is committed;
 *   - a batch (grp_store_begin .. grp_store_commit) is committed if its
 *     COMMIT has an S line, in doubt if the COMMIT has only an I line, and
 *     absent if the writer never reached its COMMIT;
 *   - operations inside a savepoint that was rolled back are absent;
 *   - the last standalone operation with an I line and no S line is in doubt.
 *
 * The parent keeps an exact model of the store (every entity, every audit
 * row, every event, in order). An in-doubt unit is resolved by counting the
 * audit rows (each operation of the workload writes exactly one): the store
 * must have the model's count (absent) or the model's count plus the unit's
 * (present). Then the whole store is compared with the model: table counts
 * and derived rows with sqlite3, every entity, every audit row and every
 * event through the libgrp API. A half-applied operation (say a membership
 * without its audit row or its event) cannot match either state.
 *
 * Writers alternate GRP_DURABILITY_FULL and GRP_DURABILITY_NORMAL: the
 * header promises that NORMAL loses nothing on a process crash either.
 *
 * GRP_CRASH_ITERATIONS (default 25) sets the number of kills,
 * GRP_CRASH_SEED the PRNG seed (default fixed; printed), and
 * GRP_CRASH_MAX_DELAY_MS the longest time a writer runs before its kill. */
#include "support.h"
#include "rel_support.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define D0_Y 2026
#define D0_M 1
#define D0_D 5 /* a Monday */

/* ======================================================================
 * The writer (child process)
 * ====================================================================== */

typedef struct writer {
    int fd;       /* the write end of the log pipe */
    long n;       /* operation counter */
    grp_store *s; /* the writer's own handle */
    int run;
} writer;

static void wlog(writer *w, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(buf, sizeof buf - 1, fmt, ap);
    va_end(ap);
    if (len < 0 || len >= (int)sizeof buf - 1)
        _exit(4);
    buf[len++] = '\n';
    /* One write of less than PIPE_BUF bytes: atomic, never half a line. */
    ssize_t k;
    while ((k = write(w->fd, buf, (size_t)len)) < 0 && errno == EINTR) {
    }
    if (k != len)
        _exit(4);
}

static void intent(writer *w, const char *fmt, ...)
{
    char buf[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    wlog(w, "I %ld %s", w->n, buf);
}

static void success(writer *w, grp_id id)
{
    wlog(w, "S %ld %lld", w->n, (long long)id);
    w->n++;
}

static void die(writer *w, int rc)
{
    char msg[300];
    snprintf(msg, sizeof msg, "%s", grp_error_last()->message);
    for (char *c = msg; *c; c++)
        if (*c == '\n')
            *c = ' ';
    wlog(w, "E %ld %d %s", w->n, rc, msg);
    _exit(3);
}

static void fmt_date(char out[16], grp_date d)
{
    snprintf(out, 16, "%04d-%02d-%02d", d.year, d.month, d.day);
}

static grp_id w_org(writer *w, const char *name)
{
    intent(w, "ORG %s", name);
    grp_id id = rel_org(w->s, name);
    if (!id)
        die(w, grp_error_last()->code);
    success(w, id);
    return id;
}

static grp_id w_person(writer *w, grp_id org, const char *name)
{
    intent(w, "PERSON %lld %s", (long long)org, name);
    grp_id id = rel_person(w->s, org, name);
    if (!id)
        die(w, grp_error_last()->code);
    success(w, id);
    return id;
}

static grp_id w_group(writer *w, grp_id org, const char *name)
{
    intent(w, "GROUP %lld %s", (long long)org, name);
    /* Soft capacity 4 with 6-7 joiners: admitted with a warning. */
    grp_id id = rel_group(w->s, org, name, 4, GRP_CAPACITY_SOFT);
    if (!id)
        die(w, grp_error_last()->code);
    success(w, id);
    return id;
}

static void w_cadence(writer *w, grp_id g, const char *rrule, grp_date first, int hour)
{
    char d[16];
    grp_id id = 0;
    fmt_date(d, first);
    intent(w, "CADENCE %lld %s %s %d", (long long)g, rrule, d, hour);
    int rc = rel_cadence(w->s, g, rrule, first, hour, &id);
    if (rc)
        die(w, rc);
    success(w, id);
}

static void w_join(writer *w, grp_id g, grp_id p, grp_date date)
{
    char d[16];
    grp_membership *m = NULL;
    fmt_date(d, date);
    intent(w, "JOIN %lld %lld %s", (long long)g, (long long)p, d);
    int rc = grp_member_join(&m, w->s, g, p, date, NULL);
    if (rc)
        die(w, rc);
    if (grp_membership_state_of(m) != GRP_MSTATE_ACTIVE)
        die(w, GRP_ERROR);
    grp_id id = grp_membership_id(m);
    grp_membership_free(m);
    success(w, id);
}

static void w_leave(writer *w, grp_id g, grp_id p, grp_date date)
{
    char d[16];
    size_t promoted = 9;
    fmt_date(d, date);
    intent(w, "LEAVE %lld %lld %s", (long long)g, (long long)p, d);
    int rc = grp_member_leave(&promoted, w->s, g, p, date, NULL);
    if (rc)
        die(w, rc);
    if (promoted != 0)
        die(w, GRP_ERROR);
    success(w, 0);
}

static grp_id w_ensure(writer *w, grp_id g, grp_date day, int hour)
{
    char d[16];
    grp_id id = 0;
    fmt_date(d, day);
    intent(w, "ENSURE %lld %sT%02d:00", (long long)g, d, hour);
    int rc = grp_session_ensure(&id, w->s, g, rel_dt(day, hour, 0));
    if (rc)
        die(w, rc);
    success(w, id);
    return id;
}

static void w_cancel(writer *w, grp_id sid)
{
    intent(w, "CANCEL %lld", (long long)sid);
    int rc = grp_session_cancel(w->s, sid, "room unavailable");
    if (rc)
        die(w, rc);
    success(w, 0);
}

static void w_attend(writer *w, grp_id sid, grp_id p, grp_attendance_status st, int minutes)
{
    intent(w, "ATTEND %lld %lld %d %d", (long long)sid, (long long)p, (int)st, minutes);
    int rc = grp_attendance_record(w->s, sid, p, st, minutes, 0);
    if (rc)
        die(w, rc);
    success(w, 0);
}

static void w_begin(writer *w)
{
    intent(w, "BEGIN");
    int rc = grp_store_begin(w->s);
    if (rc)
        die(w, rc);
    success(w, 0);
}

static void w_commit(writer *w)
{
    intent(w, "COMMIT");
    int rc = grp_store_commit(w->s);
    if (rc)
        die(w, rc);
    success(w, 0);
}

static void w_rollback(writer *w)
{
    intent(w, "ROLLBACK");
    int rc = grp_store_rollback(w->s);
    if (rc)
        die(w, rc);
    success(w, 0);
}

/* The attendance statuses of the six first members at session 1. */
static const grp_attendance_status s1_status[6] = {GRP_ATTEND_PRESENT, GRP_ATTEND_LATE, GRP_ATTEND_LEFT_EARLY,
                                                   GRP_ATTEND_ABSENT, GRP_ATTEND_APOLOGIES, GRP_ATTEND_NOT_RECORDED};
static const int s1_minutes[6] = {-1, 45, 30, 0, 0, 0};

/* Never returns: writes until it is killed (or fails: exit status 3). */
static void writer_main(const char *store_path, int log_fd, int run)
{
    writer w = {0};
    char name[48];
    grp_date d0 = grp_date_make(D0_Y, D0_M, D0_D);
    w.run = run;
    w.fd = log_fd;
    grp_store_options opts = GRP_STORE_OPTIONS_INIT;
    /* NORMAL may lose commits on power loss, never on a process crash. */
    opts.durability = (run % 2) ? GRP_DURABILITY_NORMAL : GRP_DURABILITY_FULL;
    intent(&w, "OPEN %d", (int)opts.durability);
    int rc = grp_store_open(&w.s, store_path, &opts);
    if (rc)
        die(&w, rc);
    success(&w, 0);

    snprintf(name, sizeof name, "r%d", run);
    grp_id org = w_org(&w, name);
    grp_id p[8];
    for (int i = 0; i < 8; i++) {
        snprintf(name, sizeof name, "r%dp%d", run, i);
        p[i] = w_person(&w, org, name);
    }
    for (int c = 0;; c++) {
        int big = c % 3 == 2;
        snprintf(name, sizeof name, "r%dg%d", run, c);
        grp_id g = w_group(&w, org, name);
        w_cadence(&w, g, "FREQ=DAILY", d0, 10);
        if (big)
            w_begin(&w); /* a large batch: all of it or nothing */
        for (int j = 0; j < 6; j++)
            w_join(&w, g, p[j], d0);
        grp_id s1 = w_ensure(&w, g, rel_day(d0, 1), 10);
        for (int j = 0; j < 6; j++)
            w_attend(&w, s1, p[j], s1_status[j], s1_minutes[j]);
        w_leave(&w, g, p[0], rel_day(d0, 2));
        grp_id s2 = w_ensure(&w, g, rel_day(d0, 3), 10);
        w_cancel(&w, s2);
        grp_id s3 = w_ensure(&w, g, rel_day(d0, 4), 10);
        w_attend(&w, s3, p[1], GRP_ATTEND_PRESENT, -1);
        w_attend(&w, s3, p[1], GRP_ATTEND_LATE, 20); /* re-recorded */
        if (big)
            w_commit(&w);
        /* "This and following": the daily segment ends on day 14. */
        w_cadence(&w, g, "FREQ=WEEKLY;BYDAY=MO", rel_day(d0, 14), 10);
        w_begin(&w);
        w_join(&w, g, p[6], rel_day(d0, 5));
        grp_id s4 = w_ensure(&w, g, rel_day(d0, 5), 10);
        w_attend(&w, s4, p[6], GRP_ATTEND_PRESENT, -1);
        w_begin(&w); /* a savepoint, rolled back: p7 never joins */
        w_join(&w, g, p[7], rel_day(d0, 5));
        w_attend(&w, s4, p[7], GRP_ATTEND_PRESENT, -1);
        w_rollback(&w);
        w_commit(&w);
        grp_id s5 = w_ensure(&w, g, rel_day(d0, 14), 10);
        w_attend(&w, s5, p[6], GRP_ATTEND_PRESENT, -1);
        w_leave(&w, g, p[6], rel_day(d0, 20));
    }
}

/* ======================================================================
 * The log, read back by the parent
 * ====================================================================== */

typedef enum opkind {
    OP_OPEN, OP_ORG, OP_PERSON, OP_GROUP, OP_CADENCE, OP_JOIN, OP_LEAVE, OP_ENSURE, OP_CANCEL, OP_ATTEND,
    OP_BEGIN, OP_COMMIT, OP_ROLLBACK
} opkind;

typedef struct op {
    opkind kind;
    long n;
    int ok;        /* an S line was seen */
    grp_id result; /* id from the S line (or from the audit row when in doubt) */
    char name[48];
    char rrule[48];
    grp_id a, b; /* group/org/session, person */
    grp_date date;
    grp_datetime dt;
    int status, minutes, hour;
} op;

typedef struct oplist {
    op *v;
    size_t n, cap;
    char error[400]; /* an E line, if any */
} oplist;

static op *push_op(oplist *l)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v)
            abort();
    }
    memset(&l->v[l->n], 0, sizeof l->v[0]);
    return &l->v[l->n++];
}

static int parse_date(const char *t, grp_date *d)
{
    return sscanf(t, "%d-%d-%d", &d->year, &d->month, &d->day) == 3 ? 0 : -1;
}

/* Parse one complete line into l; -1 on a malformed line. */
static int parse_line(oplist *l, char *line)
{
    char tag = line[0];
    long n;
    int used = 0;
    if (tag == 'E') {
        snprintf(l->error, sizeof l->error, "%s", line);
        return 0;
    }
    if ((tag != 'I' && tag != 'S') || sscanf(line + 1, " %ld %n", &n, &used) != 1)
        return -1;
    char *rest = line + 1 + used;
    if (tag == 'S') {
        long long id;
        if (!l->n || l->v[l->n - 1].n != n || sscanf(rest, "%lld", &id) != 1)
            return -1;
        l->v[l->n - 1].ok = 1;
        l->v[l->n - 1].result = id;
        return 0;
    }
    op *o = push_op(l);
    char word[16], t1[48], t2[48];
    long long a = 0, b = 0;
    o->n = n;
    if (sscanf(rest, "%15s", word) != 1)
        return -1;
    rest += strlen(word);
    if (!strcmp(word, "OPEN"))
        o->kind = OP_OPEN;
    else if (!strcmp(word, "ORG")) {
        o->kind = OP_ORG;
        if (sscanf(rest, "%47s", o->name) != 1)
            return -1;
    } else if (!strcmp(word, "PERSON") || !strcmp(word, "GROUP")) {
        o->kind = word[0] == 'P' ? OP_PERSON : OP_GROUP;
        if (sscanf(rest, "%lld %47s", &a, o->name) != 2)
            return -1;
    } else if (!strcmp(word, "CADENCE")) {
        o->kind = OP_CADENCE;
        if (sscanf(rest, "%lld %47s %47s %d", &a, o->rrule, t1, &o->hour) != 4 || parse_date(t1, &o->date))
            return -1;
    } else if (!strcmp(word, "JOIN") || !strcmp(word, "LEAVE")) {
        o->kind = word[0] == 'J' ? OP_JOIN : OP_LEAVE;
        if (sscanf(rest, "%lld %lld %47s", &a, &b, t1) != 3 || parse_date(t1, &o->date))
            return -1;
    } else if (!strcmp(word, "ENSURE")) {
        o->kind = OP_ENSURE;
        grp_datetime *dt = &o->dt;
        if (sscanf(rest, "%lld %47s", &a, t2) != 2 ||
            sscanf(t2, "%d-%d-%dT%d:%d", &dt->year, &dt->month, &dt->day, &dt->hour, &dt->minute) != 5)
            return -1;
    } else if (!strcmp(word, "CANCEL")) {
        o->kind = OP_CANCEL;
        if (sscanf(rest, "%lld", &a) != 1)
            return -1;
    } else if (!strcmp(word, "ATTEND")) {
        o->kind = OP_ATTEND;
        if (sscanf(rest, "%lld %lld %d %d", &a, &b, &o->status, &o->minutes) != 4)
            return -1;
    } else if (!strcmp(word, "BEGIN"))
        o->kind = OP_BEGIN;
    else if (!strcmp(word, "COMMIT"))
        o->kind = OP_COMMIT;
    else if (!strcmp(word, "ROLLBACK"))
        o->kind = OP_ROLLBACK;
    else
        return -1;
    o->a = a;
    o->b = b;
    return 0;
}

/* Parse a run's log; a trailing line without '\n' is ignored (there is
 * none in practice: lines are written whole). */
static void parse_log(oplist *l, char *buf, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (buf[i] != '\n')
            continue;
        buf[i] = '\0';
        if (parse_line(l, buf + start) != 0)
            fail_msg("malformed log line '%s'", buf + start);
        start = i + 1;
    }
}

typedef struct logbuf {
    char *v;
    size_t n, cap;
} logbuf;

/* Read what is available on fd; 0 at EOF, 1 if more may come. */
static int drain(int fd, logbuf *b)
{
    for (;;) {
        if (b->cap - b->n < 4096) {
            b->cap = b->cap ? b->cap * 2 : 65536;
            b->v = realloc(b->v, b->cap);
            if (!b->v)
                abort();
        }
        ssize_t k = read(fd, b->v + b->n, b->cap - b->n);
        if (k > 0) {
            b->n += (size_t)k;
            continue;
        }
        if (k == 0)
            return 0;
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return 1;
        fail_msg("reading the log pipe: %s", strerror(errno));
    }
}

/* Keep the pipe drained (the writer must never block on it) until the
 * kill time. */
static void drain_until(int fd, logbuf *b, int64_t until_us)
{
    for (;;) {
        int64_t left = until_us - rel_now_us();
        if (left <= 0)
            return;
        fd_set rd;
        struct timeval tv = {(time_t)(left / 1000000), (suseconds_t)(left % 1000000)};
        FD_ZERO(&rd);
        FD_SET(fd, &rd);
        int r = select(fd + 1, &rd, NULL, NULL, &tv);
        if (r > 0 && drain(fd, b) == 0) {
            /* EOF: the writer ended by itself; wait out the delay anyway */
            rel_sleep_us(until_us - rel_now_us() > 0 ? until_us - rel_now_us() : 0);
            return;
        }
        if (r < 0 && errno != EINTR)
            fail_msg("select: %s", strerror(errno));
    }
}

/* ======================================================================
 * The model of the store
 * ====================================================================== */

typedef struct m_named {
    grp_id id, org;
    char name[48];
} m_named;
typedef struct m_stint {
    grp_id id, group, person;
    int state;
    grp_date began, ended;
} m_stint;
typedef struct m_cad {
    grp_id id, group;
    char rrule[64];
    grp_date first, until;
    int minute;
} m_cad;
typedef struct m_sess {
    grp_id id, group;
    grp_datetime occ;
    int status;
} m_sess;
typedef struct m_att {
    grp_id session, person;
    int status, minutes;
} m_att;
typedef struct m_audit {
    const char *action, *type;
    grp_id entity;
} m_audit;
typedef struct m_event {
    int kind;
    grp_id group, person, entity;
} m_event;

#define VEC(T)          \
    struct {            \
        T *v;           \
        size_t n, cap;  \
    }

typedef struct model {
    VEC(m_named) orgs;
    VEC(m_named) people;
    VEC(m_named) groups;
    VEC(m_stint) stints;
    VEC(m_cad) cads;
    VEC(m_sess) sess;
    VEC(m_att) att;
    VEC(m_audit) audit;
    VEC(m_event) events;
} model;

#define VPUSH(vec)                                                                 \
    (((vec).n == (vec).cap                                                         \
          ? ((vec).cap = (vec).cap ? (vec).cap * 2 : 64,                           \
             (vec).v = realloc((vec).v, (vec).cap * sizeof *(vec).v),              \
             (vec).v ? (void)0 : abort())                                          \
          : (void)0),                                                              \
     memset(&(vec).v[(vec).n], 0, sizeof *(vec).v), &(vec).v[(vec).n++])

static void model_free(model *m)
{
    free(m->orgs.v);
    free(m->people.v);
    free(m->groups.v);
    free(m->stints.v);
    free(m->cads.v);
    free(m->sess.v);
    free(m->att.v);
    free(m->audit.v);
    free(m->events.v);
    memset(m, 0, sizeof *m);
}

static void m_add_audit(model *m, const char *action, const char *type, grp_id id)
{
    m_audit *a = VPUSH(m->audit);
    a->action = action;
    a->type = type;
    a->entity = id;
}

static void m_add_event(model *m, int kind, grp_id g, grp_id p, grp_id e)
{
    m_event *ev = VPUSH(m->events);
    ev->kind = kind;
    ev->group = g;
    ev->person = p;
    ev->entity = e;
}

static m_sess *m_find_session(model *m, grp_id id)
{
    for (size_t i = m->sess.n; i-- > 0;)
        if (m->sess.v[i].id == id)
            return &m->sess.v[i];
    return NULL;
}

static int attended(int status)
{
    return status == GRP_ATTEND_PRESENT || status == GRP_ATTEND_LATE || status == GRP_ATTEND_LEFT_EARLY;
}

static void canonical_rrule(char *out, size_t len, const char *text)
{
    grp_rrule *r = NULL;
    char *c = NULL;
    grp_assert_ok(grp_rrule_parse(&r, text));
    grp_assert_ok(grp_rrule_format(&c, r));
    snprintf(out, len, "%s", c);
    grp_free(c);
    grp_rrule_free(r);
}

/* Apply one successful data operation; `id` is its result (the new entity). */
static void m_apply(model *m, const op *o, grp_id id)
{
    switch (o->kind) {
    case OP_OPEN:
    case OP_BEGIN:
    case OP_COMMIT:
    case OP_ROLLBACK:
        return;
    case OP_ORG: {
        m_named *e = VPUSH(m->orgs);
        e->id = id;
        snprintf(e->name, sizeof e->name, "%s", o->name);
        m_add_audit(m, "org.create", "org", id);
        return;
    }
    case OP_PERSON: {
        m_named *e = VPUSH(m->people);
        e->id = id;
        e->org = o->a;
        snprintf(e->name, sizeof e->name, "%s", o->name);
        m_add_audit(m, "person.create", "person", id);
        return;
    }
    case OP_GROUP: {
        m_named *e = VPUSH(m->groups);
        e->id = id;
        e->org = o->a;
        snprintf(e->name, sizeof e->name, "%s", o->name);
        m_add_audit(m, "group.create", "group", id);
        return;
    }
    case OP_CADENCE: {
        m_cad *latest = NULL;
        for (size_t i = 0; i < m->cads.n; i++)
            if (m->cads.v[i].group == o->a)
                latest = &m->cads.v[i];
        m_cad *c;
        if (latest && grp_date_compare(latest->first, o->date) == 0)
            c = latest; /* same start: replaced */
        else {
            if (latest && (!grp_date_is_set(latest->until) || grp_date_compare(o->date, latest->until) < 0))
                latest->until = o->date;
            c = VPUSH(m->cads);
        }
        c->id = id;
        c->group = o->a;
        canonical_rrule(c->rrule, sizeof c->rrule, o->rrule);
        c->first = o->date;
        c->minute = o->hour * 60;
        m_add_audit(m, "cadence.set", "cadence", id);
        m_add_event(m, GRP_EVENT_CADENCE_CHANGED, o->a, 0, id);
        return;
    }
    case OP_JOIN: {
        m_stint *s = VPUSH(m->stints);
        s->id = id;
        s->group = o->a;
        s->person = o->b;
        s->state = GRP_MSTATE_ACTIVE;
        s->began = o->date;
        m_add_audit(m, "member.join", "membership", id);
        m_add_event(m, GRP_EVENT_MEMBER_JOINED, o->a, o->b, id);
        return;
    }
    case OP_LEAVE: {
        m_stint *s = NULL;
        for (size_t i = m->stints.n; i-- > 0 && !s;)
            if (m->stints.v[i].group == o->a && m->stints.v[i].person == o->b &&
                m->stints.v[i].state == GRP_MSTATE_ACTIVE)
                s = &m->stints.v[i];
        if (!s)
            fail_msg("model: LEAVE of group %lld person %lld without an open stint", (long long)o->a,
                     (long long)o->b);
        s->state = GRP_MSTATE_LEFT;
        s->ended = o->date;
        m_add_audit(m, "member.leave", "membership", s->id);
        m_add_event(m, GRP_EVENT_MEMBER_LEFT, o->a, o->b, s->id);
        return;
    }
    case OP_ENSURE: {
        m_sess *x = VPUSH(m->sess);
        x->id = id;
        x->group = o->a;
        x->occ = o->dt;
        x->status = GRP_SESSION_SCHEDULED;
        m_add_audit(m, "session.store", "session", id);
        return;
    }
    case OP_CANCEL: {
        m_sess *x = m_find_session(m, o->a);
        if (!x)
            fail_msg("model: CANCEL of unknown session %lld", (long long)o->a);
        x->status = GRP_SESSION_CANCELLED;
        m_add_audit(m, "session.cancel", "session", x->id);
        m_add_event(m, GRP_EVENT_SESSION_CANCELLED, x->group, 0, x->id);
        return;
    }
    case OP_ATTEND: {
        m_sess *x = m_find_session(m, o->a);
        m_att *a = NULL;
        if (!x)
            fail_msg("model: ATTEND at unknown session %lld", (long long)o->a);
        for (size_t i = m->att.n; i-- > 0 && !a;)
            if (m->att.v[i].session == o->a && m->att.v[i].person == o->b)
                a = &m->att.v[i];
        if (!a) {
            a = VPUSH(m->att);
            a->session = o->a;
            a->person = o->b;
        }
        a->status = o->status;
        a->minutes = o->minutes == -1 ? (attended(o->status) ? 60 : 0) : o->minutes;
        if (o->status != GRP_ATTEND_NOT_RECORDED && x->status == GRP_SESSION_SCHEDULED) {
            x->status = GRP_SESSION_HELD;
            m_add_event(m, GRP_EVENT_FEEDBACK_REQUESTED, x->group, 0, x->id);
        }
        m_add_audit(m, "attendance.record", "session", x->id);
        m_add_event(m, GRP_EVENT_ATTENDANCE_RECORDED, x->group, o->b, x->id);
        return;
    }
    }
}

/* ======================================================================
 * Turning a run's log into committed / in-doubt units
 * ====================================================================== */

typedef struct unit {
    size_t *ops; /* indexes into the run's op list, in order */
    size_t n, cap;
} unit;

static void unit_add(unit *u, size_t i)
{
    if (u->n == u->cap) {
        u->cap = u->cap ? u->cap * 2 : 16;
        u->ops = realloc(u->ops, u->cap * sizeof *u->ops);
        if (!u->ops)
            abort();
    }
    u->ops[u->n++] = i;
}

typedef struct run_stats {
    long committed_ops;   /* data operations known committed */
    long doubt_present;   /* in-doubt units found applied */
    long doubt_absent;    /* in-doubt units found not applied */
    long batch_dropped;   /* batches cut before their COMMIT (must be absent) */
    long killed_in_open;  /* killed before grp_store_open returned */
    long savepoint_drops; /* operations undone by a savepoint rollback */
} run_stats;

/* Audit rows of the store beyond `from` (the model's count), in id order. */
static size_t store_audit_tail(const char *path, size_t from, grp_id *ids, size_t max)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    size_t n = 0;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT entity_id FROM audit ORDER BY id LIMIT -1 OFFSET ?1", -1, &st,
                                        NULL),
                     SQLITE_OK);
    sqlite3_bind_int64(st, 1, (sqlite3_int64)from);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n < max)
            ids[n] = sqlite3_column_int64(st, 0);
        n++;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

/* Apply a run's log to the model, resolving its in-doubt unit against the store. */
static void apply_run(model *m, const oplist *l, const char *store_path, run_stats *stats)
{
    unit batch = {0}, doubt = {0};
    size_t save_mark[8];
    int depth = 0, doubt_kind = 0; /* 1: standalone operation, 2: batch whose COMMIT is in doubt */
    int open_ok = l->n > 0 && l->v[0].kind == OP_OPEN && l->v[0].ok;
    if (!open_ok)
        stats->killed_in_open++;
    for (size_t i = 0; i < l->n; i++) {
        const op *o = &l->v[i];
        int last = i + 1 == l->n;
        if (!o->ok && !last)
            fail_msg("run log: operation %ld has no success line but is not the last", o->n);
        if (o->kind == OP_OPEN)
            continue;
        if (o->kind == OP_BEGIN) {
            if (!o->ok)
                break;
            if (depth >= 8)
                fail_msg("run log: too deep");
            if (depth > 0)
                save_mark[depth] = batch.n;
            depth++;
            continue;
        }
        if (o->kind == OP_ROLLBACK) {
            if (!o->ok)
                break;
            if (depth < 2)
                fail_msg("run log: ROLLBACK outside a savepoint");
            depth--;
            stats->savepoint_drops += (long)(batch.n - save_mark[depth]);
            batch.n = save_mark[depth];
            continue;
        }
        if (o->kind == OP_COMMIT) {
            if (depth != 1)
                fail_msg("run log: COMMIT at depth %d", depth);
            depth = 0;
            if (o->ok) {
                for (size_t k = 0; k < batch.n; k++)
                    m_apply(m, &l->v[batch.ops[k]], l->v[batch.ops[k]].result);
                stats->committed_ops += (long)batch.n;
            } else {
                for (size_t k = 0; k < batch.n; k++)
                    unit_add(&doubt, batch.ops[k]);
                doubt_kind = 2;
            }
            batch.n = 0;
            continue;
        }
        /* a data operation */
        if (depth > 0) {
            if (o->ok)
                unit_add(&batch, i);
            continue; /* not ok: the batch never reached COMMIT */
        }
        if (o->ok) {
            m_apply(m, o, o->result);
            stats->committed_ops++;
        } else {
            unit_add(&doubt, i);
            doubt_kind = 1;
        }
    }
    if (depth > 0)
        stats->batch_dropped++; /* never committed: must be absent */

    if (doubt.n > 0) {
        /* Present or absent? Each operation writes exactly one audit row. */
        grp_id ids[256];
        size_t extra = store_audit_tail(store_path, m->audit.n, ids, 256);
        if (extra == 0)
            stats->doubt_absent++;
        else if (extra == doubt.n) {
            stats->doubt_present++;
            for (size_t k = 0; k < doubt.n; k++) {
                const op *o = &l->v[doubt.ops[k]];
                /* Standalone: no S line, the id comes from the audit row
                 * (membership, session, cadence... or the session for
                 * attendance, which m_apply ignores). */
                grp_id id = doubt_kind == 1 ? ids[k] : o->result;
                if (doubt_kind == 1 && (o->kind == OP_LEAVE || o->kind == OP_CANCEL || o->kind == OP_ATTEND))
                    id = 0;
                m_apply(m, o, id);
            }
        } else
            fail_msg("in-doubt %s of %zu operation(s) left %zu audit row(s): neither all nor nothing",
                     doubt_kind == 1 ? "operation" : "batch", doubt.n, extra);
    }
    free(batch.ops);
    free(doubt.ops);
}

/* ======================================================================
 * Verification
 * ====================================================================== */

static int64_t count_sql(const char *path, const char *sql)
{
    char err[300];
    int64_t v = rel_sqlite_int(path, sql, err, sizeof err);
    if (v == INT64_MIN)
        fail_msg("sqlite3: %s", err);
    return v;
}

static void expect_count(const char *path, const char *table, size_t expected, int kill_no)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    int64_t got = count_sql(path, sql);
    if (got != (int64_t)expected)
        fail_msg("after kill %d: table %s has %lld rows, the model %zu", kill_no, table, (long long)got, expected);
}

static int date_eq(grp_date a, grp_date b)
{
    return a.year == b.year && a.month == b.month && a.day == b.day;
}

/* Sizes of the model's vectors: what was there before a run. */
typedef struct mark {
    size_t orgs, people, groups, stints, cads, sess, att, audit, events;
} mark;

static mark model_mark(const model *m)
{
    mark k = {m->orgs.n, m->people.n, m->groups.n, m->stints.n, m->cads.n, m->sess.n, m->att.n, m->audit.n,
              m->events.n};
    return k;
}

/* Compare the store with the model. Counts, integrity and derived rows are
 * always checked in full; audit rows, events and entities from `from` on
 * (a run only ever touches the entities it created), or all of them when
 * `from` is NULL. */
static void verify(const model *m, const char *path, int kill_no, const mark *from)
{
    static const mark zero = {0, 0, 0, 0, 0, 0, 0, 0, 0};
    if (!from)
        from = &zero;
    char detail[512];
    struct stat sb;
    if (stat(path, &sb) == 0) {
        const char *problem = rel_sqlite_check(path, detail, sizeof detail);
        if (problem)
            fail_msg("after kill %d: %s: %s", kill_no, problem, detail);
    }

    grp_store *s = NULL;
    grp_assert_ok(grp_store_open(&s, path, NULL));

    /* Row counts (sqlite3): nothing more and nothing less than the model. */
    expect_count(path, "org", m->orgs.n, kill_no);
    expect_count(path, "person", m->people.n, kill_no);
    expect_count(path, "grp_group", m->groups.n, kill_no);
    expect_count(path, "membership", m->stints.n, kill_no);
    expect_count(path, "cadence", m->cads.n, kill_no);
    expect_count(path, "session", m->sess.n, kill_no);
    expect_count(path, "attendance", m->att.n, kill_no);
    expect_count(path, "audit", m->audit.n, kill_no);
    expect_count(path, "event", m->events.n, kill_no);
    /* Hours follow attendance in the same transaction: one original entry
     * per attending member, none for anyone else. */
    size_t hours = 0;
    for (size_t i = 0; i < m->att.n; i++)
        hours += attended(m->att.v[i].status);
    expect_count(path, "hours_entry", hours, kill_no);
    int64_t matched = count_sql(path, "SELECT count(*) FROM hours_entry h JOIN attendance a ON a.session_id = "
                                      "h.session_id AND a.person_id = h.person_id WHERE a.status IN (1, 2, 3) AND "
                                      "h.corrects IS NULL");
    if (matched != (int64_t)hours)
        fail_msg("after kill %d: %lld hours entries match attendance, expected %zu", kill_no, (long long)matched,
                 hours);

    /* Every audit row, in order, through the API. */
    grp_actor sys = grp_actor_system();
    grp_audit_iterator *ait;
    grp_audit_entry *ae;
    size_t k = from->audit;
    /* Audit ids and event sequence numbers are dense: row k has id k + 1. */
    grp_assert_ok(grp_audit_iterator_new(&ait, s, &sys, (grp_id)from->audit));
    while (grp_audit_iterator_next(&ae, ait) == 0) {
        if (k >= m->audit.n)
            fail_msg("after kill %d: more audit rows than the model (%zu)", kill_no, m->audit.n);
        const m_audit *x = &m->audit.v[k];
        if (strcmp(grp_audit_entry_action(ae), x->action) || strcmp(grp_audit_entry_entity_type(ae), x->type) ||
            grp_audit_entry_entity_id(ae) != x->entity || grp_audit_entry_id(ae) != (grp_id)k + 1)
            fail_msg("after kill %d: audit row %zu (id %lld) is %s %s %lld, the model says %s %s %lld", kill_no, k,
                     (long long)grp_audit_entry_id(ae), grp_audit_entry_action(ae), grp_audit_entry_entity_type(ae),
                     (long long)grp_audit_entry_entity_id(ae), x->action, x->type, (long long)x->entity);
        grp_audit_entry_free(ae);
        k++;
    }
    grp_audit_iterator_free(ait);
    assert_int_equal(k, m->audit.n);

    /* Every event, in order, through the API. */
    grp_event_iterator *eit;
    grp_event *ev;
    k = from->events;
    grp_assert_ok(grp_events_since(&eit, s, &sys, (int64_t)from->events, 0));
    while (grp_event_iterator_next(&ev, eit) == 0) {
        if (k >= m->events.n)
            fail_msg("after kill %d: more events than the model (%zu)", kill_no, m->events.n);
        const m_event *x = &m->events.v[k];
        if ((int)grp_event_kind_of(ev) != x->kind || grp_event_group_id(ev) != x->group ||
            grp_event_person_id(ev) != x->person || grp_event_entity_id(ev) != x->entity ||
            grp_event_seq(ev) != (int64_t)k + 1)
            fail_msg("after kill %d: event %zu (seq %lld) is %s g%lld p%lld e%lld, the model says %s g%lld p%lld e%lld",
                     kill_no, k, (long long)grp_event_seq(ev), grp_event_kind_name(grp_event_kind_of(ev)), (long long)grp_event_group_id(ev),
                     (long long)grp_event_person_id(ev), (long long)grp_event_entity_id(ev),
                     grp_event_kind_name((grp_event_kind)x->kind), (long long)x->group, (long long)x->person,
                     (long long)x->entity);
        grp_event_free(ev);
        k++;
    }
    grp_event_iterator_free(eit);
    assert_int_equal(k, m->events.n);

    /* Every entity through the API. */
    for (size_t i = from->orgs; i < m->orgs.n; i++) {
        grp_org *o;
        grp_assert_ok(grp_org_get(&o, s, m->orgs.v[i].id));
        assert_string_equal(grp_org_name(o), m->orgs.v[i].name);
        grp_org_free(o);
    }
    for (size_t i = from->people; i < m->people.n; i++) {
        grp_person *p;
        grp_assert_ok(grp_person_get(&p, s, m->people.v[i].id));
        assert_string_equal(grp_person_display_name(p), m->people.v[i].name);
        assert_int_equal(grp_person_org_id(p), m->people.v[i].org);
        grp_person_free(p);
    }
    for (size_t i = from->groups; i < m->groups.n; i++) {
        grp_group *g;
        grp_assert_ok(grp_group_get(&g, s, m->groups.v[i].id));
        assert_string_equal(grp_group_name(g), m->groups.v[i].name);
        grp_group_free(g);
        /* the group's whole history: exactly the model's stints */
        grp_membership_query q = GRP_MEMBERSHIP_QUERY_INIT;
        grp_membership_iterator *mit;
        grp_membership *ms;
        size_t got = 0, want = 0; /* a group's stints all come from its own run */
        q.group_id = m->groups.v[i].id;
        grp_assert_ok(grp_membership_iterator_new(&mit, s, &q));
        while (grp_membership_iterator_next(&ms, mit) == 0) {
            got++;
            grp_membership_free(ms);
        }
        grp_membership_iterator_free(mit);
        for (size_t j = from->stints; j < m->stints.n; j++)
            want += m->stints.v[j].group == m->groups.v[i].id;
        if (got != want)
            fail_msg("after kill %d: group %lld lists %zu stints, the model %zu", kill_no,
                     (long long)m->groups.v[i].id, got, want);
        /* its cadence segments, oldest first */
        grp_cadence_iterator *cit;
        grp_cadence *c;
        size_t j = from->cads;
        grp_assert_ok(grp_cadence_iterator_new(&cit, s, m->groups.v[i].id));
        while (grp_cadence_iterator_next(&c, cit) == 0) {
            while (j < m->cads.n && m->cads.v[j].group != m->groups.v[i].id)
                j++;
            if (j == m->cads.n)
                fail_msg("after kill %d: group %lld has a cadence the model lacks", kill_no,
                         (long long)m->groups.v[i].id);
            const m_cad *x = &m->cads.v[j++];
            assert_int_equal(grp_cadence_id(c), x->id);
            assert_string_equal(grp_cadence_rrule(c), x->rrule);
            assert_true(date_eq(grp_cadence_first_date(c), x->first));
            assert_true(date_eq(grp_cadence_until(c), x->until));
            assert_int_equal(grp_cadence_start_hour(c) * 60 + grp_cadence_start_minute(c), x->minute);
            grp_cadence_free(c);
        }
        grp_cadence_iterator_free(cit);
    }
    for (size_t i = from->stints; i < m->stints.n; i++) {
        const m_stint *x = &m->stints.v[i];
        grp_membership *ms;
        grp_assert_ok(grp_membership_get(&ms, s, x->id));
        assert_int_equal(grp_membership_group_id(ms), x->group);
        assert_int_equal(grp_membership_person_id(ms), x->person);
        if ((int)grp_membership_state_of(ms) != x->state)
            fail_msg("after kill %d: membership %lld is %s, the model says %s", kill_no, (long long)x->id,
                     grp_membership_state_name(grp_membership_state_of(ms)),
                     grp_membership_state_name((grp_membership_state)x->state));
        assert_true(date_eq(grp_membership_began(ms), x->began));
        assert_true(date_eq(grp_membership_ended(ms), x->ended));
        grp_membership_free(ms);
    }
    for (size_t i = from->sess; i < m->sess.n; i++) {
        const m_sess *x = &m->sess.v[i];
        grp_session *ss;
        grp_assert_ok(grp_session_get(&ss, s, x->id));
        assert_int_equal(grp_session_group_id(ss), x->group);
        grp_datetime occ = grp_session_occurrence(ss);
        assert_true(occ.year == x->occ.year && occ.month == x->occ.month && occ.day == x->occ.day &&
                    occ.hour == x->occ.hour && occ.minute == x->occ.minute);
        if ((int)grp_session_status_of(ss) != x->status)
            fail_msg("after kill %d: session %lld is %s, the model says %s", kill_no, (long long)x->id,
                     grp_session_status_name(grp_session_status_of(ss)),
                     grp_session_status_name((grp_session_status)x->status));
        grp_session_free(ss);
    }
    for (size_t i = from->att; i < m->att.n; i++) {
        const m_att *x = &m->att.v[i];
        grp_attendance *a;
        grp_assert_ok(grp_attendance_get(&a, s, x->session, x->person));
        if ((int)grp_attendance_status_of(a) != x->status || grp_attendance_minutes(a) != x->minutes)
            fail_msg("after kill %d: attendance of person %lld at session %lld is %s/%d, the model says %s/%d",
                     kill_no, (long long)x->person, (long long)x->session,
                     grp_attendance_status_name(grp_attendance_status_of(a)), grp_attendance_minutes(a),
                     grp_attendance_status_name((grp_attendance_status)x->status), x->minutes);
        grp_attendance_free(a);
    }
    grp_store_close(s);
}

/* ======================================================================
 * The test
 * ====================================================================== */

typedef struct fx {
    char *dir;
    char path[4096];
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    if (!f || !(f->dir = grp_test_tmpdir()))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/crash.db", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    rel_children_kill_all(); /* also after a failed assertion */
    grp_test_rmtree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

static void test_sigkill_loop(void **state)
{
    fx *f = *state;
    long iterations = rel_env_long("GRP_CRASH_ITERATIONS", 25);
    long max_delay_ms = rel_env_long("GRP_CRASH_MAX_DELAY_MS", 1000);
    uint64_t seed = (uint64_t)rel_env_long("GRP_CRASH_SEED", 20260105);
    rel_rng rng = {seed};
    model m = {0};
    run_stats stats = {0};
    int64_t t0 = rel_now_ms(), verify_ms = 0;
    printf("crash: %ld kills, seed %llu, writer runs up to %ld ms\n", iterations, (unsigned long long)seed,
           max_delay_ms);
    fflush(stdout);

    for (long it = 0; it < iterations; it++) {
        /* Mostly mid-stream; one kill in eight lands in the first 3 ms
         * (store creation, WAL recovery, the first writes). */
        int64_t delay_us = rel_rng_range(&rng, 0, 7) == 0 ? rel_rng_range(&rng, 0, 3000)
                                                          : rel_rng_range(&rng, 3000, max_delay_ms * 1000);
        int pfd[2];
        logbuf lb = {0};
        assert_int_equal(pipe(pfd), 0);
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(pfd[0]);
            writer_main(f->path, pfd[1], (int)it);
            _exit(5); /* not reached */
        }
        rel_child_add(pid);
        close(pfd[1]);
        assert_int_equal(fcntl(pfd[0], F_SETFL, O_NONBLOCK), 0);
        drain_until(pfd[0], &lb, rel_now_us() + delay_us);
        kill(pid, SIGKILL);
        int status = 0;
        if (rel_wait_pid(pid, &status, 10000) != 0)
            fail_msg("writer %d did not die after SIGKILL", (int)pid);
        /* The writer is gone: everything it wrote is in the pipe. */
        assert_int_equal(fcntl(pfd[0], F_SETFL, 0), 0);
        drain(pfd[0], &lb);
        close(pfd[0]);

        oplist l = {0};
        parse_log(&l, lb.v, lb.n);
        free(lb.v);
        if (l.error[0])
            fail_msg("run %ld: the writer failed: %s", it, l.error);
        if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
            fail_msg("run %ld: the writer ended by itself (status 0x%x) before the kill", it, status);

        int64_t v0 = rel_now_ms();
        mark before = model_mark(&m);
        apply_run(&m, &l, f->path, &stats);
        /* What this run wrote after every kill; everything every tenth
         * kill and after the last, so that a later crash that damaged
         * earlier data is caught too. */
        int full = (it + 1) % 10 == 0 || it + 1 == iterations;
        verify(&m, f->path, (int)it + 1, full ? NULL : &before);
        verify_ms += rel_now_ms() - v0;
        free(l.v);
    }
    printf("crash: %ld kills in %lld ms (verification %lld ms): %ld operations committed, in-doubt units "
           "present %ld / absent %ld, batches cut before COMMIT %ld, operations undone by savepoint rollback %ld, "
           "kills before the store was open %ld; store: %zu audit rows, %zu events\n",
           iterations, (long long)(rel_now_ms() - t0), (long long)verify_ms, stats.committed_ops,
           stats.doubt_present, stats.doubt_absent, stats.batch_dropped, stats.savepoint_drops,
           stats.killed_in_open, m.audit.n, m.events.n);
    /* The loop did real work: far more committed operations than kills. */
    assert_true(stats.committed_ops > iterations);
    model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sigkill_loop, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

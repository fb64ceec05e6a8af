/* grpctl: shared parsing, errors and output (see cli.h). */
#include "cli.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- errors ------------------------------------------------------------- */

int gc_exit_code(int rc)
{
    if (rc == GRP_OK)
        return GC_EXIT_OK;
    if (GRP_IS_RULE_ERROR(rc))
        return GC_EXIT_REFUSED;
    switch (rc) {
    case GRP_EINVAL:
    case GRP_EPARSE:
    case GRP_EUNSUPPORTED:
        return GC_EXIT_USAGE;
    case GRP_EACCESS:
    case GRP_EEXISTS:
    case GRP_ESUPPRESSED:
    case GRP_ESTATE:
        return GC_EXIT_REFUSED;
    case GRP_ENOTFOUND:
        return GC_EXIT_NOTFOUND;
    default: /* storage, busy, read-only, not a store, version, memory, closed */
        return GC_EXIT_STORAGE;
    }
}

static const char *hint_for(const gc_ctx *ctx, int rc)
{
    switch (rc) {
    case GRP_EINVAL:
    case GRP_EPARSE:
    case GRP_EUNSUPPORTED:
        return "check the arguments, or the input file, against the command's --help";
    case GRP_ENOTFOUND:
        return "check the id: 'grpctl org list', 'grpctl person list', 'grpctl group list' show what exists";
    case GRP_EEXISTS:
        return "it exists already: choose another external reference, or for an import use --on-existing skip|update";
    case GRP_EACCESS:
        return "act as someone allowed to do this with --as (person:ID or system)";
    case GRP_ESUPPRESSED:
        return "too few responses to report without identifying anyone: widen the period or the scope";
    case GRP_ESTATE:
        return "the entity is not in a state that allows this: 'show' it to see its state";
    case GRP_EBUSY:
        return "another program is writing the store: try again in a moment";
    case GRP_EREADONLY:
        return "the store cannot be written: check the file's permissions";
    case GRP_ENOTSTORE:
        return "the file is not a libgrp store: check --db or GRP_DB";
    case GRP_EVERSION:
        return "the store was written by a newer libgrp: use a newer grpctl";
    case GRP_ERULE_FULL:
        return "the group is full: raise its capacity ('grpctl group set ID --capacity N') or use a waitlist";
    case GRP_ERULE_CLOSED:
        return "the group takes no new members: change its membership policy ('grpctl group set ID --membership open')";
    case GRP_ERULE_ORG:
        return "the person works for another organisation: allow it with 'grpctl group set ID --other-orgs'";
    case GRP_ERULE_ROLE:
        return "the person's job role is not eligible: see 'grpctl group show ID' for the eligible roles";
    case GRP_ERULE_ALREADY:
        return "the person is already in the group on that date: see 'grpctl members GROUP --on DATE'";
    case GRP_ERULE_INACTIVE:
        return "the group is paused or closed: set it active with 'grpctl group status ID active'";
    default:
        (void)ctx;
        return "check the store file and the disk, then try again";
    }
}

int gc_usage(gc_ctx *ctx, const char *fmt, ...)
{
    va_list ap;

    fputs("grpctl: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (ctx->cmd)
        fprintf(stderr, "\nusage: grpctl %s %s\nTry 'grpctl %s --help'.\n", ctx->cmd->name, ctx->cmd->usage,
                ctx->cmd->name);
    else
        fputs("\nTry 'grpctl --help'.\n", stderr);
    ctx->exit = GC_EXIT_USAGE;
    return GC_EXIT_USAGE;
}

static int vfail(gc_ctx *ctx, int rc, const char *fmt, va_list ap)
{
    const grp_error *e = grp_error_last();
    const char *msg = (e->code == rc && e->message[0]) ? e->message : grp_strerror(rc);

    fputs("grpctl: ", stderr);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (%s: %s)\nhint: %s\n", grp_error_name(rc), msg, hint_for(ctx, rc));
    ctx->exit = gc_exit_code(rc);
    return ctx->exit;
}

int gc_fail(gc_ctx *ctx, int rc, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    rc = vfail(ctx, rc, fmt, ap);
    va_end(ap);
    return rc;
}

/* ---- options ------------------------------------------------------------ */

gc_opt *gc_opt_get(gc_opt *opts, size_t nopts, const char *name)
{
    for (size_t i = 0; i < nopts; i++)
        if (strcmp(opts[i].name, name) == 0)
            return &opts[i];
    return NULL;
}

int gc_set_actor(gc_ctx *ctx, const char *text)
{
    grp_id id;

    if (strcmp(text, "system") == 0) {
        ctx->actor = grp_actor_system();
    } else if (strncmp(text, "person:", 7) == 0) {
        if (gc_id(ctx, text + 7, "person id in --as", &id) != 0)
            return ctx->exit;
        ctx->actor = grp_actor_person(id);
    } else {
        return gc_usage(ctx, "invalid --as '%s' (expected 'system' or 'person:ID')", text);
    }
    ctx->actor_text = text;
    return 0;
}

static void print_help(const gc_command *c)
{
    printf("usage: grpctl [GLOBAL OPTIONS] %s %s\n\n%s\n", c->name, c->usage, c->help);
    printf("\nGlobal options: --db FILE, --json, --csv, --as ACTOR, --help (see 'grpctl --help').\n"
           "Exit status: 0 ok, 1 usage, 2 refused by a rule, 3 not found, 4 storage error.\n");
}

int gc_parse(gc_ctx *ctx, int argc, char **argv, gc_opt *opts, size_t nopts, int min_ops, int max_ops, int *nops)
{
    int n = 0, only_operands = 0;

    for (int i = 0; i < argc; i++) {
        char *a = argv[i];
        const char *name, *eq, *value = NULL;
        size_t len;
        gc_opt *o = NULL;

        if (only_operands || a[0] != '-' || a[1] == '\0' || isdigit((unsigned char)a[1])) {
            argv[n++] = a; /* "-" is an operand (stdin/stdout); "-5" reaches the number checks */
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_operands = 1;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            print_help(ctx->cmd);
            ctx->exit = GC_EXIT_OK;
            return -1;
        }
        if (a[1] != '-')
            return gc_usage(ctx, "unknown option '%s'", a), -1;
        name = a + 2;
        eq = strchr(name, '=');
        len = eq ? (size_t)(eq - name) : strlen(name);
        for (size_t k = 0; k < nopts; k++)
            if (strlen(opts[k].name) == len && strncmp(opts[k].name, name, len) == 0)
                o = &opts[k];
        {
            static const char *const globals[] = {"db", "json", "as", "csv"};
            int g = -1;
            for (int k = 0; k < 4 && !o; k++)
                if (strlen(globals[k]) == len && strncmp(globals[k], name, len) == 0)
                    g = k;
            if (!o && g < 0)
                return gc_usage(ctx, "unknown option '--%.*s'", (int)len, name), -1;
            if (!o && (g == 1 || g == 3)) { /* --json, --csv */
                if (eq)
                    return gc_usage(ctx, "option '--%s' takes no value", globals[g]), -1;
                if (g == 1)
                    ctx->json = 1;
                else
                    ctx->csv = 1;
                if (ctx->json && ctx->csv)
                    return gc_usage(ctx, "--json and --csv exclude each other"), -1;
                continue;
            }
            if (!o || o->has_arg) {
                if (eq)
                    value = eq + 1;
                else if (i + 1 < argc)
                    value = argv[++i];
                else
                    return gc_usage(ctx, "option '--%.*s' needs a value", (int)len, name), -1;
            } else if (eq) {
                return gc_usage(ctx, "option '--%s' takes no value", o->name), -1;
            }
            if (!o && g == 0) {
                if (value[0] == '\0')
                    return gc_usage(ctx, "option '--db' needs a file name"), -1;
                ctx->db = value;
                continue;
            }
            if (!o && g == 2) {
                if (gc_set_actor(ctx, value) != 0)
                    return -1;
                continue;
            }
        }
        o->value = value;
        o->seen++;
    }
    if (n < min_ops)
        return gc_usage(ctx, "missing operand (%d given, %d needed)", n, min_ops), -1;
    if (max_ops >= 0 && n > max_ops)
        return gc_usage(ctx, "unexpected operand '%s'", argv[max_ops]), -1;
    *nops = n;
    return 0;
}

int gc_open(gc_ctx *ctx, gc_access access)
{
    grp_store_options o = GRP_STORE_OPTIONS_INIT;
    int rc;

    if (access == GC_READ)
        o.flags = GRP_STORE_READONLY;
    rc = grp_store_open(&ctx->store, ctx->db, &o);
    if (rc == GRP_ENOTFOUND) {
        fprintf(stderr,
                "grpctl: no store file '%s' (%s)\nhint: create it with a command that writes, e.g. "
                "'grpctl --db %s org add NAME', or point --db / GRP_DB at an existing store\n",
                ctx->db, grp_error_last()->message, ctx->db);
        return ctx->exit = GC_EXIT_NOTFOUND;
    }
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot open store '%s'", ctx->db);
    return 0;
}

/* Commands of the form "NOUN VERB ID": parse the one id, open the store. */
int gc_one_id(gc_ctx *ctx, int argc, char **argv, const char *what, gc_access access, grp_id *id)
{
    int n;

    if (gc_parse(ctx, argc, argv, NULL, 0, 1, 1, &n) != 0 || gc_id(ctx, argv[0], what, id) != 0 ||
        gc_open(ctx, access) != 0)
        return -1; /* not ctx->exit: that is 0 after --help */
    return 0;
}

int gc_id_word(gc_ctx *ctx, int argc, char **argv, const char *id_what, const char *word_what, gc_name_fn name_of,
               grp_id *id, int *word)
{
    int n;

    if (gc_parse(ctx, argc, argv, NULL, 0, 2, 2, &n) != 0 || gc_id(ctx, argv[0], id_what, id) != 0 ||
        gc_word(ctx, argv[1], word_what, name_of, word) != 0 || gc_open(ctx, GC_WRITE) != 0)
        return -1;
    return 0;
}

int gc_one_session(gc_ctx *ctx, int argc, char **argv, grp_id *session)
{
    int n;

    if (gc_parse(ctx, argc, argv, NULL, 0, 1, 1, &n) != 0 || gc_open(ctx, gc_session_access(argv[0])) != 0 ||
        gc_session_ref(ctx, argv[0], session) != 0)
        return -1;
    return 0;
}

int gc_show_id(gc_ctx *ctx, int argc, char **argv, const char *what, gc_show_fn show)
{
    grp_id id;

    return gc_one_id(ctx, argc, argv, what, GC_READ, &id) ? ctx->exit : show(ctx, id);
}

int gc_archive(gc_ctx *ctx, int argc, char **argv, const char *noun, int (*archive)(grp_store *store, grp_id id))
{
    char what[64];
    grp_id id;
    int rc;

    snprintf(what, sizeof what, "%s id", noun);
    if (gc_one_id(ctx, argc, argv, what, GC_WRITE, &id) != 0)
        return ctx->exit;
    rc = archive(ctx->store, id);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot archive %s %lld", noun, (long long)id);
    return gc_say(ctx, "archived %s %lld", noun, (long long)id);
}

int gc_list_scope(gc_ctx *ctx, int argc, char **argv, int with_org, grp_id *org, uint32_t *flags)
{
    gc_opt o[] = {{"all", 0}, {"org", 1}};
    int n;

    *org = 0;
    if (gc_parse(ctx, argc, argv, o, with_org ? 2 : 1, 0, 0, &n) != 0 ||
        (o[1].value && gc_id(ctx, o[1].value, "organisation id", org) != 0) || gc_open(ctx, GC_READ) != 0)
        return -1;
    *flags = o[0].seen ? GRP_LIST_INCLUDE_ARCHIVED : 0;
    return 0;
}

int gc_id_dates(gc_ctx *ctx, int argc, char **argv, const char *what, grp_id *id, grp_date *from, grp_date *to)
{
    gc_opt o[] = {{"from", 1}, {"to", 1}};
    int n;

    memset(from, 0, sizeof *from);
    memset(to, 0, sizeof *to);
    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 1, 1, &n) != 0 || gc_id(ctx, argv[0], what, id) != 0 ||
        (o[0].value && gc_date(ctx, o[0].value, "--from date", from) != 0) ||
        (o[1].value && gc_date(ctx, o[1].value, "--to date", to) != 0) || gc_open(ctx, GC_READ) != 0)
        return -1;
    return 0;
}

/* ---- strict parsing ----------------------------------------------------- */

/* Only decimal digits, no sign or space, no overflow. */
static int parse_decimal(const char *text, long long max, long long *out)
{
    long long v = 0;

    if (!text[0])
        return -1;
    for (const char *p = text; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        if (v > (max - (*p - '0')) / 10)
            return -2;
        v = v * 10 + (*p - '0');
    }
    *out = v;
    return 0;
}

int gc_id(gc_ctx *ctx, const char *text, const char *what, grp_id *out)
{
    long long v = 0;
    int rc = parse_decimal(text, INT64_MAX, &v);

    *out = 0; /* defined on failure too */
    if (rc == -2)
        return gc_usage(ctx, "%s '%s' is too large", what, text);
    if (rc != 0 || v == 0)
        return gc_usage(ctx, "invalid %s '%s' (an id is a positive whole number)", what, text);
    *out = (grp_id)v;
    return 0;
}

int gc_int(gc_ctx *ctx, const char *text, const char *what, long min, long max, int *out)
{
    long long v = 0;
    int neg = text[0] == '-';
    int rc = parse_decimal(text + neg, (long long)INT_MAX + 1, &v);

    if (rc == 0 && neg)
        v = -v;
    if (rc != 0)
        return gc_usage(ctx, "invalid %s '%s' (expected a whole number from %ld to %ld)", what, text, min, max);
    if (v < min || v > max)
        return gc_usage(ctx, "%s %s is out of range (%ld to %ld)", what, text, min, max);
    *out = (int)v;
    return 0;
}

int gc_date(gc_ctx *ctx, const char *text, const char *what, grp_date *out)
{
    if (grp_date_parse(out, text) != 0)
        return gc_usage(ctx, "invalid %s '%s' (expected YYYY-MM-DD: %s)", what, text, grp_error_last()->message);
    return 0;
}

int gc_datetime(gc_ctx *ctx, const char *text, const char *what, grp_datetime *out)
{
    if (grp_datetime_parse(out, text) != 0)
        return gc_usage(ctx, "invalid %s '%s' (expected YYYY-MM-DDTHH:MM[:SS]: %s)", what, text,
                        grp_error_last()->message);
    return 0;
}

int gc_instant(gc_ctx *ctx, const char *text, const char *what, grp_time *out)
{
    grp_date d;
    grp_datetime dt = {0, 0, 0, 0, 0, 0};

    if (strlen(text) == 10 && grp_date_parse(&d, text) == 0) {
        dt.year = d.year;
        dt.month = d.month;
        dt.day = d.day;
        if (grp_time_from_utc(out, dt) == 0)
            return 0;
    } else if (grp_time_parse(out, text) == 0) {
        return 0;
    }
    return gc_usage(ctx, "invalid %s '%s' (expected a date YYYY-MM-DD, meaning 00:00 UTC, or an instant "
                    "YYYY-MM-DDTHH:MM:SSZ)", what, text);
}

int gc_clock(gc_ctx *ctx, const char *text, const char *what, int *hour, int *minute)
{
    if (strlen(text) != 5 || !isdigit((unsigned char)text[0]) || !isdigit((unsigned char)text[1]) || text[2] != ':' ||
        !isdigit((unsigned char)text[3]) || !isdigit((unsigned char)text[4]))
        return gc_usage(ctx, "invalid %s '%s' (expected HH:MM)", what, text);
    *hour = (text[0] - '0') * 10 + (text[1] - '0');
    *minute = (text[3] - '0') * 10 + (text[4] - '0');
    if (*hour > 23 || *minute > 59)
        return gc_usage(ctx, "invalid %s '%s' (00:00 to 23:59)", what, text);
    return 0;
}

int gc_word(gc_ctx *ctx, const char *text, const char *what, gc_name_fn name_of, int *out)
{
    char choices[256] = "";
    size_t used = 0;
    const char *w;

    for (int v = 0; (w = name_of(v)) != NULL; v++) {
        if (strcmp(w, text) == 0) {
            *out = v;
            return 0;
        }
        used += (size_t)snprintf(choices + used, used < sizeof choices ? sizeof choices - used : 0, "%s%s",
                                 v ? ", " : "", w);
    }
    return gc_usage(ctx, "invalid %s '%s' (one of: %s)", what, text, choices);
}

int gc_list(gc_ctx *ctx, const char *text, const char *what, grp_strarray *out)
{
    size_t n = 1;
    char *copy, *p;

    out->strings = NULL;
    out->count = 0;
    for (const char *q = text; *q; q++)
        n += *q == ',';
    copy = strdup(text);
    out->strings = calloc(n + 1, sizeof *out->strings);
    if (!copy || !out->strings) {
        free(copy);
        free(out->strings);
        out->strings = NULL;
        return gc_fail(ctx, GRP_ENOMEM, "cannot read %s", what);
    }
    /* strings[n] keeps the buffer so that gc_list_free can release it */
    out->strings[n] = copy;
    p = copy;
    for (size_t i = 0; i < n; i++) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (!*p) {
            out->count = n;
            gc_list_free(out);
            return gc_usage(ctx, "invalid %s '%s' (an empty item)", what, text);
        }
        out->strings[i] = p;
        p = comma ? comma + 1 : p + strlen(p);
    }
    out->count = n;
    return 0;
}

void gc_list_free(grp_strarray *list)
{
    if (list->strings)
        free(list->strings[list->count]);
    free(list->strings);
    list->strings = NULL;
    list->count = 0;
}

gc_access gc_session_access(const char *ref)
{
    return ref && strchr(ref, '@') ? GC_WRITE : GC_READ;
}

int gc_session_ref(gc_ctx *ctx, const char *text, grp_id *out)
{
    const char *at = strchr(text, '@');
    char gid[32];
    grp_id group;
    grp_datetime occ;
    int rc;

    if (!at)
        return gc_id(ctx, text, "session id", out);
    if ((size_t)(at - text) >= sizeof gid)
        return gc_usage(ctx, "invalid session '%s' (expected ID or GROUP@YYYY-MM-DDTHH:MM)", text);
    memcpy(gid, text, (size_t)(at - text));
    gid[at - text] = '\0';
    if (gc_id(ctx, gid, "group id in the session", &group) != 0 ||
        gc_datetime(ctx, at + 1, "session start in the session", &occ) != 0)
        return ctx->exit;
    /* Storing the occurrence is part of the command: main() commits it only if the command succeeds. */
    if (grp_store_transaction_depth(ctx->store) == 0 && (rc = grp_store_begin(ctx->store)) != 0)
        return gc_fail(ctx, rc, "cannot use session '%s'", text);
    rc = grp_session_ensure(out, ctx->store, group, occ);
    if (rc != 0)
        return gc_fail(ctx, rc, "no session '%s'", text);
    return 0;
}

/* ---- tables ------------------------------------------------------------- */

void gc_table_init(gc_table *t, const gc_col *cols, size_t ncols)
{
    memset(t, 0, sizeof *t);
    t->cols = cols;
    t->ncols = ncols;
}

void gc_table_dispose(gc_table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    t->cells = NULL;
    t->nrows = t->cap = 0;
}

void gc_table_row(gc_table *t)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 8;
        char **cells = realloc(t->cells, cap * t->ncols * sizeof *cells);
        if (!cells) {
            t->oom = 1;
            return;
        }
        t->cells = cells;
        t->cap = cap;
    }
    for (size_t c = 0; c < t->ncols; c++)
        t->cells[t->nrows * t->ncols + c] = NULL;
    t->nrows++;
}

void gc_set(gc_table *t, size_t col, const char *text)
{
    char **cell;

    if (t->nrows == 0 || col >= t->ncols)
        return;
    cell = &t->cells[(t->nrows - 1) * t->ncols + col];
    free(*cell);
    *cell = NULL;
    if (text && !(*cell = strdup(text)))
        t->oom = 1;
}

void gc_set_id(gc_table *t, size_t col, grp_id id)
{
    char buf[32];

    snprintf(buf, sizeof buf, "%lld", (long long)id);
    gc_set(t, col, id ? buf : NULL);
}

void gc_set_int(gc_table *t, size_t col, long long v)
{
    char buf[32];

    snprintf(buf, sizeof buf, "%lld", v);
    gc_set(t, col, buf);
}

void gc_set_bool(gc_table *t, size_t col, int v)
{
    gc_set(t, col, v ? "true" : "false");
}

void gc_set_date(gc_table *t, size_t col, grp_date d)
{
    char buf[16];

    gc_set(t, col, grp_date_is_set(d) && grp_date_format(buf, sizeof buf, d) == 0 ? buf : NULL);
}

void gc_set_datetime(gc_table *t, size_t col, grp_datetime dt)
{
    char buf[32];

    gc_set(t, col, grp_datetime_format(buf, sizeof buf, dt) == 0 ? buf : NULL);
}

void gc_set_time(gc_table *t, size_t col, grp_time tm)
{
    char buf[32];

    gc_set(t, col, grp_time_format(buf, sizeof buf, tm) == 0 ? buf : NULL);
}

void gc_set_person_name(gc_ctx *ctx, gc_table *t, size_t col, grp_id id)
{
    grp_person *p = NULL;

    if (grp_person_get(&p, ctx->store, id) == 0)
        gc_set(t, col, grp_person_display_name(p));
    grp_person_free(p);
}

static cJSON *json_cell(const gc_col *col, const char *text)
{
    if (!text)
        return cJSON_CreateNull();
    switch (col->type) {
    case GC_INT:
    case GC_DEC:
        return cJSON_CreateNumber(strtod(text, NULL));
    case GC_BOOL:
        return cJSON_CreateBool(strcmp(text, "true") == 0);
    default: /* text, dates and ids (as strings, like libgrp's JSON: 64-bit ids do not fit a double) */
        return cJSON_CreateString(text);
    }
}

static cJSON *json_row(const gc_table *t, size_t r)
{
    cJSON *o = cJSON_CreateObject();

    for (size_t c = 0; o && c < t->ncols; c++) {
        cJSON *v = json_cell(&t->cols[c], t->cells[r * t->ncols + c]);
        if (!v || !cJSON_AddItemToObject(o, t->cols[c].name, v)) {
            cJSON_Delete(v);
            cJSON_Delete(o);
            return NULL;
        }
    }
    return o;
}

static int print_json(gc_ctx *ctx, cJSON *doc)
{
    char *text = doc ? cJSON_PrintUnformatted(doc) : NULL;
    int rc;

    cJSON_Delete(doc);
    if (!text)
        return gc_fail(ctx, GRP_ENOMEM, "cannot write the JSON output");
    rc = gc_write_stdout(ctx, text, strlen(text));
    if (rc == 0)
        rc = gc_write_stdout(ctx, "\n", 1);
    cJSON_free(text);
    return rc;
}

int gc_write_stdout(gc_ctx *ctx, const char *text, size_t len)
{
    if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
        fprintf(stderr, "grpctl: cannot write the output (%s)\nhint: check where the output goes (disk full?)\n",
                strerror(errno));
        return ctx->exit = GC_EXIT_STORAGE;
    }
    return 0;
}

static void csv_field(const char *s)
{
    if (!s)
        return; /* no value: an empty field */
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"')
            putchar('"');
        putchar(*s);
    }
    putchar('"');
}

/* RFC 4180: a header row, then rows [first, last), CRLF line ends. */
static int emit_csv(gc_ctx *ctx, const gc_table *t, size_t first, size_t last)
{
    for (size_t c = 0; c < t->ncols; c++) {
        csv_field(t->cols[c].name);
        fputs(c + 1 < t->ncols ? "," : "\r\n", stdout);
    }
    for (size_t r = first; r < last; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            csv_field(t->cells[r * t->ncols + c]);
            fputs(c + 1 < t->ncols ? "," : "\r\n", stdout);
        }
    return gc_write_stdout(ctx, "", 0);
}

static const char *shown(const char *cell)
{
    return cell ? cell : "-";
}

static int emit_list(gc_ctx *ctx, gc_table *t)
{
    if (t->oom)
        return gc_fail(ctx, GRP_ENOMEM, "cannot build the output");
    if (ctx->json) {
        cJSON *a = cJSON_CreateArray();
        for (size_t r = 0; a && r < t->nrows; r++) {
            cJSON *o = json_row(t, r);
            if (!o || !cJSON_AddItemToArray(a, o)) {
                cJSON_Delete(o);
                cJSON_Delete(a);
                a = NULL;
            }
        }
        return print_json(ctx, a);
    }
    if (ctx->csv)
        return emit_csv(ctx, t, 0, t->nrows);
    {
        size_t w[64] = {0};
        size_t nc = t->ncols < 64 ? t->ncols : 64;
        for (size_t c = 0; c < nc; c++) {
            w[c] = strlen(t->cols[c].name);
            for (size_t r = 0; r < t->nrows; r++) {
                size_t l = strlen(shown(t->cells[r * t->ncols + c]));
                if (l > w[c])
                    w[c] = l;
            }
        }
        for (size_t r = 0; r <= t->nrows; r++) {
            for (size_t c = 0; c < nc; c++) {
                const char *s = r == 0 ? t->cols[c].name : shown(t->cells[(r - 1) * t->ncols + c]);
                if (c + 1 < nc)
                    printf("%-*s  ", (int)w[c], s);
                else
                    printf("%s\n", s);
            }
        }
    }
    return gc_write_stdout(ctx, "", 0);
}

static int emit_record(gc_ctx *ctx, gc_table *t)
{
    size_t w = 0;

    if (t->oom || t->nrows == 0)
        return gc_fail(ctx, GRP_ENOMEM, "cannot build the output");
    if (ctx->json)
        return print_json(ctx, json_row(t, 0));
    if (ctx->csv)
        return emit_csv(ctx, t, 0, 1);
    for (size_t c = 0; c < t->ncols; c++)
        if (strlen(t->cols[c].name) > w)
            w = strlen(t->cols[c].name);
    for (size_t c = 0; c < t->ncols; c++)
        printf("%s:%*s %s\n", t->cols[c].name, (int)(w - strlen(t->cols[c].name)), "", shown(t->cells[c]));
    return gc_write_stdout(ctx, "", 0);
}

int gc_emit_list(gc_ctx *ctx, gc_table *t)
{
    int rc = emit_list(ctx, t);

    gc_table_dispose(t);
    return rc;
}

int gc_emit_record(gc_ctx *ctx, gc_table *t)
{
    int rc = emit_record(ctx, t);

    gc_table_dispose(t);
    return rc;
}

int gc_finish_list(gc_ctx *ctx, gc_table *t, int rc, const char *what)
{
    if (rc == GRP_ITEROVER)
        return gc_emit_list(ctx, t);
    gc_table_dispose(t);
    return gc_fail(ctx, rc, "%s", what);
}

int gc_run_list(gc_ctx *ctx, int rc, void *it, const gc_kind *k, size_t ncols, const char *fmt, ...)
{
    gc_table t;

    if (rc != 0) {
        va_list ap;
        va_start(ap, fmt);
        rc = vfail(ctx, rc, fmt, ap);
        va_end(ap);
        return rc;
    }
    gc_table_init(&t, k->cols, ncols ? ncols : k->ncols);
    while ((rc = k->next(ctx, it, &t)) == 0)
        ;
    k->free_it(it);
    return gc_finish_list(ctx, &t, rc, k->what);
}

int gc_emit_one(gc_ctx *ctx, const gc_kind *k, const void *rec)
{
    gc_table t;

    gc_table_init(&t, k->cols, k->ncols);
    k->row(ctx, &t, rec);
    return gc_emit_record(ctx, &t);
}

int gc_say(gc_ctx *ctx, const char *fmt, ...)
{
    char buf[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (ctx->json) {
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddTrueToObject(o, "ok") || !cJSON_AddStringToObject(o, "message", buf)) {
            cJSON_Delete(o);
            o = NULL;
        }
        return print_json(ctx, o);
    }
    printf("%s\n", buf);
    return gc_write_stdout(ctx, "", 0);
}

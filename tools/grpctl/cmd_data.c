/* grpctl: reports, export and import (JSON, NDJSON, CSV) and iCalendar. */
#include "cli.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reports ------------------------------------------------------------ */

static gc_type col_type(grp_report_column_type t)
{
    switch (t) {
    case GRP_REPORT_COL_ID:
        return GC_ID;
    case GRP_REPORT_COL_INTEGER:
        return GC_INT;
    case GRP_REPORT_COL_DECIMAL:
        return GC_DEC;
    case GRP_REPORT_COL_BOOLEAN:
        return GC_BOOL;
    case GRP_REPORT_COL_DATE:
        return GC_DATE;
    default:
        return GC_TEXT;
    }
}

/* Print a finished report: a title and a table; JSON and CSV as libgrp writes them. */
static int emit_report(gc_ctx *ctx, grp_report *r)
{
    size_t nc = grp_report_column_count(r);
    gc_col *cols;
    gc_table t;
    char *text = NULL;
    int rc;

    if (ctx->json || ctx->csv) {
        rc = ctx->json ? grp_report_write_json(&text, r) : grp_report_write_csv(&text, r);
        if (rc != 0)
            return gc_fail(ctx, rc, "cannot write the report");
        rc = gc_write_stdout(ctx, text, strlen(text));
        grp_free(text);
        return rc;
    }
    cols = calloc(nc ? nc : 1, sizeof *cols);
    if (!cols)
        return gc_fail(ctx, GRP_ENOMEM, "cannot print the report");
    for (size_t c = 0; c < nc; c++) {
        cols[c].name = grp_report_column_name(r, c);
        cols[c].type = col_type(grp_report_column_type_of(r, c));
    }
    gc_table_init(&t, cols, nc);
    for (size_t row = 0; row < grp_report_row_count(r); row++) {
        gc_table_row(&t);
        for (size_t c = 0; c < nc; c++)
            gc_set(&t, c, grp_report_cell(r, row, c));
    }
    printf("%s\n\n", grp_report_title(r));
    rc = gc_emit_list(ctx, &t);
    free(cols);
    return rc;
}

/* @p r is read after the builder ran (it is an argument beside the builder's call). */
static int finish_report(gc_ctx *ctx, int rc, grp_report **r, const char *what)
{
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot build the %s report as %s", what, ctx->actor_text);
    rc = emit_report(ctx, *r);
    grp_report_free(*r);
    return rc;
}

/* The report builders over a period of instants, and over optional dates. */
typedef int (*period_report_fn)(grp_report **out, grp_store *store, const grp_actor *actor, grp_id id, grp_time from,
                                grp_time to);
typedef int (*dated_report_fn)(grp_report **out, grp_store *store, const grp_actor *actor, grp_id id, grp_date from,
                               grp_date to);

/* "report KIND ID FROM TO" with FROM/TO instants; @p what names the id, @p name the report. */
static int period_report(gc_ctx *ctx, int argc, char **argv, const char *what, period_report_fn build,
                         const char *name)
{
    grp_report *r = NULL;
    grp_time from, to;
    grp_id id;
    int n;

    if (gc_parse(ctx, argc, argv, NULL, 0, 3, 3, &n) != 0 || gc_id(ctx, argv[0], what, &id) != 0 ||
        gc_instant(ctx, argv[1], "FROM", &from) != 0 || gc_instant(ctx, argv[2], "TO", &to) != 0 ||
        gc_open(ctx, GC_READ) != 0)
        return ctx->exit;
    return finish_report(ctx, build(&r, ctx->store, &ctx->actor, id, from, to), &r, name);
}

/* "report KIND ID [--from DATE] [--to DATE]". */
static int dated_report(gc_ctx *ctx, int argc, char **argv, const char *what, dated_report_fn build, const char *name)
{
    grp_report *r = NULL;
    grp_date from, to;
    grp_id id;

    if (gc_id_dates(ctx, argc, argv, what, &id, &from, &to) != 0)
        return ctx->exit;
    return finish_report(ctx, build(&r, ctx->store, &ctx->actor, id, from, to), &r, name);
}

static int report_attendance(gc_ctx *ctx, int argc, char **argv)
{
    return period_report(ctx, argc, argv, "group id", grp_report_attendance, "attendance");
}

static int report_attendance_org(gc_ctx *ctx, int argc, char **argv)
{
    return period_report(ctx, argc, argv, "organisation id", grp_report_attendance_org, "organisation attendance");
}

static int report_hours(gc_ctx *ctx, int argc, char **argv)
{
    return dated_report(ctx, argc, argv, "person id", grp_report_hours, "hours");
}

static int report_membership(gc_ctx *ctx, int argc, char **argv)
{
    return dated_report(ctx, argc, argv, "group id", grp_report_membership_changes, "membership");
}

static int report_goals(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"as-of", 1}};
    grp_report *r = NULL;
    grp_date as_of = {0, 0, 0};
    grp_id id;
    int n;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 1, 1, &n) != 0 || gc_id(ctx, argv[0], "group id", &id) != 0 ||
        (o[0].value && gc_date(ctx, o[0].value, "--as-of date", &as_of) != 0) || gc_open(ctx, GC_READ) != 0)
        return ctx->exit;
    return finish_report(ctx, grp_report_goals(&r, ctx->store, &ctx->actor, id, as_of), &r, "goals");
}

static int report_feedback(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"session", 1}, {"group", 1}, {"facilitator", 1}, {"org", 1}, {"from", 1}, {"to", 1}, {"form", 1}};
    grp_feedback_scope scope = GRP_FEEDBACK_SCOPE_INIT;
    grp_report *r = NULL;
    int n, scopes = 0;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 0, 0, &n) != 0)
        return ctx->exit;
    for (int i = 0; i < 4; i++)
        scopes += o[i].seen ? 1 : 0;
    if (scopes != 1)
        return gc_usage(ctx, "give exactly one of --session, --group, --facilitator, --org");
    if ((o[1].value && gc_id(ctx, o[1].value, "group id", &scope.group_id) != 0) ||
        (o[2].value && gc_id(ctx, o[2].value, "facilitator id", &scope.facilitator_id) != 0) ||
        (o[3].value && gc_id(ctx, o[3].value, "organisation id", &scope.org_id) != 0) ||
        (o[4].value && gc_instant(ctx, o[4].value, "--from", &scope.from) != 0) ||
        (o[5].value && gc_instant(ctx, o[5].value, "--to", &scope.to) != 0) ||
        (o[6].value && gc_id(ctx, o[6].value, "form id", &scope.form_id) != 0))
        return ctx->exit;
    if (gc_open(ctx, gc_session_access(o[0].value)) != 0 ||
        (o[0].value && gc_session_ref(ctx, o[0].value, &scope.session_id) != 0))
        return ctx->exit;
    return finish_report(ctx, grp_report_feedback(&r, ctx->store, &ctx->actor, &scope), &r, "feedback");
}

/* ---- export and import -------------------------------------------------- */

static const char *format_word(int v)
{
    static const char *const w[] = {"json", "ndjson", "csv"};
    return v >= 0 && v < 3 ? w[v] : NULL;
}

static const char *existing_word(int v)
{
    static const char *const w[] = {"fail", "skip", "update"};
    return v >= 0 && v < 3 ? w[v] : NULL;
}

static int to_stdout(void *payload, const char *data, size_t len)
{
    (void)payload;
    return fwrite(data, 1, len, stdout) == len ? 0 : -1;
}

static int export_cmd(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"org", 1}, {"group", 1}, {"pretty", 0}};
    grp_json_export_options eo = GRP_JSON_EXPORT_OPTIONS_INIT;
    const char *file;
    char *text = NULL;
    int n, fmt, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 1, 2, &n) != 0 || gc_word(ctx, argv[0], "format", format_word, &fmt) != 0)
        return ctx->exit;
    if (fmt == 2)
        return gc_usage(ctx, "CSV is written by the list commands and reports with --csv "
                             "(e.g. 'grpctl --csv person list > people.csv')");
    if (o[0].seen && o[1].seen)
        return gc_usage(ctx, "--org and --group exclude each other");
    if (o[2].seen && fmt == 1)
        return gc_usage(ctx, "--pretty is for json (NDJSON is one record a line)");
    if ((o[0].value && gc_id(ctx, o[0].value, "organisation id", &eo.org_id) != 0) ||
        (o[1].value && gc_id(ctx, o[1].value, "group id", &eo.group_id) != 0) || gc_open(ctx, GC_READ) != 0)
        return ctx->exit;
    eo.pretty = o[2].seen ? 1 : 0;
    file = n == 2 && strcmp(argv[1], "-") != 0 ? argv[1] : NULL;
    if (file) {
        rc = fmt == 0 ? grp_json_export_to_file(file, ctx->store, &ctx->actor, &eo)
                      : grp_ndjson_export_to_file(file, ctx->store, &ctx->actor, &eo);
        if (rc != 0)
            return gc_fail(ctx, rc, "cannot export to '%s'", file);
        return gc_say(ctx, "exported the store as %s to %s", argv[0], file);
    }
    if (fmt == 1) {
        rc = grp_ndjson_export(ctx->store, &ctx->actor, to_stdout, NULL, &eo);
        if (rc != 0)
            return gc_fail(ctx, rc, "cannot export as ndjson");
        return gc_write_stdout(ctx, "", 0);
    }
    rc = grp_json_export(&text, ctx->store, &ctx->actor, &eo);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot export as json");
    rc = gc_write_stdout(ctx, text, strlen(text));
    if (rc == 0 && (!*text || text[strlen(text) - 1] != '\n'))
        rc = gc_write_stdout(ctx, "\n", 1);
    grp_free(text);
    return rc;
}

static int from_stdin(void *payload, char *buf, size_t size, size_t *got)
{
    (void)payload;
    *got = fread(buf, 1, size, stdin);
    return ferror(stdin) ? -1 : 0;
}

/* Read all of stdin (for a JSON document given as "-"). */
static int slurp_stdin(gc_ctx *ctx, char **out, size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);

    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, stdin);
        n += got;
        if (n < cap) {
            if (ferror(stdin)) {
                free(buf);
                fprintf(stderr, "grpctl: cannot read stdin (%s)\n", strerror(errno));
                return ctx->exit = GC_EXIT_STORAGE;
            }
            *out = buf;
            *len = n;
            return 0;
        }
        if (cap > GRP_JSON_DEFAULT_MAX_BYTES) {
            *out = buf;
            *len = n;
            return 0; /* the import refuses it with its own message */
        }
        cap *= 2;
        {
            char *bigger = realloc(buf, cap);
            if (!bigger)
                free(buf);
            buf = bigger;
        }
    }
    return gc_fail(ctx, GRP_ENOMEM, "cannot read stdin");
}

static int import_csv(gc_ctx *ctx, const char *kind, const char *file, const gc_opt *org_opt);

static int emit_import_result(gc_ctx *ctx, const size_t *created, size_t skipped, size_t updated, size_t reused,
                              size_t lines)
{
    gc_col cols[GRP_JSON_KIND_COUNT + 4];
    gc_table t;
    size_t nc = 0;

    for (int k = 0; k < GRP_JSON_KIND_COUNT; k++)
        cols[nc++] = (gc_col){grp_json_kind_name((grp_json_kind)k), GC_INT};
    cols[nc++] = (gc_col){"skipped", GC_INT};
    cols[nc++] = (gc_col){"updated", GC_INT};
    cols[nc++] = (gc_col){"reused", GC_INT};
    if (lines)
        cols[nc++] = (gc_col){"lines", GC_INT};
    gc_table_init(&t, cols, nc);
    gc_table_row(&t);
    for (int k = 0; k < GRP_JSON_KIND_COUNT; k++)
        gc_set_int(&t, (size_t)k, (long long)created[k]);
    gc_set_int(&t, GRP_JSON_KIND_COUNT, (long long)skipped);
    gc_set_int(&t, GRP_JSON_KIND_COUNT + 1, (long long)updated);
    gc_set_int(&t, GRP_JSON_KIND_COUNT + 2, (long long)reused);
    if (lines)
        gc_set_int(&t, GRP_JSON_KIND_COUNT + 3, (long long)lines);
    return gc_emit_record(ctx, &t);
}

static int import_cmd(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"on-existing", 1}, {"batch", 1}, {"org", 1}, {"max-mib", 1}};
    const char *file;
    int n, fmt, existing = 0, batch = 0, max_mib = -1, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 2, 3, &n) != 0 ||
        gc_word(ctx, argv[0], "format", format_word, &fmt) != 0)
        return ctx->exit;
    if (fmt == 2) {
        if (n != 3)
            return gc_usage(ctx, "usage for CSV: grpctl import csv people FILE [--org ORG]");
        if (o[0].seen || o[1].seen || o[3].seen)
            return gc_usage(ctx, "--on-existing, --batch and --max-mib are for json and ndjson");
        return import_csv(ctx, argv[1], argv[2], &o[2]);
    }
    if (n != 2)
        return gc_usage(ctx, "unexpected operand '%s'", argv[2]);
    if (o[2].seen)
        return gc_usage(ctx, "--org is for CSV imports");
    if ((o[0].value && gc_word(ctx, o[0].value, "--on-existing", existing_word, &existing) != 0) ||
        (o[1].value && gc_int(ctx, o[1].value, "--batch", 0, 1000000000, &batch) != 0) ||
        (o[3].value && gc_int(ctx, o[3].value, "--max-mib", 0, 1000000000, &max_mib) != 0))
        return ctx->exit;
    if (o[1].seen && fmt == 0)
        return gc_usage(ctx, "--batch is for ndjson (a JSON document is imported in one transaction)");
    if (o[3].seen && fmt == 1)
        return gc_usage(ctx, "--max-mib is for json (an NDJSON stream has no size limit)");
    file = argv[1];
    if (gc_open(ctx, GC_WRITE) != 0)
        return ctx->exit;
    if (fmt == 0) {
        grp_json_import_options io = GRP_JSON_IMPORT_OPTIONS_INIT;
        grp_json_import_result res;
        io.on_existing = (grp_json_existing)existing;
        if (max_mib == 0)
            io.max_bytes = SIZE_MAX;
        else if (max_mib > 0)
            io.max_bytes = (size_t)max_mib * 1024 * 1024;
        if (strcmp(file, "-") == 0) {
            char *text = NULL;
            size_t len = 0;
            if (slurp_stdin(ctx, &text, &len) != 0)
                return ctx->exit;
            rc = grp_json_import(&res, ctx->store, &ctx->actor, text, len, &io);
            free(text);
        } else {
            rc = grp_json_import_file(&res, ctx->store, &ctx->actor, file, &io);
        }
        if (rc != 0)
            return gc_fail(ctx, rc, "cannot import '%s'; nothing was imported", file);
        return emit_import_result(ctx, res.created, res.skipped, res.updated, res.reused, 0);
    } else {
        grp_ndjson_import_options io = GRP_NDJSON_IMPORT_OPTIONS_INIT;
        grp_ndjson_import_result res;
        io.on_existing = (grp_json_existing)existing;
        io.batch_records = (size_t)batch;
        rc = strcmp(file, "-") == 0 ? grp_ndjson_import(&res, ctx->store, &ctx->actor, from_stdin, NULL, &io)
                                    : grp_ndjson_import_file(&res, ctx->store, &ctx->actor, file, &io);
        if (rc != 0) {
            if (batch)
                return gc_fail(ctx, rc, "cannot import '%s'; the first %zu lines were committed", file,
                               res.committed_lines);
            return gc_fail(ctx, rc, "cannot import '%s'; nothing was imported", file);
        }
        return emit_import_result(ctx, res.created, res.skipped, res.updated, res.reused, res.lines);
    }
}

/* ---- CSV import of people ----------------------------------------------- */

/* One RFC 4180 record from @p f into @p fields (at most @p max). Returns the number of fields, 0 at the end, -1 if malformed. */
static int csv_record(FILE *f, char *buf, size_t size, char **fields, int max)
{
    int c, n = 0, quoted = 0;
    size_t used = 0;

    c = fgetc(f);
    if (c == EOF)
        return 0;
    fields[n++] = buf;
    for (;; c = fgetc(f)) {
        if (used + 1 >= size)
            return -1;
        if (quoted) {
            if (c == EOF)
                return -1;
            if (c == '"') {
                int d = fgetc(f);
                if (d != '"') {
                    quoted = 0;
                    ungetc(d, f);
                    continue;
                }
            }
            buf[used++] = (char)c;
            continue;
        }
        if (c == '"' && (used == 0 || buf[used - 1] == '\0')) {
            quoted = 1;
        } else if (c == ',') {
            buf[used++] = '\0';
            if (n == max)
                return -1;
            fields[n++] = buf + used;
        } else if (c == '\r') {
            continue;
        } else if (c == '\n' || c == EOF) {
            buf[used] = '\0';
            return n;
        } else {
            buf[used++] = (char)c;
        }
    }
}

static int import_csv(gc_ctx *ctx, const char *kind, const char *file, const gc_opt *org_opt)
{
    enum { C_ORG, C_NAME, C_ROLE, C_EMAIL, C_REF, C_COUNT };
    static const char *const names[C_COUNT] = {"org_id", "name", "job_role", "email", "external_ref"};
    int col[C_COUNT] = {-1, -1, -1, -1, -1};
    char buf[8192], *fields[64];
    grp_id org = 0;
    FILE *f;
    int nf, line = 1, rc = 0, added = 0;

    if (strcmp(kind, "people") != 0)
        return gc_usage(ctx, "CSV import knows 'people' only (got '%s')", kind);
    if (org_opt->value && gc_id(ctx, org_opt->value, "organisation id", &org) != 0)
        return ctx->exit;
    f = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
    if (!f) {
        fprintf(stderr, "grpctl: cannot open '%s' (%s)\nhint: check the file name\n", file, strerror(errno));
        return ctx->exit = errno == ENOENT ? GC_EXIT_NOTFOUND : GC_EXIT_STORAGE;
    }
    nf = csv_record(f, buf, sizeof buf, fields, 64);
    for (int i = 0; i < nf; i++)
        for (int k = 0; k < C_COUNT; k++)
            if (strcmp(fields[i], names[k]) == 0)
                col[k] = i;
    if (nf <= 0 || col[C_NAME] < 0)
        rc = gc_usage(ctx, "'%s' has no header row with a 'name' column (as 'grpctl --csv person list' writes)", file);
    else if (col[C_ORG] < 0 && !org)
        rc = gc_usage(ctx, "'%s' has no 'org_id' column: give --org ORG", file);
    if (rc == 0 && gc_open(ctx, GC_WRITE) == 0 && (rc = grp_store_begin(ctx->store)) != 0)
        rc = gc_fail(ctx, rc, "cannot start the import");
    else if (rc == 0)
        rc = ctx->exit;
    while (rc == 0 && (nf = csv_record(f, buf, sizeof buf, fields, 64)) != 0) {
        grp_person_spec spec = GRP_PERSON_SPEC_INIT;
        const char *v[C_COUNT] = {NULL};
        line++;
        if (nf < 0) {
            rc = gc_usage(ctx, "%s:%d: malformed CSV record (unbalanced quotes or over 8 KiB)", file, line);
            break;
        }
        if (nf == 1 && fields[0][0] == '\0')
            continue; /* a blank line */
        for (int k = 0; k < C_COUNT; k++)
            v[k] = col[k] >= 0 && col[k] < nf && fields[col[k]][0] ? fields[col[k]] : NULL;
        spec.org_id = org;
        if (!org && (!v[C_ORG] || gc_id(ctx, v[C_ORG], "org_id", &spec.org_id) != 0)) {
            rc = v[C_ORG] ? ctx->exit : gc_usage(ctx, "%s:%d: no org_id", file, line);
            break;
        }
        spec.display_name = v[C_NAME] ? v[C_NAME] : "";
        spec.job_role = v[C_ROLE];
        spec.email = v[C_EMAIL];
        spec.external_ref = v[C_REF];
        rc = grp_person_create(NULL, ctx->store, &spec);
        if (rc != 0) {
            rc = gc_fail(ctx, rc, "%s:%d: cannot add person '%s'; nothing was imported", file, line,
                         spec.display_name);
            break;
        }
        added++;
    }
    if (f != stdin)
        fclose(f);
    if (!ctx->store || grp_store_transaction_depth(ctx->store) == 0)
        return rc;
    if (rc != 0) {
        grp_store_rollback(ctx->store);
        return rc;
    }
    rc = grp_store_commit(ctx->store);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot commit the import");
    return gc_say(ctx, "imported %d people from %s", added, file);
}

/* ---- iCalendar ---------------------------------------------------------- */

/* GROUP or GROUP,GROUP,...: the ids, each a valid id (*n of them). */
static int group_list(gc_ctx *ctx, const char *text, grp_id *ids, size_t *n)
{
    char one[32];
    const char *p = text;
    *n = 0;
    for (;;) {
        size_t len = strcspn(p, ",");
        if (*n == GRP_ICAL_MAX_GROUPS)
            return gc_usage(ctx, "at most %d groups in one calendar", GRP_ICAL_MAX_GROUPS);
        if (len >= sizeof one)
            return gc_usage(ctx, "invalid group id '%.*s'", (int)len, p);
        memcpy(one, p, len);
        one[len] = '\0';
        if (gc_id(ctx, one, "group id", &ids[(*n)++]) != 0)
            return ctx->exit;
        if (!p[len])
            return 0;
        p += len + 1;
    }
}

static int ics(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"dtstamp", 1}, {"domain", 1}, {"prodid", 1}};
    grp_ical_options io = GRP_ICAL_OPTIONS_INIT;
    grp_id groups[GRP_ICAL_MAX_GROUPS];
    size_t count;
    char *text = NULL;
    int n, rc;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 1, 2, &n) != 0 || group_list(ctx, argv[0], groups, &count) != 0 ||
        (o[0].value && gc_instant(ctx, o[0].value, "--dtstamp", &io.dtstamp) != 0) || gc_open(ctx, GC_READ) != 0)
        return ctx->exit;
    io.uid_domain = o[1].value;
    io.prodid = o[2].value;
    if (count == 1 && n == 2 && strcmp(argv[1], "-") != 0) {
        rc = grp_ical_export_group_to_file(ctx->store, groups[0], argv[1], &io);
        if (rc != 0)
            return gc_fail(ctx, rc, "cannot export group %lld to '%s'", (long long)groups[0], argv[1]);
        return gc_say(ctx, "wrote the calendar of group %lld to %s", (long long)groups[0], argv[1]);
    }
    rc = grp_ical_export_groups(&text, ctx->store, groups, count, &io);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot export the calendar of %s %s", count == 1 ? "group" : "groups", argv[0]);
    if (n == 2 && strcmp(argv[1], "-") != 0) {
        size_t len = strlen(text);
        FILE *f = fopen(argv[1], "wb");
        int ok = f && fwrite(text, 1, len, f) == len, e = errno;
        if (f && fclose(f) != 0 && ok) {
            ok = 0;
            e = errno;
        }
        grp_free(text);
        if (!ok) {
            fprintf(stderr, "grpctl: cannot write '%s' (%s)\nhint: check the path and the free space\n", argv[1],
                    strerror(e));
            return ctx->exit = GC_EXIT_STORAGE;
        }
        return gc_say(ctx, "wrote the calendar of groups %s to %s", argv[0], argv[1]);
    }
    rc = gc_write_stdout(ctx, text, strlen(text));
    grp_free(text);
    return rc;
}

const gc_command gc_data_commands[] = {
    {"report attendance", "GROUP FROM TO",
     "Attendance of each member of GROUP over the sessions starting in [FROM, TO), and of\n"
     "the group. Text by default; --json or --csv as libgrp writes them.",
     report_attendance},
    {"report attendance-org", "ORG FROM TO", "Attendance across the groups of ORG (as the actor may read them).",
     report_attendance_org},
    {"report hours", "PERSON [--from DATE] [--to DATE]", "PERSON's supervision-hours log with totals.", report_hours},
    {"report goals", "GROUP [--as-of DATE]", "Progress of the goals set in GROUP (overdue judged on --as-of, default today).",
     report_goals},
    {"report feedback", "--session SESSION | --group GROUP | --facilitator PERSON | --org ORG [--from T] [--to T] [--form F]",
     "Feedback summary per item of the form. Refused (exit 2) when fewer responses than the\n"
     "store's minimum cohort (3) would be shown.",
     report_feedback},
    {"report membership", "GROUP [--from DATE] [--to DATE]", "Membership changes of GROUP (joined, left, ...) by date.",
     report_membership},
    {"export", "json|ndjson [FILE] [--org ORG | --group GROUP] [--pretty]",
     "Export the store (or one organisation or group) as a JSON document or an NDJSON stream,\n"
     "to FILE or stdout ('-' or no FILE). Needs the system actor (the default). --pretty:\n"
     "indented JSON. For CSV use --csv with a list command or report.",
     export_cmd},
    {"import",
     "json|ndjson FILE [--on-existing fail|skip|update] [--batch N] [--max-mib N] | csv people FILE [--org ORG]",
     "Import a JSON document or NDJSON stream written by 'grpctl export' ('-' = stdin), all\n"
     "or nothing (ndjson --batch N commits every N records). --on-existing: what to do with\n"
     "an organisation or person whose external reference exists (default fail).\n"
     "--max-mib N: refuse a JSON document over N MiB (default 64; 0: no limit); the import\n"
     "reads one record at a time, so its memory does not grow with the document.\n"
     "'csv people' adds people from a CSV file with a header row naming the columns name\n"
     "(required), org_id (or --org ORG), job_role, email, external_ref; other columns are\n"
     "ignored, so 'grpctl --csv person list' output imports. All or nothing.",
     import_cmd},
    {"ics", "GROUP[,GROUP...] [FILE] [--dtstamp INSTANT] [--domain DOMAIN] [--prodid TEXT]",
     "Export GROUP's schedule as iCalendar (RFC 5545) to FILE or stdout; with several groups\n"
     "(comma-separated), their schedules in one calendar. --dtstamp: a fixed\n"
     "DTSTAMP for reproducible output; --domain: the right-hand side of UIDs.",
     ics},
    {NULL, NULL, NULL, NULL},
};

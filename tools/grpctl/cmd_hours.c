/* grpctl: the supervision-hours log (entries follow attendance), sign-off,
 * corrections, totals and each group's crediting rule. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char *mode_word(int v) { return grp_hours_mode_name((grp_hours_mode)v); }
static const char *kind_word(int v) { return grp_hours_kind_name((grp_hours_kind)v); }

/* ---- the log ------------------------------------------------------------ */

static const gc_col entry_cols[] = {
    {"id", GC_ID},          {"person_id", GC_ID},      {"group_id", GC_ID},  {"session_id", GC_ID},
    {"date", GC_DATE},      {"kind", GC_TEXT},         {"minutes", GC_INT},  {"credited", GC_INT},
    {"signed_by", GC_ID},   {"signed_on", GC_DATE},    {"corrects", GC_ID},  {"note", GC_TEXT},
};

static void entry_row(gc_table *t, const grp_hours_entry *e)
{
    gc_table_row(t);
    gc_set_id(t, 0, grp_hours_entry_id(e));
    gc_set_id(t, 1, grp_hours_entry_person_id(e));
    gc_set_id(t, 2, grp_hours_entry_group_id(e));
    gc_set_id(t, 3, grp_hours_entry_session_id(e));
    gc_set_date(t, 4, grp_hours_entry_date(e));
    gc_set(t, 5, kind_word(grp_hours_entry_kind(e)));
    gc_set_int(t, 6, grp_hours_entry_minutes(e));
    gc_set_int(t, 7, grp_hours_entry_credited(e));
    gc_set_id(t, 8, grp_hours_entry_signed_by(e));
    gc_set_date(t, 9, grp_hours_entry_signed_on(e));
    gc_set_id(t, 10, grp_hours_entry_corrects(e));
    gc_set(t, 11, grp_hours_entry_note(e));
}

GC_DEFINE_KIND(entry_kind, grp_hours_entry, grp_hours_entry_free, grp_hours_iterator, entry_row(t, rec), entry_cols,
               GC_COUNT(entry_cols), "cannot list hours");

GC_DEFINE_SHOW(show_entry, entry_kind, grp_hours_entry, grp_hours_entry_get, grp_hours_entry_free,
               "cannot read hours entry %lld")

static int hours_list(gc_ctx *ctx, int argc, char **argv)
{
    grp_hours_iterator *it = NULL;
    grp_date from, to;
    grp_id person;
    int rc;

    if (gc_id_dates(ctx, argc, argv, "person id", &person, &from, &to) != 0)
        return ctx->exit;
    rc = grp_hours_iterator_new(&it, ctx->store, person, from, to);
    return gc_run_list(ctx, rc, it, &entry_kind, 0, "cannot list the hours of person %lld", (long long)person);
}

static int hours_show(gc_ctx *ctx, int argc, char **argv)
{
    return gc_show_id(ctx, argc, argv, "hours entry id", show_entry);
}

static const gc_col totals_cols[] = {
    {"person_id", GC_ID},       {"entries", GC_INT},    {"minutes", GC_INT}, {"credited", GC_INT},
    {"credited_signed", GC_INT}, {"individual", GC_INT}, {"group", GC_INT},
};

static int hours_totals(gc_ctx *ctx, int argc, char **argv)
{
    grp_hours_totals tot;
    grp_date from, to;
    grp_id person;
    gc_table t;
    int rc;

    if (gc_id_dates(ctx, argc, argv, "person id", &person, &from, &to) != 0)
        return ctx->exit;
    rc = grp_hours_totals_get(&tot, ctx->store, person, from, to);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot total the hours of person %lld", (long long)person);
    gc_table_init(&t, totals_cols, GC_COUNT(totals_cols));
    gc_table_row(&t);
    gc_set_id(&t, 0, person);
    gc_set_int(&t, 1, tot.entries);
    gc_set_int(&t, 2, tot.minutes);
    gc_set_int(&t, 3, tot.credited);
    gc_set_int(&t, 4, tot.credited_signed);
    gc_set_int(&t, 5, tot.individual);
    gc_set_int(&t, 6, tot.group);
    return gc_emit_record(ctx, &t);
}

static int hours_sign(gc_ctx *ctx, int argc, char **argv)
{
    grp_id entry, signer;
    grp_date on;
    int n, rc;

    if (gc_parse(ctx, argc, argv, NULL, 0, 3, 3, &n) != 0 || gc_id(ctx, argv[0], "hours entry id", &entry) != 0 ||
        gc_id(ctx, argv[1], "signer id", &signer) != 0 || gc_date(ctx, argv[2], "date", &on) != 0 ||
        gc_open(ctx, GC_WRITE) != 0)
        return ctx->exit;
    rc = grp_hours_sign(ctx->store, entry, signer, on);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot sign hours entry %lld off", (long long)entry);
    return show_entry(ctx, entry);
}

static int hours_correct(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"note", 1}};
    int minutes, credited, n, rc;
    grp_id entry, made = 0;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 3, 3, &n) != 0 ||
        gc_id(ctx, argv[0], "hours entry id", &entry) != 0 ||
        gc_int(ctx, argv[1], "minutes change", -100000, 100000, &minutes) != 0 ||
        gc_int(ctx, argv[2], "credited change", -100000, 100000, &credited) != 0)
        return ctx->exit;
    if (!o[0].value)
        return gc_usage(ctx, "missing --note TEXT (say why the entry is corrected)");
    if (gc_open(ctx, GC_WRITE) != 0)
        return ctx->exit;
    rc = grp_hours_correct(&made, ctx->store, entry, minutes, credited, o[0].value);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot correct hours entry %lld", (long long)entry);
    return show_entry(ctx, made);
}

/* ---- crediting rules ---------------------------------------------------- */

static const gc_col rule_cols[] = {
    {"group_id", GC_ID}, {"mode", GC_TEXT}, {"ratio_num", GC_INT}, {"ratio_den", GC_INT},
};

static int show_rule(gc_ctx *ctx, grp_id group)
{
    grp_hours_rule r = GRP_HOURS_RULE_INIT;
    gc_table t;
    int rc = grp_hours_rule_get(&r, ctx->store, group);

    if (rc != 0)
        return gc_fail(ctx, rc, "cannot read the hours rule of group %lld", (long long)group);
    gc_table_init(&t, rule_cols, GC_COUNT(rule_cols));
    gc_table_row(&t);
    gc_set_id(&t, 0, group);
    gc_set(&t, 1, mode_word((int)r.mode));
    gc_set_int(&t, 2, r.ratio_num);
    gc_set_int(&t, 3, r.ratio_den);
    return gc_emit_record(ctx, &t);
}

static int hours_rule(gc_ctx *ctx, int argc, char **argv) { return gc_show_id(ctx, argc, argv, "group id", show_rule); }

static int hours_set_rule(gc_ctx *ctx, int argc, char **argv)
{
    gc_opt o[] = {{"ratio", 1}};
    grp_hours_rule r = GRP_HOURS_RULE_INIT;
    int mode, n, rc;
    grp_id group;

    if (gc_parse(ctx, argc, argv, o, GC_COUNT(o), 2, 2, &n) != 0 || gc_id(ctx, argv[0], "group id", &group) != 0 ||
        gc_word(ctx, argv[1], "mode", mode_word, &mode) != 0)
        return ctx->exit;
    r.mode = (grp_hours_mode)mode;
    if ((r.mode == GRP_HOURS_RATIO) != (o[0].value != NULL))
        return gc_usage(ctx, "--ratio N/D goes with mode 'ratio', and only with it");
    if (o[0].value) {
        const char *slash = strchr(o[0].value, '/');
        char num[16];
        size_t len = slash ? (size_t)(slash - o[0].value) : 0;
        if (!slash || len == 0 || len >= sizeof num)
            return gc_usage(ctx, "invalid --ratio '%s' (write N/D, e.g. 1/2)", o[0].value);
        memcpy(num, o[0].value, len);
        num[len] = '\0';
        if (gc_int(ctx, num, "ratio numerator", 1, 1000, &r.ratio_num) != 0 ||
            gc_int(ctx, slash + 1, "ratio denominator", 1, 1000, &r.ratio_den) != 0)
            return ctx->exit;
    }
    if (gc_open(ctx, GC_WRITE) != 0)
        return ctx->exit;
    rc = grp_hours_rule_set(ctx->store, group, &r);
    if (rc != 0)
        return gc_fail(ctx, rc, "cannot set the hours rule of group %lld", (long long)group);
    return show_rule(ctx, group);
}

const gc_command gc_hours_commands[] = {
    {"hours list", "PERSON [--from DATE] [--to DATE]",
     "PERSON's supervision-hours log, by date: one entry a session attended (it follows the\n"
     "attendance until signed off) and any corrections. --from/--to bound the dates (inclusive).",
     hours_list},
    {"hours show", "ENTRY", "Show one hours entry.", hours_show},
    {"hours totals", "PERSON [--from DATE] [--to DATE]",
     "Totals of PERSON's log (minutes in all, credited, credited and signed off, individual,\n"
     "group), corrections included.",
     hours_totals},
    {"hours sign", "ENTRY SIGNER DATE",
     "Sign ENTRY off on DATE. SIGNER must facilitate the entry's group on the entry's date;\n"
     "a signed entry no longer follows attendance.",
     hours_sign},
    {"hours correct", "ENTRY MINUTES CREDITED --note TEXT",
     "Correct a signed entry: adds an entry holding the changes of minutes attended and\n"
     "credited (either may be negative or 0, not both); --note says why.",
     hours_correct},
    {"hours rule", "GROUP", "Show how GROUP's time is credited.", hours_rule},
    {"hours set-rule", "GROUP MODE [--ratio N/D]",
     "Set how GROUP's time is credited: full, individual (one-to-one), bacp (4 or fewer\n"
     "present count half, 5 or more divide by the number present) or ratio (--ratio N/D,\n"
     "each 1-1000). Unsigned entries are recomputed.",
     hours_set_rule},
    {NULL, NULL, NULL, NULL},
};

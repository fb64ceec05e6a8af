/* grpctl: the command-line tool over a libgrp store. Global options and dispatch. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const gc_command *const families[] = {
    gc_org_commands, gc_group_commands, gc_session_commands, gc_hours_commands, gc_feedback_commands,
    gc_data_commands,
};

static const char general_help[] =
    "Global options (before or after the command):\n"
    "  --db FILE      the store file (default: $GRP_DB, else grpctl.db in the current directory);\n"
    "                 commands that write create it, commands that only read need it to exist\n"
    "  --json         print machine-readable JSON on stdout (ids are strings)\n"
    "  --csv          print lists, records and reports as CSV (RFC 4180, header row)\n"
    "  --as ACTOR     who is acting, for confidential content: 'system' (the default) or\n"
    "                 'person:ID' (a person; what they may see follows libgrp's access rules)\n"
    "  -h, --help     show help (also after any command)\n"
    "  --version      print grpctl's and libgrp's version\n"
    "\n"
    "Dates are YYYY-MM-DD; local times YYYY-MM-DDTHH:MM; a period's FROM/TO are dates (00:00 UTC)\n"
    "or instants (YYYY-MM-DDTHH:MM:SSZ). A SESSION is its id, or GROUP@YYYY-MM-DDTHH:MM (an\n"
    "occurrence of the group's cadence, as 'grpctl sessions' lists it).\n"
    "\n"
    "Exit status:\n"
    "  0  success\n"
    "  1  usage: unknown command or option, missing or malformed argument, invalid input\n"
    "  2  refused by a rule: a membership rule (full, closed, role, ...), access denied,\n"
    "     too few responses to report, already exists, not allowed in the current state\n"
    "  3  not found: no such organisation, person, group, session, goal or file\n"
    "  4  storage error: the store cannot be opened, read or written (not a store, busy,\n"
    "     read-only, newer version, disk)\n"
    "\n"
    "Errors go to stderr as 'grpctl: WHAT (CODE: library message)' and a line 'hint: ...'.\n"
    "See grpctl(1) for details and examples.\n";

static void print_overview(void)
{
    printf("usage: grpctl [--db FILE] [--json | --csv] [--as ACTOR] COMMAND [ARGS]\n\n"
           "Administer a libgrp store: organisations, people, groups and their members,\n"
           "cadences and sessions, attendance, feedback, goals, reports, import and export.\n\n"
           "Commands:\n");
    for (size_t f = 0; f < GC_COUNT(families); f++)
        for (const gc_command *c = families[f]; c->name; c++)
            printf("  %s %s\n", c->name, c->usage);
    printf("\n%s", general_help);
}

static const gc_command *find(const char *name)
{
    for (size_t f = 0; f < GC_COUNT(families); f++)
        for (const gc_command *c = families[f]; c->name; c++)
            if (strcmp(c->name, name) == 0)
                return c;
    return NULL;
}

/* Commands whose name starts with "NOUN ": the verbs of a noun. */
static int list_verbs(const char *noun, FILE *to)
{
    size_t n = strlen(noun);
    int found = 0;

    for (size_t f = 0; f < GC_COUNT(families); f++)
        for (const gc_command *c = families[f]; c->name; c++)
            if (strncmp(c->name, noun, n) == 0 && c->name[n] == ' ') {
                if (!found)
                    fprintf(to, "usage: grpctl %s VERB ...\n\nVerbs:\n", noun);
                fprintf(to, "  %s %s\n", c->name, c->usage);
                found = 1;
            }
    return found;
}

int main(int argc, char **argv)
{
    gc_ctx ctx;
    const gc_command *cmd = NULL;
    int i = 1, rc;
    char two[128];

    memset(&ctx, 0, sizeof ctx);
    ctx.actor = grp_actor_system();
    ctx.actor_text = "system";
    ctx.db = getenv("GRP_DB");
    if (!ctx.db || !ctx.db[0])
        ctx.db = "grpctl.db";

    /* Global options before the command. */
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            print_overview();
            return 0;
        }
        if (strcmp(a, "--version") == 0) {
            printf("grpctl %s (libgrp %s)\n", GRP_VERSION_STRING, grp_version_string());
            return 0;
        }
        if (strcmp(a, "--json") == 0 || strcmp(a, "--csv") == 0) {
            if (a[2] == 'j')
                ctx.json = 1;
            else
                ctx.csv = 1;
            if (ctx.json && ctx.csv)
                return gc_usage(&ctx, "--json and --csv exclude each other");
        } else if (strcmp(a, "--db") == 0 || strcmp(a, "--as") == 0) {
            if (i + 1 >= argc)
                return gc_usage(&ctx, "option '%s' needs a value", a);
            if (a[2] == 'd') {
                if (!argv[i + 1][0])
                    return gc_usage(&ctx, "option '--db' needs a file name");
                ctx.db = argv[i + 1];
            } else if (gc_set_actor(&ctx, argv[i + 1]) != 0) {
                return ctx.exit;
            }
            i++;
        } else if (strncmp(a, "--db=", 5) == 0) {
            if (!a[5])
                return gc_usage(&ctx, "option '--db' needs a file name");
            ctx.db = a + 5;
        } else if (strncmp(a, "--as=", 5) == 0) {
            if (gc_set_actor(&ctx, a + 5) != 0)
                return ctx.exit;
        } else {
            return gc_usage(&ctx, "unknown option '%s'", a);
        }
    }
    if (i >= argc)
        return gc_usage(&ctx, "no command given");
    if (strcmp(argv[i], "help") == 0) {
        if (i + 1 >= argc) {
            print_overview();
            return 0;
        }
        if (i + 2 < argc) {
            snprintf(two, sizeof two, "%s %s", argv[i + 1], argv[i + 2]);
            cmd = find(two);
        }
        if (!cmd)
            cmd = find(argv[i + 1]);
        if (cmd) {
            char *help_argv[] = {"--help"};
            int n;
            ctx.cmd = cmd;
            gc_parse(&ctx, 1, help_argv, NULL, 0, 0, 0, &n);
            return 0;
        }
        if (list_verbs(argv[i + 1], stdout))
            return 0;
        return gc_usage(&ctx, "unknown command '%s'", argv[i + 1]);
    }
    if (i + 1 < argc) {
        snprintf(two, sizeof two, "%s %s", argv[i], argv[i + 1]);
        cmd = find(two);
        if (cmd)
            i += 2;
    }
    if (!cmd) {
        cmd = find(argv[i]);
        if (cmd)
            i += 1;
    }
    if (!cmd) {
        int help = i + 1 < argc && (strcmp(argv[i + 1], "--help") == 0 || strcmp(argv[i + 1], "-h") == 0);
        if (help && list_verbs(argv[i], stdout))
            return 0;
        if (list_verbs(argv[i], stderr)) {
            if (i + 1 < argc)
                fprintf(stderr, "grpctl: unknown verb '%s' for '%s'\n", argv[i + 1], argv[i]);
            else
                fprintf(stderr, "grpctl: '%s' needs a verb\n", argv[i]);
            fprintf(stderr, "Try 'grpctl %s --help'.\n", argv[i]);
            return GC_EXIT_USAGE;
        }
        return gc_usage(&ctx, "unknown command '%s'", argv[i]);
    }
    ctx.cmd = cmd;
    rc = cmd->run(&ctx, argc - i, argv + i);
    if (ctx.store && grp_store_transaction_depth(ctx.store) > 0) {
        int done = rc == 0 ? grp_store_commit(ctx.store) : grp_store_rollback(ctx.store);
        if (done != 0 && rc == 0)
            rc = gc_fail(&ctx, done, "cannot commit the changes to '%s'", ctx.db);
    }
    grp_store_close(ctx.store);
    if (fflush(stdout) != 0 && rc == 0)
        rc = GC_EXIT_STORAGE;
    return rc;
}

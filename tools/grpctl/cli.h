/*
 * grpctl: the shared pieces every command uses, in one place: the command
 * context, option and operand parsing, strict parsing of ids, numbers,
 * dates and enumeration words, the mapping of libgrp codes to exit codes
 * with a hint, and output as text, JSON or CSV.
 *
 * grpctl uses only the public API (<libgrp.h>), as an outside user would.
 */
#ifndef GRPCTL_CLI_H
#define GRPCTL_CLI_H

#include <libgrp.h>
#include <stddef.h>

/* Exit codes (documented in --help and grpctl.1). */
enum {
    GC_EXIT_OK = 0,
    GC_EXIT_USAGE = 1,    /* bad arguments, invalid or malformed input */
    GC_EXIT_REFUSED = 2,  /* a rule refused it: membership rules, access, suppression, exists, state */
    GC_EXIT_NOTFOUND = 3, /* no such entity or file */
    GC_EXIT_STORAGE = 4   /* the store could not be read or written */
};

/* How a command uses the store. */
typedef enum gc_access {
    GC_READ = 0, /* the file must exist; opened read-only */
    GC_WRITE = 1 /* created if missing */
} gc_access;

typedef struct gc_command gc_command;

typedef struct gc_ctx {
    const char *db;           /* --db, GRP_DB or "grpctl.db" */
    int json;                 /* --json */
    int csv;                  /* --csv: lists and reports as CSV (RFC 4180) */
    grp_actor actor;          /* --as; the system by default */
    const char *actor_text;   /* --as as given, for messages */
    grp_store *store;         /* opened by gc_open() */
    const gc_command *cmd;    /* the command running */
    int exit;                 /* exit code when a helper stops the command */
} gc_ctx;

typedef int (*gc_run_fn)(gc_ctx *ctx, int argc, char **argv);

struct gc_command {
    const char *name;  /* "org add" */
    const char *usage; /* operands and options after the name */
    const char *help;  /* what it does, and its options, one per line */
    gc_run_fn run;
};

/* The command table (main.c) and the families' entries. */
extern const gc_command gc_org_commands[];
extern const gc_command gc_group_commands[];
extern const gc_command gc_session_commands[];
extern const gc_command gc_feedback_commands[];
extern const gc_command gc_data_commands[];
extern const gc_command gc_hours_commands[];

/* ---- options and operands ------------------------------------------------ */

/* One option of a command: --name or --name VALUE (also --name=VALUE). */
typedef struct gc_opt {
    const char *name;  /* without the dashes */
    int has_arg;       /* 1: takes a value */
    const char *value; /* the value (last one given), or NULL */
    int seen;          /* times given */
} gc_opt;

/*
 * Parse argv (the words after the command name) against @p opts and the
 * global options (--db, --json, --as, --help), leaving the operands in
 * argv[0..*nops-1]. Checks min_ops <= operands <= max_ops (max_ops < 0:
 * no limit). Returns 0 to go on; otherwise the command stops and returns
 * ctx->exit (0 after --help, 1 for a usage error, already reported).
 */
int gc_parse(gc_ctx *ctx, int argc, char **argv, gc_opt *opts, size_t nopts, int min_ops, int max_ops,
             int *nops);

/* Find option @p name in @p opts (NULL if absent: a programming error). */
gc_opt *gc_opt_get(gc_opt *opts, size_t nopts, const char *name);

/* Parse the global option --as: "system" or "person:ID". 0 or exit code. */
int gc_set_actor(gc_ctx *ctx, const char *text);

/* Open ctx->db for @p access. 0 or the exit code (already reported). */
int gc_open(gc_ctx *ctx, gc_access access);

/* Commands "NOUN VERB ID" without options: parse the id, open the store. 0, or -1 to stop with ctx->exit. */
int gc_one_id(gc_ctx *ctx, int argc, char **argv, const char *what, gc_access access, grp_id *id);

/* The options of "org|person|group list": --all, and --org ORG if @p with_org; opens the store. 0 or -1. */
int gc_list_scope(gc_ctx *ctx, int argc, char **argv, int with_org, grp_id *org, uint32_t *flags);

/*
 * Commands "NOUN ID [--from DATE] [--to DATE]": parse the id (@p what names it
 * in messages) and the optional dates (unset when absent), open the store for
 * reading. 0, or -1 to stop with ctx->exit.
 */
int gc_id_dates(gc_ctx *ctx, int argc, char **argv, const char *what, grp_id *id, grp_date *from, grp_date *to);

/* ---- strict parsing: each returns 0 or the exit code (already reported) --- */

int gc_id(gc_ctx *ctx, const char *text, const char *what, grp_id *out);
int gc_int(gc_ctx *ctx, const char *text, const char *what, long min, long max, int *out);
int gc_date(gc_ctx *ctx, const char *text, const char *what, grp_date *out);
int gc_datetime(gc_ctx *ctx, const char *text, const char *what, grp_datetime *out);
/* A date (midnight UTC) or an RFC 3339 instant. */
int gc_instant(gc_ctx *ctx, const char *text, const char *what, grp_time *out);
/* "HH:MM", 00:00..23:59. */
int gc_clock(gc_ctx *ctx, const char *text, const char *what, int *hour, int *minute);
/* An enumeration word: @p name_of gives the word of values 0, 1, ... until NULL. */
typedef const char *(*gc_name_fn)(int value);
int gc_word(gc_ctx *ctx, const char *text, const char *what, gc_name_fn name_of, int *out);
/* A comma-separated list of words into a grp_strarray of borrowed copies (free with gc_list_free). */
int gc_list(gc_ctx *ctx, const char *text, const char *what, grp_strarray *out);
void gc_list_free(grp_strarray *list);
/*
 * A session: its stored id ("12"), or GROUP@LOCAL-START for an occurrence
 * of a group's cadence ("3@2026-01-06T10:00"), which is stored if needed.
 */
int gc_session_ref(gc_ctx *ctx, const char *text, grp_id *out);
/* How a command that only reads must open the store to resolve session @p ref (GROUP@... may store it). */
gc_access gc_session_access(const char *ref);

/* ---- command shapes: each parses, opens the store, and reports its errors ---- */

/* Commands "NOUN VERB ID STATUS": parse the id and the word (@p name_of), open the store to write. 0 or -1. */
int gc_id_word(gc_ctx *ctx, int argc, char **argv, const char *id_what, const char *word_what, gc_name_fn name_of,
               grp_id *id, int *word);

/* Commands "NOUN VERB SESSION": parse the session reference, open the store as it needs. 0 or -1. */
int gc_one_session(gc_ctx *ctx, int argc, char **argv, grp_id *session);

/* Print the record with id @p id (the error reported if there is none). Returns 0 or the exit code. */
typedef int (*gc_show_fn)(gc_ctx *ctx, grp_id id);
/* Commands "NOUN show ID": @p what names the id in messages ("person id"). Returns the exit code. */
int gc_show_id(gc_ctx *ctx, int argc, char **argv, const char *what, gc_show_fn show);
/* Commands "NOUN archive ID" for @p noun ("person"), archived by @p archive. Returns the exit code. */
int gc_archive(gc_ctx *ctx, int argc, char **argv, const char *noun, int (*archive)(grp_store *store, grp_id id));

/* ---- errors ------------------------------------------------------------- */

/* Report a usage error ("grpctl: <message>" and where to look); returns 1. */
int gc_usage(gc_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * Report a failed libgrp call: "grpctl: <what> (<library message>)" and a
 * hint what to do. Returns the exit code for @p rc.
 */
int gc_fail(gc_ctx *ctx, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The exit code for a GRP_E* code. */
int gc_exit_code(int rc);

/* ---- output ------------------------------------------------------------- */

typedef enum gc_type { GC_TEXT, GC_ID, GC_INT, GC_DEC, GC_BOOL, GC_DATE } gc_type;

typedef struct gc_col {
    const char *name;
    gc_type type;
} gc_col;

/* Rows of text cells (NULL = no value) under typed columns. */
typedef struct gc_table {
    const gc_col *cols;
    size_t ncols;
    size_t nrows;
    size_t cap;
    char **cells; /* nrows * ncols, owned */
    int oom;
} gc_table;

void gc_table_init(gc_table *t, const gc_col *cols, size_t ncols);
void gc_table_dispose(gc_table *t);
/* Start a new row; the setters fill the last row. */
void gc_table_row(gc_table *t);
void gc_set(gc_table *t, size_t col, const char *text);
void gc_set_id(gc_table *t, size_t col, grp_id id);   /* 0 = no value */
void gc_set_int(gc_table *t, size_t col, long long v);
void gc_set_bool(gc_table *t, size_t col, int v);
void gc_set_date(gc_table *t, size_t col, grp_date d); /* unset = no value */
void gc_set_datetime(gc_table *t, size_t col, grp_datetime dt);
void gc_set_time(gc_table *t, size_t col, grp_time tm);
/* The display name of person @p id (no value if it cannot be read). */
void gc_set_person_name(gc_ctx *ctx, gc_table *t, size_t col, grp_id id);
/* Print all rows: an aligned table, a JSON array of objects, or CSV. Disposes @p t. Returns 0 or an exit code. */
int gc_emit_list(gc_ctx *ctx, gc_table *t);
/* Print row 0: "name: value" lines, a JSON object, or CSV. Disposes @p t. Returns 0 or an exit code. */
int gc_emit_record(gc_ctx *ctx, gc_table *t);
/*
 * One kind of record as grpctl prints it, and how to list it from its libgrp
 * iterator: small typed wrappers written once per kind by GC_DEFINE_KIND
 * (the records and iterators share no type).
 */
typedef struct gc_kind {
    const gc_col *cols;
    size_t ncols;
    /* Add the row of @p rec (the kind's record type) to @p t. */
    void (*row)(gc_ctx *ctx, gc_table *t, const void *rec);
    /* Fetch the next record of @p it and add its row to @p t: 0, GRP_ITEROVER, or a GRP_E* code. */
    int (*next)(gc_ctx *ctx, void *it, gc_table *t);
    void (*free_it)(void *it); /* the iterator's _free */
    const char *what;          /* the message if a list fails, e.g. "cannot list people" */
} gc_kind;
/*
 * Print the records of iterator @p it, made by its _new call that returned
 * @p rc: when rc is not 0, reports the formatted message and returns the exit
 * code; otherwise lists the first @p ncols columns (0: all), frees @p it.
 */
int gc_run_list(gc_ctx *ctx, int rc, void *it, const gc_kind *k, size_t ncols, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Print record @p rec of kind @p k with all its columns (gc_emit_record). */
int gc_emit_one(gc_ctx *ctx, const gc_kind *k, const void *rec);
/*
 * Define `static const gc_kind NAME` for records TYPE (each freed with
 * FREE_REC) of libgrp's iterator type ITER (its ITER_next and ITER_free): the
 * statement ROW adds the row of record `rec` to table `t` (it may use `ctx`).
 * The wrappers are typed, so no function pointer needs a cast.
 */
#define GC_DEFINE_KIND(name, type, free_rec, iter, row, cols_, ncols_, what_) \
    static void name##_row(gc_ctx *ctx, gc_table *t, const void *record)      \
    {                                                                         \
        const type *rec = record;                                             \
        (void)ctx;                                                            \
        row;                                                                  \
    }                                                                         \
    static int name##_next(gc_ctx *ctx, void *it, gc_table *t)                \
    {                                                                         \
        type *rec = NULL;                                                     \
        int rc = iter##_next(&rec, it);                                       \
        if (rc == 0) {                                                        \
            name##_row(ctx, t, rec);                                          \
            free_rec(rec);                                                    \
        }                                                                     \
        return rc;                                                            \
    }                                                                         \
    static void name##_free_it(void *it) { iter##_free(it); }                 \
    static const gc_kind name = {(cols_), (ncols_), name##_row, name##_next, name##_free_it, (what_)}
/*
 * Define `static int FN(gc_ctx *ctx, grp_id id)` (a gc_show_fn) for records
 * TYPE of kind KIND: read record `id` with GET (TYPE **, grp_store *, grp_id),
 * print it, free it with FREE_REC; if it cannot be read, report FMT (which
 * takes the id as %lld).
 */
#define GC_DEFINE_SHOW(fn, kind, type, get, free_rec, fmt)                                 \
    static int fn(gc_ctx *ctx, grp_id id)                                                  \
    {                                                                                      \
        type *rec = NULL;                                                                  \
        int rc = get(&rec, ctx->store, id);                                                \
        rc = rc ? gc_fail(ctx, rc, (fmt), (long long)id) : gc_emit_one(ctx, &(kind), rec); \
        free_rec(rec);                                                                     \
        return rc;                                                                         \
    }
/* After an iterator's loop ended with @p rc: print the list (GRP_ITEROVER) or report "what". Disposes @p t. */
int gc_finish_list(gc_ctx *ctx, gc_table *t, int rc, const char *what);
/* Print a confirmation: the line in text mode, {"ok":true,"message":...} with --json. 0 or 4. */
int gc_say(gc_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Write @p text to stdout; 0 or 4 if stdout fails. */
int gc_write_stdout(gc_ctx *ctx, const char *text, size_t len);

#define GC_COUNT(a) (sizeof(a) / sizeof((a)[0]))

#endif

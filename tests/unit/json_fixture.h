/* The stores the JSON and NDJSON tests share: a rich one with a record
 * of every kind, and an empty one. */
#ifndef GRP_TEST_JSON_FIXTURE_H
#define GRP_TEST_JSON_FIXTURE_H

#include <libgrp.h>
#include <stddef.h>

grp_id jf_org(grp_store *s, const char *name, const char *ref);
grp_id jf_person(grp_store *s, grp_id org, const char *name, const char *role, const char *ref);
/* Organisations with people and admins, a custom feedback form, groups
 * with eligible roles, a form and an hours rule, stints of every state, a
 * cadence, moved / cancelled / ad hoc sessions with attendance and
 * presenters, hours with a correction, named and anonymous feedback, peer
 * feedback, goals with steps and progress, notes and themes. */
grp_store *jf_rich_store(void);
grp_store *jf_empty_store(void);
/* The whole store as a compact JSON document (asserted to succeed). */
char *jf_export(grp_store *s);

/* A whole file (NUL-terminated; *len without the NUL; free()); fails the
 * test if it cannot be read. */
char *jf_read_file(const char *path, size_t *len);

/* One entry of a corpus of bad inputs: a file of `dir` and what importing
 * it must give (the manifest `dir`/bad.tsv: file, code name, message). */
typedef struct jf_corpus_entry {
    const char *file;
    const char *text;
    size_t len;
    int code;
    const char *message;
} jf_corpus_entry;

/* Call `check` (0 = as expected, else 1) on every entry of `dir`/bad.tsv.
 * Returns the number of entries and adds the failures to *failed. */
size_t jf_corpus(const char *dir, int (*check)(const jf_corpus_entry *e, void *payload), void *payload,
                 size_t *failed);

/* ---- large inputs, generated ---- */

/* Record `i` (from 0) of `kind` in a large generated store: one
 * organisation, eight people, one online group, sessions 1..n (ad hoc, one
 * a day) and eight attendance records per session (record i: session
 * i / 8 + 1, person i % 8 + 1). Written as one JSON object into buf, with
 * "record":"<kind>" first when `ndjson`. Returns the length. */
size_t jf_big_record(char *buf, size_t size, grp_json_kind kind, size_t i, int ndjson);

/* ---- memory ---- */

/* Bytes held through libgrp's allocator hooks and cJSON's: live now and at
 * most since jf_meter_start(). */
typedef struct jf_meter {
    size_t live, peak;
} jf_meter;

/* Count libgrp's and cJSON's allocations in `m` (nothing allocated by
 * either may be live across the start or the stop). */
void jf_meter_start(jf_meter *m);
void jf_meter_stop(void);

#endif

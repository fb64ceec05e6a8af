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

#endif

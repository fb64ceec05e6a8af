/* Helpers of the storage-fault tests: a content fingerprint of a store file
 * read with SQLite directly, and file utilities. */
#ifndef GRP_STORAGE_SUPPORT_H
#define GRP_STORAGE_SUPPORT_H

#include <stddef.h>

/* The logical content of the store at `path`, read with SQLite directly
 * through the default VFS (the fault VFS when installed, disarmed): the
 * schema, application_id and user_version, and every row
 * of every table, rows sorted, as one text. Columns whose value depends on
 * the clock or on randomness (audit.at, event.at, attendance.recorded_at,
 * feedback_response.id) are masked, so two stores built by the same calls
 * have the same fingerprint. A missing or empty file gives "<empty>".
 * Also runs PRAGMA integrity_check and foreign_key_check: on any problem
 * returns NULL with a description in `err`. New: free with free(). */
char *ss_fingerprint(const char *path, char *err, size_t len);

/* Print where two fingerprints first differ (to stderr). */
void ss_print_diff(const char *label_a, const char *a, const char *label_b, const char *b);

/* Copy a file; 0 on success. */
int ss_copy_file(const char *from, const char *to);
/* Remove a store file and its -wal, -shm and -journal companions. */
void ss_remove_store(const char *path);
/* Read a whole file; NULL on error. New: free with free(). */
char *ss_slurp(const char *path, size_t *len);

#endif

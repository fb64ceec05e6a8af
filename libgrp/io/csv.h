/* Internal: an RFC 4180 CSV writer.
 *
 * Fields are separated by commas and every record ends in CRLF. A field is
 * enclosed in double quotes when it contains a comma, a double quote, CR or
 * LF, and each double quote inside it is doubled. NULL is written as an
 * empty field and "" as a quoted empty field, so a reader can tell "no
 * value" from "empty text" (as PostgreSQL's COPY ... CSV does); a record
 * made of one NULL field is written as "" instead, since an empty line is
 * skipped by many readers and would lose the record. Bytes are copied as
 * they are: the writer neither checks nor changes the encoding. */
#ifndef GRP_IO_CSV_H
#define GRP_IO_CSV_H

#include <stddef.h>

/* A document being written. Zero-initialise it; functions do nothing once
 * one has failed (the first failure is kept and the error set). */
typedef struct grp__csv {
    char *p;       /* NUL-terminated text, from grp__malloc */
    size_t len, cap;
    size_t fields; /* fields written to the current record */
    int pending_null; /* the current record so far is one NULL field */
    int failed;    /* 0, or the GRP_E* code of the first failure */
} grp__csv;

/* 1 if `s` must be quoted (contains ',', '"', CR or LF), else 0. */
int grp__csv_needs_quotes(const char *s);

/* Append one field to the current record (NULL = no value). */
int grp__csv_field(grp__csv *w, const char *value);

/* End the current record (CRLF). */
int grp__csv_end_record(grp__csv *w);

/* Hand the text to the caller (free with grp_free()), or the first
 * failure's code; the writer is reset either way. *len_out may be NULL. */
int grp__csv_finish(char **out, size_t *len_out, grp__csv *w);

/* Free what a writer holds. NULL-safe. */
void grp__csv_dispose(grp__csv *w);

/* A whole table: a header record of `ncols` names, then `nrows` records
 * whose cells are `cells[row * ncols + col]` (NULL = no value). */
int grp__csv_write_table(char **out, size_t *len_out, size_t ncols, const char *const *header, size_t nrows,
                         const char *const *cells);

#endif

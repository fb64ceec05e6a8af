/* A strict RFC 4180 reader for the tests of the CSV writers: records end
 * in CRLF (a bare CR or LF outside quotes is an error), a quote may only
 * open a field and close it, "" inside quotes is one quote. An unquoted
 * empty field reads as NULL, a quoted empty one as "". */
#ifndef GRP_TEST_CSV_READER_H
#define GRP_TEST_CSV_READER_H

#include <stddef.h>

#define MAX_RECORDS 64
#define MAX_FIELDS 16

typedef struct csv_doc {
    size_t nrec;
    size_t nfields[MAX_RECORDS];
    char *cells[MAX_RECORDS][MAX_FIELDS];
} csv_doc;

/* Free the cells and reset d. */
void csv_doc_free(csv_doc *d);
/* Read s[0..len) into d: 0, or -1 with the offending offset in *where
 * (where may be NULL). */
int csv_read(csv_doc *d, const char *s, size_t len, size_t *where);

#endif

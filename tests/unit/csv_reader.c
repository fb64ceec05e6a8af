/* See csv_reader.h. */
#include "csv_reader.h"

#include <stdlib.h>
#include <string.h>

void csv_doc_free(csv_doc *d)
{
    for (size_t r = 0; r < d->nrec; r++)
        for (size_t c = 0; c < d->nfields[r]; c++)
            free(d->cells[r][c]);
    memset(d, 0, sizeof *d);
}

/* 0, or -1 with the offending offset in *where. */
int csv_read(csv_doc *d, const char *s, size_t len, size_t *where)
{
    size_t i = 0;
    memset(d, 0, sizeof *d);
    while (i < len) {
        if (d->nrec == MAX_RECORDS)
            goto bad;
        size_t r = d->nrec++;
        for (;;) {
            char *cell;
            if (d->nfields[r] == MAX_FIELDS)
                goto bad;
            if (s[i] == '"') {
                size_t n = 0;
                cell = malloc(len + 1);
                i++;
                for (;;) {
                    if (i >= len) {
                        free(cell);
                        goto bad;
                    }
                    if (s[i] == '"') {
                        if (i + 1 < len && s[i + 1] == '"') {
                            cell[n++] = '"';
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    cell[n++] = s[i++];
                }
                cell[n] = '\0';
            } else {
                size_t start = i;
                while (i < len && s[i] != ',' && s[i] != '\r') {
                    if (s[i] == '"' || s[i] == '\n')
                        goto bad;
                    i++;
                }
                cell = i > start ? strndup(s + start, i - start) : NULL;
            }
            d->cells[r][d->nfields[r]++] = cell;
            if (i < len && s[i] == ',') {
                i++;
                continue;
            }
            if (i + 1 < len && s[i] == '\r' && s[i + 1] == '\n') {
                i += 2;
                break;
            }
            goto bad; /* a record must end in CRLF */
        }
    }
    return 0;
bad:
    if (where)
        *where = i;
    csv_doc_free(d);
    return -1;
}


/* RFC 4180 CSV writer (see csv.h). */
#include "io/csv.h"
#include "libgrp/error.h"
#include "util/alloc.h"
#include "util/error.h"

#include <stdint.h>
#include <string.h>

static int reserve(grp__csv *w, size_t extra)
{
    if (w->failed)
        return 0;
    if (w->cap > w->len && w->cap - w->len > extra)
        return 1;
    if (extra > SIZE_MAX / 2 - w->len - 1) {
        w->failed = grp__error(GRP_ENOMEM, "out of memory while writing CSV: the text would exceed the address space");
        return 0;
    }
    size_t cap = w->cap ? w->cap : 256;
    while (cap - w->len <= extra)
        cap *= 2;
    char *p = grp__realloc(w->p, cap);
    if (!p) {
        w->failed = grp__error_nomem("writing CSV");
        return 0;
    }
    w->p = p;
    w->cap = cap;
    return 1;
}

static void put(grp__csv *w, const char *s, size_t n)
{
    if (!reserve(w, n))
        return;
    memcpy(w->p + w->len, s, n);
    w->len += n;
    w->p[w->len] = '\0';
}

int grp__csv_needs_quotes(const char *s)
{
    return s && s[strcspn(s, ",\"\r\n")] != '\0';
}

int grp__csv_field(grp__csv *w, const char *value)
{
    if (!w)
        return grp__error_null("w");
    if (w->fields++ > 0)
        put(w, ",", 1);
    w->pending_null = w->fields == 1 && !value;
    if (!value)
        return w->failed;
    if (!*value || grp__csv_needs_quotes(value)) {
        put(w, "\"", 1);
        for (const char *s = value; *s;) {
            size_t run = strcspn(s, "\"");
            put(w, s, run);
            s += run;
            if (*s == '"') {
                put(w, "\"\"", 2);
                s++;
            }
        }
        put(w, "\"", 1);
    } else {
        put(w, value, strlen(value));
    }
    return w->failed;
}

int grp__csv_end_record(grp__csv *w)
{
    if (!w)
        return grp__error_null("w");
    if (w->pending_null)
        put(w, "\"\"", 2); /* a lone NULL field: keep the record off the empty line */
    put(w, "\r\n", 2);
    w->fields = 0;
    w->pending_null = 0;
    return w->failed;
}

void grp__csv_dispose(grp__csv *w)
{
    if (!w)
        return;
    grp__free(w->p);
    memset(w, 0, sizeof *w);
}

int grp__csv_finish(char **out, size_t *len_out, grp__csv *w)
{
    int rc;
    if (!out || !w) {
        grp__csv_dispose(w);
        return grp__error_null(!out ? "out" : "w");
    }
    *out = NULL;
    if (len_out)
        *len_out = 0;
    if (!w->failed && !w->p && reserve(w, 0))
        w->p[0] = '\0'; /* an empty document is "", not NULL */
    if ((rc = w->failed)) {
        grp__csv_dispose(w);
        return rc;
    }
    *out = w->p;
    if (len_out)
        *len_out = w->len;
    memset(w, 0, sizeof *w);
    return GRP_OK;
}

int grp__csv_write_table(char **out, size_t *len_out, size_t ncols, const char *const *header, size_t nrows,
                         const char *const *cells)
{
    grp__csv w = {0};
    if (!out)
        return grp__error_null("out");
    *out = NULL;
    if (len_out)
        *len_out = 0;
    if (!header)
        return grp__error_null("header");
    if (nrows && !cells)
        return grp__error_null("cells");
    if (ncols == 0)
        return grp__error(GRP_EINVAL, "argument 'ncols' is 0: a CSV table needs at least one column");
    for (size_t c = 0; c < ncols; c++)
        grp__csv_field(&w, header[c]);
    grp__csv_end_record(&w);
    for (size_t r = 0; r < nrows && !w.failed; r++) {
        for (size_t c = 0; c < ncols; c++)
            grp__csv_field(&w, cells[r * ncols + c]);
        grp__csv_end_record(&w);
    }
    return grp__csv_finish(out, len_out, &w);
}

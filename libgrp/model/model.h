/* Internal helpers shared by the model files. */
#ifndef GRP_MODEL_MODEL_H
#define GRP_MODEL_MODEL_H

#include "store/store.h"
#include "util/error.h"

/* Longest name and external reference accepted. */
#define GRP__NAME_MAX 200
#define GRP__REF_MAX 200
#define GRP__NOTE_MAX 1000

/* Argument checks with messages naming the argument. */
#define GRP__CHECK_STORE(s) \
    do { if (!(s)) return grp__error_null("store"); } while (0)
int grp__check_id(const char *what, grp_id id);
int grp__check_date(const char *what, grp_date d);

/* A meeting link: NULL, or an http(s) URL without white space. */
int grp__check_link(const char *what, const char *link);

/* Allocate a zeroed heap record of `size` bytes, or set ENOMEM. */
void *grp__new_record(size_t size, const char *what);

#endif

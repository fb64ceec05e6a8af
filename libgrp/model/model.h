/* Internal helpers shared by the model files. */
#ifndef GRP_MODEL_MODEL_H
#define GRP_MODEL_MODEL_H

#include "store/store_impl.h"
#include "util/error.h"
#include "util/alloc.h"

/* Longest name and external reference accepted. */
#define GRP__NAME_MAX 200
#define GRP__REF_MAX 200
#define GRP__NOTE_MAX 1000
/* Bounds the model and the JSON/NDJSON import both apply: eligible roles
 * of a group, the text of a feedback form item, an email address. */
#define GRP__MAX_ELIGIBLE_ROLES 50
#define GRP__FORM_ITEM_MAX 500
#define GRP__EMAIL_MAX 254
/* A place: a location's text and a meeting link. */
#define GRP__LOCATION_MAX 500
#define GRP__LINK_MAX 2000
/* Free text of feedback, goals, progress notes and theme descriptions. */
#define GRP__TEXT_MAX 4000
/* A session note (note.h). */
#define GRP__SESSION_NOTE_MAX 10000

/* Argument checks with messages naming the argument. */
/* The word of enumeration value v in the table `words`, NULL when v is
 * outside it: the table's own size is the bound. */
#define GRP__WORD(words, v) ((unsigned)(v) < sizeof(words) / sizeof((words)[0]) ? (words)[(v)] : NULL)

#define GRP__CHECK_STORE(s) \
    do { if (!(s)) return grp__error_null("store"); } while (0)
int grp__check_id(const char *what, grp_id id);
int grp__check_date(const char *what, grp_date d);

/* A meeting link: NULL, or an http(s) URL without white space. */
int grp__check_link(const char *what, const char *link);

/* Every list iterator of the public API is a grp__list its _new function
 * filled; this defines its _next (hand out the next item, GRP_ITEROVER at
 * the end) and _free functions once for all of them. */
/* The arguments are type and function names, which cannot be parenthesised. */
/* NOLINTBEGIN(bugprone-macro-parentheses) */
#define GRP__LIST_ITERATOR_FUNCTIONS(it_type, item_type, next_fn, free_fn) \
    int next_fn(item_type **out, it_type *it)                              \
    {                                                                      \
        if (!out)                                                          \
            return grp__error_null("out");                                 \
        *out = NULL;                                                       \
        if (!it)                                                           \
            return grp__error_null("it");                                  \
        return grp__list_next((void **)out, &it->list);                    \
    }                                                                      \
    void free_fn(it_type *it)                                              \
    {                                                                      \
        if (!it)                                                           \
            return;                                                        \
        grp__list_dispose(&it->list);                                      \
        grp__free(it);                                                     \
    }
/* NOLINTEND(bugprone-macro-parentheses) */

/* Move a loaded record (of `size` bytes) into a new heap snapshot the
 * caller owns and store it in *out. On allocation failure the record's
 * memory is released with `clear` (when not NULL) and GRP_ENOMEM returned. */
int grp__hand_out(void *out, void *rec, size_t size, void (*clear)(void *), const char *what);

/* Allocate a zeroed heap record of `size` bytes, or set ENOMEM. */
void *grp__new_record(size_t size, const char *what);

#endif

/* Internal: session listing shared with attendance, hours and export. */
#ifndef GRP_MODEL_SESSION_H
#define GRP_MODEL_SESSION_H

#include "store/store_impl.h"

/* What listing a group's sessions needs: the group and its member stints. */
typedef struct grp__session_context {
    struct grp_group group;
    grp__list stints; /* active and left stints, all roles */
} grp__session_context;

int grp__session_context_load(grp_store *s, grp_id group_id, grp__session_context *ctx);
void grp__session_context_dispose(grp__session_context *ctx);

/* Sessions of ctx's group starting in [from, to), merged and sorted, as
 * finished snapshots appended to out (out->free_item is set). */
int grp__sessions_in_range(grp_store *s, const grp__session_context *ctx, grp_time from, grp_time to,
                           grp__list *out);

#endif

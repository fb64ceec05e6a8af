/* Internal: appending to the change feed from the model's writes. */
#ifndef GRP_MODEL_EVENTS_H
#define GRP_MODEL_EVENTS_H

#include "store/store_impl.h"

/* Append an event in the caller's transaction. */
int grp__event(grp_store *s, grp_event_kind kind, grp_id group_id, grp_id person_id, grp_id entity_id);

#endif

/* Internal: actors, the facts access decisions need, and the audit log. */
#ifndef GRP_MODEL_ACCESS_H
#define GRP_MODEL_ACCESS_H

#include "store/store_impl.h"
#include "policy/access.h"

/* Validate an actor (and that its person exists). */
int grp__check_actor(grp_store *s, const grp_actor *actor);

/* 1 if actor is the system. */
int grp__is_system(const grp_actor *actor);

/* 1 if actor is the person `person_id`. */
int grp__is_person(const grp_actor *actor, grp_id person_id);

/* Facts about the actor relative to group_id (0 = none): system, member,
 * facilitator (present or past stints), org admin of the group's org. */
int grp__group_facts(grp_store *s, const grp_actor *actor, grp_id group_id, grp__access_facts *out);

/* Append to the audit log (actor NULL = the system). */
int grp__audit(grp_store *s, const grp_actor *actor, const char *action, const char *entity_type, grp_id id);

/* Append an entry with no actor and the day only (anonymous feedback). */
int grp__audit_anonymous(grp_store *s, const char *action, const char *entity_type, grp_id id);

/* Standard refusal. */
int grp__denied(const char *what);

#endif

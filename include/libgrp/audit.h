/**
 * @file libgrp/audit.h
 * @brief The append-only audit log of writes, and data-subject rights:
 *        exporting everything about one person, and erasing a person.
 *
 * The audit log records when, which actor, what action, and which entity
 * (type and id) — never the content itself. Writes made through functions
 * that take no actor are recorded as the system's. An anonymous feedback
 * response is recorded with no actor and the day only (not the time), so
 * the log cannot link it to its author either.
 */
#ifndef LIBGRP_AUDIT_H
#define LIBGRP_AUDIT_H

#include "common.h"
#include "store.h"
#include "access.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One audit entry. Owned: grp_audit_entry_free(). */
typedef struct grp_audit_entry grp_audit_entry;
/** An iterator over audit entries. */
typedef struct grp_audit_iterator grp_audit_iterator;

/**
 * Audit entries with id greater than @p after_id, oldest first (the system
 * actor only).
 * @param[out] out the new iterator; free with grp_audit_iterator_free()
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param after_id list the entries with a greater id (0: all)
 * @return 0; GRP_EACCESS; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_audit_iterator_new(grp_audit_iterator **out, grp_store *store, const grp_actor *actor,
                                   grp_id after_id);
/**
 * The next entry (free with grp_audit_entry_free()).
 * @param[out] out the new audit entry; free with grp_audit_entry_free()
 * @param it the iterator
 * @return 0; GRP_ITEROVER; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_audit_iterator_next(grp_audit_entry **out, grp_audit_iterator *it);
/**
 * Free an iterator. NULL-safe.
 * @param it the iterator
 */
GRP_API void grp_audit_iterator_free(grp_audit_iterator *it);
/**
 * Entry id (increasing).
 * @param e the audit entry
 * @return entry id (increasing)
 */
GRP_API grp_id grp_audit_entry_id(const grp_audit_entry *e);
/**
 * When (UTC seconds; midnight of the day for anonymous feedback).
 * @param e the audit entry
 * @return when (UTC seconds; midnight of the day for anonymous feedback)
 */
GRP_API grp_time grp_audit_entry_at(const grp_audit_entry *e);
/**
 * The actor's kind.
 * @param e the audit entry
 * @return the actor's kind
 */
GRP_API grp_actor_kind grp_audit_entry_actor_kind(const grp_audit_entry *e);
/**
 * The acting person, or 0.
 * @param e the audit entry
 * @return the acting person, or 0
 */
GRP_API grp_id grp_audit_entry_actor_person_id(const grp_audit_entry *e);
/**
 * The action, e.g. "member.join", "goal.create" (borrowed).
 * @param e the audit entry
 * @return the action, e.g. "member.join", "goal.create" (borrowed)
 */
GRP_API const char *grp_audit_entry_action(const grp_audit_entry *e);
/**
 * The entity type, e.g. "membership" (borrowed).
 * @param e the audit entry
 * @return the entity type, e.g. "membership" (borrowed)
 */
GRP_API const char *grp_audit_entry_entity_type(const grp_audit_entry *e);
/**
 * The entity id.
 * @param e the audit entry
 * @return the entity id
 */
GRP_API grp_id grp_audit_entry_entity_id(const grp_audit_entry *e);
/**
 * Free an entry. NULL-safe.
 * @param e the audit entry to free, or NULL
 */
GRP_API void grp_audit_entry_free(grp_audit_entry *e);

/**
 * Everything stored about one person as one JSON document, for a
 * subject-access request: the person, their memberships, attendance,
 * hours, goals (with steps and progress), named feedback responses, peer
 * feedback they gave or received, and notes they wrote. Anonymous
 * responses are not included: nothing links them to the person.
 * The actor must be the system or the person.
 * @param[out] out NUL-terminated UTF-8 JSON; free with grp_free()
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param person_id the person's id
 * @return 0; GRP_EACCESS; GRP_EINVAL; GRP_ENOTFOUND; GRP_ENOMEM.
 * @since 0.1
 */
GRP_API int grp_person_export(char **out, grp_store *store, const grp_actor *actor, grp_id person_id);

/**
 * Erase a person (the system actor only). Their personal data is replaced
 * by a tombstone ("erased person", no role, email or reference; archived);
 * their goals, notes and peer feedback are deleted; their named feedback
 * responses lose the link to them and their free text, so aggregates stay
 * as they were; anonymous feedback, dated memberships and attendance
 * figures remain (attached to the tombstone). The audit log records the
 * erasure. Erasing twice is not an error.
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param person_id the person's id
 * @return 0; GRP_EACCESS; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_person_erase(grp_store *store, const grp_actor *actor, grp_id person_id);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_AUDIT_H */

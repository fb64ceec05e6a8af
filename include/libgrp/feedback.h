/**
 * @file libgrp/feedback.h
 * @brief Session feedback (named or anonymous, with cohort-suppressed
 *        aggregates) and peer feedback between members.
 *
 * @par Anonymity
 * An anonymous response stores no link to its author: no person id, no
 * timestamp, and an id drawn at random, in a table ordered by that id, so
 * neither ids nor row order reveal the order of submission. Whether a
 * member has responded to a session is recorded in a separate table that
 * holds no response id, so a second response is refused without linking
 * the two.
 *
 * @par Suppression
 * An aggregate over fewer distinct respondents than the store's minimum
 * cohort (grp_store_options.min_cohort, default 3) is refused with
 * GRP_ESUPPRESSED: the numbers are never returned. People are counted, not
 * responses: many responses of one person (a year of one-to-one
 * supervision) are still that person's ratings. Where the store cannot tell
 * who gave the counted responses of a session, it counts only the people
 * certain (one a response), so the count is a lower bound.
 */
#ifndef LIBGRP_FEEDBACK_H
#define LIBGRP_FEEDBACK_H

#include "common.h"
#include "store.h"
#include "access.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A feedback form: a name and items rated 1-5. Owned: grp_feedback_form_free(). */
typedef struct grp_feedback_form grp_feedback_form;
/** One response as an actor may see it. Owned: grp_feedback_response_free(). */
typedef struct grp_feedback_response grp_feedback_response;
/** An iterator over responses. */
typedef struct grp_feedback_response_iterator grp_feedback_response_iterator;
/** Aggregate figures. Owned: grp_feedback_summary_free(). */
typedef struct grp_feedback_summary grp_feedback_summary;
/** A piece of peer feedback. Owned: grp_peer_feedback_free(). */
typedef struct grp_peer_feedback grp_peer_feedback;
/** An iterator over peer feedback. */
typedef struct grp_peer_feedback_iterator grp_peer_feedback_iterator;

/** Most items a form may have. */
#define GRP_FEEDBACK_MAX_ITEMS 20

/**
 * Create a form.
 * @param[out] out if not NULL, the new form's id
 * @param name 1..200 bytes
 * @param items 1..GRP_FEEDBACK_MAX_ITEMS item texts, each 1..500 bytes
 * @param store the store
 * @return 0; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_feedback_form_create(grp_id *out, grp_store *store, const char *name, const grp_strarray *items);

/**
 * The id of the default form that ships with every store ("I felt safe to
 * share", "The session was useful for my practice", "The facilitator kept
 * us focused", "The time felt protected").
 * @param[out] out the default form's id
 * @param store the store
 * @return 0; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_feedback_form_default(grp_id *out, grp_store *store);

/**
 * Load a form.
 * @param[out] out the new feedback form; free with grp_feedback_form_free()
 * @param store the store
 * @param form_id the form's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_feedback_form_get(grp_feedback_form **out, grp_store *store, grp_id form_id);

/**
 * Form id.
 * @param f the feedback form
 * @return form id
 */
GRP_API grp_id grp_feedback_form_id(const grp_feedback_form *f);
/**
 * Form name (borrowed).
 * @param f the feedback form
 * @return form name (borrowed)
 */
GRP_API const char *grp_feedback_form_name(const grp_feedback_form *f);
/**
 * Number of items.
 * @param f the feedback form
 * @return number of items
 */
GRP_API size_t grp_feedback_form_item_count(const grp_feedback_form *f);
/**
 * Item @p i (borrowed), NULL if out of range.
 * @param f the feedback form
 * @param i index, from 0
 * @return item @p i (borrowed), NULL if out of range
 */
GRP_API const char *grp_feedback_form_item(const grp_feedback_form *f, size_t i);
/**
 * Free a form. NULL-safe.
 * @param f the feedback form to free, or NULL
 */
GRP_API void grp_feedback_form_free(grp_feedback_form *f);

/**
 * Choose the form a group's members answer (0 = the default form).
 * @param store the store
 * @param group_id the group's id
 * @param form_id the form's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (group or form).
 * @since 0.1
 */
GRP_API int grp_group_set_feedback_form(grp_store *store, grp_id group_id, grp_id form_id);

/**
 * The form a group uses.
 * @param[out] out the form's id
 * @param store the store
 * @param group_id the group's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_group_feedback_form(grp_id *out, grp_store *store, grp_id group_id);

/** Version of ::grp_feedback_submission. */
#define GRP_FEEDBACK_SUBMISSION_VERSION 1

/** One member's response to a session. */
typedef struct grp_feedback_submission {
    unsigned int version; /**< GRP_FEEDBACK_SUBMISSION_VERSION */
    const int *ratings;   /**< one per item of the group's form: 1..5, or 0 for "no answer" */
    size_t rating_count;  /**< must equal the form's item count */
    const char *text;     /**< optional free text, at most 4000 bytes */
    int anonymous;        /**< 1: store no link to the author */
} grp_feedback_submission;

/** Static initialiser. */
#define GRP_FEEDBACK_SUBMISSION_INIT { GRP_FEEDBACK_SUBMISSION_VERSION, NULL, 0, NULL, 0 }

/**
 * Initialise a submission.
 * @param sub the submission to initialise
 * @param version GRP_FEEDBACK_SUBMISSION_VERSION
 * @return 0; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_feedback_submission_init(grp_feedback_submission *sub, unsigned int version);

/**
 * Submit @p actor's response to a session. The actor must be a person who
 * was a member (role member) of the session's group on its date; the
 * session must have been stored (grp_session_ensure()) and not be
 * cancelled or marked not held.
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param session_id the session's id
 * @param sub the answers
 * @return 0; GRP_EEXISTS (already responded); GRP_EACCESS (not a member
 *         then, or the system actor: feedback is a person's); GRP_EINVAL
 *         (rating count or value); GRP_ESTATE; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_feedback_submit(grp_store *store, const grp_actor *actor, grp_id session_id,
                                const grp_feedback_submission *sub);

/**
 * Whether @p person_id has responded to @p session_id. Readable by the
 * person, the group's facilitators and the system.
 * @param[out] out 1 or 0
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param session_id the session's id
 * @param person_id the person's id
 * @return 0; GRP_EACCESS; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_feedback_has_responded(int *out, grp_store *store, const grp_actor *actor, grp_id session_id,
                                       grp_id person_id);

/**
 * The responses to a session that @p actor may read: the group's
 * facilitators and the system see all (anonymous ones without an author);
 * a member sees their own named response. Others see none.
 * @param[out] out the new iterator; free with grp_feedback_response_iterator_free()
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param session_id the session's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (session).
 * @since 0.1
 */
GRP_API int grp_feedback_response_iterator_new(grp_feedback_response_iterator **out, grp_store *store,
                                               const grp_actor *actor, grp_id session_id);
/**
 * The next response (free with grp_feedback_response_free()).
 * @param[out] out the new feedback response; free with grp_feedback_response_free()
 * @param it the iterator
 * @return 0; GRP_ITEROVER; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_feedback_response_iterator_next(grp_feedback_response **out, grp_feedback_response_iterator *it);
/**
 * Free an iterator. NULL-safe.
 * @param it the iterator
 */
GRP_API void grp_feedback_response_iterator_free(grp_feedback_response_iterator *it);

/**
 * The author, or 0 for an anonymous response.
 * @param r the feedback response
 * @return the author, or 0 for an anonymous response
 */
GRP_API grp_id grp_feedback_response_person_id(const grp_feedback_response *r);
/**
 * The session.
 * @param r the feedback response
 * @return the session
 */
GRP_API grp_id grp_feedback_response_session_id(const grp_feedback_response *r);
/**
 * The form.
 * @param r the feedback response
 * @return the form
 */
GRP_API grp_id grp_feedback_response_form_id(const grp_feedback_response *r);
/**
 * Number of ratings.
 * @param r the feedback response
 * @return number of ratings
 */
GRP_API size_t grp_feedback_response_rating_count(const grp_feedback_response *r);
/**
 * Rating @p i (1..5, 0 = no answer), -1 if out of range.
 * @param r the feedback response
 * @param i index, from 0
 * @return rating @p i (1..5, 0 = no answer), -1 if out of range
 */
GRP_API int grp_feedback_response_rating(const grp_feedback_response *r, size_t i);
/**
 * Free text or NULL (borrowed).
 * @param r the feedback response
 * @return free text or NULL (borrowed)
 */
GRP_API const char *grp_feedback_response_text(const grp_feedback_response *r);
/**
 * Free a response. NULL-safe.
 * @param r the feedback response to free, or NULL
 */
GRP_API void grp_feedback_response_free(grp_feedback_response *r);

/** Version of ::grp_feedback_scope. */
#define GRP_FEEDBACK_SCOPE_VERSION 1

/**
 * What to aggregate: set exactly one of session_id, group_id,
 * facilitator_id (sessions of groups they facilitated, on dates they did)
 * and org_id; from/to bound the session starts (ignored for a session;
 * 0/0 = all time). Responses to one form only: form_id, or 0 for the
 * default form.
 */
typedef struct grp_feedback_scope {
    unsigned int version; /**< GRP_FEEDBACK_SCOPE_VERSION */
    grp_id session_id;     /**< one session, or 0 */
    grp_id group_id;       /**< the sessions of one group, or 0 */
    grp_id facilitator_id; /**< the sessions a person facilitated, or 0 */
    grp_id org_id;         /**< the sessions of an organisation's groups, or 0 */
    grp_time from;         /**< lower bound of the session starts (0 with @c to 0: all time) */
    grp_time to;           /**< upper bound of the session starts */
    grp_id form_id;        /**< the form whose responses count; 0: the default form */
} grp_feedback_scope;

/** Static initialiser. */
#define GRP_FEEDBACK_SCOPE_INIT { GRP_FEEDBACK_SCOPE_VERSION, 0, 0, 0, 0, 0, 0, 0 }

/**
 * Initialise a scope.
 * @param scope the scope to initialise
 * @param version GRP_FEEDBACK_SCOPE_VERSION
 * @return 0; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_feedback_scope_init(grp_feedback_scope *scope, unsigned int version);

/**
 * Aggregate feedback over @p scope. Readable by the system, members and
 * facilitators of the groups concerned, and the organisation's admins.
 * @param[out] out the new feedback summary; free with grp_feedback_summary_free()
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param scope what to summarise
 * @return 0; GRP_ESUPPRESSED (fewer distinct respondents than the minimum cohort: no
 *         numbers are returned); GRP_EACCESS; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_feedback_summary_get(grp_feedback_summary **out, grp_store *store, const grp_actor *actor,
                                     const grp_feedback_scope *scope);
/**
 * Responses counted.
 * @param s the feedback summary
 * @return responses counted
 */
GRP_API int grp_feedback_summary_responses(const grp_feedback_summary *s);
/**
 * Responses possible: members expected at the sessions in scope.
 * @param s the feedback summary
 * @return responses possible: members expected at the sessions in scope
 */
GRP_API int grp_feedback_summary_expected(const grp_feedback_summary *s);
/**
 * responses / expected (0 when nobody was expected).
 * @param s the feedback summary
 * @return responses / expected (0 when nobody was expected)
 */
GRP_API double grp_feedback_summary_response_rate(const grp_feedback_summary *s);
/**
 * Number of items.
 * @param s the feedback summary
 * @return number of items
 */
GRP_API size_t grp_feedback_summary_item_count(const grp_feedback_summary *s);
/**
 * Item text @p i (borrowed), NULL if out of range.
 * @param s the feedback summary
 * @param i index, from 0
 * @return item text @p i (borrowed), NULL if out of range
 */
GRP_API const char *grp_feedback_summary_item(const grp_feedback_summary *s, size_t i);
/**
 * Mean rating of item @p i over the answers given (0 if none).
 * @param s the feedback summary
 * @param i index, from 0
 * @return mean rating of item @p i over the answers given (0 if none)
 */
GRP_API double grp_feedback_summary_mean(const grp_feedback_summary *s, size_t i);
/**
 * How many answered @p rating (1..5) to item @p i; -1 if out of range.
 * @param s the feedback summary
 * @param i index, from 0
 * @param rating a rating, 1..5
 * @return how many answered @p rating (1..5) to item @p i; -1 if out of range
 */
GRP_API int grp_feedback_summary_count(const grp_feedback_summary *s, size_t i, int rating);
/**
 * Free a summary. NULL-safe.
 * @param s the feedback summary to free, or NULL
 */
GRP_API void grp_feedback_summary_free(grp_feedback_summary *s);

/**
 * Give constructive feedback to another member of a group (for example on
 * a case they presented). Author and recipient must be members or
 * facilitators of the group.
 * @param session_id the session it is about, or 0
 * @param share_with_facilitators 1: the group's facilitators may read it too
 * @param[out] out if not NULL, the new item's id
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param group_id the group's id
 * @param recipient_id the recipient's id
 * @param text the feedback, NUL-terminated
 * @return 0; GRP_EACCESS; GRP_EINVAL (empty text, to oneself); GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_peer_feedback_give(grp_id *out, grp_store *store, const grp_actor *actor, grp_id group_id,
                                   grp_id session_id, grp_id recipient_id, const char *text,
                                   int share_with_facilitators);

/**
 * Peer feedback of a group that @p actor may read (see the table in
 * access.h), oldest first.
 * @param[out] out the new iterator; free with grp_peer_feedback_iterator_free()
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param group_id the group's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (group).
 * @since 0.1
 */
GRP_API int grp_peer_feedback_iterator_new(grp_peer_feedback_iterator **out, grp_store *store,
                                           const grp_actor *actor, grp_id group_id);
/**
 * The next item (free with grp_peer_feedback_free()).
 * @param[out] out the new peer feedback; free with grp_peer_feedback_free()
 * @param it the iterator
 * @return 0; GRP_ITEROVER; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_peer_feedback_iterator_next(grp_peer_feedback **out, grp_peer_feedback_iterator *it);
/**
 * Free an iterator. NULL-safe.
 * @param it the iterator
 */
GRP_API void grp_peer_feedback_iterator_free(grp_peer_feedback_iterator *it);
/**
 * Id.
 * @param p the peer feedback
 * @return id
 */
GRP_API grp_id grp_peer_feedback_id(const grp_peer_feedback *p);
/**
 * Group.
 * @param p the peer feedback
 * @return group
 */
GRP_API grp_id grp_peer_feedback_group_id(const grp_peer_feedback *p);
/**
 * Session, or 0.
 * @param p the peer feedback
 * @return session, or 0
 */
GRP_API grp_id grp_peer_feedback_session_id(const grp_peer_feedback *p);
/**
 * Author.
 * @param p the peer feedback
 * @return author
 */
GRP_API grp_id grp_peer_feedback_author_id(const grp_peer_feedback *p);
/**
 * Recipient.
 * @param p the peer feedback
 * @return recipient
 */
GRP_API grp_id grp_peer_feedback_recipient_id(const grp_peer_feedback *p);
/**
 * Text (borrowed).
 * @param p the peer feedback
 * @return text (borrowed)
 */
GRP_API const char *grp_peer_feedback_text(const grp_peer_feedback *p);
/**
 * 1 if shared with the facilitators.
 * @param p the peer feedback
 * @return 1 if shared with the facilitators
 */
GRP_API int grp_peer_feedback_shared(const grp_peer_feedback *p);
/**
 * Free an item. NULL-safe.
 * @param p the peer feedback to free, or NULL
 */
GRP_API void grp_peer_feedback_free(grp_peer_feedback *p);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_FEEDBACK_H */

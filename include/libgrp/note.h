/**
 * @file libgrp/note.h
 * @brief Session notes (with the author's chosen visibility) and themes a
 *        group raises to its organisation (stored with no person link).
 */
#ifndef LIBGRP_NOTE_H
#define LIBGRP_NOTE_H

#include "common.h"
#include "store.h"
#include "access.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A session note. Owned: grp_note_free(). */
typedef struct grp_note grp_note;
/** An iterator over notes. */
typedef struct grp_note_iterator grp_note_iterator;
/** A theme. Owned: grp_theme_free(). */
typedef struct grp_theme grp_theme;
/** An iterator over themes. */
typedef struct grp_theme_iterator grp_theme_iterator;

/**
 * Write a note on a stored session. The author (the actor) must be a
 * member or facilitator of the session's group.
 * @param visibility who else may read it
 * @param text 1..10000 bytes
 * @param[out] out if not NULL, the note id
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param session_id the session's id
 * @return 0; GRP_EACCESS; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_note_add(grp_id *out, grp_store *store, const grp_actor *actor, grp_id session_id,
                         grp_visibility visibility, const char *text);

/**
 * The notes of a session that @p actor may read, oldest first.
 * @param[out] out the new iterator; free with grp_note_iterator_free()
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param session_id the session's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (session).
 * @since 0.1
 */
GRP_API int grp_note_iterator_new(grp_note_iterator **out, grp_store *store, const grp_actor *actor,
                                  grp_id session_id);
/**
 * The next note (free with grp_note_free()).
 * @param[out] out the new note; free with grp_note_free()
 * @param it the iterator
 * @return 0; GRP_ITEROVER; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_note_iterator_next(grp_note **out, grp_note_iterator *it);
/**
 * Free an iterator. NULL-safe.
 * @param it the iterator
 */
GRP_API void grp_note_iterator_free(grp_note_iterator *it);
/**
 * Note id.
 * @param n the note
 * @return note id
 */
GRP_API grp_id grp_note_id(const grp_note *n);
/**
 * Session.
 * @param n the note
 * @return session
 */
GRP_API grp_id grp_note_session_id(const grp_note *n);
/**
 * Author.
 * @param n the note
 * @return author
 */
GRP_API grp_id grp_note_author_id(const grp_note *n);
/**
 * Visibility.
 * @param n the note
 * @return visibility
 */
GRP_API grp_visibility grp_note_visibility(const grp_note *n);
/**
 * Text (borrowed).
 * @param n the note
 * @return text (borrowed)
 */
GRP_API const char *grp_note_text(const grp_note *n);
/**
 * Free a note. NULL-safe.
 * @param n the note to free, or NULL
 */
GRP_API void grp_note_free(grp_note *n);

/** A theme's status. */
typedef enum grp_theme_status {
    GRP_THEME_NOTED = 0,   /**< recorded by the group */
    GRP_THEME_RAISED = 1,  /**< raised to the organisation */
    GRP_THEME_RESOLVED = 2 /**< the organisation responded */
} grp_theme_status;

/**
 * Record a systemic theme a group wants to raise. Members and facilitators
 * of the group (and the system) may; no person is stored with it.
 * @param session_id the session it came up in, or 0
 * @param title 1..200 bytes
 * @param description optional, at most 4000 bytes
 * @param[out] out if not NULL, the theme id
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param group_id the group's id
 * @return 0; GRP_EACCESS; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_theme_raise(grp_id *out, grp_store *store, const grp_actor *actor, grp_id group_id,
                            grp_id session_id, const char *title, const char *description);

/**
 * Change a theme's status (the group's facilitators, or the system).
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param theme_id the theme's id
 * @param status the new status
 * @return 0; GRP_EACCESS; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_theme_set_status(grp_store *store, const grp_actor *actor, grp_id theme_id,
                                 grp_theme_status status);

/**
 * Themes @p actor may read, of one group (group_id) or of every group of
 * an organisation (org_id); set exactly one. Oldest first.
 * @param[out] out the new iterator; free with grp_theme_iterator_free()
 * @param store the store
 * @param actor who is asking (grp_actor_system() or grp_actor_person()); see <libgrp/access.h>
 * @param org_id an organisation's id, or 0
 * @param group_id a group's id, or 0
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_theme_iterator_new(grp_theme_iterator **out, grp_store *store, const grp_actor *actor,
                                   grp_id org_id, grp_id group_id);
/**
 * The next theme (free with grp_theme_free()).
 * @param[out] out the new theme; free with grp_theme_free()
 * @param it the iterator
 * @return 0; GRP_ITEROVER; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_theme_iterator_next(grp_theme **out, grp_theme_iterator *it);
/**
 * Free an iterator. NULL-safe.
 * @param it the iterator
 */
GRP_API void grp_theme_iterator_free(grp_theme_iterator *it);
/**
 * Theme id.
 * @param t the theme
 * @return theme id
 */
GRP_API grp_id grp_theme_id(const grp_theme *t);
/**
 * Group.
 * @param t the theme
 * @return group
 */
GRP_API grp_id grp_theme_group_id(const grp_theme *t);
/**
 * Session or 0.
 * @param t the theme
 * @return session or 0
 */
GRP_API grp_id grp_theme_session_id(const grp_theme *t);
/**
 * Title (borrowed).
 * @param t the theme
 * @return title (borrowed)
 */
GRP_API const char *grp_theme_title(const grp_theme *t);
/**
 * Description or NULL (borrowed).
 * @param t the theme
 * @return description or NULL (borrowed)
 */
GRP_API const char *grp_theme_description(const grp_theme *t);
/**
 * Status.
 * @param t the theme
 * @return status
 */
GRP_API grp_theme_status grp_theme_status_of(const grp_theme *t);
/**
 * Free a theme. NULL-safe.
 * @param t the theme to free, or NULL
 */
GRP_API void grp_theme_free(grp_theme *t);
/**
 * Lower-case word for a status ("noted", "raised", "resolved"), or NULL.
 * @param status the value
 * @return lower-case word for a status ("noted", "raised", "resolved"), or NULL
 */
GRP_API const char *grp_theme_status_name(grp_theme_status status);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_NOTE_H */

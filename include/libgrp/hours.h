/**
 * @file libgrp/hours.h
 * @brief Supervision-hours log: entries derived from attendance, crediting
 *        rules, facilitator sign-off, corrections and totals.
 *
 * Every attended session (present, late, left early) gives each attending
 * member an entry: date, group, kind, minutes attended and minutes
 * credited under the group's crediting rule. Entries follow attendance
 * until a facilitator signs them; a signed entry never changes: a
 * correction is a new entry holding the difference, and attendance for
 * that person and session can no longer be re-recorded.
 *
 * @par Crediting rules (per group)
 * | mode                 | credited minutes for a session attended by n members  |
 * |----------------------|-------------------------------------------------------|
 * | GRP_HOURS_INDIVIDUAL | all attended minutes, logged as individual supervision |
 * | GRP_HOURS_FULL       | all attended minutes                                  |
 * | GRP_HOURS_BACP       | n = 1: all; n <= 4: half; n >= 5: minutes / n         |
 * | GRP_HOURS_RATIO      | minutes * ratio_num / ratio_den (e.g. 1/2: two group hours count as one) |
 * Results are rounded to the nearest minute (halves up). An entry's kind is
 * individual when the mode is individual or n = 1, otherwise group.
 */
#ifndef LIBGRP_HOURS_H
#define LIBGRP_HOURS_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One log entry. Owned: grp_hours_entry_free(). */
typedef struct grp_hours_entry grp_hours_entry;
/** An iterator over log entries. */
typedef struct grp_hours_iterator grp_hours_iterator;

/** How a group's session time is credited. */
typedef enum grp_hours_mode {
    GRP_HOURS_FULL = 0,       /**< group time counts in full (default) */
    GRP_HOURS_INDIVIDUAL = 1, /**< 1:1 supervision: counts in full, as individual */
    GRP_HOURS_BACP = 2,       /**< BACP: 4 or fewer count half, 5 or more divide by n */
    GRP_HOURS_RATIO = 3       /**< a fixed ratio */
} grp_hours_mode;

/** Individual or group supervision. */
typedef enum grp_hours_kind {
    GRP_HOURS_KIND_INDIVIDUAL = 0, /**< one-to-one supervision */
    GRP_HOURS_KIND_GROUP = 1       /**< group supervision */
} grp_hours_kind;

/**
 * Lower-case word for a crediting mode ("bacp"), or NULL if out of range.
 * @param mode the value
 * @return "full", "individual", "bacp" or "ratio" (static storage), or NULL
 * @since 0.2
 */
GRP_API const char *grp_hours_mode_name(grp_hours_mode mode);
/**
 * Lower-case word for an entry kind ("group"), or NULL if out of range.
 * @param kind the value
 * @return "individual" or "group" (static storage), or NULL
 * @since 0.2
 */
GRP_API const char *grp_hours_kind_name(grp_hours_kind kind);

/** Version of ::grp_hours_rule. */
#define GRP_HOURS_RULE_VERSION 1

/** A group's crediting rule. */
typedef struct grp_hours_rule {
    unsigned int version; /**< GRP_HOURS_RULE_VERSION */
    grp_hours_mode mode;  /**< default GRP_HOURS_FULL */
    int ratio_num;        /**< GRP_HOURS_RATIO: numerator, 1..1000 (default 1) */
    int ratio_den;        /**< GRP_HOURS_RATIO: denominator, 1..1000 (default 1) */
} grp_hours_rule;

/** Static initialiser: full credit. */
#define GRP_HOURS_RULE_INIT { GRP_HOURS_RULE_VERSION, GRP_HOURS_FULL, 1, 1 }

/**
 * Initialise @p rule to full credit.
 * @param rule the struct to initialise
 * @param version GRP_HOURS_RULE_VERSION
 * @return 0; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_hours_rule_init(grp_hours_rule *rule, unsigned int version);

/**
 * Set a group's crediting rule. Unsigned entries are recomputed.
 * @param store the store
 * @param group_id the group's id
 * @param rule the new rule
 * @return 0; GRP_EINVAL (mode or ratio out of range); GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_hours_rule_set(grp_store *store, grp_id group_id, const grp_hours_rule *rule);

/**
 * A group's crediting rule (full credit if never set).
 * @param[out] out the group's rule
 * @param store the store
 * @param group_id the group's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_hours_rule_get(grp_hours_rule *out, grp_store *store, grp_id group_id);

/**
 * Credited minutes for @p minutes attended by @p attendees members under
 * @p rule (the pure calculation behind the log).
 * @param[out] out credited minutes
 * @param[out] kind_out if not NULL, the entry kind
 * @param rule the crediting rule
 * @param minutes minutes attended (not negative)
 * @param attendees how many members attended (at least 1)
 * @return 0; GRP_EINVAL (NULL, negative minutes, attendees < 1, bad rule).
 * @since 0.1
 */
GRP_API int grp_hours_credit(int *out, grp_hours_kind *kind_out, const grp_hours_rule *rule, int minutes,
                             int attendees);

/**
 * Sign an entry off. The signer must be a facilitator or co-facilitator of
 * the entry's group on the entry's date.
 * @param on the sign-off date (not before the entry's date)
 * @param store the store
 * @param entry_id the entry's id
 * @param signed_by the signing supervisor's person id
 * @return 0; GRP_ESTATE (already signed); GRP_EACCESS (not a facilitator
 *         of the group then); GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_hours_sign(grp_store *store, grp_id entry_id, grp_id signed_by, grp_date on);

/**
 * Add a correction to an entry: a new entry holding the differences.
 * @param[out] out if not NULL, the new entry's id
 * @param minutes_delta change of attended minutes (may be negative)
 * @param credited_delta change of credited minutes (may be negative)
 * @param note why (required, 1..1000 bytes)
 * @param store the store
 * @param entry_id the entry's id
 * @return 0; GRP_EINVAL (both deltas 0, no note, a total that would go
 *         below zero); GRP_ENOTFOUND; GRP_ESTATE (correcting a correction:
 *         correct the original instead; or the entry is not signed: an
 *         unsigned entry follows attendance, so re-record the attendance).
 * @since 0.1
 */
GRP_API int grp_hours_correct(grp_id *out, grp_store *store, grp_id entry_id, int minutes_delta,
                              int credited_delta, const char *note);

/**
 * Load an entry.
 * @param[out] out the new hours entry; free with grp_hours_entry_free()
 * @param store the store
 * @param entry_id the entry's id
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND.
 * @since 0.1
 */
GRP_API int grp_hours_entry_get(grp_hours_entry **out, grp_store *store, grp_id entry_id);

/**
 * A person's log for dates in [from, to], by date then id. Unset dates
 * leave that end open.
 * @param[out] out the new iterator; free with grp_hours_iterator_free()
 * @param store the store
 * @param person_id the person's id
 * @param from first date of the period (inclusive)
 * @param to last date of the period (inclusive)
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (person).
 * @since 0.1
 */
GRP_API int grp_hours_iterator_new(grp_hours_iterator **out, grp_store *store, grp_id person_id, grp_date from,
                                   grp_date to);
/**
 * The next entry (free with grp_hours_entry_free()).
 * @param[out] out the new hours entry; free with grp_hours_entry_free()
 * @param it the iterator
 * @return 0; GRP_ITEROVER; GRP_EINVAL.
 * @since 0.1
 */
GRP_API int grp_hours_iterator_next(grp_hours_entry **out, grp_hours_iterator *it);
/**
 * Free an iterator. NULL-safe.
 * @param it the iterator
 */
GRP_API void grp_hours_iterator_free(grp_hours_iterator *it);

/**
 * Entry id.
 * @param e the hours entry
 * @return entry id
 */
GRP_API grp_id grp_hours_entry_id(const grp_hours_entry *e);
/**
 * The supervisee.
 * @param e the hours entry
 * @return the supervisee
 */
GRP_API grp_id grp_hours_entry_person_id(const grp_hours_entry *e);
/**
 * The group.
 * @param e the hours entry
 * @return the group
 */
GRP_API grp_id grp_hours_entry_group_id(const grp_hours_entry *e);
/**
 * The session.
 * @param e the hours entry
 * @return the session
 */
GRP_API grp_id grp_hours_entry_session_id(const grp_hours_entry *e);
/**
 * The session's local date.
 * @param e the hours entry
 * @return the session's local date
 */
GRP_API grp_date grp_hours_entry_date(const grp_hours_entry *e);
/**
 * Individual or group.
 * @param e the hours entry
 * @return individual or group
 */
GRP_API grp_hours_kind grp_hours_entry_kind(const grp_hours_entry *e);
/**
 * Minutes attended (a difference, for a correction).
 * @param e the hours entry
 * @return minutes attended (a difference, for a correction)
 */
GRP_API int grp_hours_entry_minutes(const grp_hours_entry *e);
/**
 * Minutes credited (a difference, for a correction).
 * @param e the hours entry
 * @return minutes credited (a difference, for a correction)
 */
GRP_API int grp_hours_entry_credited(const grp_hours_entry *e);
/**
 * Signer's person id, 0 if unsigned.
 * @param e the hours entry
 * @return signer's person id, 0 if unsigned
 */
GRP_API grp_id grp_hours_entry_signed_by(const grp_hours_entry *e);
/**
 * Sign-off date, unset if unsigned.
 * @param e the hours entry
 * @return sign-off date, unset if unsigned
 */
GRP_API grp_date grp_hours_entry_signed_on(const grp_hours_entry *e);
/**
 * The entry this one corrects, or 0.
 * @param e the hours entry
 * @return the entry this one corrects, or 0
 */
GRP_API grp_id grp_hours_entry_corrects(const grp_hours_entry *e);
/**
 * The correction's note, or NULL (borrowed).
 * @param e the hours entry
 * @return the correction's note, or NULL (borrowed)
 */
GRP_API const char *grp_hours_entry_note(const grp_hours_entry *e);
/**
 * Free an entry. NULL-safe.
 * @param e the hours entry to free, or NULL
 */
GRP_API void grp_hours_entry_free(grp_hours_entry *e);

/** Totals of a person's log over a period (corrections included). */
typedef struct grp_hours_totals {
    int entries;              /**< entries, corrections included */
    int64_t minutes;          /**< minutes attended */
    int64_t credited;         /**< minutes credited */
    int64_t credited_signed;  /**< minutes credited in signed entries (a correction counts once it is signed too) */
    int64_t individual;       /**< minutes credited as individual supervision */
    int64_t group;            /**< minutes credited as group supervision */
} grp_hours_totals;

/**
 * Totals of a person's log for dates in [from, to] (unset = open).
 * @param[out] out the totals
 * @param store the store
 * @param person_id the person's id
 * @param from first date of the period (inclusive)
 * @param to last date of the period (inclusive)
 * @return 0; GRP_EINVAL; GRP_ENOTFOUND (person).
 * @since 0.1
 */
GRP_API int grp_hours_totals_get(grp_hours_totals *out, grp_store *store, grp_id person_id, grp_date from,
                                 grp_date to);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_HOURS_H */

/**
 * @file libgrp/ical.h
 * @brief iCalendar (RFC 5545) export of a group's schedule (or several groups').
 *
 * The export is a VCALENDAR that a calendar program can import or
 * subscribe to:
 * - one VEVENT per cadence segment, with DTSTART;TZID= (the segment's first
 *   actual session), DURATION and the segment's RRULE. A segment that ends
 *   ("this and following", or grp_cadence_end()) gets an UTC UNTIL so that
 *   its last occurrence is exactly its last session before the next
 *   segment starts; a rule's own UNTIL is rewritten the same way, because
 *   RFC 5545 requires UNTIL in UTC when DTSTART has a TZID;
 * - an EXDATE;TZID= for each occurrence cancelled or marked "did not take
 *   place";
 * - a VEVENT with the series' UID and a RECURRENCE-ID;TZID= for each
 *   occurrence that was moved, lengthened or shortened, or given another
 *   place or meeting link;
 * - a VEVENT of its own for each ad-hoc session (cancelled and not-held
 *   ones are left out, as cancelled occurrences are), and for a stored
 *   session whose occurrence no longer belongs to its cadence (after the
 *   cadence was replaced), so that the export lists exactly the sessions
 *   grp_session_iterator_new() lists, less the cancelled ones;
 * - a VTIMEZONE for the group's zone and every zone the events use, built
 *   from the same zoneinfo data libgrp itself uses, covering the exported
 *   events (yearly rules become RRULEs; a zone without daylight-saving
 *   time gets a single STANDARD).
 *
 * SUMMARY is the group's name; LOCATION and URL come from the group, or
 * from a session's own place and link. UIDs depend only on the store's
 * content ("grp-<group>-cadence-<segment>@<domain>" and
 * "grp-<group>-session-<session>@<domain>"), so re-exporting updates the
 * same events in a subscribed calendar. Durations are exact (DURATION is
 * used rather than DTEND, so a session ending in a daylight-saving overlap
 * keeps its length). Text is escaped (RFC 5545 3.3.11), lines end in CRLF
 * and are folded at 75 octets without splitting a UTF-8 character.
 *
 * @par Threading
 * As for every call on a ::grp_store: one thread at a time per handle.
 */
#ifndef LIBGRP_ICAL_H
#define LIBGRP_ICAL_H

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Version of ::grp_ical_options understood by this library. */
#define GRP_ICAL_OPTIONS_VERSION 1

/**
 * Options of an iCalendar export. NULL options mean the defaults. Strings
 * are borrowed for the duration of the call. Fields are only ever appended.
 */
typedef struct grp_ical_options {
    unsigned int version;   /**< GRP_ICAL_OPTIONS_VERSION */
    const char *prodid;     /**< PRODID value, 1..200 bytes of UTF-8 without control
                                 characters; NULL = "-//libgrp//libgrp <version>//EN" */
    grp_time dtstamp;       /**< DTSTAMP of every VEVENT; 0 = the current time. Give a
                                 fixed value for reproducible output. */
    const char *uid_domain; /**< right-hand side of every UID, 1..253 characters from
                                 A-Z a-z 0-9 '.' '-'; NULL = "libgrp". Set it to a domain
                                 you own when calendars from several stores meet. */
} grp_ical_options;

/** Static initialiser with the defaults. */
#define GRP_ICAL_OPTIONS_INIT { GRP_ICAL_OPTIONS_VERSION, NULL, 0, NULL }

/**
 * Initialise @p opts with the defaults (for callers that cannot use the
 * macro, such as bindings).
 * @param[out] opts the options to initialise
 * @param version GRP_ICAL_OPTIONS_VERSION
 * @return 0; GRP_EINVAL if @p opts is NULL or @p version is unknown.
 * @since 0.1
 */
GRP_API int grp_ical_options_init(grp_ical_options *opts, unsigned int version);

/**
 * Export a group's schedule as an iCalendar document.
 *
 * A group with no cadence and no sessions gives a VCALENDAR without VEVENT
 * (it still carries VERSION, PRODID and the VTIMEZONE of the group's zone).
 * The store is only read. Reads are not wrapped in a transaction: a writer
 * in another process may change the store between them.
 *
 * @param[out] out new NUL-terminated UTF-8 document with CRLF line ends;
 *             free with grp_free(). NULL on error.
 * @param store the store
 * @param group_id the group
 * @param opts options, or NULL for the defaults
 * @return 0;
 *         GRP_EINVAL if @p out or @p store is NULL, @p group_id is not a
 *         valid id, or an option is invalid (unknown version, bad PRODID or
 *         UID domain, DTSTAMP outside the years 1..9999);
 *         GRP_ENOTFOUND if there is no such group;
 *         GRP_ESTORAGE; GRP_ENOMEM; the codes of grp_tz_open() if a zone
 *         stored with the group can no longer be loaded.
 * @since 0.1
 */
GRP_API int grp_ical_export_group(char **out, grp_store *store, grp_id group_id,
                                  const grp_ical_options *opts);

/** Most groups grp_ical_export_groups() puts in one calendar. */
#define GRP_ICAL_MAX_GROUPS 1000

/**
 * Export the schedules of several groups as one iCalendar document: a
 * staff member's groups, or a facilitator's, in one calendar.
 *
 * The document is what grp_ical_export_group() writes for each group, in
 * the order of @p group_ids, under one VCALENDAR: one VTIMEZONE for each
 * zone any of the groups uses (covering the events of all of them), then
 * each group's VEVENTs. UIDs name their group, so they stay distinct and
 * are the same as in each group's own export. X-WR-CALNAME lists the
 * groups' names joined by ", "; X-WR-TIMEZONE is the first group's zone.
 * With one id, the document is exactly grp_ical_export_group()'s.
 *
 * @param[out] out new NUL-terminated UTF-8 document with CRLF line ends;
 *             free with grp_free(). NULL on error.
 * @param store the store
 * @param group_ids the groups, each once
 * @param count how many: 1..GRP_ICAL_MAX_GROUPS
 * @param opts options, or NULL for the defaults
 * @return 0;
 *         GRP_EINVAL if @p out, @p store or @p group_ids is NULL, @p count
 *         is outside 1..GRP_ICAL_MAX_GROUPS, an id is not a valid id or is
 *         given twice (the message names its index), or an option is
 *         invalid (as for grp_ical_export_group());
 *         GRP_ENOTFOUND if one of the groups does not exist;
 *         GRP_ESTORAGE; GRP_ENOMEM; the codes of grp_tz_open() if a zone
 *         stored with a group can no longer be loaded.
 * @since 0.2
 */
GRP_API int grp_ical_export_groups(char **out, grp_store *store, const grp_id *group_ids, size_t count,
                                   const grp_ical_options *opts);

/**
 * Export a group's schedule (as grp_ical_export_group()) into the file
 * @p path, created or truncated. The file is written in one piece once the
 * document is complete; on a write error it is removed. The replacement is
 * not atomic: to replace a file that others read, write to a temporary
 * name and rename it.
 *
 * @param store the store
 * @param group_id the group
 * @param path the file to write
 * @param opts options, or NULL for the defaults
 * @return 0; the codes of grp_ical_export_group(); GRP_EINVAL if @p path is
 *         NULL or empty; GRP_EACCESS if the file may not be created;
 *         GRP_ESTORAGE for any other I/O error (the message names the file
 *         and the system's reason).
 * @since 0.1
 */
GRP_API int grp_ical_export_group_to_file(grp_store *store, grp_id group_id, const char *path,
                                          const grp_ical_options *opts);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_ICAL_H */

/**
 * @file libgrp/tz.h
 * @brief IANA time zones read from the system's zoneinfo (TZif, RFC 8536).
 *
 * libgrp reads TZif files itself: it never reads or changes the TZ
 * environment variable and never calls localtime(). The directory is
 * $TZDIR when set (and not empty), else /usr/share/zoneinfo. TZif versions
 * 1 to 4 are read; after a file's last transition its footer rule (a POSIX
 * TZ string) gives local time, so dates far in the future are right even
 * with "slim" zone files. A loaded ::grp_tz is immutable, so one may be
 * shared by any number of threads; conversions do not allocate.
 *
 * Instants and local times are limited to years 1..9999, like the rest of
 * libgrp.
 */
#ifndef LIBGRP_TZ_H
#define LIBGRP_TZ_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A loaded time zone. Immutable; thread-safe to share. */
typedef struct grp_tz grp_tz;

/**
 * Load the IANA zone @p name, e.g. "Europe/London" or "UTC".
 * @param[out] out new zone; free with grp_tz_free()
 * @param name IANA name of at most 255 characters: letters, digits, '_',
 *        '-', '+' and '/' only; no ".." component, no leading '/', no empty
 *        component
 * @return 0; GRP_EINVAL if an argument is NULL or the name is malformed;
 *         GRP_ENOTFOUND if no such zone exists (including a name that is a
 *         directory, such as "America"); GRP_EPARSE if the zone file is not
 *         valid TZif (the message names the problem and its byte offset);
 *         GRP_EUNSUPPORTED for a zone with leap-second records ("right/...");
 *         GRP_ESTORAGE if the file exists but cannot be read; GRP_ENOMEM.
 *         On failure *out is set to NULL.
 * @since 0.1
 */
GRP_API int grp_tz_open(grp_tz **out, const char *name);

/**
 * Free a zone. NULL-safe.
 * @param tz the time zone to free, or NULL
 * @since 0.1
 */
GRP_API void grp_tz_free(grp_tz *tz);

/**
 * The zone's IANA name as given to grp_tz_open().
 * @param tz the time zone
 * @return borrowed; valid until grp_tz_free(). NULL if @p tz is NULL.
 * @since 0.1
 */
GRP_API const char *grp_tz_name(const grp_tz *tz);

/**
 * Check that @p name is a loadable IANA zone.
 * @param name an IANA zone name, e.g. "Europe/London"
 * @return 0 if it is; otherwise the code grp_tz_open() would return.
 * @since 0.1
 */
GRP_API int grp_tz_check(const char *name);

/**
 * Convert a local civil time in @p tz to an instant.
 *
 * A local time that does not exist (in a gap, when clocks go forward) is
 * moved forward by the length of the gap; a local time that occurs twice
 * (clocks go back) takes the first occurrence. Both follow RFC 5545 3.3.5.
 * For example in Europe/London, 2026-03-29T01:30 (skipped) gives
 * 01:30Z, read as 02:30 BST; 2026-10-25T01:30 (twice) gives 00:30Z, the
 * BST reading.
 * @param[out] out the instant (for local times at the very edge of year 1
 *             or 9999 it may lie just outside that range)
 * @param tz a loaded time zone
 * @param local a local date and time
 * @return 0; GRP_EINVAL if an argument is NULL or @p local is invalid.
 * @since 0.1
 */
GRP_API int grp_tz_local_to_utc(grp_time *out, const grp_tz *tz, grp_datetime local);

/**
 * Convert an instant to local civil time in @p tz.
 * @param[out] out the local date and time
 * @param[out] offset_out if not NULL, the UTC offset in seconds in force
 * @param tz a loaded time zone
 * @param t an instant
 * @return 0; GRP_EINVAL if @p out or @p tz is NULL, or @p t or its local
 *         time is outside years 1..9999.
 * @since 0.1
 */
GRP_API int grp_tz_utc_to_local(grp_datetime *out, int *offset_out, const grp_tz *tz, grp_time t);

/**
 * The UTC offset (seconds east of Greenwich) in force at instant @p t, and
 * optionally whether it is daylight-saving time and its abbreviation.
 * @param[out] offset_out the offset in seconds
 * @param[out] is_dst_out if not NULL, 1 for daylight-saving time, else 0
 * @param[out] abbrev_out if not NULL, the abbreviation ("BST"); borrowed,
 *             valid until grp_tz_free()
 * @param tz a loaded time zone
 * @param t an instant
 * @return 0; GRP_EINVAL if @p offset_out or @p tz is NULL, or @p t is
 *         outside years 1..9999.
 * @since 0.1
 */
GRP_API int grp_tz_offset_at(int *offset_out, int *is_dst_out, const char **abbrev_out,
                             const grp_tz *tz, grp_time t);

#ifdef __cplusplus
}
#endif
#endif /* LIBGRP_TZ_H */

/* Internal, pure: the rules across the members of one record. The model
 * (checking a caller's spec or a change) and the JSON/NDJSON import
 * (checking a document's record) both ask these, and each turns the
 * verdict into its own message: the model names arguments, the import
 * names JSON paths. No storage, no messages here. */
#ifndef GRP_POLICY_RECORDS_H
#define GRP_POLICY_RECORDS_H

#include "libgrp/common.h"
#include "libgrp/group.h"

/* 1 if `quorum` is in 0..capacity. */
int grp__quorum_fits(int quorum, int capacity);

/* What a group's place lacks for its delivery mode: in person and hybrid
 * need a location, online and hybrid a meeting link. The location is
 * asked about first. */
typedef enum grp__place_verdict {
    GRP__PLACE_OK = 0,
    GRP__PLACE_NEEDS_LOCATION,
    GRP__PLACE_NEEDS_LINK
} grp__place_verdict;
grp__place_verdict grp__place_check(grp_delivery delivery, int has_location, int has_link);

/* 1 if `email` has the shape name@domain: exactly one '@', text on both
 * sides, no space or tab (NULL: 0). Length and control characters are
 * the text checks' business. */
int grp__email_shape_ok(const char *email);

/* The dates of a stint in order: requested_on <= began <= ended. An unset
 * began or ended ({0, 0, 0}) is not compared; ended is compared with began
 * when began is set, else with requested_on. */
typedef enum grp__stint_verdict {
    GRP__STINT_OK = 0,
    GRP__STINT_BEGAN_BEFORE_REQUESTED,
    GRP__STINT_ENDED_BEFORE_BEGAN,
    GRP__STINT_ENDED_BEFORE_REQUESTED
} grp__stint_verdict;
grp__stint_verdict grp__stint_dates_check(grp_date requested_on, grp_date began, grp_date ended);

/* 1 if a cadence segment starting on `first_date` may end on `until`
 * (unset: open-ended): until >= first_date. */
int grp__segment_until_ok(grp_date first_date, grp_date until);

/* How a session's links to its cadence hang together: a session made
 * from a cadence has the cadence, the occurrence and its UTC instant; an
 * ad hoc session has none of them. The model keeps this by construction
 * (session.c sets all three together or none); the import asks. */
typedef enum grp__session_link_verdict {
    GRP__SESSION_LINK_OK = 0,
    GRP__SESSION_LINK_UTC_WITHOUT_OCCURRENCE, /* occurrence_utc set exactly when occurrence is */
    GRP__SESSION_LINK_OCCURRENCE_WITHOUT_CADENCE /* occurrence set exactly when cadence is */
} grp__session_link_verdict;
grp__session_link_verdict grp__session_link_check(int has_cadence, int has_occurrence, int has_occurrence_utc);

/* 1 if the hours entry `id` may correct entry `corrects` (0: an original
 * entry): a correction comes after the entry it corrects. The model keeps
 * this by construction (grp_hours_correct inserts the correction after
 * its entry); the import asks. */
int grp__correction_order_ok(grp_id id, grp_id corrects);

#endif

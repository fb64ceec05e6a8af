/* Internal: the storage seam. The model layer reaches storage only through
 * this table of domain-level operations, so that another backend (say,
 * PostgreSQL) can be added without touching the model or the public API.
 * Append new operations at the end and bump GRP__BACKEND_VERSION.
 *
 * Conventions: every operation returns 0 or a GRP_E* code with the thread
 * error set; "load" operations fill a caller-provided record (clear it with
 * grp__*_clear) and return GRP_ENOTFOUND when there is no row; "list"
 * operations append heap records to a grp__list. */
#ifndef GRP_STORE_BACKEND_H
#define GRP_STORE_BACKEND_H

#include "store/records.h"

#define GRP__BACKEND_VERSION 3

/* Bulk rows for the io layer (JSON document export/import). Each table of
 * the store is seen as rows of plain values in a fixed column order (the
 * column lists of the SQL_IO_* statements in store/sql.def, documented at
 * each value of grp__io_table). A value is NULL, an integer or a text. */
typedef enum grp__io_table {
    GRP__IO_ORG,        /* id, name, external_ref, archived */
    GRP__IO_PERSON,     /* id, org_id, display_name, job_role, email, external_ref, archived */
    GRP__IO_ORG_ADMIN,  /* org_id, person_id */
    GRP__IO_FORM,       /* id, name */
    GRP__IO_FORM_ITEM,  /* form_id, position, text */
    GRP__IO_GROUP,      /* id, org_id, name, kind, status, capacity, capacity_policy, quorum,
                           membership_policy, allow_other_orgs, delivery, location, meeting_link,
                           timezone, session_minutes, archived */
    GRP__IO_GROUP_ROLE, /* group_id, position, role */
    GRP__IO_GROUP_FORM, /* group_id, form_id */
    GRP__IO_HOURS_RULE, /* group_id, mode, ratio_num, ratio_den */
    GRP__IO_MEMBERSHIP, /* id, group_id, person_id, role, state, requested_on, began, ended, reason */
    GRP__IO_CADENCE,    /* id, group_id, rrule, first_date, until_date, start_minute, duration, timezone */
    GRP__IO_SESSION,    /* id, group_id, cadence_id, occurrence, occurrence_utc, start_local, start_utc,
                           duration, status, location, meeting_link, reason, timezone */
    GRP__IO_ATTENDANCE, /* session_id, person_id, status, minutes, recorded_by, recorded_at */
    GRP__IO_PRESENTER,  /* session_id, person_id */
    GRP__IO_HOURS,      /* id, person_id, group_id, session_id, entry_date, kind, minutes, credited,
                           signed_by, signed_on, corrects, note */
    GRP__IO_RESPONSE,   /* session_id, id, form_id, person_id, ratings, text */
    GRP__IO_GIVEN,      /* session_id, person_id */
    GRP__IO_PEER,       /* id, group_id, session_id, author_id, recipient_id, text, shared */
    GRP__IO_GOAL,       /* id, owner_id, title, description, group_id, target_date, status, visibility */
    GRP__IO_STEP,       /* id, goal_id, position, title, due, done */
    GRP__IO_PROGRESS,   /* id, goal_id, entry_date, percent, note, session_id, recorded_by */
    GRP__IO_NOTE,       /* id, session_id, author_id, visibility, text */
    GRP__IO_THEME,      /* id, group_id, session_id, title, description, status */
    GRP__IO_TABLE_COUNT
} grp__io_table;

#define GRP__IO_MAX_COLS 16

typedef enum grp__io_type { GRP__IO_NULL = 0, GRP__IO_INT = 1, GRP__IO_TEXT = 2 } grp__io_type;

typedef struct grp__io_value {
    grp__io_type type;
    int64_t i;     /* GRP__IO_INT */
    const char *t; /* GRP__IO_TEXT: NUL-terminated, borrowed */
} grp__io_value;

/* Called once a row; the values are valid for the call only. A non-zero
 * return stops the walk and is returned. */
typedef int (*grp__io_row_fn)(void *payload, const grp__io_value *row, size_t ncols);


typedef struct grp__backend {
    int version;
    const char *name;

    /* Transactions (nesting handled by the backend: savepoints inside). */
    int (*tx_begin)(grp_store *s);
    int (*tx_commit)(grp_store *s);
    int (*tx_rollback)(grp_store *s);

    /* Organisations */
    int (*org_insert)(grp_store *s, struct grp_org *o);
    int (*org_load)(grp_store *s, grp_id id, struct grp_org *out);
    int (*org_load_by_ref)(grp_store *s, const char *ref, struct grp_org *out);
    int (*org_update)(grp_store *s, const struct grp_org *o);
    int (*org_list)(grp_store *s, uint32_t flags, grp__list *out);

    /* People */
    int (*person_insert)(grp_store *s, struct grp_person *p);
    int (*person_load)(grp_store *s, grp_id id, struct grp_person *out);
    int (*person_load_by_ref)(grp_store *s, grp_id org_id, const char *ref, struct grp_person *out);
    int (*person_update)(grp_store *s, const struct grp_person *p);
    int (*person_list)(grp_store *s, grp_id org_id, uint32_t flags, grp__list *out);

    /* Groups (with their eligible roles) */
    int (*group_insert)(grp_store *s, struct grp_group *g);
    int (*group_load)(grp_store *s, grp_id id, struct grp_group *out);
    int (*group_update)(grp_store *s, const struct grp_group *g);
    int (*group_list)(grp_store *s, grp_id org_id, uint32_t flags, grp__list *out);

    /* Membership stints */
    int (*membership_insert)(grp_store *s, struct grp_membership *m);
    int (*membership_load)(grp_store *s, grp_id id, struct grp_membership *out);
    int (*membership_update)(grp_store *s, const struct grp_membership *m);
    int (*membership_query)(grp_store *s, const grp_membership_query *q, grp__list *out);
    /* All stints of one person in one group, oldest first. */
    int (*membership_of_person)(grp_store *s, grp_id group_id, grp_id person_id, grp__list *out);
    /* Member-role stints of a group that are active on `from` or later. */
    int (*membership_from)(grp_store *s, grp_id group_id, grp_date from, grp__list *out);
    /* Waitlisted stints of a group, longest-waiting first. */
    int (*membership_waitlist)(grp_store *s, grp_id group_id, grp__list *out);

    /* Cadence segments of a group, oldest first. */
    int (*cadence_insert)(grp_store *s, struct grp_cadence *c);
    int (*cadence_update)(grp_store *s, const struct grp_cadence *c);
    int (*cadence_list)(grp_store *s, grp_id group_id, grp__list *out);

    /* Stored sessions. */
    int (*session_insert)(grp_store *s, struct grp_session *x);
    int (*session_load)(grp_store *s, grp_id id, struct grp_session *out);
    int (*session_load_by_occurrence)(grp_store *s, grp_id group_id, grp_datetime occurrence,
                                      struct grp_session *out);
    int (*session_update)(grp_store *s, const struct grp_session *x);
    /* Stored sessions of a group whose start or occurrence lies in [from, to). */
    int (*session_range)(grp_store *s, grp_id group_id, grp_time from, grp_time to, grp__list *out);

    /* Attendance. */
    int (*attendance_upsert)(grp_store *s, const struct grp_attendance *a);
    int (*attendance_load)(grp_store *s, grp_id session_id, grp_id person_id, struct grp_attendance *out);
    int (*attendance_of_session)(grp_store *s, grp_id session_id, grp__list *out);
    int (*attendance_count)(grp_store *s, grp_id session_id, int *out);
    /* Attendance at a group's sessions starting in [from, to), optionally of one person. */
    int (*attendance_of_group)(grp_store *s, grp_id group_id, grp_id person_id, grp_time from, grp_time to,
                               grp__list *out);

    /* Supervision hours. rule_load gives the default rule when none is stored. */
    int (*hours_rule_load)(grp_store *s, grp_id group_id, grp_hours_rule *out);
    int (*hours_rule_save)(grp_store *s, grp_id group_id, const grp_hours_rule *rule);
    int (*hours_insert)(grp_store *s, struct grp_hours_entry *e);
    int (*hours_load)(grp_store *s, grp_id id, struct grp_hours_entry *out);
    int (*hours_update)(grp_store *s, const struct grp_hours_entry *e);
    int (*hours_delete)(grp_store *s, grp_id id);
    /* Original (not correction) entries of a session. */
    int (*hours_of_session)(grp_store *s, grp_id session_id, grp__list *out);
    /* A person's entries with dates in [from, to] (unset = open), by date then id. */
    int (*hours_of_person)(grp_store *s, grp_id person_id, grp_date from, grp_date to, grp__list *out);
    /* Ids of the stored sessions of a group that have hours entries (as grp_id heap items). */
    int (*hours_sessions_of_group)(grp_store *s, grp_id group_id, grp__list *out);

    /* Presenter rota. */
    int (*presenter_set)(grp_store *s, grp_id session_id, grp_id person_id);
    int (*presenter_clear)(grp_store *s, grp_id session_id);
    int (*presenter_get)(grp_store *s, grp_id session_id, grp_id *out);
    /* Per person, the latest start of a session of the group before `before`
     * that they presented (struct grp__presented items). */
    int (*presenter_history)(grp_store *s, grp_id group_id, grp_time before, grp__list *out);

    /* Organisation administrators. */
    int (*org_admin_set)(grp_store *s, grp_id org_id, grp_id person_id, int admin);
    int (*org_admin_check)(grp_store *s, grp_id org_id, grp_id person_id, int *out);

    /* Feedback. response_insert draws the response's random id. */
    int (*form_insert)(grp_store *s, struct grp_feedback_form *f);
    int (*form_load)(grp_store *s, grp_id id, struct grp_feedback_form *out);
    int (*group_form_set)(grp_store *s, grp_id group_id, grp_id form_id);
    int (*group_form_get)(grp_store *s, grp_id group_id, grp_id *out); /* 0 when not set */
    int (*response_insert)(grp_store *s, struct grp_feedback_response *r);
    int (*given_insert)(grp_store *s, grp_id session_id, grp_id person_id); /* GRP_EEXISTS if present */
    int (*given_check)(grp_store *s, grp_id session_id, grp_id person_id, int *out);
    /* The people recorded as having responded to a session, ascending; *ids
     * is the caller's to grp__free (NULL when none). */
    int (*given_of_session)(grp_store *s, grp_id session_id, grp_id **ids, size_t *count);
    int (*responses_of_session)(grp_store *s, grp_id session_id, grp__list *out);
    int (*responses_of_person)(grp_store *s, grp_id person_id, grp__list *out);
    int (*peer_insert)(grp_store *s, struct grp_peer_feedback *p);
    int (*peer_of_group)(grp_store *s, grp_id group_id, grp__list *out);
    int (*peer_of_person)(grp_store *s, grp_id person_id, grp__list *out);

    /* Goals. goal_load fills the steps too; goal_list does not. */
    int (*goal_insert)(grp_store *s, struct grp_goal *g);
    int (*goal_load)(grp_store *s, grp_id id, struct grp_goal *out);
    int (*goal_update)(grp_store *s, const struct grp_goal *g);
    int (*goal_list)(grp_store *s, grp_id owner_id, grp_id group_id, grp__list *out);
    int (*step_insert)(grp_store *s, struct grp__goal_step *st);
    int (*step_load)(grp_store *s, grp_id id, struct grp__goal_step *out);
    int (*step_set_done)(grp_store *s, grp_id id, int done);
    int (*progress_insert)(grp_store *s, struct grp_goal_progress *p);
    int (*progress_of_goal)(grp_store *s, grp_id goal_id, grp__list *out);

    /* Notes and themes. themes_of lists one group's, or an organisation's. */
    int (*note_insert)(grp_store *s, struct grp_note *n);
    int (*notes_of_session)(grp_store *s, grp_id session_id, grp__list *out);
    int (*notes_of_author)(grp_store *s, grp_id person_id, grp__list *out);
    int (*theme_insert)(grp_store *s, struct grp_theme *t);
    int (*theme_load)(grp_store *s, grp_id id, struct grp_theme *out);
    int (*theme_set_status)(grp_store *s, grp_id id, grp_theme_status status);
    int (*themes_of)(grp_store *s, grp_id org_id, grp_id group_id, grp__list *out);

    /* Audit log and erasure of a person's confidential content. */
    int (*audit_insert)(grp_store *s, const struct grp_audit_entry *e);
    int (*audit_list)(grp_store *s, grp_id after_id, grp__list *out);
    int (*person_erase_content)(grp_store *s, grp_id person_id);

    /* The change feed. */
    int (*event_insert)(grp_store *s, struct grp_event *e); /* sets e->seq */
    int (*events_after)(grp_store *s, int64_t after_seq, size_t max, grp__list *out);
    int (*event_last_seq)(grp_store *s, int64_t *out);
    int (*events_prune)(grp_store *s, int64_t up_to_seq, size_t *pruned);
    /* Remember that a due event was emitted; *is_new = 0 if it already was. */
    int (*due_mark)(grp_store *s, grp_id goal_id, grp_id step_id, int kind, int *is_new);
    /* Bulk rows (io layer). io_rows walks a table's rows in key order, only
     * those of organisation org_id and/or group group_id when non-zero (the
     * organisation and people tables are never filtered); io_insert writes one
     * row with every column, an INT id column as given or, NULL, chosen by the
     * store (*id_out, may be NULL, gets the row's id); io_id_taken says whether
     * a table with an integer id already has `id`. */
    int (*io_rows)(grp_store *s, grp__io_table t, grp_id org_id, grp_id group_id, grp__io_row_fn fn, void *payload);
    int (*io_insert)(grp_store *s, grp__io_table t, const grp__io_value *row, grp_id *id_out);
    int (*io_id_taken)(grp_store *s, grp__io_table t, grp_id id, int *out);
    /* A transaction that only reads (version 3): a snapshot that takes no
     * write lock, so it works on read-only handles and does not wait for
     * writers. Ended with tx_commit or tx_rollback like tx_begin's. */
    int (*tx_begin_read)(grp_store *s);
} grp__backend;

/* The SQLite backend (store/sqlite_*.c). */
extern const grp__backend grp__sqlite_backend;

#endif

/* Internal: the SQLite backend's operations, gathered into
 * grp__sqlite_backend in store/store.c. */
#ifndef GRP_STORE_SQLITE_H
#define GRP_STORE_SQLITE_H

#include "store/store_impl.h"

int grp__sqlite_tx_begin(grp_store *s);
int grp__sqlite_tx_begin_read(grp_store *s);
int grp__sqlite_tx_commit(grp_store *s);
int grp__sqlite_tx_rollback(grp_store *s);

int grp__sqlite_org_insert(grp_store *s, struct grp_org *o);
int grp__sqlite_org_load(grp_store *s, grp_id id, struct grp_org *out);
int grp__sqlite_org_load_by_ref(grp_store *s, const char *ref, struct grp_org *out);
int grp__sqlite_org_update(grp_store *s, const struct grp_org *o);
int grp__sqlite_org_list(grp_store *s, uint32_t flags, grp__list *out);

int grp__sqlite_person_insert(grp_store *s, struct grp_person *p);
int grp__sqlite_person_load(grp_store *s, grp_id id, struct grp_person *out);
int grp__sqlite_person_load_by_ref(grp_store *s, grp_id org_id, const char *ref, struct grp_person *out);
int grp__sqlite_person_update(grp_store *s, const struct grp_person *p);
int grp__sqlite_person_list(grp_store *s, grp_id org_id, uint32_t flags, grp__list *out);

int grp__sqlite_group_insert(grp_store *s, struct grp_group *g);
int grp__sqlite_group_load(grp_store *s, grp_id id, struct grp_group *out);
int grp__sqlite_group_update(grp_store *s, const struct grp_group *g);
int grp__sqlite_group_list(grp_store *s, grp_id org_id, uint32_t flags, grp__list *out);

int grp__sqlite_membership_insert(grp_store *s, struct grp_membership *m);
int grp__sqlite_membership_load(grp_store *s, grp_id id, struct grp_membership *out);
int grp__sqlite_membership_update(grp_store *s, const struct grp_membership *m);
int grp__sqlite_membership_query(grp_store *s, const grp_membership_query *q, grp__list *out);
int grp__sqlite_membership_of_person(grp_store *s, grp_id group_id, grp_id person_id, grp__list *out);
int grp__sqlite_membership_from(grp_store *s, grp_id group_id, grp_date from, grp__list *out);
int grp__sqlite_membership_waitlist(grp_store *s, grp_id group_id, grp__list *out);

int grp__sqlite_cadence_insert(grp_store *s, struct grp_cadence *c);
int grp__sqlite_cadence_update(grp_store *s, const struct grp_cadence *c);
int grp__sqlite_cadence_list(grp_store *s, grp_id group_id, grp__list *out);
int grp__sqlite_session_insert(grp_store *s, struct grp_session *x);
int grp__sqlite_session_load(grp_store *s, grp_id id, struct grp_session *out);
int grp__sqlite_session_load_by_occurrence(grp_store *s, grp_id group_id, grp_datetime occurrence,
                                           struct grp_session *out);
int grp__sqlite_session_update(grp_store *s, const struct grp_session *x);
int grp__sqlite_session_range(grp_store *s, grp_id group_id, grp_time from, grp_time to, grp__list *out);
int grp__sqlite_attendance_upsert(grp_store *s, const struct grp_attendance *a);
int grp__sqlite_attendance_load(grp_store *s, grp_id session_id, grp_id person_id, struct grp_attendance *out);
int grp__sqlite_attendance_of_session(grp_store *s, grp_id session_id, grp__list *out);
int grp__sqlite_attendance_count(grp_store *s, grp_id session_id, int *out);
int grp__sqlite_attendance_of_group(grp_store *s, grp_id group_id, grp_id person_id, grp_time from, grp_time to,
                                    grp__list *out);

int grp__sqlite_hours_rule_load(grp_store *s, grp_id group_id, grp_hours_rule *out);
int grp__sqlite_hours_rule_save(grp_store *s, grp_id group_id, const grp_hours_rule *rule);
int grp__sqlite_hours_insert(grp_store *s, struct grp_hours_entry *e);
int grp__sqlite_hours_load(grp_store *s, grp_id id, struct grp_hours_entry *out);
int grp__sqlite_hours_update(grp_store *s, const struct grp_hours_entry *e);
int grp__sqlite_hours_delete(grp_store *s, grp_id id);
int grp__sqlite_hours_of_session(grp_store *s, grp_id session_id, grp__list *out);
int grp__sqlite_hours_of_person(grp_store *s, grp_id person_id, grp_date from, grp_date to, grp__list *out);
int grp__sqlite_hours_sessions_of_group(grp_store *s, grp_id group_id, grp__list *out);
int grp__sqlite_presenter_set(grp_store *s, grp_id session_id, grp_id person_id);
int grp__sqlite_presenter_clear(grp_store *s, grp_id session_id);
int grp__sqlite_presenter_get(grp_store *s, grp_id session_id, grp_id *out);
int grp__sqlite_presenter_history(grp_store *s, grp_id group_id, grp_time before, grp__list *out);

int grp__sqlite_org_admin_set(grp_store *s, grp_id org_id, grp_id person_id, int admin);
int grp__sqlite_org_admin_check(grp_store *s, grp_id org_id, grp_id person_id, int *out);
int grp__sqlite_form_insert(grp_store *s, struct grp_feedback_form *f);
int grp__sqlite_form_load(grp_store *s, grp_id id, struct grp_feedback_form *out);
int grp__sqlite_group_form_set(grp_store *s, grp_id group_id, grp_id form_id);
int grp__sqlite_group_form_get(grp_store *s, grp_id group_id, grp_id *out);
int grp__sqlite_response_insert(grp_store *s, struct grp_feedback_response *r);
int grp__sqlite_given_insert(grp_store *s, grp_id session_id, grp_id person_id);
int grp__sqlite_given_check(grp_store *s, grp_id session_id, grp_id person_id, int *out);
int grp__sqlite_given_of_session(grp_store *s, grp_id session_id, grp_id **ids, size_t *count);
int grp__sqlite_responses_of_session(grp_store *s, grp_id session_id, grp__list *out);
int grp__sqlite_responses_of_person(grp_store *s, grp_id person_id, grp__list *out);
int grp__sqlite_peer_insert(grp_store *s, struct grp_peer_feedback *p);
int grp__sqlite_peer_of_group(grp_store *s, grp_id group_id, grp__list *out);
int grp__sqlite_peer_of_person(grp_store *s, grp_id person_id, grp__list *out);
int grp__sqlite_goal_insert(grp_store *s, struct grp_goal *g);
int grp__sqlite_goal_load(grp_store *s, grp_id id, struct grp_goal *out);
int grp__sqlite_goal_update(grp_store *s, const struct grp_goal *g);
int grp__sqlite_goal_list(grp_store *s, grp_id owner_id, grp_id group_id, grp__list *out);
int grp__sqlite_step_insert(grp_store *s, struct grp__goal_step *st);
int grp__sqlite_step_load(grp_store *s, grp_id id, struct grp__goal_step *out);
int grp__sqlite_step_set_done(grp_store *s, grp_id id, int done);
int grp__sqlite_progress_insert(grp_store *s, struct grp_goal_progress *p);
int grp__sqlite_progress_of_goal(grp_store *s, grp_id goal_id, grp__list *out);
int grp__sqlite_note_insert(grp_store *s, struct grp_note *n);
int grp__sqlite_notes_of_session(grp_store *s, grp_id session_id, grp__list *out);
int grp__sqlite_notes_of_author(grp_store *s, grp_id person_id, grp__list *out);
int grp__sqlite_theme_insert(grp_store *s, struct grp_theme *t);
int grp__sqlite_theme_load(grp_store *s, grp_id id, struct grp_theme *out);
int grp__sqlite_theme_set_status(grp_store *s, grp_id id, grp_theme_status status);
int grp__sqlite_themes_of(grp_store *s, grp_id org_id, grp_id group_id, grp__list *out);
int grp__sqlite_audit_insert(grp_store *s, const struct grp_audit_entry *e);
int grp__sqlite_audit_list(grp_store *s, grp_id after_id, grp__list *out);
int grp__sqlite_person_erase_content(grp_store *s, grp_id person_id);

int grp__sqlite_event_insert(grp_store *s, struct grp_event *e);
int grp__sqlite_events_after(grp_store *s, int64_t after_seq, size_t max, grp__list *out);
int grp__sqlite_event_last_seq(grp_store *s, int64_t *out);
int grp__sqlite_events_prune(grp_store *s, int64_t up_to_seq, size_t *pruned);
int grp__sqlite_due_mark(grp_store *s, grp_id goal_id, grp_id step_id, int kind, int *is_new);

int grp__sqlite_io_rows(grp_store *s, grp__io_table t, grp_id org_id, grp_id group_id, grp__io_row_fn fn,
                        void *payload);
int grp__sqlite_io_insert(grp_store *s, grp__io_table t, const grp__io_value *row, grp_id *id_out);
int grp__sqlite_io_id_taken(grp_store *s, grp__io_table t, grp_id id, int *out);

/* Statement `id` from the cache with int64 `v` bound to ?1; NULL (error
 * set) on failure. The common shape of "by id" statements. */
sqlite3_stmt *grp__stmt_id(grp_store *s, grp__sql_id id, grp_id v);

/* Run a prepared, bound statement and hand each row to read_row, which
 * fills a new record of `size` bytes; records are pushed onto out (or, with
 * one == 1, the single row fills *one_out and GRP_ENOTFOUND means none). */
typedef int (*grp__row_reader)(void *rec, sqlite3_stmt *st);
int grp__rows_to_list(grp_store *s, sqlite3_stmt *st, size_t size, grp__row_reader read,
                      void (*clear)(void *), grp__list *out, const char *doing);
int grp__row_to_record(grp_store *s, sqlite3_stmt *st, void *rec, grp__row_reader read,
                       void (*clear)(void *), const char *doing, const char *what, grp_id id);

#endif

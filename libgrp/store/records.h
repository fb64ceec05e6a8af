/* Internal: the bodies of the public opaque entity types. The store layer
 * fills them; the model layer validates and decides with them. */
#ifndef GRP_STORE_RECORDS_H
#define GRP_STORE_RECORDS_H

#include "libgrp/date.h"
#include "libgrp/org.h"
#include "libgrp/person.h"
#include "libgrp/group.h"
#include "libgrp/membership.h"
#include "libgrp/session.h"
#include "libgrp/attendance.h"
#include "libgrp/hours.h"
#include "libgrp/rota.h"
#include "libgrp/access.h"
#include "libgrp/feedback.h"
#include "libgrp/goal.h"
#include "libgrp/note.h"
#include "libgrp/audit.h"
#include "libgrp/events.h"

struct grp_org {
    grp_id id;
    char *name;
    char *external_ref;
    int archived;
};

struct grp_person {
    grp_id id;
    grp_id org_id;
    char *display_name;
    char *job_role;
    char *email;
    char *external_ref;
    int archived;
};

struct grp_group {
    grp_id id;
    grp_id org_id;
    char *name;
    grp_group_kind kind;
    grp_group_status status;
    int capacity;
    grp_capacity_policy capacity_policy;
    int quorum;
    grp_membership_policy membership_policy;
    int allow_other_orgs;
    grp_strarray eligible_roles;
    grp_delivery delivery;
    char *location;
    char *meeting_link;
    char *timezone;
    int session_minutes;
    int archived;
};

struct grp_membership {
    grp_id id;
    grp_id group_id;
    grp_id person_id;
    grp_member_role role;
    grp_membership_state state;
    grp_date requested_on;
    grp_date began;
    grp_date ended;
    char *reason;
    uint32_t warnings;
};

struct grp_cadence {
    grp_id id;
    grp_id group_id;
    char *rrule;       /* canonical RRULE text */
    grp_date first_date;
    grp_date until;    /* unset = open */
    int start_minute;  /* minutes after local midnight */
    int duration;      /* minutes */
    char *timezone;
};

struct grp_session {
    grp_id id;                /* 0 = computed, not stored */
    grp_id group_id;
    grp_id cadence_id;        /* 0 = ad hoc */
    int has_occurrence;
    grp_datetime occurrence;  /* RECURRENCE-ID, local */
    grp_time occurrence_utc;
    grp_datetime start_local;
    grp_time start_utc;
    int duration;
    grp_session_status status;
    char *location;           /* stored: the override; snapshot: the effective value */
    char *meeting_link;
    char *reason;
    char *timezone;
    int expected;             /* snapshot only */
    int under_quorum;         /* snapshot only */
};

struct grp_attendance {
    grp_id session_id;
    grp_id person_id;
    grp_attendance_status status;
    int minutes;
    grp_id recorded_by;
    grp_time recorded_at;
};

struct grp_hours_entry {
    grp_id id;
    grp_id person_id;
    grp_id group_id;
    grp_id session_id;
    grp_date date;
    grp_hours_kind kind;
    int minutes;
    int credited;
    grp_id signed_by;
    grp_date signed_on;
    grp_id corrects;
    char *note;
};

struct grp_feedback_form {
    grp_id id;
    char *name;
    grp_strarray items;
};

struct grp_feedback_response {
    grp_id session_id;
    grp_id id;        /* random */
    grp_id form_id;
    grp_id person_id; /* 0 = anonymous */
    int ratings[GRP_FEEDBACK_MAX_ITEMS];
    size_t rating_count;
    char *text;
};

struct grp_peer_feedback {
    grp_id id;
    grp_id group_id;
    grp_id session_id;
    grp_id author_id;
    grp_id recipient_id;
    char *text;
    int shared;
};

struct grp__goal_step {
    grp_id id;
    grp_id goal_id;
    int position;
    char *title;
    grp_date due;
    int done;
};

struct grp_goal {
    grp_id id;
    grp_id owner_id;
    char *title;
    char *description;
    grp_id group_id;
    grp_date target_date;
    grp_goal_status status;
    grp_visibility visibility;
    int percent; /* snapshot: latest progress, -1 none */
    struct grp__goal_step *steps; /* snapshot */
    size_t step_count;
};

struct grp_goal_progress {
    grp_id id;
    grp_id goal_id;
    grp_date date;
    int percent;
    char *note;
    grp_id session_id;
    grp_id recorded_by;
};

struct grp_note {
    grp_id id;
    grp_id session_id;
    grp_id author_id;
    grp_visibility visibility;
    char *text;
};

struct grp_theme {
    grp_id id;
    grp_id group_id;
    grp_id session_id;
    char *title;
    char *description;
    grp_theme_status status;
};

struct grp_audit_entry {
    grp_id id;
    grp_time at;
    grp_actor_kind actor_kind;
    grp_id actor_person_id;
    char *action;
    char *entity_type;
    grp_id entity_id;
};

struct grp_event {
    int64_t seq;
    grp_time at;
    grp_event_kind kind;
    grp_id group_id;
    grp_id person_id;
    grp_id entity_id;
};

/* When a person last presented in a group. */
struct grp__presented {
    grp_id person_id;
    grp_time last;
};

/* Free only what a record points to (the record itself is the caller's). */
void grp__org_clear(struct grp_org *o);
void grp__person_clear(struct grp_person *p);
void grp__group_clear(struct grp_group *g);
void grp__membership_clear(struct grp_membership *m);
void grp__cadence_clear(struct grp_cadence *c);
void grp__session_clear(struct grp_session *s);
void grp__hours_entry_clear(struct grp_hours_entry *e);
void grp__feedback_form_clear(struct grp_feedback_form *f);
void grp__feedback_response_clear(struct grp_feedback_response *r);
void grp__peer_feedback_clear(struct grp_peer_feedback *p);
void grp__goal_step_clear(struct grp__goal_step *st);
void grp__goal_clear(struct grp_goal *g);
void grp__goal_progress_clear(struct grp_goal_progress *p);
void grp__note_clear(struct grp_note *n);
void grp__theme_clear(struct grp_theme *t);
void grp__audit_entry_clear(struct grp_audit_entry *e);

/* A growable array of heap records, handed from the store to iterators. */
typedef struct grp__list {
    void **items;
    size_t count;
    size_t cap;
    size_t pos;
    void (*free_item)(void *);
} grp__list;

int grp__list_push(grp__list *l, void *item);
void grp__list_dispose(grp__list *l);
/* Hand out the next item (ownership moves to the caller) or GRP_ITEROVER. */
int grp__list_next(void **out, grp__list *l);

#endif

/* store_meetings — working-group sessions in the database: the session, its
 * attendance and agenda, the resolutions issued at it (with the cases they decide
 * and their history), the agency's objection and the secretariat's ruling, the
 * execution outcome, the sweep that starts execution when a window closes, and the
 * reports.
 *
 * Access control lives here, as for cases: every read takes a `case_viewer`.
 * Admin, secretariat and members see every session and resolution; a liaison sees
 * the resolutions their agency is responsible for; a producer the resolutions that
 * decide their units' cases; the public nothing but counts. Sessions themselves
 * (attendance, agenda, minutes) are for the working group (admin, secretariat,
 * members). Out of reach is STORE_ENOTFOUND, like missing.
 *
 * Writes: the secretariat (and admin) build sessions, record attendance, agenda,
 * notes and resolutions, rule on objections and record outcomes; the responsible
 * agency's liaison objects. The lifecycle rules are meetings/resolution.h's, checked
 * inside the transaction; every write carries its audit event (and a resolution's
 * its resolution event, and each case its case event) in the same transaction. A
 * refused write changes nothing. */
#ifndef TASHIL_STORE_MEETINGS_H
#define TASHIL_STORE_MEETINGS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"
#include "meetings/meeting_input.h"
#include "meetings/resolution.h"
#include "store/store.h"
#include "store/store_cases.h"

enum {
    STORE_EFUTURE = -30,  /* a session in the future cannot be marked held */
    STORE_ENOTHELD = -31, /* resolutions are issued at a held session */
    STORE_ERULE = -32,    /* the resolution's lifecycle refuses: see *rule (resolution_error) */
    STORE_EREF = -33,     /* a reference (body, agency, item, case) does not exist or does not fit */
    STORE_EHASRES = -34,  /* the agenda item already has resolutions */
};

enum meeting_status { MEETING_PLANNED, MEETING_HELD, MEETING_CANCELLED };
const char *meeting_status_code(enum meeting_status s);
const char *meeting_status_label(enum meeting_status s);
int meeting_status_parse(const char *code);

/* Only the working group's own people (admin, secretariat, members) see sessions. */
bool meeting_viewer_sees_sessions(const struct case_viewer *v);
/* Who may build sessions and issue / rule / record: admin and secretariat. */
bool meeting_viewer_is_staff(const struct case_viewer *v);

struct meeting_body {
    int64_t id;
    char code[24];
    char name[256];
    bool main;
};
int store_meeting_bodies(store_conn *c, int (*fn)(void *arg, const struct meeting_body *b),
                         void *arg);

struct meeting {
    int64_t id;
    int64_t body_id;
    char body[256];
    int year, seq;             /* Jalali year and the session's number in it */
    char held_on[11];          /* ISO */
    char starts_at[6];
    char place[512], chair[512], secretary[512];
    enum meeting_status status;
    int nattendees, nitems, nresolutions;
    char created_at[21], updated_at[21];
    int64_t version;
};

int store_meeting_get(store_conn *c, const struct case_viewer *v, int64_t id, struct meeting *m);
/* Creates a planned session; its number is the next in its body's Jalali year. */
int store_meeting_create(store_conn *c, const struct user *actor, const struct case_viewer *v,
                         const struct meeting_input *in, int64_t *id);
/* A held session cannot move after today (STORE_EFUTURE); one with resolutions keeps
 * its body and Jalali year, which its resolutions' numbers carry (STORE_ESTATE). */
int store_meeting_update(store_conn *c, const struct user *actor, const struct case_viewer *v,
                         int64_t id, int64_t version, const struct meeting_input *in);
/* planned ↔ held, or cancelled. Held needs held_on ≤ today (STORE_EFUTURE); a
 * session with resolutions cannot be cancelled or moved back to planned (STORE_ESTATE). */
int store_meeting_set_status(store_conn *c, const struct user *actor, const struct case_viewer *v,
                             int64_t id, int64_t version, enum meeting_status status,
                             const char *today);

struct meeting_filter {
    int64_t body_id;
    int status;                /* -1 any */
    char from[11], to[11];     /* held_on range, ISO, inclusive; "" = open */
    bool count;
    int limit, offset;
};
int store_meeting_list(store_conn *c, const struct case_viewer *v, const struct meeting_filter *f,
                       int (*fn)(void *arg, const struct meeting *m), void *arg, int64_t *total);

/* Attendance. */
struct meeting_attendee {
    int64_t id, meeting_id;
    char name[512], position[512];
    int64_t agency_id;
    char agency[256];
    bool full_authority;
};
int store_meeting_attendee_add(store_conn *c, const struct user *actor, const struct case_viewer *v,
                               int64_t meeting_id, const struct attendee_input *in, int64_t *id);
int store_meeting_attendee_remove(store_conn *c, const struct user *actor,
                                  const struct case_viewer *v, int64_t meeting_id, int64_t id);
int store_meeting_attendees(store_conn *c, const struct case_viewer *v, int64_t meeting_id,
                            int (*fn)(void *arg, const struct meeting_attendee *a), void *arg);

/* Agenda. */
struct meeting_item {
    int64_t id, meeting_id;
    int position;               /* 1-based */
    int64_t case_id;            /* 0 for a free topic */
    char title[1024];
    char unit[256];             /* the case's unit */
    char category[256];
    char case_state[16];
    const char *notes;          /* valid during the callback */
    int nresolutions;
};
/* Puts a case on the agenda: a case the secretariat marked ready (on_agenda) or one
 * answered / in review (then the 'agenda' action is taken for it, with its event).
 * STORE_EREF when the case is on another open session's agenda or cannot go on one
 * (any other state: a decided case stays with the resolution that decides it). */
int store_meeting_item_add_case(store_conn *c, const struct user *actor,
                                const struct case_viewer *v, int64_t meeting_id, int64_t case_id,
                                int64_t *item_id);
int store_meeting_item_add_topic(store_conn *c, const struct user *actor,
                                 const struct case_viewer *v, int64_t meeting_id,
                                 const char *title, int64_t *item_id);
/* Moves an item to `position` (1-based; clamped), shifting the others. */
int store_meeting_item_move(store_conn *c, const struct user *actor, const struct case_viewer *v,
                            int64_t meeting_id, int64_t item_id, int position);
/* Removes an item without resolutions (STORE_EHASRES otherwise). */
int store_meeting_item_remove(store_conn *c, const struct user *actor,
                              const struct case_viewer *v, int64_t meeting_id, int64_t item_id);
int store_meeting_item_notes(store_conn *c, const struct user *actor, const struct case_viewer *v,
                             int64_t meeting_id, int64_t item_id, const char *notes);
int store_meeting_items(store_conn *c, const struct case_viewer *v, int64_t meeting_id,
                        int (*fn)(void *arg, const struct meeting_item *it), void *arg);
/* Cases ready for an agenda: on_agenda and not on any planned session's agenda
 * (a case put off at a held session is ready again), oldest first. */
int store_meeting_ready_cases(store_conn *c, const struct case_viewer *v, case_row_fn fn,
                              void *arg, int limit);

/* Resolutions. */
struct resolution_row {
    int64_t id, meeting_id, item_id;
    char number[32];
    char meeting_body[256];
    int meeting_year, meeting_seq;
    char meeting_on[11];
    const char *text;           /* valid until the next call on this connection (lists: callback) */
    int64_t agency_id;
    char agency[256];
    char deadline[11], notice_on[11], window_ends_on[11];
    enum resolution_state state; /* an issued one past its window reads as in_execution */
    enum resolution_state stored_state; /* as stored (the sweep may not have run yet) */
    bool window_open;            /* issued and the window has not closed (today ≤ window_ends_on) */
    bool overdue;
    const char *objection;
    char objected_on[11];
    char ruling[16];
    const char *ruling_note;
    enum resolution_fault fault;
    const char *evidence;
    char outcome_on[11];
    int64_t case_ids[RESOLUTION_CASES_MAX];
    int ncases;
    char created_at[21], updated_at[21];
    int64_t version;
};

/* Issues a resolution at a held session (STORE_ENOTHELD otherwise) on one of its
 * items: numbered year/session/n, notice dated `today`, the window computed over the
 * holiday calendar. The item's case (and case_ids) must be on this session's agenda;
 * each moves to `decided` with its event. RESOLUTION_CASES_MAX cases in all, the
 * item's own included (STORE_ECONSTRAINT beyond). */
int store_resolution_issue(store_conn *c, const struct user *actor, const struct case_viewer *v,
                           int64_t meeting_id, const struct resolution_input *in,
                           const char *today, int64_t *id);
int store_resolution_get(store_conn *c, const struct case_viewer *v, int64_t id,
                         struct resolution_row *r, buf *text);

struct resolution_act {
    enum resolution_action action; /* object, uphold, amend, accept, outcome */
    const char *reason;            /* objection reasons or the ruling's note */
    const struct resolution_input *amended; /* amend */
    const struct outcome_input *outcome;    /* outcome */
};
/* Takes an action at `version` (-1 = current). STORE_ERULE with *rule set when the
 * lifecycle refuses (window still open, objection too late, wrong role or agency,
 * state). Outcomes close the resolution's cases when every resolution on them is
 * settled (resolved when all carried out, else not executed). */
int store_resolution_act(store_conn *c, const struct user *actor, const struct case_viewer *v,
                         int64_t id, int64_t version, const struct resolution_act *act,
                         const char *today, int *rule, int64_t *new_version);

struct resolution_filter {
    int64_t meeting_id, agency_id, case_id;
    unsigned states;            /* bits of 1u << enum resolution_state (stored); 0 = any */
    bool open;                  /* not settled: issued, objection pending, in execution */
    bool overdue;               /* open and past the deadline */
    char today[11];             /* ISO, for overdue */
    bool count;
    int limit, offset;
};
/* fn may be NULL to count only (with f->count). */
int store_resolution_list(store_conn *c, const struct case_viewer *v,
                          const struct resolution_filter *f,
                          int (*fn)(void *arg, const struct resolution_row *r), void *arg,
                          int64_t *total);

struct resolution_event {
    int64_t id;
    char at[21];
    char actor[128];
    char kind[16];
    char from_state[20], to_state[20];
    const char *body;
};
int store_resolution_events(store_conn *c, const struct case_viewer *v, int64_t id,
                            int (*fn)(void *arg, const struct resolution_event *e), void *arg);

/* Issued resolutions whose window has closed (before today) start execution: a
 * 'start' event each, their decided cases move to in_execution. */
int store_resolution_sweep(store_conn *c, const char *today, int *started);

/* Evidence files (the row; the file is already stored under its hash). The
 * secretariat and the responsible agency's liaison may add them while the viewer
 * can see the resolution; every party that sees the resolution sees its files. */
int store_resolution_attach(store_conn *c, const struct user *actor, const struct case_viewer *v,
                            int64_t id, struct case_attachment *att);
int store_resolution_attachments(store_conn *c, const struct case_viewer *v, int64_t id,
                                 int (*fn)(void *arg, const struct case_attachment *a), void *arg);
int store_resolution_attachment_get(store_conn *c, const struct case_viewer *v, int64_t id,
                                    int64_t att_id, struct case_attachment *att);

/* Resolutions still to be carried out whose deadline passed before today get, once,
 * an 'overdue' event and a notification to the agency's liaisons. */
int store_resolution_note_overdue(store_conn *c, const char *today, int *noted);

/* Reports: one row per group. */
enum resolution_group { RES_BY_AGENCY, RES_BY_CATEGORY, RES_BY_MEETING, RES_BY_MONTH };
struct resolution_tally {
    int64_t key;            /* agency / category / meeting id; Jalali yyyymm for months */
    char label[256];
    int issued;             /* all, objected ones included */
    int carried_out, partly, not_carried_out;
    int open, overdue, objected;
    int fault_applicant, fault_agency;
};
/* Rows ordered by issued (desc) — months by month. The carried-out share is
 * carried_out / (carried_out + partly + not_carried_out). */
int store_resolution_report(store_conn *c, enum resolution_group group, const char *today,
                            int (*fn)(void *arg, const struct resolution_tally *t), void *arg);
/* Totals over everything: what the public may see. */
int store_resolution_totals(store_conn *c, const char *today, struct resolution_tally *t);

#endif

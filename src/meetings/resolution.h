/* resolution — the life of a working-group resolution (مصوبه) as one explicit table,
 * and the rules around it: the objection window, outcomes and whose fault, overdue.
 * Pages, the API and the store all ask this module; nothing else decides. Pure: no I/O.
 *
 *   issued ──(agency objects within the window)──▶ objection_pending
 *     │                                                │ uphold / amend ──▶ in_execution
 *     │                                                └ accept ──────────▶ objected (void)
 *     └─(window closes, no objection)──▶ in_execution ──▶ carried_out | partly | not_carried_out
 *
 * The objection window is RESOLUTION_WINDOW_DAYS working days counted from the day
 * after the notice (Fridays and the official holidays — Nowruz among them — do not
 * count), the same reckoning as every other administrative deadline in Tashil; it
 * closes at the end of its last day. An outcome can be recorded only after that,
 * and only when no objection is pending. */
#ifndef TASHIL_RESOLUTION_H
#define TASHIL_RESOLUTION_H

#include <stdbool.h>
#include <stdint.h>

#include "cases/case_workdays.h"

#define RESOLUTION_WINDOW_DAYS 15

enum resolution_state {
    RES_ISSUED,            /* notice sent; objection window open (or closed, not yet swept) */
    RES_OBJECTION_PENDING, /* the agency objected; the secretariat must rule */
    RES_IN_EXECUTION,
    RES_CARRIED_OUT,
    RES_PARTLY,
    RES_NOT_CARRIED_OUT,
    RES_OBJECTED,          /* the objection was accepted: the resolution is void */
    RES_STATE_COUNT
};

enum resolution_action {
    RES_ACT_OBJECT,  /* the responsible agency objects, with reasons (inside the window) */
    RES_ACT_UPHOLD,  /* the secretariat rejects the objection: the resolution stands */
    RES_ACT_AMEND,   /* the secretariat amends it (text, agency, deadline) */
    RES_ACT_ACCEPT,  /* the secretariat accepts the objection: void */
    RES_ACT_START,   /* the window closed without objection: execution begins */
    RES_ACT_OUTCOME, /* the outcome is recorded */
    RES_ACTION_COUNT
};

enum resolution_fault { RES_FAULT_NONE, RES_FAULT_APPLICANT, RES_FAULT_AGENCY };

enum resolution_error {
    RES_OK = 0,
    RES_ESTATE = -1,        /* the state does not allow the action */
    RES_EROLE = -2,         /* not for this role (or not this agency) */
    RES_EWINDOW_OPEN = -3,  /* outcome before the objection window closed */
    RES_EWINDOW_SHUT = -4,  /* objection after the window closed */
    RES_EFAULT = -5,        /* partly / not carried out needs whose fault; carried out has none */
    RES_EOUTCOME = -6,      /* not an outcome state */
};

const char *resolution_state_code(enum resolution_state s); /* "in_execution" */
const char *resolution_state_label(enum resolution_state s); /* «در حال اجرا» */
int resolution_state_parse(const char *code);                /* -1 when unknown */
const char *resolution_action_code(enum resolution_action a);
const char *resolution_action_label(enum resolution_action a);
int resolution_action_parse(const char *code);
const char *resolution_fault_code(enum resolution_fault f);  /* "" for none */
const char *resolution_fault_label(enum resolution_fault f);
int resolution_fault_parse(const char *code);                /* "" → NONE; -1 unknown */
bool resolution_state_final(enum resolution_state s);
/* Carried out, partly or not carried out. */
bool resolution_state_is_outcome(enum resolution_state s);

/* The last day of the objection window for a notice given on `notice_day`. */
int32_t resolution_window_end(const struct case_calendar *cal, int32_t notice_day);

/* May `role` (enum role bits) take `action` on a resolution in `state` today?
 * `own_agency` says whether the actor is the liaison of the responsible agency;
 * `window_end` and `today` are day numbers. RES_OK or a resolution_error. */
int resolution_check(enum resolution_state state, enum resolution_action action, int role,
                     bool own_agency, int32_t window_end, int32_t today);
/* The state an action leads to (for RES_ACT_OUTCOME, `outcome` is that state). */
enum resolution_state resolution_next(enum resolution_state state, enum resolution_action action,
                                      enum resolution_state outcome);
/* Checks an outcome and its fault: carried out with no fault, partly / not carried
 * out with one. */
int resolution_check_outcome(enum resolution_state outcome, enum resolution_fault fault);
/* Overdue: still to be carried out and the deadline has passed. */
bool resolution_overdue(enum resolution_state state, int32_t deadline, int32_t today);
/* The Persian message for a resolution_error. */
const char *resolution_error_fa(int err);

#endif

/* case_lifecycle — the life of an obstacle case (پرونده) as one explicit table:
 * (state, action) → next state (and, for the closing actions, the outcome), with the
 * roles that may take each action. Pages, the API and the store all ask this table;
 * nothing else decides whether a transition is allowed. Pure: no I/O.
 *
 *   draft → submitted → in_review → referred (due date) → answered → on_agenda →
 *   decided → in_execution → closed (resolved | rejected | withdrawn | not_executed);
 *   returned (بازگشت به متقاضی) may follow in_review or referred and goes back to
 *   submitted when the applicant resubmits.
 *
 * Ownership is the caller's business (a producer acts only on their own units'
 * cases, a liaison only on the case currently referred to their agency — the store's
 * viewer makes sure they can only reach those); the table decides by role. */
#ifndef TASHIL_CASE_LIFECYCLE_H
#define TASHIL_CASE_LIFECYCLE_H

#include <stdbool.h>

enum case_state {
    CASE_DRAFT,
    CASE_SUBMITTED,
    CASE_IN_REVIEW,
    CASE_REFERRED,
    CASE_ANSWERED,
    CASE_RETURNED,
    CASE_ON_AGENDA,
    CASE_DECIDED,
    CASE_IN_EXECUTION,
    CASE_CLOSED,
    CASE_STATE_COUNT
};

enum case_outcome {
    CASE_OUTCOME_NONE,
    CASE_OUTCOME_RESOLVED,
    CASE_OUTCOME_REJECTED,
    CASE_OUTCOME_WITHDRAWN,
    CASE_OUTCOME_NOT_EXECUTED,
    CASE_OUTCOME_COUNT
};

enum case_action {
    CASE_ACT_SUBMIT,       /* the applicant sends the draft */
    CASE_ACT_WITHDRAW,     /* the applicant (or the secretariat for them) withdraws */
    CASE_ACT_REVIEW,       /* the secretariat takes it into review */
    CASE_ACT_RETURN,       /* back to the applicant for more information */
    CASE_ACT_RESUBMIT,     /* the applicant answers a return */
    CASE_ACT_REFER,        /* to an agency, with a due date */
    CASE_ACT_ANSWER,       /* the agency's answer */
    CASE_ACT_ASK_RETURN,   /* the agency asks the secretariat to take it back */
    CASE_ACT_REJECT,       /* the secretariat refuses the case */
    CASE_ACT_RESOLVE,      /* solved by the answer, or carried out */
    CASE_ACT_AGENDA,       /* put on a session's agenda */
    CASE_ACT_DECIDE,       /* the working group decided */
    CASE_ACT_EXECUTE,      /* the decision is being carried out */
    CASE_ACT_NOT_EXECUTED, /* closed: the decision was not carried out */
    CASE_ACTION_COUNT
};

enum case_verdict {
    CASE_ALLOWED = 0,
    CASE_EROLE = -1,  /* the state allows the action, but not for this role */
    CASE_ESTATE = -2, /* the state does not allow the action at all */
};

struct case_transition {
    enum case_state from;
    enum case_action action;
    enum case_state to;
    enum case_outcome outcome; /* for CASE_CLOSED */
    int roles;                 /* bits of enum role */
};

extern const struct case_transition case_transitions[];
extern const int case_ntransitions;

/* Is `action` allowed from `from` for `role`? On CASE_ALLOWED fills *to and
 * *outcome (either may be NULL). */
enum case_verdict case_apply(enum case_state from, enum case_action action, int role,
                             enum case_state *to, enum case_outcome *outcome);
/* The actions `role` may take from `from`, as a bit set (1u << action). */
unsigned case_allowed_actions(enum case_state from, int role);

/* Codes (stored, API) and Persian labels (interface). */
const char *case_state_code(enum case_state s);  /* "in_review" */
const char *case_state_label(enum case_state s); /* «در حال بررسی» */
int case_state_parse(const char *code);          /* -1 when unknown */
const char *case_outcome_code(enum case_outcome o); /* "" for none */
const char *case_outcome_label(enum case_outcome o);
int case_outcome_parse(const char *code);           /* "" → NONE; -1 when unknown */
const char *case_action_code(enum case_action a);   /* "refer" */
const char *case_action_label(enum case_action a);  /* «ارجاع به دستگاه» */
int case_action_parse(const char *code);            /* -1 when unknown */
/* Does the action need a reason (return, ask_return, reject) / an agency and due
 * date (refer) / an answer text (answer)? */
bool case_action_needs_reason(enum case_action a);

#endif

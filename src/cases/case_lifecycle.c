/* case_lifecycle — see case_lifecycle.h. The table below is the whole rule book;
 * case_apply is a lookup in it. */
#include "cases/case_lifecycle.h"

#include <string.h>

#include "auth/roles.h"

#define SEC ROLE_SECRETARIAT
#define PROD ROLE_PRODUCER
#define AG ROLE_AGENCY
#define MEM ROLE_MEMBER

const struct case_transition case_transitions[] = {
    {CASE_DRAFT, CASE_ACT_SUBMIT, CASE_SUBMITTED, CASE_OUTCOME_NONE, PROD | SEC},
    {CASE_DRAFT, CASE_ACT_WITHDRAW, CASE_CLOSED, CASE_OUTCOME_WITHDRAWN, PROD | SEC},
    {CASE_SUBMITTED, CASE_ACT_REVIEW, CASE_IN_REVIEW, CASE_OUTCOME_NONE, SEC},
    {CASE_SUBMITTED, CASE_ACT_WITHDRAW, CASE_CLOSED, CASE_OUTCOME_WITHDRAWN, PROD | SEC},
    {CASE_IN_REVIEW, CASE_ACT_REFER, CASE_REFERRED, CASE_OUTCOME_NONE, SEC},
    {CASE_IN_REVIEW, CASE_ACT_RETURN, CASE_RETURNED, CASE_OUTCOME_NONE, SEC},
    {CASE_IN_REVIEW, CASE_ACT_REJECT, CASE_CLOSED, CASE_OUTCOME_REJECTED, SEC},
    {CASE_IN_REVIEW, CASE_ACT_AGENDA, CASE_ON_AGENDA, CASE_OUTCOME_NONE, SEC},
    {CASE_IN_REVIEW, CASE_ACT_WITHDRAW, CASE_CLOSED, CASE_OUTCOME_WITHDRAWN, PROD | SEC},
    {CASE_REFERRED, CASE_ACT_ANSWER, CASE_ANSWERED, CASE_OUTCOME_NONE, AG},
    {CASE_REFERRED, CASE_ACT_ASK_RETURN, CASE_IN_REVIEW, CASE_OUTCOME_NONE, AG},
    {CASE_REFERRED, CASE_ACT_RETURN, CASE_RETURNED, CASE_OUTCOME_NONE, SEC},
    {CASE_REFERRED, CASE_ACT_REFER, CASE_REFERRED, CASE_OUTCOME_NONE, SEC},
    {CASE_REFERRED, CASE_ACT_WITHDRAW, CASE_CLOSED, CASE_OUTCOME_WITHDRAWN, PROD | SEC},
    {CASE_RETURNED, CASE_ACT_RESUBMIT, CASE_SUBMITTED, CASE_OUTCOME_NONE, PROD | SEC},
    {CASE_RETURNED, CASE_ACT_WITHDRAW, CASE_CLOSED, CASE_OUTCOME_WITHDRAWN, PROD | SEC},
    {CASE_ANSWERED, CASE_ACT_RESOLVE, CASE_CLOSED, CASE_OUTCOME_RESOLVED, SEC},
    {CASE_ANSWERED, CASE_ACT_REFER, CASE_REFERRED, CASE_OUTCOME_NONE, SEC},
    {CASE_ANSWERED, CASE_ACT_AGENDA, CASE_ON_AGENDA, CASE_OUTCOME_NONE, SEC},
    {CASE_ANSWERED, CASE_ACT_REJECT, CASE_CLOSED, CASE_OUTCOME_REJECTED, SEC},
    {CASE_ON_AGENDA, CASE_ACT_DECIDE, CASE_DECIDED, CASE_OUTCOME_NONE, SEC | MEM},
    {CASE_ON_AGENDA, CASE_ACT_REFER, CASE_REFERRED, CASE_OUTCOME_NONE, SEC},
    {CASE_DECIDED, CASE_ACT_EXECUTE, CASE_IN_EXECUTION, CASE_OUTCOME_NONE, SEC},
    /* the resolution was voided on the agency's objection: back on the agenda */
    {CASE_DECIDED, CASE_ACT_AGENDA, CASE_ON_AGENDA, CASE_OUTCOME_NONE, SEC},
    {CASE_DECIDED, CASE_ACT_REJECT, CASE_CLOSED, CASE_OUTCOME_REJECTED, SEC | MEM},
    {CASE_IN_EXECUTION, CASE_ACT_RESOLVE, CASE_CLOSED, CASE_OUTCOME_RESOLVED, SEC},
    {CASE_IN_EXECUTION, CASE_ACT_NOT_EXECUTED, CASE_CLOSED, CASE_OUTCOME_NOT_EXECUTED, SEC},
};
const int case_ntransitions = (int)(sizeof case_transitions / sizeof *case_transitions);

enum case_verdict case_apply(enum case_state from, enum case_action action, int role,
                             enum case_state *to, enum case_outcome *outcome) {
    for (int i = 0; i < case_ntransitions; i++) {
        const struct case_transition *t = &case_transitions[i];
        if (t->from != from || t->action != action) continue;
        if (!(t->roles & role)) return CASE_EROLE;
        if (to) *to = t->to;
        if (outcome) *outcome = t->outcome;
        return CASE_ALLOWED;
    }
    return CASE_ESTATE;
}

unsigned case_allowed_actions(enum case_state from, int role) {
    unsigned set = 0;
    for (int i = 0; i < case_ntransitions; i++)
        if (case_transitions[i].from == from && (case_transitions[i].roles & role))
            set |= 1u << case_transitions[i].action;
    return set;
}

static const char *const state_codes[CASE_STATE_COUNT][2] = {
    [CASE_DRAFT] = {"draft", "پیش‌نویس"},
    [CASE_SUBMITTED] = {"submitted", "ثبت‌شده"},
    [CASE_IN_REVIEW] = {"in_review", "در حال بررسی دبیرخانه"},
    [CASE_REFERRED] = {"referred", "ارجاع به دستگاه"},
    [CASE_ANSWERED] = {"answered", "پاسخ دستگاه رسیده"},
    [CASE_RETURNED] = {"returned", "بازگشت به متقاضی"},
    [CASE_ON_AGENDA] = {"on_agenda", "در دستور جلسه"},
    [CASE_DECIDED] = {"decided", "مصوبه صادر شده"},
    [CASE_IN_EXECUTION] = {"in_execution", "در حال اجرا"},
    [CASE_CLOSED] = {"closed", "مختومه"},
};

static const char *const outcome_codes[CASE_OUTCOME_COUNT][2] = {
    [CASE_OUTCOME_NONE] = {"", ""},
    [CASE_OUTCOME_RESOLVED] = {"resolved", "رفع مانع"},
    [CASE_OUTCOME_REJECTED] = {"rejected", "رد درخواست"},
    [CASE_OUTCOME_WITHDRAWN] = {"withdrawn", "انصراف متقاضی"},
    [CASE_OUTCOME_NOT_EXECUTED] = {"not_executed", "اجرا نشده"},
};

static const char *const action_codes[CASE_ACTION_COUNT][2] = {
    [CASE_ACT_SUBMIT] = {"submit", "ارسال به دبیرخانه"},
    [CASE_ACT_WITHDRAW] = {"withdraw", "انصراف از درخواست"},
    [CASE_ACT_REVIEW] = {"review", "شروع بررسی"},
    [CASE_ACT_RETURN] = {"return", "بازگشت به متقاضی"},
    [CASE_ACT_RESUBMIT] = {"resubmit", "ارسال دوباره"},
    [CASE_ACT_REFER] = {"refer", "ارجاع به دستگاه"},
    [CASE_ACT_ANSWER] = {"answer", "ثبت پاسخ دستگاه"},
    [CASE_ACT_ASK_RETURN] = {"ask_return", "درخواست بازگرداندن پرونده"},
    [CASE_ACT_REJECT] = {"reject", "رد درخواست"},
    [CASE_ACT_RESOLVE] = {"resolve", "مختومه: رفع مانع"},
    [CASE_ACT_AGENDA] = {"agenda", "طرح در دستور جلسه"},
    [CASE_ACT_DECIDE] = {"decide", "ثبت تصمیم کارگروه"},
    [CASE_ACT_EXECUTE] = {"execute", "شروع اجرای مصوبه"},
    [CASE_ACT_NOT_EXECUTED] = {"not_executed", "مختومه: اجرا نشده"},
};

static int parse_in(const char *const (*table)[2], int n, const char *code) {
    if (!code) return -1;
    for (int i = 0; i < n; i++)
        if (!strcmp(table[i][0], code)) return i;
    return -1;
}

const char *case_state_code(enum case_state s) {
    return (unsigned)s < CASE_STATE_COUNT ? state_codes[s][0] : "";
}
const char *case_state_label(enum case_state s) {
    return (unsigned)s < CASE_STATE_COUNT ? state_codes[s][1] : "";
}
int case_state_parse(const char *code) { return parse_in(state_codes, CASE_STATE_COUNT, code); }
const char *case_outcome_code(enum case_outcome o) {
    return (unsigned)o < CASE_OUTCOME_COUNT ? outcome_codes[o][0] : "";
}
const char *case_outcome_label(enum case_outcome o) {
    return (unsigned)o < CASE_OUTCOME_COUNT ? outcome_codes[o][1] : "";
}
int case_outcome_parse(const char *code) {
    return parse_in(outcome_codes, CASE_OUTCOME_COUNT, code);
}
const char *case_action_code(enum case_action a) {
    return (unsigned)a < CASE_ACTION_COUNT ? action_codes[a][0] : "";
}
const char *case_action_label(enum case_action a) {
    return (unsigned)a < CASE_ACTION_COUNT ? action_codes[a][1] : "";
}
int case_action_parse(const char *code) {
    return parse_in(action_codes, CASE_ACTION_COUNT, code);
}

bool case_action_needs_reason(enum case_action a) {
    return a == CASE_ACT_RETURN || a == CASE_ACT_ASK_RETURN || a == CASE_ACT_REJECT;
}

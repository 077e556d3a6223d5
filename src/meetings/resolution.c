/* resolution — see resolution.h. */
#include "meetings/resolution.h"

#include <string.h>

#include "auth/roles.h"

static const struct { const char *code, *label; } states[RES_STATE_COUNT] = {
    [RES_ISSUED] = {"issued", "ابلاغ شده — مهلت اعتراض"},
    [RES_OBJECTION_PENDING] = {"objection_pending", "اعتراض در انتظار رسیدگی"},
    [RES_IN_EXECUTION] = {"in_execution", "در حال اجرا"},
    [RES_CARRIED_OUT] = {"carried_out", "اجرا شده"},
    [RES_PARTLY] = {"partly", "اجرای ناقص"},
    [RES_NOT_CARRIED_OUT] = {"not_carried_out", "اجرا نشده"},
    [RES_OBJECTED] = {"objected", "لغو پس از پذیرش اعتراض"},
};

static const struct { const char *code, *label; } actions[RES_ACTION_COUNT] = {
    [RES_ACT_OBJECT] = {"object", "اعتراض دستگاه"},
    [RES_ACT_UPHOLD] = {"uphold", "رد اعتراض و تأیید مصوبه"},
    [RES_ACT_AMEND] = {"amend", "اصلاح مصوبه"},
    [RES_ACT_ACCEPT] = {"accept", "پذیرش اعتراض و لغو مصوبه"},
    [RES_ACT_START] = {"start", "پایان مهلت اعتراض و شروع اجرا"},
    [RES_ACT_OUTCOME] = {"outcome", "ثبت نتیجه اجرا"},
};

static const struct { const char *code, *label; } faults[] = {
    [RES_FAULT_NONE] = {"", ""},
    [RES_FAULT_APPLICANT] = {"applicant", "قصور متقاضی"},
    [RES_FAULT_AGENCY] = {"agency", "قصور دستگاه"},
};

const char *resolution_state_code(enum resolution_state s) {
    return (unsigned)s < RES_STATE_COUNT ? states[s].code : "";
}
const char *resolution_state_label(enum resolution_state s) {
    return (unsigned)s < RES_STATE_COUNT ? states[s].label : "";
}
int resolution_state_parse(const char *code) {
    for (int i = 0; code && i < RES_STATE_COUNT; i++)
        if (strcmp(code, states[i].code) == 0) return i;
    return -1;
}
const char *resolution_action_code(enum resolution_action a) {
    return (unsigned)a < RES_ACTION_COUNT ? actions[a].code : "";
}
const char *resolution_action_label(enum resolution_action a) {
    return (unsigned)a < RES_ACTION_COUNT ? actions[a].label : "";
}
int resolution_action_parse(const char *code) {
    for (int i = 0; code && i < RES_ACTION_COUNT; i++)
        if (strcmp(code, actions[i].code) == 0) return i;
    return -1;
}
const char *resolution_fault_code(enum resolution_fault f) {
    return (unsigned)f <= RES_FAULT_AGENCY ? faults[f].code : "";
}
const char *resolution_fault_label(enum resolution_fault f) {
    return (unsigned)f <= RES_FAULT_AGENCY ? faults[f].label : "";
}
int resolution_fault_parse(const char *code) {
    if (!code) return -1;
    for (int i = 0; i <= RES_FAULT_AGENCY; i++)
        if (strcmp(code, faults[i].code) == 0) return i;
    return -1;
}

bool resolution_state_is_outcome(enum resolution_state s) {
    return s == RES_CARRIED_OUT || s == RES_PARTLY || s == RES_NOT_CARRIED_OUT;
}
bool resolution_state_final(enum resolution_state s) {
    return resolution_state_is_outcome(s) || s == RES_OBJECTED;
}

int32_t resolution_window_end(const struct case_calendar *cal, int32_t notice_day) {
    return case_add_working_days(cal, notice_day, RESOLUTION_WINDOW_DAYS);
}

int resolution_check(enum resolution_state state, enum resolution_action action, int role,
                     bool own_agency, int32_t window_end, int32_t today) {
    bool staff = (role & (ROLE_ADMIN | ROLE_SECRETARIAT)) != 0;
    switch (action) {
    case RES_ACT_OBJECT:
        if (state != RES_ISSUED) return RES_ESTATE;
        if (!(role & ROLE_AGENCY) || !own_agency) return RES_EROLE;
        return today > window_end ? RES_EWINDOW_SHUT : RES_OK;
    case RES_ACT_UPHOLD:
    case RES_ACT_AMEND:
    case RES_ACT_ACCEPT:
        if (state != RES_OBJECTION_PENDING) return RES_ESTATE;
        return staff ? RES_OK : RES_EROLE;
    case RES_ACT_START:
        if (state != RES_ISSUED) return RES_ESTATE;
        return today > window_end ? RES_OK : RES_EWINDOW_OPEN;
    case RES_ACT_OUTCOME:
        if (state == RES_ISSUED) {
            if (today <= window_end) return RES_EWINDOW_OPEN;
        } else if (state != RES_IN_EXECUTION && state != RES_PARTLY &&
                   state != RES_NOT_CARRIED_OUT) {
            return RES_ESTATE; /* pending objection, void, or already carried out */
        }
        return staff ? RES_OK : RES_EROLE;
    case RES_ACTION_COUNT:
        break;
    }
    return RES_ESTATE;
}

enum resolution_state resolution_next(enum resolution_state state, enum resolution_action action,
                                      enum resolution_state outcome) {
    switch (action) {
    case RES_ACT_OBJECT: return RES_OBJECTION_PENDING;
    case RES_ACT_UPHOLD:
    case RES_ACT_AMEND:
    case RES_ACT_START: return RES_IN_EXECUTION;
    case RES_ACT_ACCEPT: return RES_OBJECTED;
    case RES_ACT_OUTCOME: return outcome;
    case RES_ACTION_COUNT: break;
    }
    return state;
}

int resolution_check_outcome(enum resolution_state outcome, enum resolution_fault fault) {
    if (!resolution_state_is_outcome(outcome)) return RES_EOUTCOME;
    if (outcome == RES_CARRIED_OUT) return fault == RES_FAULT_NONE ? RES_OK : RES_EFAULT;
    return fault == RES_FAULT_APPLICANT || fault == RES_FAULT_AGENCY ? RES_OK : RES_EFAULT;
}

bool resolution_overdue(enum resolution_state state, int32_t deadline, int32_t today) {
    return (state == RES_ISSUED || state == RES_OBJECTION_PENDING || state == RES_IN_EXECUTION) &&
           deadline < today;
}

const char *resolution_error_fa(int err) {
    switch (err) {
    case RES_OK: return "";
    case RES_ESTATE: return "وضعیت این مصوبه اجازه این اقدام را نمی‌دهد.";
    case RES_EROLE: return "شما اجازه این اقدام را روی این مصوبه ندارید.";
    case RES_EWINDOW_OPEN:
        return "مهلت ۱۵ روزه اعتراض هنوز تمام نشده است؛ نتیجه اجرا پس از پایان مهلت ثبت می‌شود.";
    case RES_EWINDOW_SHUT: return "مهلت ۱۵ روزه اعتراض به این مصوبه تمام شده است.";
    case RES_EFAULT:
        return "برای اجرای ناقص یا اجرا نشدن، مقصر (متقاضی یا دستگاه) را تعیین کنید؛ "
               "برای اجرا شده مقصری ثبت نمی‌شود.";
    case RES_EOUTCOME: return "نتیجه اجرا باید «اجرا شده»، «اجرای ناقص» یا «اجرا نشده» باشد.";
    }
    return "درخواست نامعتبر است.";
}

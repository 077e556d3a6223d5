/* Unit tests for the case domain: the lifecycle table checked exhaustively (every
 * state × action × role is allowed exactly as the expected matrix says, or refused
 * with the right verdict), working-day due dates around Fridays and holidays, and
 * attachment sniffing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "auth/roles.h"
#include "cases/case_attach.h"
#include "cases/case_input.h"
#include "cases/case_lifecycle.h"
#include "cases/case_workdays.h"

static const int all_roles[] = {ROLE_PUBLIC, ROLE_ADMIN, ROLE_SECRETARIAT, ROLE_MEMBER,
                                ROLE_AGENCY, ROLE_PRODUCER};

/* The expected matrix, written independently of the table: for each state, the
 * allowed "action>next(outcome)=roles" entries. S secretariat, P producer, A agency,
 * M member. */
static const char *const expected[CASE_STATE_COUNT] = {
    [CASE_DRAFT] = "submit>submitted=PS withdraw>closed(withdrawn)=PS",
    [CASE_SUBMITTED] = "review>in_review=S withdraw>closed(withdrawn)=PS",
    [CASE_IN_REVIEW] = "refer>referred=S return>returned=S reject>closed(rejected)=S "
                       "agenda>on_agenda=S withdraw>closed(withdrawn)=PS",
    [CASE_REFERRED] = "answer>answered=A ask_return>in_review=A return>returned=S "
                      "refer>referred=S withdraw>closed(withdrawn)=PS",
    [CASE_ANSWERED] = "resolve>closed(resolved)=S refer>referred=S agenda>on_agenda=S "
                      "reject>closed(rejected)=S",
    [CASE_RETURNED] = "resubmit>submitted=PS withdraw>closed(withdrawn)=PS",
    [CASE_ON_AGENDA] = "decide>decided=MS refer>referred=S",
    [CASE_DECIDED] = "execute>in_execution=S reject>closed(rejected)=MS agenda>on_agenda=S",
    [CASE_IN_EXECUTION] = "resolve>closed(resolved)=S not_executed>closed(not_executed)=S",
    [CASE_CLOSED] = "",
};

static int roles_of(const char *letters, size_t n) {
    int r = 0;
    for (size_t i = 0; i < n; i++) {
        switch (letters[i]) {
        case 'S': r |= ROLE_SECRETARIAT; break;
        case 'P': r |= ROLE_PRODUCER; break;
        case 'A': r |= ROLE_AGENCY; break;
        case 'M': r |= ROLE_MEMBER; break;
        default: fail_msg("bad role letter %c", letters[i]);
        }
    }
    return r;
}

/* Finds "action>" in the state's entry; fills the expected next, outcome, roles. */
static bool expect_entry(enum case_state s, enum case_action a, char *next, char *outcome,
                         int *roles) {
    const char *e = expected[s];
    const char *code = case_action_code(a);
    size_t cl = strlen(code);
    for (const char *p = e; *p;) {
        const char *end = strchr(p, ' ');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > cl && !strncmp(p, code, cl) && p[cl] == '>') {
            const char *gt = p + cl + 1, *eq = memchr(p, '=', len);
            const char *paren = memchr(gt, '(', (size_t)(eq - gt));
            const char *nend = paren ? paren : eq;
            memcpy(next, gt, (size_t)(nend - gt));
            next[nend - gt] = 0;
            outcome[0] = 0;
            if (paren) {
                const char *close = memchr(paren, ')', (size_t)(eq - paren));
                memcpy(outcome, paren + 1, (size_t)(close - paren - 1));
                outcome[close - paren - 1] = 0;
            }
            *roles = roles_of(eq + 1, (size_t)(p + len - eq - 1));
            return true;
        }
        p += len;
        while (*p == ' ') p++;
    }
    return false;
}

static void lifecycle_matrix_is_exhaustive(void **state) {
    (void)state;
    int checked = 0, allowed = 0;
    for (int s = 0; s < CASE_STATE_COUNT; s++)
        for (int a = 0; a < CASE_ACTION_COUNT; a++) {
            char next[32], outcome[32];
            int roles = 0;
            bool in_state = expect_entry((enum case_state)s, (enum case_action)a, next, outcome,
                                         &roles);
            for (size_t r = 0; r < sizeof all_roles / sizeof *all_roles; r++) {
                enum case_state to = CASE_STATE_COUNT;
                enum case_outcome oc = CASE_OUTCOME_COUNT;
                enum case_verdict v = case_apply((enum case_state)s, (enum case_action)a,
                                                 all_roles[r], &to, &oc);
                checked++;
                if (!in_state) {
                    if (v != CASE_ESTATE)
                        fail_msg("%s × %s (%s) should be refused by state",
                                 case_state_code((enum case_state)s),
                                 case_action_code((enum case_action)a), role_name(all_roles[r]));
                    continue;
                }
                if (!(roles & all_roles[r])) {
                    if (v != CASE_EROLE)
                        fail_msg("%s × %s should be refused for %s",
                                 case_state_code((enum case_state)s),
                                 case_action_code((enum case_action)a), role_name(all_roles[r]));
                    continue;
                }
                assert_int_equal(v, CASE_ALLOWED);
                assert_string_equal(case_state_code(to), next);
                assert_string_equal(case_outcome_code(oc), outcome);
                allowed++;
                unsigned set = case_allowed_actions((enum case_state)s, all_roles[r]);
                assert_true(set & (1u << a));
            }
        }
    assert_int_equal(checked, CASE_STATE_COUNT * CASE_ACTION_COUNT * 6);
    assert_true(allowed > 30);
}

static void lifecycle_table_is_well_formed(void **state) {
    (void)state;
    bool reach[CASE_STATE_COUNT] = {[CASE_DRAFT] = true};
    for (int i = 0; i < case_ntransitions; i++) {
        const struct case_transition *t = &case_transitions[i];
        for (int j = 0; j < i; j++)
            assert_false(case_transitions[j].from == t->from &&
                         case_transitions[j].action == t->action);
        assert_int_equal(t->to == CASE_CLOSED, t->outcome != CASE_OUTCOME_NONE);
        assert_int_equal(t->roles & (ROLE_PUBLIC | ROLE_ADMIN), 0);
    }
    for (int pass = 0; pass < CASE_STATE_COUNT; pass++)
        for (int i = 0; i < case_ntransitions; i++)
            if (reach[case_transitions[i].from]) reach[case_transitions[i].to] = true;
    for (int s = 0; s < CASE_STATE_COUNT; s++) {
        assert_true(reach[s]);
        assert_int_equal(case_state_parse(case_state_code((enum case_state)s)), s);
        assert_true(strlen(case_state_label((enum case_state)s)) > 0);
    }
    for (int a = 0; a < CASE_ACTION_COUNT; a++)
        assert_int_equal(case_action_parse(case_action_code((enum case_action)a)), a);
    assert_int_equal(case_action_parse("fly"), -1);
    assert_int_equal(case_allowed_actions(CASE_CLOSED, ROLE_SIGNED_IN), 0);
    /* every closing outcome is reachable */
    for (int o = 1; o < CASE_OUTCOME_COUNT; o++) {
        bool found = false;
        for (int i = 0; i < case_ntransitions; i++) found |= (int)case_transitions[i].outcome == o;
        assert_true(found);
    }
}

static void working_days_skip_fridays_and_holidays(void **state) {
    (void)state;
    /* 1404-01-01 = 2025-03-21 (a Friday). */
    int32_t nowruz = case_day_from_iso("2025-03-21");
    assert_int_equal(case_weekday(nowruz), 6);
    assert_int_equal(case_weekday(case_day_from_iso("2025-03-22")), 0); /* Saturday */
    char iso[11];
    case_iso_from_day(nowruz, iso);
    assert_string_equal(iso, "2025-03-21");
    /* Wednesday 2025-11-26 + 2 working days: Thu 27, (Fri 28 off), Sat 29. */
    int32_t wed = case_day_from_iso("2025-11-26");
    case_iso_from_day(case_add_working_days(NULL, wed, 2), iso);
    assert_string_equal(iso, "2025-11-29");
    /* With Nowruz holidays 1–4 Farvardin and 12–13 Farvardin 1404. */
    int32_t hol[] = {case_day_from_iso("2025-03-21"), case_day_from_iso("2025-03-22"),
                     case_day_from_iso("2025-03-23"), case_day_from_iso("2025-03-24"),
                     case_day_from_iso("2025-04-01"), case_day_from_iso("2025-04-02")};
    struct case_calendar cal = {hol, 6};
    int32_t start = case_day_from_iso("2025-03-19"); /* Wednesday 28 Esfand */
    case_iso_from_day(case_add_working_days(&cal, start, 1), iso);
    assert_string_equal(iso, "2025-03-20"); /* Thursday 29 Esfand (not in this table) */
    case_iso_from_day(case_add_working_days(&cal, start, 2), iso);
    assert_string_equal(iso, "2025-03-25"); /* Fri + four Nowruz days skipped */
    assert_false(case_is_working_day(&cal, case_day_from_iso("2025-04-01")));
    assert_int_equal(case_working_days_between(&cal, start, case_day_from_iso("2025-03-25")), 2);
    assert_int_equal(case_working_days_between(&cal, start, start), 0);
    assert_int_equal(case_day_from_iso("2025-02-30"), -1);
    assert_int_equal(case_day_from_iso("x"), -1);
    assert_int_equal(case_day_from_iso("2025-03-21T10:00:00Z"), nowruz);
    /* 2025-03-20T21:00Z is already 1 Farvardin in Tehran (UTC+3:30). */
    assert_int_equal(case_today_tehran(1742504400), nowruz);
}

static void attachments_are_sniffed(void **state) {
    (void)state;
    static const char pdf[] = "%PDF-1.7\n...";
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};
    static const unsigned char jpg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10};
    const char *mime = NULL;
    assert_int_equal(case_attach_check("نامه.pdf", pdf, sizeof pdf, &mime), CASE_ATTACH_OK);
    assert_string_equal(mime, "application/pdf");
    assert_int_equal(case_attach_check("a.PNG", png, sizeof png, &mime), CASE_ATTACH_OK);
    assert_string_equal(mime, "image/png");
    assert_int_equal(case_attach_check("a.jpeg", jpg, sizeof jpg, &mime), CASE_ATTACH_OK);
    assert_int_equal(case_attach_check("a.png", pdf, sizeof pdf, &mime), CASE_ATTACH_MISMATCH);
    assert_int_equal(case_attach_check("a.exe", pdf, sizeof pdf, &mime), CASE_ATTACH_MISMATCH);
    assert_int_equal(case_attach_check("a.pdf", "MZ\x90", 3, &mime), CASE_ATTACH_BAD_TYPE);
    assert_int_equal(case_attach_check("a.pdf", pdf, 0, &mime), CASE_ATTACH_EMPTY);
    assert_int_equal(case_attach_check("a.pdf", pdf, CASE_ATTACH_MAX + 1, &mime),
                     CASE_ATTACH_TOO_LARGE);
    assert_int_equal(case_attach_check("../a.pdf", pdf, sizeof pdf, &mime), CASE_ATTACH_BAD_NAME);
    assert_int_equal(case_attach_check("a\".pdf", pdf, sizeof pdf, &mime), CASE_ATTACH_BAD_NAME);
}

struct kv {
    const char *k[8], *v[8];
    int n;
};
static const char *kv_get(void *ctx, const char *field) {
    struct kv *kv = ctx;
    for (int i = 0; i < kv->n; i++)
        if (!strcmp(kv->k[i], field)) return kv->v[i];
    return NULL;
}

static void case_input_validates(void **state) {
    (void)state;
    struct case_input in;
    struct field_errors errs = {0};
    struct kv ok = {{"unit_id", "category_id", "title", "amount", "description"},
                    {"۱۲", "3", "  بدهی بیمه  ", "۱٬۲۵۰٬۰۰۰٬۰۰۰", "شرح"}, 5};
    assert_true(case_input_from_fields(kv_get, &ok, &in, &errs));
    assert_int_equal(in.unit_id, 12);
    assert_int_equal(in.amount, 1250000000);
    assert_string_equal(in.title, "بدهی بیمه");
    struct kv bad = {{"title", "amount"}, {"ab", "-5"}, 2};
    errs.n = 0;
    assert_false(case_input_from_fields(kv_get, &bad, &in, &errs));
    assert_int_equal(errs.n, 4); /* unit, category, title, amount */
    errs.n = 0;
    assert_false(case_text_valid("body", "   ", &errs));
    assert_true(case_text_valid("body", "پاسخ\nخط دوم", &errs));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lifecycle_matrix_is_exhaustive),
        cmocka_unit_test(lifecycle_table_is_well_formed),
        cmocka_unit_test(working_days_skip_fridays_and_holidays),
        cmocka_unit_test(attachments_are_sniffed),
        cmocka_unit_test(case_input_validates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

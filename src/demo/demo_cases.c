/* demo_cases — see demo_cases.h.
 *
 * Each case is simulated forward from its filing day: review, sometimes a return to
 * the applicant, referral with a due date in working days (the holiday table),
 * an answer (sometimes late, sometimes none yet), then closing, an agenda and a
 * decision, or a second referral. The walk stops at today, so the state is whatever
 * the case had reached by then. Texts come from small per-category tables. */
#include "demo/demo_cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases/case_workdays.h"
#include "core/clock.h"
#include "demo/demo_ids.h"
#include "store/store_cases.h"
#include "store/store_import.h"
#include "store/store_registry.h"

struct demo_cat {
    int64_t category;  /* ids of migration 0003 */
    const char *kind;  /* agency kind */
    int weight;        /* per mille */
    int answer_days;
    int64_t amount_min, amount_max; /* rials; 0 = no money */
    const char *titles[5];
    const char *details[3];
};

static const struct demo_cat cats[] = {
    {14, "bank", 300, 10, 500000000, 80000000000,
     {"درخواست استمهال تسهیلات", "استمهال اقساط معوق وام سرمایه ثابت",
      "اختلاف با بانک بر سر جریمه دیرکرد", "رفع سوءاثر چک‌های برگشتی",
      "درخواست تقسیط بدهی معوق بانکی"},
     {"واحد به دلیل کاهش فروش نتوانسته اقساط را به موقع بپردازد و بانک جریمه دیرکرد سنگینی "
      "محاسبه کرده است.",
      "بانک با وجود مصوبه قبلی کارگروه از استمهال خودداری می‌کند و حساب‌های واحد را مسدود کرده "
      "است.",
      "وثیقه‌های واحد در حال مزایده است و ادامه تولید و اشتغال کارگران در خطر است."}},
    {15, "bank", 250, 10, 1000000000, 50000000000,
     {"تأمین سرمایه در گردش", "عدم پرداخت تسهیلات سرمایه در گردش مصوب",
      "درخواست افزایش سقف تسهیلات سرمایه در گردش", "تأخیر بانک در پرداخت تسهیلات تبصره ۱۸",
      "اختلاف با بانک در محاسبه سود تسهیلات"},
     {"پرونده تسهیلات ماه‌هاست در شعبه مانده و بانک مدارک تازه می‌خواهد.",
      "کمبود نقدینگی خرید مواد اولیه را متوقف کرده و واحد با نیمی از ظرفیت کار می‌کند.",
      "بانک سود و جریمه را بیش از نرخ مصوب محاسبه کرده است."}},
    {16, "tax", 90, 10, 50000000, 6000000000,
     {"اعتراض به جریمه مالیاتی", "بخشودگی جرایم مالیات بر ارزش افزوده",
      "اختلاف در برگ تشخیص مالیات عملکرد", "مسدودی حساب به دلیل بدهی مالیاتی",
      "تقسیط بدهی مالیاتی"},
     {"برگ تشخیص بدون رسیدگی به دفاتر صادر شده و مبلغ آن چند برابر سال قبل است.",
      "جرایم دیرکرد ارزش افزوده از اصل بدهی بیشتر شده است.",
      "حساب‌های واحد برای بدهی مالیاتی مسدود شده و پرداخت حقوق کارگران ممکن نیست."}},
    {17, "social_security", 90, 10, 20000000, 3000000000,
     {"بخشودگی جرایم بیمه‌ای", "اعتراض به حق بیمه مقطوع", "تقسیط بدهی تأمین اجتماعی",
      "اختلاف در لیست بیمه کارگران", "رفع مسدودی حساب توسط تأمین اجتماعی"},
     {"بازرسی تأمین اجتماعی حق بیمه را بر اساس برآورد علی‌الرأس تعیین کرده است.",
      "واحد آماده تقسیط بدهی است اما جرایم بخشوده نمی‌شود.",
      "به دلیل بدهی، مفاصاحساب صادر نمی‌شود و قرارداد واحد معطل مانده است."}},
    {19, "electricity", 80, 15, 0, 0,
     {"قطعی مکرر برق کارگاه", "افزایش قدرت انشعاب برق", "تأخیر در واگذاری انشعاب برق",
      "محدودیت برق در ساعات اوج بار", "نصب ترانسفورماتور برای لکه صنعتی"},
     {"قطعی‌های برنامه‌ریزی‌نشده دستگاه‌ها را از کار انداخته و مواد اولیه دور ریخته شده است.",
      "هزینه انشعاب پرداخت شده اما پس از ماه‌ها هنوز برق وصل نشده است.",
      "ظرفیت شبکه برق محدوده کافی نیست و واحدهای تازه برق ندارند."}},
    {18, "gas", 60, 15, 0, 0,
     {"واگذاری انشعاب گاز صنعتی", "قطع گاز در فصل سرما", "افزایش ظرفیت انشعاب گاز",
      "تأخیر در گازرسانی به لکه صنعتی", "اختلاف در صورت‌حساب گاز"},
     {"لوله‌کشی گاز تا ابتدای خیابان آمده اما انشعاب واحد داده نمی‌شود.",
      "محدودیت گاز زمستانی تولید را متوقف کرده است.",
      "برای گرمایش و خط تولید به گاز نیاز است و سوخت جایگزین گران است."}},
    {6, "water", 50, 10, 0, 0,
     {"کمبود آب واحد تولیدی", "واگذاری انشعاب آب صنعتی", "اتصال به شبکه فاضلاب",
      "قطعی آب در لکه صنعتی", "مجوز حفر چاه برای مصرف صنعتی"},
     {"فشار آب در ساعات کاری کافی نیست و خط شستشو متوقف می‌شود.",
      "درخواست انشعاب آب از سال گذشته بی‌پاسخ مانده است.",
      "پساب واحد راهی به شبکه فاضلاب ندارد و محیط زیست اخطار داده است."}},
    {8, "telecom", 40, 10, 0, 0,
     {"آنتن‌دهی ضعیف تلفن همراه در خیابان پدر", "نبود اینترنت پرسرعت در لکه صنعتی",
      "درخواست نصب دکل مخابراتی در خیابان پدر", "قطعی تلفن ثابت واحد",
      "واگذاری خط فیبر نوری"},
     {"در خیابان پدر آنتن تلفن همراه تقریباً قطع است و سفارش‌ها از دست می‌رود.",
      "اینترنت لکه صنعتی کند است و سامانه‌های مالیاتی و گمرکی باز نمی‌شوند.",
      "شرکت مخابرات وعده نصب دکل داده اما اقدامی نشده است."}},
    {9, "parks_company", 40, 15, 0, 0,
     {"صدور پروانه بهره‌برداری", "واگذاری زمین در شهرک صنعتی", "تبدیل لکه صنعتی به شهرک",
      "تمدید جواز تأسیس", "رفع معارض زمین واحد"},
     {"مدارک کامل است اما پروانه بهره‌برداری به دلیل استعلام‌های معطل صادر نمی‌شود.",
      "زمین واگذارشده معارض دارد و ساخت‌وساز متوقف شده است.",
      "واحدهای لکه صنعتی منتظر تصویب طرح تبدیل به شهرک غیردولتی‌اند."}},
};
enum { NCATS = sizeof cats / sizeof *cats };

struct unit_ref {
    int64_t id;
    char name[256];
    int pedar;
};

struct agency_ref {
    int64_t id, liaison;
    char kind[24];
    char name[256];
    char liaison_name[128];
};

struct world {
    struct unit_ref *units;
    int nunits, ucap;
    struct agency_ref agencies[64];
    int nagencies;
    struct user secretariat;
    struct case_calendar cal;
};

static int collect_unit(void *arg, const struct unit_row *r) {
    struct world *w = arg;
    if (w->nunits == w->ucap) {
        int cap = w->ucap ? w->ucap * 2 : 1024;
        struct unit_ref *p = realloc(w->units, (size_t)cap * sizeof *p);
        if (!p) return 1;
        w->units = p;
        w->ucap = cap;
    }
    struct unit_ref *u = &w->units[w->nunits++];
    u->id = r->u.id;
    snprintf(u->name, sizeof u->name, "%s", r->u.name);
    u->pedar = strstr(r->u.address, "خیابان پدر") || strstr(r->zone, "خیابان پدر");
    return 0;
}

static int collect_agency(void *arg, const struct agency *a) {
    struct world *w = arg;
    if (w->nagencies >= 64) return 1;
    struct agency_ref *r = &w->agencies[w->nagencies++];
    memset(r, 0, sizeof *r);
    r->id = a->id;
    snprintf(r->kind, sizeof r->kind, "%s", a->kind);
    snprintf(r->name, sizeof r->name, "%s", a->name);
    return 0;
}

static int collect_liaison(void *arg, const struct user *u) {
    struct world *w = arg;
    if (!strcmp(u->role, "secretariat") && !w->secretariat.id) w->secretariat = *u;
    if (strcmp(u->role, "agency") != 0 || !u->agency_id) return 0;
    for (int i = 0; i < w->nagencies; i++)
        if (w->agencies[i].id == u->agency_id && !w->agencies[i].liaison) {
            w->agencies[i].liaison = u->id;
            snprintf(w->agencies[i].liaison_name, sizeof w->agencies[i].liaison_name, "%s",
                     u->display_name);
        }
    return 0;
}

/* An agency of the kind (banks vary by case), creating one when none exists. */
static int agency_of(store_conn *c, struct world *w, uint64_t *rng, const char *kind) {
    int found[64], n = 0;
    for (int i = 0; i < w->nagencies; i++)
        if (!strcmp(w->agencies[i].kind, kind)) found[n++] = i;
    if (n) {
        /* The bank with a liaison (the demo's bank-melli) takes a larger share. The
         * agencies come by kind and name, so the first one is merely first in
         * alphabetical order. */
        int first = found[0];
        for (int k = 0; k < n; k++)
            if (w->agencies[found[k]].liaison) {
                first = found[k];
                break;
            }
        if (n > 1 && demo_uniform(rng) < 0.3) return first;
        return found[demo_rand(rng) % (uint64_t)n];
    }
    if (w->nagencies >= 64) return -1;
    struct agency a;
    memset(&a, 0, sizeof a);
    snprintf(a.name, sizeof a.name, "دستگاه نمونه (%s)", kind);
    snprintf(a.kind, sizeof a.kind, "%s", kind);
    if (store_agency_create(c, NULL, &a) != STORE_OK) return -1;
    collect_agency(w, &a);
    return w->nagencies - 1;
}

static void stamp(int32_t day, uint64_t *rng, char out[21]) {
    if (case_weekday(day) == 6) day++; /* nobody files on Friday */
    char d[11];
    case_iso_from_day(day, d);
    unsigned minute = (unsigned)(demo_rand(rng) % 480); /* 05:00–13:00 UTC, office hours */
    snprintf(out, 21, "%sT%02u:%02u:%02uZ", d, 5 + minute / 60, minute % 60,
             (unsigned)(demo_rand(rng) % 60));
}

struct walk {
    struct case_seed_event ev[24];
    char at[24][21];
    char due[24][11];
    int n;
};

static void add_ev(struct walk *wk, uint64_t *rng, int32_t day, const char *kind, const char *from,
                   const char *to, int64_t agency, const char *due, const char *body,
                   int64_t actor, const char *actor_name, bool internal) {
    if (wk->n >= 24) return;
    int i = wk->n++;
    stamp(day, rng, wk->at[i]);
    /* events of one case never go back in time */
    if (i > 0 && strcmp(wk->at[i], wk->at[i - 1]) < 0) memcpy(wk->at[i], wk->at[i - 1], 21);
    wk->due[i][0] = 0;
    if (due) snprintf(wk->due[i], sizeof wk->due[i], "%s", due);
    wk->ev[i] = (struct case_seed_event){wk->at[i], kind, from, to, wk->due[i], body, agency,
                                         actor, actor_name, internal};
}

static int days(uint64_t *rng, int lo, int hi) {
    return lo + (int)(demo_rand(rng) % (uint64_t)(hi - lo + 1));
}

static const char *const answers[] = {
    "موضوع در کمیته استان بررسی شد و با استمهال شش‌ماهه موافقت شد.",
    "مدارک تکمیلی از واحد دریافت و درخواست در دست اقدام است.",
    "بر اساس ضوابط، امکان بخشودگی کامل نیست؛ تقسیط ۱۲ ماهه پیشنهاد می‌شود.",
    "عملیات اجرایی آغاز شده و تا پایان ماه آینده تمام می‌شود.",
    "درخواست به دفتر مرکزی ارسال شده و پاسخ آن پیگیری می‌شود.",
};
static const char *const comments[] = {
    "مدارک خواسته‌شده پیوست شد.",
    "لطفاً زمان جلسه را اعلام کنید.",
    "پاسخ دستگاه مشکل را حل نکرده است.",
    "با شعبه تماس گرفتیم و گفتند پرونده به استان رفته است.",
};

int demo_cases(store_conn *c, uint64_t seed, int n, int days_back, const char *producer_name,
               double session_share, struct demo_case_stats *stats) {
    memset(stats, 0, sizeof *stats);
    struct world w;
    memset(&w, 0, sizeof w);
    uint64_t rng = seed * 7919 + 17;
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    struct unit_filter uf = {0};
    uf.sort = UNIT_SORT_ID;
    uf.limit = 1000000;
    rc = store_unit_list(c, &uf, collect_unit, &w, NULL);
    if (rc == STORE_OK) rc = store_agency_each(c, collect_agency, &w);
    if (rc == STORE_OK) rc = store_user_each(c, collect_liaison, &w);
    int32_t *hol = NULL;
    if (rc == STORE_OK) rc = store_holiday_calendar(c, &hol, &w.cal.n);
    w.cal.holidays = hol;
    if (rc == STORE_OK && w.nunits == 0) {
        /* No registry: a few units of our own. */
        for (int i = 0; rc == STORE_OK && i < 20; i++) {
            struct unit u;
            memset(&u, 0, sizeof u);
            demo_legal_id(1099, (uint32_t)(900000 + i), u.national_id);
            snprintf(u.id_kind, sizeof u.id_kind, "legal-id");
            snprintf(u.licence_kind, sizeof u.licence_kind, "none");
            snprintf(u.name, sizeof u.name, "واحد تولیدی نمونه %d", i + 1);
            snprintf(u.state, sizeof u.state, "active");
            snprintf(u.address, sizeof u.address, "%s", i % 4 ? "اسلامشهر" : "اسلامشهر، خیابان پدر");
            rc = store_unit_create(c, NULL, &u);
        }
        if (rc == STORE_OK) rc = store_unit_list(c, &uf, collect_unit, &w, NULL);
    }
    if (rc == STORE_OK && w.nunits == 0) rc = STORE_ERROR;
    /* The demo producer owns a unit on Pedar street (or the first one). */
    int64_t producer_id = 0;
    char producer_display[128] = "";
    int producer_unit = 0;
    for (int i = 0; i < w.nunits; i++)
        if (w.units[i].pedar) {
            producer_unit = i;
            break;
        }
    if (rc == STORE_OK && producer_name) {
        struct user u;
        if (store_user_by_name(c, producer_name, &u, NULL, 0) == STORE_OK) {
            producer_id = u.id;
            snprintf(producer_display, sizeof producer_display, "%s", u.display_name);
            if (store_unit_is_member(c, w.units[producer_unit].id, u.id) != STORE_OK)
                rc = store_unit_add_member(c, w.units[producer_unit].id, u.id);
        }
    }
    int weights[NCATS];
    for (int i = 0; i < NCATS; i++) weights[i] = cats[i].weight;
    int32_t today = case_today_tehran(clock_now());
    char today_iso[11];
    case_iso_from_day(today, today_iso);
    const char *sec_name = w.secretariat.id ? w.secretariat.display_name : "دبیرخانه کارگروه";
    struct walk *wk = malloc(sizeof *wk);
    if (!wk) rc = STORE_ERROR;
    for (int k = 0; rc == STORE_OK && k < n; k++) {
        const struct demo_cat *cat = &cats[demo_pick(&rng, weights, NCATS)];
        int ui = (k % 97 == 0 && producer_id) ? producer_unit
                                               : (int)(demo_rand(&rng) % (uint64_t)w.nunits);
        /* Telecom cases concentrate on Pedar street. */
        if (!strcmp(cat->kind, "telecom") && demo_uniform(&rng) < 0.6)
            for (int t = 0; t < 50; t++) {
                int cand = (int)(demo_rand(&rng) % (uint64_t)w.nunits);
                if (w.units[cand].pedar) {
                    ui = cand;
                    break;
                }
            }
        const struct unit_ref *unit = &w.units[ui];
        bool mine = ui == producer_unit && producer_id;
        int64_t applicant = mine ? producer_id : 0;
        const char *applicant_name = mine ? producer_display : unit->name;
        int ai = agency_of(c, &w, &rng, cat->kind);
        if (ai < 0) {
            rc = STORE_ERROR;
            break;
        }
        const struct agency_ref *ag = &w.agencies[ai];
        const char *liaison_name = ag->liaison ? ag->liaison_name : ag->name;
        int32_t filed = today - (int32_t)(demo_rand(&rng) % (uint64_t)days_back);
        wk->n = 0;
        enum case_state st = CASE_SUBMITTED;
        enum case_outcome out = CASE_OUTCOME_NONE;
        int64_t cur_agency = 0;
        char due[11] = "";
        int32_t t = filed;
        add_ev(wk, &rng, t, "file", NULL, "draft", 0, NULL, "", applicant, applicant_name, false);
        add_ev(wk, &rng, t, "submit", "draft", "submitted", 0, NULL, "", applicant, applicant_name,
               false);
        bool done = false;
        int referrals = 0;
        while (!done) {
            int32_t next;
            switch (st) {
            case CASE_SUBMITTED:
                next = t + days(&rng, 0, 4);
                if (next > today) { done = true; break; }
                t = next;
                add_ev(wk, &rng, t, "review", "submitted", "in_review", 0, NULL, "",
                       w.secretariat.id, sec_name, false);
                st = CASE_IN_REVIEW;
                break;
            case CASE_IN_REVIEW: {
                next = t + days(&rng, 0, 3);
                if (next > today) { done = true; break; }
                t = next;
                double r = demo_uniform(&rng);
                /* A few the secretariat keeps for the working group without a referral. */
                if (session_share > 0 && r >= 0.11 && demo_uniform(&rng) < session_share * 0.05) {
                    stats->waiting++;
                    done = true;
                    break;
                }
                if (r < 0.08 && referrals == 0) {
                    add_ev(wk, &rng, t, "return", "in_review", "returned", 0, NULL,
                           "لطفاً صورت‌های مالی و نامه بانک را پیوست کنید.", w.secretariat.id,
                           sec_name, false);
                    st = CASE_RETURNED;
                } else if (r < 0.11) {
                    add_ev(wk, &rng, t, "reject", "in_review", "closed", 0, NULL,
                           "موضوع در صلاحیت کارگروه نیست.", w.secretariat.id, sec_name, false);
                    st = CASE_CLOSED;
                    out = CASE_OUTCOME_REJECTED;
                } else {
                    case_iso_from_day(case_add_working_days(&w.cal, t, cat->answer_days), due);
                    cur_agency = ag->id;
                    add_ev(wk, &rng, t, "refer", "in_review", "referred", ag->id, due, "",
                           w.secretariat.id, sec_name, false);
                    st = CASE_REFERRED;
                    referrals++;
                }
                break;
            }
            case CASE_RETURNED:
                next = t + days(&rng, 2, 12);
                if (next > today) { done = true; break; }
                t = next;
                if (demo_uniform(&rng) < 0.25) {
                    add_ev(wk, &rng, t, "withdraw", "returned", "closed", 0, NULL, "", applicant,
                           applicant_name, false);
                    st = CASE_CLOSED;
                    out = CASE_OUTCOME_WITHDRAWN;
                } else {
                    add_ev(wk, &rng, t, "resubmit", "returned", "submitted", 0, NULL, "", applicant,
                           applicant_name, false);
                    st = CASE_SUBMITTED;
                }
                break;
            case CASE_REFERRED: {
                /* Most answer in time; some late; a few sit without an answer. */
                double r = demo_uniform(&rng);
                int wait = r < 0.65 ? days(&rng, 2, cat->answer_days + 3)
                           : r < 0.985 ? days(&rng, cat->answer_days + 4, cat->answer_days * 4)
                                      : 400;
                next = t + wait;
                if (next > today) { done = true; break; }
                t = next;
                if (demo_uniform(&rng) < 0.05) {
                    add_ev(wk, &rng, t, "ask_return", "referred", "in_review", 0, NULL,
                           "موضوع در حیطه این دستگاه نیست.", ag->liaison, liaison_name, false);
                    st = CASE_IN_REVIEW;
                } else {
                    add_ev(wk, &rng, t, "answer", "referred", "answered", cur_agency, NULL,
                           answers[demo_rand(&rng) % 5], ag->liaison, liaison_name, false);
                    st = CASE_ANSWERED;
                }
                break;
            }
            case CASE_ANSWERED: {
                next = t + days(&rng, 1, 10);
                if (next > today) { done = true; break; }
                t = next;
                double r = demo_uniform(&rng), agenda = session_share > 0 ? session_share : 0.35;
                if (r < agenda && session_share > 0) {
                    /* Headed for a session: some already marked ready, the others
                     * waiting answered; demo_meetings takes it from here. */
                    if (demo_uniform(&rng) < 0.35) {
                        add_ev(wk, &rng, t, "agenda", "answered", "on_agenda", 0, NULL, "",
                               w.secretariat.id, sec_name, false);
                        st = CASE_ON_AGENDA;
                    }
                    stats->waiting++;
                    done = true;
                } else if (r < agenda) {
                    add_ev(wk, &rng, t, "agenda", "answered", "on_agenda", 0, NULL, "",
                           w.secretariat.id, sec_name, false);
                    st = CASE_ON_AGENDA;
                } else if (r >= agenda + 0.15) {
                    add_ev(wk, &rng, t, "resolve", "answered", "closed", 0, NULL, "",
                           w.secretariat.id, sec_name, false);
                    st = CASE_CLOSED;
                    out = CASE_OUTCOME_RESOLVED;
                } else if (r < agenda + 0.08) {
                    add_ev(wk, &rng, t, "reject", "answered", "closed", 0, NULL,
                           "پاسخ دستگاه مطابق ضوابط است.", w.secretariat.id, sec_name, false);
                    st = CASE_CLOSED;
                    out = CASE_OUTCOME_REJECTED;
                } else {
                    case_iso_from_day(case_add_working_days(&w.cal, t, cat->answer_days), due);
                    add_ev(wk, &rng, t, "refer", "answered", "referred", cur_agency, due,
                           "پاسخ کامل نبود؛ دوباره بررسی شود.", w.secretariat.id, sec_name, false);
                    st = CASE_REFERRED;
                }
                break;
            }
            case CASE_ON_AGENDA:
                next = t + days(&rng, 7, 30);
                if (next > today) { done = true; break; }
                t = next;
                add_ev(wk, &rng, t, "decide", "on_agenda", "decided", 0, NULL,
                       "کارگروه مقرر کرد دستگاه ظرف یک ماه اقدام کند.", w.secretariat.id, sec_name,
                       false);
                st = CASE_DECIDED;
                break;
            case CASE_DECIDED:
                next = t + days(&rng, 1, 7);
                if (next > today) { done = true; break; }
                t = next;
                add_ev(wk, &rng, t, "execute", "decided", "in_execution", 0, NULL, "",
                       w.secretariat.id, sec_name, false);
                st = CASE_IN_EXECUTION;
                break;
            case CASE_IN_EXECUTION:
                next = t + days(&rng, 15, 90);
                if (next > today) { done = true; break; }
                t = next;
                if (demo_uniform(&rng) < 0.8) {
                    add_ev(wk, &rng, t, "resolve", "in_execution", "closed", 0, NULL,
                           "مصوبه اجرا شد.", w.secretariat.id, sec_name, false);
                    out = CASE_OUTCOME_RESOLVED;
                } else {
                    add_ev(wk, &rng, t, "not_executed", "in_execution", "closed", 0, NULL,
                           "دستگاه مصوبه را اجرا نکرد.", w.secretariat.id, sec_name, false);
                    out = CASE_OUTCOME_NOT_EXECUTED;
                }
                st = CASE_CLOSED;
                break;
            default: done = true; break;
            }
            if (st == CASE_CLOSED) done = true;
        }
        if (demo_uniform(&rng) < 0.2 && wk->n > 2)
            add_ev(wk, &rng, t, "comment", NULL, NULL, 0, NULL, comments[demo_rand(&rng) % 4],
                   applicant, applicant_name, false);
        if (demo_uniform(&rng) < 0.1 && wk->n > 2)
            add_ev(wk, &rng, t, "note", NULL, NULL, 0, NULL, "با مدیرکل دستگاه تلفنی هماهنگ شد.",
                   w.secretariat.id, sec_name, true);
        char title[512], desc[2048];
        snprintf(title, sizeof title, "%s", cat->titles[demo_rand(&rng) % 5]);
        snprintf(desc, sizeof desc, "%s — %s", unit->name, cat->details[demo_rand(&rng) % 3]);
        int64_t amount = -1;
        if (cat->amount_max) {
            int64_t span = cat->amount_max - cat->amount_min;
            amount = (cat->amount_min + (int64_t)(demo_uniform(&rng) * (double)span)) / 1000000 * 1000000;
        }
        struct case_seed s = {unit->id, cat->category, applicant, cur_agency, title, desc, amount,
                              st, out, st == CASE_REFERRED || cur_agency ? due : NULL,
                              wk->at[0], wk->at[wk->n - 1], wk->ev, wk->n};
        int64_t id;
        rc = store_case_seed(c, &s, &id);
        stats->cases++;
        stats->events += wk->n;
        if (st == CASE_CLOSED) stats->closed++;
        else stats->open++;
        if (st == CASE_REFERRED && strcmp(due, today_iso) < 0) stats->overdue++;
    }
    free(wk);
    free(hol);
    free(w.units);
    if (rc == STORE_OK) {
        char detail[160];
        snprintf(detail, sizeof detail,
                 "{\"source\":\"demo\",\"cases\":%d,\"events\":%d,\"seed\":%llu}", stats->cases,
                 stats->events, (unsigned long long)seed);
        rc = store_import_audit(c, NULL, "case.import", detail);
    }
    if (rc != STORE_OK) {
        store_rollback(c);
        return rc;
    }
    return store_commit(c);
}

/* demo_meetings_plan — see demo_meetings_sim.h: when each body meets, where, under
 * whom, and who sits at the table.
 *
 * Each body meets every few weeks, counted back from a few days before today so the
 * last sessions are recent (their resolutions still inside the objection window),
 * on a working day from Saturday to Wednesday outside the Nowruz break. The main
 * session nearest 1403/11/14 falls on that day: the promise demo's session where
 * banks were told to send managers who can decide (their representatives have full
 * authority more often from then on). One main session is cancelled; a main and a
 * county session are planned for the coming days. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_ids.h"
#include "demo/demo_meetings_sim.h"
#include "demo/demo_meetings_text.h"

static bool session_day(const struct dm_sim *m, int32_t d) {
    if (case_weekday(d) > 4 || !case_is_working_day(&m->cal, d)) return false; /* Thu, Fri */
    int jy, jm, jd;
    dm_jalali(d, &jy, &jm, &jd);
    return !(jm == 1 && jd <= 13) && !(jm == 12 && jd >= 25); /* the Nowruz break */
}

static int32_t back_to_session_day(const struct dm_sim *m, int32_t d) {
    while (!session_day(m, d))
        d--;
    return d;
}

static int32_t on_to_session_day(const struct dm_sim *m, int32_t d) {
    while (!session_day(m, d))
        d++;
    return d;
}

static void add(struct dm_sim *m, int body, int32_t held, bool planned, bool cancelled) {
    if (m->ns >= DM_SESSIONS) return;
    struct dm_session *s = &m->s[m->ns++];
    memset(s, 0, sizeof *s);
    s->body = body;
    s->held = held;
    s->planned = planned;
    s->cancelled = cancelled;
}

static int by_held(const void *a, const void *b) {
    const struct dm_session *x = a, *y = b;
    if (x->held != y->held) return x->held < y->held ? -1 : 1;
    return x->body - y->body;
}

void dm_plan(struct dm_sim *m) {
    static const struct {
        int body, every, last_back, count;
    } plans[] = {
        {B_MAIN, 22, 5, 31},     {B_FINANCE, 65, 13, 10}, {B_INFRA, 95, 40, 7},
        {B_PERMITS, 160, 70, 4}, {B_COUNTY, 115, 27, 6},
    };
    for (size_t p = 0; p < sizeof plans / sizeof *plans; p++)
        for (int k = 0; k < plans[p].count; k++) {
            int32_t d = m->today - plans[p].last_back - k * plans[p].every;
            if (k) d += dm_between(&m->rng, -4, 4);
            int32_t at = back_to_session_day(m, d);
            /* The last one stays recent: after the Nowruz break rather than before. */
            if (!k && d - at > 7 && on_to_session_day(m, d) <= m->today - 2)
                at = on_to_session_day(m, d);
            add(m, plans[p].body, at, false, false);
        }
    int nearest = -1;
    for (int i = 0; i < m->ns; i++)
        if (m->s[i].body == B_MAIN && (nearest < 0 || abs(m->s[i].held - DM_BANKS_TOLD) <
                                                          abs(m->s[nearest].held - DM_BANKS_TOLD)))
            nearest = i;
    if (nearest >= 0 && abs(m->s[nearest].held - DM_BANKS_TOLD) <= 12 &&
        session_day(m, DM_BANKS_TOLD))
        m->s[nearest].held = DM_BANKS_TOLD;
    add(m, B_MAIN, back_to_session_day(m, m->today - 5 - 13 * 22 - 11), false, true);
    add(m, B_MAIN, on_to_session_day(m, m->today + 6), true, false);
    add(m, B_COUNTY, on_to_session_day(m, m->today + 13), true, false);
    qsort(m->s, (size_t)m->ns, sizeof *m->s, by_held);
    for (int i = 0; i < m->ns; i++) {
        struct dm_session *s = &m->s[i];
        s->prep = s->held - dm_between(&m->rng, 4, 9);
        if (s->prep > m->today) s->prep = m->today;
        int k = dm_between(&m->rng, 0, 2); /* the minutes are signed and sent out */
        s->notice = k ? case_add_working_days(&m->cal, s->held, k) : s->held;
        if (s->notice > m->today && s->held <= m->today) s->notice = m->today;
        static const int starts[] = {8 * 60 + 30, 9 * 60, 10 * 60, 10 * 60, 10 * 60 + 30, 11 * 60};
        s->starts = starts[dm_between(&m->rng, 0, 5)];
    }
    /* The last main session's agenda was closed two days before it: the cases
     * answered lately are on it. */
    for (int i = m->ns - 1; i >= 0; i--)
        if (m->s[i].body == B_MAIN && !m->s[i].planned && !m->s[i].cancelled) {
            m->s[i].prep = m->s[i].held - 2;
            break;
        }
}

static const char P_GOVERNORATE[] = "سالن جلسات استانداری تهران";
static const char P_ISLAMSHAHR[] = "سالن جلسات فرمانداری اسلامشهر";
static const char P_SAMT[] = "سالن جلسات سازمان صنعت، معدن و تجارت استان تهران";
static const char P_POWER[] = "سالن جلسات شرکت توزیع نیروی برق استان تهران";
static const char P_PARKS[] =
    "سالن جلسات شرکت شهرک‌های صنعتی استان تهران";

void dm_session_fields(struct dm_sim *m, struct dm_session *s, struct meeting_input *in) {
    memset(in, 0, sizeof *in);
    in->body_id = s->body;
    case_iso_from_day(s->held, in->held_on);
    unsigned hm = (unsigned)s->starts % (24 * 60);
    snprintf(in->starts_at, sizeof in->starts_at, "%02u:%02u", hm / 60 % 24, hm % 60);
    const char *place = P_SAMT, *chair = "";
    switch (s->body) {
    case B_MAIN:
        place =
            s->held != DM_BANKS_TOLD && demo_uniform(&m->rng) < 0.2 ? P_ISLAMSHAHR : P_GOVERNORATE;
        chair = "معاون هماهنگی امور اقتصادی استانداری تهران";
        break;
    case B_FINANCE:
        chair = "مدیرکل دفتر امور اقتصادی استانداری تهران";
        break;
    case B_INFRA:
        place = demo_uniform(&m->rng) < 0.5 ? P_POWER : P_SAMT;
        chair = "معاون هماهنگی امور عمرانی استانداری تهران";
        break;
    case B_PERMITS:
        place = P_PARKS;
        chair = "معاون امور صنایع سازمان صنعت، معدن و تجارت استان تهران";
        break;
    default:
        place = P_ISLAMSHAHR;
        chair = "فرماندار اسلامشهر";
        break;
    }
    snprintf(in->place, sizeof in->place, "%s", place);
    snprintf(in->chair, sizeof in->chair, "%s", chair);
    enum { SHAHRIVAR_1404 = 20323 }; /* 2025-08-23: the secretariat got a new head */
    snprintf(in->secretary, sizeof in->secretary, "%s",
             s->body == B_COUNTY        ? "الهام صادقی، کارشناس امور اقتصادی فرمانداری اسلامشهر"
             : s->held < SHAHRIVAR_1404 ? "مجید اکبری، رئیس دبیرخانه کارگروه"
                                        : "زهرا موسوی، رئیس دبیرخانه کارگروه");
}

/* The agency kinds that sit at each body's table besides those with an item. */
static const char *const regulars[][10] = {
    [B_MAIN] = {"tax", "social_security", "electricity", "gas", "water", "telecom", "parks_company",
                "secretariat", "environment", "municipality"},
    [B_FINANCE] = {"tax", "social_security", "secretariat"},
    [B_INFRA] = {"electricity", "gas", "water", "telecom", "municipality", "parks_company"},
    [B_PERMITS] = {"parks_company", "environment", "municipality", "water"},
    [B_COUNTY] = {"municipality", "electricity", "gas", "water", "telecom", "tax",
                  "social_security"},
};

struct seat {
    int ag; /* agency index, or -1 - member index */
};

static int add_agency(struct dm_sim *m, struct dm_session *s, int ag) {
    const struct dm_agency *a = &m->ag[ag];
    double u = demo_uniform(&m->rng);
    int who = u < 0.1 ? 0 : u < 0.75 ? 1 : 2;
    if (!strcmp(a->kind, "secretariat") && who == 0) who = 1;
    double p = who == 0 ? 1.0 : who == 2 ? 0.35 : 0.86;
    if (who == 1 && !strcmp(a->kind, "bank")) p = s->held < DM_BANKS_TOLD ? 0.55 : 0.9;
    struct attendee_input in = {.agency_id = a->id, .full_authority = demo_uniform(&m->rng) < p};
    demo_person(a->name, who, (unsigned)ag + 1, in.name, sizeof in.name);
    snprintf(in.position, sizeof in.position, "%s", demo_position(a->kind, who));
    dm_pin(m, s->held);
    int64_t id;
    int rc = store_meeting_attendee_add(m->c, &m->sec, &m->vs, s->id, &in, &id);
    s->authority[ag] = in.full_authority;
    m->st->attendees++;
    m->st->representatives++;
    m->st->full_authority += in.full_authority;
    return rc;
}

int dm_attend(struct dm_sim *m, struct dm_session *s) {
    bool present[DM_AGENCIES] = {false};
    int n = dm_between(&m->rng, 8, 15), count = 0, rc = STORE_OK;
    for (int i = 0; rc == STORE_OK && i < s->nitems; i++) {
        int ag = s->item[i].ag;
        if (ag < 0 || present[ag]) continue;
        present[ag] = true;
        rc = add_agency(m, s, ag);
        count++;
    }
    struct seat seats[DM_AGENCIES + 16];
    int ns = 0;
    for (int k = 0; k < 10 && regulars[s->body][k]; k++) {
        int ag = dm_agency_of_kind(m, regulars[s->body][k], 0);
        if (ag >= 0 && !present[ag]) seats[ns++] = (struct seat){ag};
    }
    if (s->body == B_FINANCE || s->held == DM_BANKS_TOLD) /* the banks come */
        for (int ag = 0; ag < m->nag && ns < DM_AGENCIES; ag++)
            if (!strcmp(m->ag[ag].kind, "bank") && !present[ag] && demo_uniform(&m->rng) < 0.35)
                seats[ns++] = (struct seat){ag};
    for (int k = 0; k < demo_nmembers; k++)
        if (demo_members[k].bodies & (1u << s->body)) seats[ns++] = (struct seat){-1 - k};
    for (int i = ns - 1; i > 0; i--) { /* shuffle */
        int j = dm_between(&m->rng, 0, i);
        struct seat t = seats[i];
        seats[i] = seats[j];
        seats[j] = t;
    }
    for (int i = 0; rc == STORE_OK && i < ns && count < n; i++, count++) {
        if (seats[i].ag >= 0) {
            present[seats[i].ag] = true;
            rc = add_agency(m, s, seats[i].ag);
            continue;
        }
        int k = -1 - seats[i].ag;
        struct attendee_input in = {.full_authority = true};
        demo_person(NULL, 1, 100u + (unsigned)k, in.name, sizeof in.name);
        snprintf(in.position, sizeof in.position, "%s", demo_members[k].position);
        dm_pin(m, s->held);
        int64_t id;
        rc = store_meeting_attendee_add(m->c, &m->sec, &m->vs, s->id, &in, &id);
        m->st->attendees++;
    }
    /* A small table is filled up with other agencies (never fewer than eight). */
    for (int ag = 0; rc == STORE_OK && ag < m->nag && count < 8; ag++)
        if (!present[ag] && strcmp(m->ag[ag].kind, "bank") != 0) {
            present[ag] = true;
            rc = add_agency(m, s, ag);
            count++;
        }
    return rc;
}

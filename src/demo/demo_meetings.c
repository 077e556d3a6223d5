/* demo_meetings — see demo_meetings.h. The walk; the schedule and the attendance
 * are in demo_meetings_plan.c, the Persian in demo_meetings_text.c.
 *
 * The days are walked from the first session's preparation to today, the clock
 * pinned to each. On a day: sessions are prepared (created; the agenda takes the
 * cases waiting longest that fit the body, and a topic or two), held (attendance,
 * notes; an item whose agency sent no one with authority may be put off to the next
 * session) or cancelled (their cases wait for the next one), and their resolutions
 * notified. When a resolution is issued its fate is drawn — an objection and the
 * ruling, the outcome and its day — and those fall on their days; the sweep starts
 * execution when a window closes, as the server's job does. A case voided by an
 * accepted objection waits for a session again. Every month the users read their
 * notifications, so only the last days' are unread. */
#include "demo/demo_meetings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/clock.h"
#include "demo/demo_ids.h"
#include "demo/demo_meetings_sim.h"
#include "demo/demo_meetings_text.h"
#include "store/store_registry.h"
#include "text/fa_date.h"
#include "text/fa_num.h"

int dm_between(uint64_t *rng, int lo, int hi) {
    return lo + (int)(demo_rand(rng) % (uint64_t)(hi - lo + 1));
}

void dm_pin(struct dm_sim *m, int32_t day) {
    int64_t t = (int64_t)day * 86400 + (int64_t)(m->minute - 210) * 60; /* Tehran is UTC+3:30 */
    clock_pin(t < m->real_now ? t : 0);
    if (m->minute < 16 * 60) m->minute += 2;
}

int dm_agency_of_kind(struct dm_sim *m, const char *kind, uint64_t pick) {
    int found[DM_AGENCIES], n = 0;
    for (int i = 0; i < m->nag; i++)
        if (!strcmp(m->ag[i].kind, kind)) found[n++] = i;
    if (!n) return -1;
    return pick ? found[demo_rand(&m->rng) % (uint64_t)n] : found[0];
}

void dm_jalali(int32_t day, int *jy, int *jm, int *jd) {
    char iso[11];
    int gy, gm, gd;
    case_iso_from_day(day, iso);
    *jy = *jm = *jd = 0;
    if (fa_gregorian_parse(iso, 10, &gy, &gm, &gd, NULL) == 0)
        fa_gregorian_to_jalali(gy, gm, gd, jy, jm, jd);
}

static int fail(const char *what, int rc) {
    if (rc != STORE_OK) fprintf(stderr, "demo sessions: %s refused (%d)\n", what, rc);
    return rc;
}

/* --- the world: agencies, the secretariat, liaisons, the cases waiting --- */

static double reluctance_of(const char *kind) {
    static const struct {
        const char *kind;
        double r;
    } t[] = {{"bank", 0.3},         {"tax", 0.45},         {"social_security", 0.55},
             {"electricity", 0.45}, {"gas", 0.7},          {"water", 0.35},
             {"telecom", 0.6},      {"municipality", 0.5}, {"parks_company", 0.35},
             {"environment", 0.4},  {"secretariat", 0.1}};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        if (!strcmp(t[i].kind, kind)) return t[i].r;
    return 0.3;
}

static int collect_agency(void *arg, const struct agency *a) {
    struct dm_sim *m = arg;
    if (m->nag >= DM_AGENCIES) return 1;
    struct dm_agency *g = &m->ag[m->nag++];
    memset(g, 0, sizeof *g);
    g->id = a->id;
    snprintf(g->kind, sizeof g->kind, "%s", a->kind);
    snprintf(g->name, sizeof g->name, "%s", a->name);
    g->reluctance = reluctance_of(a->kind);
    if (!strcmp(a->kind, "bank")) g->reluctance += (demo_uniform(&m->rng) - 0.5) * 0.5;
    return 0;
}

static int collect_user(void *arg, const struct user *u) {
    struct dm_sim *m = arg;
    if (m->nusers < DM_AGENCIES && !u->disabled) m->users[m->nusers++] = u->id;
    if (strcmp(u->role, "agency") != 0 || !u->agency_id || u->disabled) return 0;
    for (int i = 0; i < m->nag; i++)
        if (m->ag[i].id == u->agency_id && !m->ag[i].liaison.id) m->ag[i].liaison = *u;
    return 0;
}

static int collect_case(void *arg, const struct case_row *r) {
    struct dm_sim *m = arg;
    char day[11];
    memcpy(day, r->updated_at, 10);
    day[10] = 0;
    int32_t last = case_day_from_iso(day); /* the day of its last event */
    /* A case in review for weeks is one the secretariat keeps for the working group. */
    if (last < 0 || (r->state == CASE_IN_REVIEW && last > m->today - 20)) return 0;
    if (m->nwc == m->wccap) {
        int cap = m->wccap ? m->wccap * 2 : 512;
        struct dm_case *p = realloc(m->wc, (size_t)cap * sizeof *p);
        if (!p) return 1;
        m->wc = p;
        m->wccap = cap;
    }
    struct dm_case *w = &m->wc[m->nwc++];
    memset(w, 0, sizeof *w);
    w->id = r->id;
    w->category = r->category_id;
    w->agency_id = r->agency_id;
    w->amount = r->amount;
    snprintf(w->unit, sizeof w->unit, "%s", r->unit);
    snprintf(w->title, sizeof w->title, "%s", r->title);
    w->islamshahr = !strcmp(r->county, "اسلامشهر");
    w->ready = last + 1;
    w->on_agenda = r->state == CASE_ON_AGENDA;
    return 0;
}

static int by_ready(const void *a, const void *b) {
    const struct dm_case *x = a, *y = b;
    if (x->ready != y->ready) return x->ready < y->ready ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static int world(struct dm_sim *m, const char *secretariat_name) {
    int rc = store_user_by_name(m->c, secretariat_name, &m->sec, NULL, 0);
    if (rc != STORE_OK) return rc;
    m->vs = case_viewer_of(&m->sec);
    if (!meeting_viewer_is_staff(&m->vs)) return STORE_EROLE;
    rc = store_agency_each(m->c, collect_agency, m);
    if (rc == STORE_OK) rc = store_user_each(m->c, collect_user, m);
    if (rc == STORE_OK) rc = store_holiday_calendar(m->c, &m->hol, &m->cal.n);
    m->cal.holidays = m->hol;
    struct case_filter f = {0};
    f.states = 1u << CASE_IN_REVIEW | 1u << CASE_ANSWERED | 1u << CASE_ON_AGENDA;
    f.limit = 1000000;
    if (rc == STORE_OK) rc = store_case_list(m->c, &m->vs, &f, collect_case, m, NULL);
    if (rc == STORE_OK && m->nwc) qsort(m->wc, (size_t)m->nwc, sizeof *m->wc, by_ready);
    if (rc == STORE_OK && !m->nag) rc = STORE_EREF;
    return rc;
}

/* --- the agenda --- */

static bool fits(int body, const struct dm_case *w) {
    switch (body) {
    case B_FINANCE:
        return w->category == 14 || w->category == 15;
    case B_INFRA:
        return w->category == 19 || w->category == 18 || w->category == 6 || w->category == 8;
    case B_PERMITS:
        return w->category == 9;
    case B_COUNTY:
        return w->islamshahr;
    default:
        return true;
    }
}

/* A main session leaves a case to a committee that fits it and meets within two
 * weeks (the permits committee, which meets seldom and gets few cases, two months). */
static bool kept_for_committee(const struct dm_sim *m, const struct dm_session *s,
                               const struct dm_case *w) {
    if (s->body != B_MAIN) return false;
    for (int k = 0; k < m->ns; k++) {
        const struct dm_session *o = &m->s[k];
        if (o->body != B_FINANCE && o->body != B_INFRA && o->body != B_PERMITS) continue;
        int within = o->body == B_PERMITS ? 60 : 14;
        if (!o->cancelled && o->held > s->held && o->held - s->held <= within && fits(o->body, w))
            return true;
    }
    return false;
}

static int agency_of_case(struct dm_sim *m, const struct dm_case *w) {
    for (int i = 0; w->agency_id && i < m->nag; i++)
        if (m->ag[i].id == w->agency_id) return i;
    return dm_agency_of_kind(m, demo_category_kind(w->category), 1);
}

static int add_topic(struct dm_sim *m, struct dm_session *s, int t) {
    struct dm_item *it = &s->item[s->nitems];
    memset(it, 0, sizeof *it);
    it->wc = -1;
    it->topic = t;
    it->ag = demo_topics[t].kind ? dm_agency_of_kind(m, demo_topics[t].kind, 0) : -1;
    dm_pin(m, s->prep);
    int rc =
        store_meeting_item_add_topic(m->c, &m->sec, &m->vs, s->id, demo_topics[t].title, &it->id);
    if (rc == STORE_OK) {
        s->nitems++;
        m->st->items++;
        m->st->topics++;
    }
    return fail("a topic", rc);
}

/* A topic for the body not yet on the agenda (not the secretariat's report); -1 none. */
static int pick_topic(struct dm_sim *m, const struct dm_session *s) {
    int cand[32], n = 0;
    for (int t = DEMO_TOPIC_REPORT + 1; t < demo_ntopics && n < 32; t++) {
        if (!(demo_topics[t].bodies & (1u << s->body))) continue;
        bool used = false;
        for (int i = 0; i < s->nitems; i++)
            used |= s->item[i].topic == t;
        if (!used) cand[n++] = t;
    }
    return n ? cand[dm_between(&m->rng, 0, n - 1)] : -1;
}

static int prepare(struct dm_sim *m, struct dm_session *s) {
    struct meeting_input in;
    dm_session_fields(m, s, &in);
    dm_pin(m, s->prep);
    int rc = fail("a session", store_meeting_create(m->c, &m->sec, &m->vs, &in, &s->id));
    m->st->sessions++;
    int want = dm_between(&m->rng, 3, 8);
    if (rc == STORE_OK && s->body == B_MAIN && demo_uniform(&m->rng) < 0.35)
        rc = add_topic(m, s, DEMO_TOPIC_REPORT);
    double more = s->body == B_MAIN ? 0.25 : s->body == B_COUNTY ? 0.5 : 0.1;
    if (rc == STORE_OK && demo_uniform(&m->rng) < more) {
        int t = pick_topic(m, s);
        if (t >= 0) rc = add_topic(m, s, t);
    }
    if (rc == STORE_OK && s->held == DM_BANKS_TOLD) rc = add_topic(m, s, DEMO_TOPIC_BANKS);
    /* Cases waiting longest first, as many as the agenda has room for, up to eight
     * items when some have waited over a month. A planned session takes three and
     * leaves those marked ready for the agenda builder. */
    int cases = 0;
    for (int i = 0; rc == STORE_OK && i < m->nwc && s->nitems < DM_ITEMS; i++) {
        struct dm_case *w = &m->wc[i];
        if (w->ready > s->prep || (s->planned && cases >= 3)) break; /* sorted by ready */
        if (w->taken || !fits(s->body, w) || kept_for_committee(m, s, w)) continue;
        if (s->planned && w->on_agenda) continue;
        if (s->nitems >= want && w->ready > s->prep - 30) continue;
        struct dm_item *it = &s->item[s->nitems];
        memset(it, 0, sizeof *it);
        it->wc = i;
        it->topic = -1;
        it->ag = agency_of_case(m, w);
        dm_pin(m, s->prep);
        rc = fail("a case on the agenda",
                  store_meeting_item_add_case(m->c, &m->sec, &m->vs, s->id, w->id, &it->id));
        if (rc != STORE_OK) break;
        w->taken = true;
        s->nitems++;
        cases++;
        m->st->items++;
    }
    while (rc == STORE_OK && s->nitems < 3) {
        int t = pick_topic(m, s);
        if (t < 0) break;
        rc = add_topic(m, s, t);
    }
    return rc;
}

static void wait_again(struct dm_sim *m, int wc, int32_t day) {
    if (wc < 0) return;
    m->wc[wc].taken = false;
    m->wc[wc].on_agenda = true;
    m->wc[wc].ready = day + 1;
    /* keep the waiting list in order of the day each became ready */
    struct dm_case moved = m->wc[wc];
    int i = wc;
    while (i + 1 < m->nwc && by_ready(&m->wc[i + 1], &moved) < 0)
        i++;
    if (i == wc) return;
    memmove(&m->wc[wc], &m->wc[wc + 1], (size_t)(i - wc) * sizeof *m->wc);
    m->wc[i] = moved;
    /* indexes held by items and resolutions shift with the move */
    for (int k = 0; k < m->ns; k++)
        for (int j = 0; j < m->s[k].nitems; j++) {
            int *x = &m->s[k].item[j].wc;
            if (*x == wc)
                *x = i;
            else if (*x > wc && *x <= i)
                (*x)--;
        }
    for (int k = 0; k < m->nr; k++) {
        int *x = &m->r[k].wc;
        if (*x == wc)
            *x = i;
        else if (*x > wc && *x <= i)
            (*x)--;
    }
}

static void fill_values(struct dm_sim *m, const struct dm_item *it, int ag,
                        struct demo_fill_values *v, char *amount, size_t cap) {
    const struct dm_case *w = it->wc >= 0 ? &m->wc[it->wc] : NULL;
    snprintf(amount, cap, "درخواستی");
    if (w && w->amount > 0 && fa_num_format_i64(w->amount, amount, cap - 12) == 0) {
        size_t n = strlen(amount);
        snprintf(amount + n, cap - n, " ریال");
    }
    *v = (struct demo_fill_values){w ? w->unit : "", ag >= 0 ? m->ag[ag].name : "دستگاه مسئول",
                                   amount, "", ""};
}

static int hold(struct dm_sim *m, struct dm_session *s) {
    m->minute = s->starts;
    dm_pin(m, s->held);
    char held[11];
    case_iso_from_day(s->held, held);
    if (s->cancelled) {
        int rc = fail("a cancellation", store_meeting_set_status(m->c, &m->sec, &m->vs, s->id, -1,
                                                                 MEETING_CANCELLED, held));
        for (int i = 0; i < s->nitems; i++)
            wait_again(m, s->item[i].wc, s->held);
        m->st->cancelled++;
        return rc;
    }
    int rc = fail("holding a session",
                  store_meeting_set_status(m->c, &m->sec, &m->vs, s->id, -1, MEETING_HELD, held));
    if (rc == STORE_OK) rc = fail("attendance", dm_attend(m, s));
    m->st->held++;
    for (int i = 0; rc == STORE_OK && i < s->nitems; i++) {
        struct dm_item *it = &s->item[i];
        char notes[2400], amount[64];
        struct demo_fill_values v;
        fill_values(m, it, it->ag, &v, amount, sizeof amount);
        if (it->wc >= 0 && it->ag >= 0 && !s->authority[it->ag] && demo_uniform(&m->rng) < 0.25) {
            it->deferred = true;
            m->st->deferred++;
            snprintf(notes, sizeof notes, "%s", demo_note_deferred);
            wait_again(m, it->wc, s->held);
        } else if (it->wc >= 0) {
            size_t closing = strlen(demo_note_closing);
            const struct dm_case *w = &m->wc[it->wc];
            demo_fill(demo_notes_tpl(w->category, w->title, (uint64_t)w->id), &v, notes,
                      sizeof notes - closing);
            size_t n = strlen(notes);
            memcpy(notes + n, demo_note_closing, closing + 1);
        } else {
            snprintf(notes, sizeof notes, "%s", demo_topics[it->topic].notes);
        }
        dm_pin(m, s->held);
        rc = fail("notes", store_meeting_item_notes(m->c, &m->sec, &m->vs, s->id, it->id, notes));
    }
    return rc;
}

/* --- resolutions and what becomes of them --- */

static int32_t working_day_from(const struct dm_sim *m, int32_t d) {
    while (!case_is_working_day(&m->cal, d))
        d++;
    return d;
}

/* The fate of a resolution, drawn when it is issued. */
static void fate(struct dm_sim *m, struct dm_resolution *r) {
    const struct dm_agency *a = &m->ag[r->ag];
    double rel = a->reluctance < 0 ? 0 : a->reluctance > 1 ? 1 : a->reluctance;
    int32_t deadline = r->deadline, after = r->window_end;
    if (a->liaison.id && demo_uniform(&m->rng) < 0.17) {
        r->object_day = case_add_working_days(&m->cal, r->notice, dm_between(&m->rng, 2, 12));
        r->rule_day = case_add_working_days(&m->cal, r->object_day, dm_between(&m->rng, 2, 7));
        double u = demo_uniform(&m->rng);
        r->ruling = u < 0.6 ? RES_ACT_UPHOLD : u < 0.85 ? RES_ACT_AMEND : RES_ACT_ACCEPT;
        if (r->ruling == RES_ACT_ACCEPT) return;
        if (r->ruling == RES_ACT_AMEND) deadline += 30;
        if (r->rule_day > after) after = r->rule_day;
    }
    if (demo_uniform(&m->rng) < 0.02 + 0.05 * rel) return; /* never reported: overdue */
    int32_t od = deadline + dm_between(&m->rng, -20, 40),
            least = after + dm_between(&m->rng, 1, 10);
    r->outcome_day = working_day_from(m, od > least ? od : least);
    if (demo_uniform(&m->rng) < 0.85 - 0.45 * rel) {
        r->outcome = RES_CARRIED_OUT;
        r->fault = RES_FAULT_NONE;
        return;
    }
    r->outcome = demo_uniform(&m->rng) < 0.45 ? RES_PARTLY : RES_NOT_CARRIED_OUT;
    r->fault = demo_uniform(&m->rng) < 0.25 + 0.8 * rel ? RES_FAULT_AGENCY : RES_FAULT_APPLICANT;
}

static int issue_one(struct dm_sim *m, struct dm_session *s, const struct dm_item *it, int ag,
                     const char *tpl) {
    if (m->nr == m->rcap) {
        int cap = m->rcap ? m->rcap * 2 : 256;
        struct dm_resolution *p = realloc(m->r, (size_t)cap * sizeof *p);
        if (!p) return STORE_ERROR;
        m->r = p;
        m->rcap = cap;
    }
    struct dm_resolution *r = &m->r[m->nr];
    memset(r, 0, sizeof *r);
    r->ag = ag;
    r->wc = it->wc;
    r->notice = s->notice;
    r->window_end = resolution_window_end(&m->cal, s->notice);
    r->deadline = working_day_from(m, s->notice + dm_between(&m->rng, 30, 90));
    char amount[64];
    struct demo_fill_values v;
    fill_values(m, it, ag, &v, amount, sizeof amount);
    demo_fill(tpl, &v, r->text, sizeof r->text);
    struct resolution_input in = {.item_id = it->id, .agency_id = m->ag[ag].id};
    snprintf(in.text, sizeof in.text, "%s", r->text);
    case_iso_from_day(r->deadline, in.deadline);
    char notice[11];
    case_iso_from_day(s->notice, notice);
    dm_pin(m, s->notice);
    int rc = fail("a resolution",
                  store_resolution_issue(m->c, &m->sec, &m->vs, s->id, &in, notice, &r->id));
    if (rc != STORE_OK) return rc;
    fate(m, r);
    m->nr++;
    return STORE_OK;
}

static int issue(struct dm_sim *m, struct dm_session *s) {
    m->minute = 12 * 60;
    int rc = STORE_OK;
    for (int i = 0; rc == STORE_OK && i < s->nitems; i++) {
        const struct dm_item *it = &s->item[i];
        const char *kind;
        if (it->deferred || it->ag < 0) continue;
        if (it->wc < 0) {
            if (demo_topics[it->topic].resolution && demo_uniform(&m->rng) < 0.6)
                rc = issue_one(m, s, it, it->ag, demo_topics[it->topic].resolution);
            continue;
        }
        const struct dm_case *w = &m->wc[it->wc];
        rc = issue_one(m, s, it, it->ag,
                       demo_resolution_tpl(w->category, w->title, 0, (uint64_t)w->id, &kind));
        if (rc != STORE_OK || demo_uniform(&m->rng) >= 0.35) continue;
        const char *tpl = demo_resolution_tpl(w->category, w->title, 1, demo_rand(&m->rng), &kind);
        int ag = *kind ? dm_agency_of_kind(m, kind, 0) : it->ag;
        rc = issue_one(m, s, it, ag >= 0 ? ag : it->ag, tpl);
    }
    return rc;
}

static int act(struct dm_sim *m, struct dm_resolution *r, const struct user *who,
               const struct resolution_act *x, int32_t day, const char *what) {
    char today[11];
    case_iso_from_day(day, today);
    struct case_viewer v = case_viewer_of(who);
    int rule = RES_OK;
    dm_pin(m, day);
    int rc = store_resolution_act(m->c, who, &v, r->id, -1, x, today, &rule, NULL);
    if (rc != STORE_OK)
        fprintf(stderr, "demo sessions: %s refused (%d, rule %d)\n", what, rc, rule);
    return rc;
}

static int object(struct dm_sim *m, struct dm_resolution *r) {
    struct resolution_act x = {.action = RES_ACT_OBJECT,
                               .reason = demo_objection(m->ag[r->ag].kind)};
    m->st->objections++;
    return act(m, r, &m->ag[r->ag].liaison, &x, r->object_day, "an objection");
}

static int rule(struct dm_sim *m, struct dm_resolution *r) {
    struct resolution_act x = {.action = r->ruling};
    struct resolution_input amended;
    if (r->ruling == RES_ACT_UPHOLD) {
        x.reason = demo_ruling_upheld;
        m->st->upheld++;
    } else if (r->ruling == RES_ACT_AMEND) {
        x.reason = demo_ruling_amended;
        memset(&amended, 0, sizeof amended);
        snprintf(amended.text, sizeof amended.text, "%s%s", r->text, demo_amendment);
        amended.agency_id = m->ag[r->ag].id;
        case_iso_from_day(r->deadline + 30, amended.deadline);
        x.amended = &amended;
        m->st->amended++;
    } else {
        x.reason = demo_ruling_accepted;
        m->st->voided++;
    }
    int rc = act(m, r, &m->sec, &x, r->rule_day, "a ruling");
    r->started = true;
    if (rc != STORE_OK || r->ruling != RES_ACT_ACCEPT || r->wc < 0) return rc;
    /* With no other resolution on it, the case is back on the agenda. */
    struct case_row *row = calloc(1, sizeof *row);
    if (!row) return STORE_ERROR;
    rc = store_case_get(m->c, &m->vs, m->wc[r->wc].id, row);
    if (rc == STORE_OK && row->state == CASE_ON_AGENDA) wait_again(m, r->wc, r->rule_day);
    free(row);
    return rc;
}

static int outcome(struct dm_sim *m, struct dm_resolution *r) {
    static const int which[3][3] = {[RES_FAULT_NONE] = {0, 0, 0},
                                    [RES_FAULT_AGENCY] = {0, 1, 3},
                                    [RES_FAULT_APPLICANT] = {0, 2, 4}};
    int k = which[r->fault][r->outcome == RES_CARRIED_OUT ? 0 : r->outcome == RES_PARTLY ? 1 : 2];
    char number[48], date[64];
    buf num;
    buf_init(&num, sizeof number);
    char ascii[32];
    int jy, jm, jd;
    dm_jalali(r->outcome_day - dm_between(&m->rng, 1, 10), &jy, &jm, &jd);
    snprintf(ascii, sizeof ascii, "%d/%d/%02d", dm_between(&m->rng, 1200, 98000),
             1 + (int)(demo_rand(&m->rng) % 60), jy % 100);
    fa_digits_to_persian(ascii, strlen(ascii), &num);
    snprintf(number, sizeof number, "%s", num.failed || !num.data ? "" : num.data);
    buf_free(&num);
    if (fa_jalali_format(jy, jm, jd, FA_DATE_SHORT, date, sizeof date) != 0) date[0] = 0;
    struct demo_fill_values v = {"", m->ag[r->ag].name, "", number, date};
    struct outcome_input o = {.outcome = r->outcome, .fault = r->fault};
    demo_fill(demo_evidence_tpl(k, demo_rand(&m->rng)), &v, o.evidence, sizeof o.evidence);
    struct resolution_act x = {.action = RES_ACT_OUTCOME, .outcome = &o};
    return act(m, r, &m->sec, &x, r->outcome_day, "an outcome");
}

static int sweep(struct dm_sim *m, int32_t d) {
    bool due = false;
    for (int i = 0; i < m->nr && !due; i++)
        due = !m->r[i].started && !m->r[i].object_day && m->r[i].window_end < d;
    if (!due) return STORE_OK;
    char today[11];
    case_iso_from_day(d, today);
    int started = 0;
    dm_pin(m, d);
    int rc = fail("the sweep", store_resolution_sweep(m->c, today, &started));
    for (int i = 0; i < m->nr; i++)
        if (!m->r[i].object_day && m->r[i].window_end < d) m->r[i].started = true;
    return rc;
}

static int walk(struct dm_sim *m) {
    int32_t first = m->today;
    for (int i = 0; i < m->ns; i++)
        if (m->s[i].prep < first) first = m->s[i].prep;
    int rc = STORE_OK;
    for (int32_t d = first; rc == STORE_OK && d <= m->today; d++) {
        m->minute = 8 * 60;
        /* Now and then everyone reads their notifications; the last ten days' wait. */
        for (int i = 0; rc == STORE_OK && (m->today - d) % 30 == 10 && i < m->nusers; i++) {
            dm_pin(m, d);
            rc = fail("reading notifications", store_notification_read_all(m->c, m->users[i]));
        }
        for (int i = 0; rc == STORE_OK && i < m->ns; i++)
            if (m->s[i].prep == d) rc = prepare(m, &m->s[i]);
        for (int i = 0; rc == STORE_OK && i < m->ns; i++)
            if (m->s[i].held == d && !m->s[i].planned) rc = hold(m, &m->s[i]);
        for (int i = 0; rc == STORE_OK && i < m->ns; i++)
            if (m->s[i].notice == d && !m->s[i].planned && !m->s[i].cancelled)
                rc = issue(m, &m->s[i]);
        m->minute = 13 * 60;
        for (int i = 0; rc == STORE_OK && i < m->nr; i++) {
            if (m->r[i].object_day == d)
                rc = object(m, &m->r[i]);
            else if (m->r[i].rule_day == d)
                rc = rule(m, &m->r[i]);
        }
        if (rc == STORE_OK) rc = sweep(m, d);
        for (int i = 0; rc == STORE_OK && i < m->nr; i++)
            if (m->r[i].outcome_day == d && m->r[i].ruling != RES_ACT_ACCEPT)
                rc = outcome(m, &m->r[i]);
    }
    return rc;
}

/* Today the secretariat marks a few answered cases ready for the next agenda, so the
 * agenda builder has them to offer. */
static int mark_ready(struct dm_sim *m) {
    int rc = STORE_OK, marked = 0;
    m->minute = 14 * 60;
    for (int i = 0; rc == STORE_OK && i < m->nwc && marked < 5; i++) {
        struct dm_case *w = &m->wc[i];
        if (w->taken || w->on_agenda || w->ready > m->today - 2) continue;
        struct case_act x = {.action = CASE_ACT_AGENDA};
        unsigned allowed = 0;
        dm_pin(m, m->today);
        rc = fail("marking a case ready",
                  store_case_act(m->c, &m->sec, &m->vs, w->id, -1, &x, &allowed, NULL));
        w->on_agenda = true;
        marked++;
    }
    for (int i = 0; i < m->nwc; i++)
        m->st->ready += !m->wc[i].taken && m->wc[i].on_agenda;
    return rc;
}

static int tally(struct dm_sim *m) {
    char today[11];
    case_iso_from_day(m->today, today);
    struct resolution_tally t;
    int rc = store_resolution_totals(m->c, today, &t);
    if (rc != STORE_OK) return rc;
    struct demo_meeting_stats *st = m->st;
    st->resolutions = t.issued;
    st->carried_out = t.carried_out;
    st->partly = t.partly;
    st->not_carried_out = t.not_carried_out;
    st->open = t.open;
    st->overdue = t.overdue;
    for (int i = 0; i < m->ns; i++)
        st->planned += m->s[i].planned;
    struct case_row *row = calloc(1, sizeof *row);
    if (!row) return STORE_ERROR;
    for (int i = 0; rc == STORE_OK && i < m->nwc; i++)
        if (m->wc[i].taken) {
            rc = store_case_get(m->c, &m->vs, m->wc[i].id, row);
            st->cases_closed += rc == STORE_OK && row->state == CASE_CLOSED;
        }
    free(row);
    return rc;
}

int demo_meetings(store_conn *c, uint64_t seed, const char *secretariat_name,
                  struct demo_meeting_stats *stats) {
    memset(stats, 0, sizeof *stats);
    struct dm_sim *m = calloc(1, sizeof *m);
    if (!m) return STORE_ERROR;
    m->c = c;
    m->rng = seed * 104729 + 61;
    m->st = stats;
    m->real_now = clock_now();
    m->today = case_today_tehran(m->real_now);
    int rc = store_begin(c);
    if (rc == STORE_OK) rc = world(m, secretariat_name);
    if (rc == STORE_OK) {
        dm_plan(m);
        rc = walk(m);
    }
    if (rc == STORE_OK) rc = mark_ready(m);
    clock_pin(0);
    if (rc == STORE_OK) rc = tally(m);
    free(m->hol);
    free(m->wc);
    free(m->r);
    free(m);
    if (rc != STORE_OK) {
        store_rollback(c);
        return rc;
    }
    return store_commit(c);
}

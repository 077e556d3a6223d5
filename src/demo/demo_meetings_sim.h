/* demo_meetings_sim — the state demo_meetings walks forward day by day, shared by
 * its two files: demo_meetings.c (the walk: agendas, resolutions and what becomes
 * of them) and demo_meetings_plan.c (the schedule, each session's place, chair,
 * secretary and start, and who attends). Internal to src/demo/. */
#ifndef TASHIL_DEMO_MEETINGS_SIM_H
#define TASHIL_DEMO_MEETINGS_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include "cases/case_workdays.h"
#include "demo/demo_meetings.h"
#include "meetings/resolution.h"
#include "store/store_cases.h"
#include "store/store_meetings.h"

enum { DM_AGENCIES = 64, DM_SESSIONS = 80, DM_ITEMS = 8 };
/* 1403/11/14 (2025-02-02): the promise demo's session of the provincial working
 * group, where the banks were told to send managers who can decide. */
enum { DM_BANKS_TOLD = 20121 };
/* Body ids of migration 0020. */
enum { B_MAIN = 1, B_FINANCE, B_INFRA, B_PERMITS, B_COUNTY };

struct dm_agency {
    int64_t id;
    char kind[24], name[256];
    struct user liaison; /* id 0: the agency has no liaison account */
    double reluctance;   /* 0 eager … 1 reluctant: fewer carried out, more its fault */
};

struct dm_case { /* a case that may go on an agenda */
    int64_t id, category, agency_id, amount;
    char unit[256], title[CASE_TITLE_MAX * 2 + 1];
    bool islamshahr;
    int32_t ready;  /* the first day it may go on an agenda */
    bool on_agenda; /* marked ready (else answered or in review) */
    bool taken;     /* on an agenda, or decided */
};

struct dm_item {
    int64_t id;
    int wc;    /* index of the case, -1 for a topic */
    int topic; /* index into demo_topics, -1 for a case */
    int ag;    /* the agency that answers for it, -1 none */
    bool deferred;
};

struct dm_session {
    int body;
    int32_t prep, held, notice; /* day numbers */
    bool planned, cancelled;
    int starts; /* minutes after midnight, Tehran */
    int64_t id;
    struct dm_item item[DM_ITEMS];
    int nitems;
    bool authority[DM_AGENCIES]; /* whose representative could decide */
};

struct dm_resolution {
    int64_t id;
    int ag, wc;
    int32_t notice, window_end, deadline, object_day, rule_day, outcome_day; /* 0: never */
    enum resolution_action ruling;
    enum resolution_state outcome;
    enum resolution_fault fault;
    bool started;
    char text[1200];
};

struct dm_sim {
    store_conn *c;
    uint64_t rng;
    struct user sec;
    struct case_viewer vs;
    struct case_calendar cal;
    int32_t *hol;
    int32_t today;
    int64_t real_now; /* the wall clock when the walk began */
    int minute;       /* the walk's time of day, Tehran */
    struct dm_agency ag[DM_AGENCIES];
    int nag;
    int64_t users[DM_AGENCIES]; /* who reads notifications now and then */
    int nusers;
    struct dm_case *wc;
    int nwc, wccap;
    struct dm_session s[DM_SESSIONS];
    int ns;
    struct dm_resolution *r;
    int nr, rcap;
    struct demo_meeting_stats *st;
};

int dm_between(uint64_t *rng, int lo, int hi); /* uniform in [lo, hi] */
/* Pins the clock to `day` at the walk's time of day, and moves that on a little. */
void dm_pin(struct dm_sim *m, int32_t day);
/* An agency of the kind: the first (pick 0) or one drawn; -1 when none. */
int dm_agency_of_kind(struct dm_sim *m, const char *kind, uint64_t pick);
void dm_jalali(int32_t day, int *jy, int *jm, int *jd);

/* The schedule: fills m->s (sorted by the day held) with prep, held and notice days. */
void dm_plan(struct dm_sim *m);
/* A session's place, chair, secretary and start. */
void dm_session_fields(struct dm_sim *m, struct dm_session *s, struct meeting_input *in);
/* Records the attendance of a held session: every agency with an item, then
 * regulars and members to 8–15; sets s->authority. */
int dm_attend(struct dm_sim *m, struct dm_session *s);

#endif

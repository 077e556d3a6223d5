/* demo_cases — obstacle cases for the demo province (and the case benchmark): about
 * 5,000 cases over the last two Jalali years with the mix a provincial secretariat
 * sees (banking about 55%, then tax, social security, electricity, gas, water,
 * telecom, land and permits), each walked through the lifecycle with realistic
 * delays (returns, late answers, agenda and decisions, withdrawals), so older cases
 * are mostly closed and recent ones open, and some are overdue. The seed article's
 * problems are among them: bank disputes, water / electricity / gas supply, telecom
 * and antenna coverage of Pedar street.
 *
 * It uses whatever units and agencies exist (the registry demo's, or any), creating
 * one agency per needed kind when none exists. Deterministic for a seed. Written in
 * one transaction through store_case_seed with one audit event for the batch. */
#ifndef TASHIL_DEMO_CASES_H
#define TASHIL_DEMO_CASES_H

#include <stdint.h>

#include "store/store.h"

enum { DEMO_CASES = 5000 };

struct demo_case_stats {
    int cases, open, closed, overdue, events;
    int waiting; /* left for a session (session_share > 0) */
};

/* Adds n cases; the demo producer account `producer_name` (may be NULL) is made a
 * member of one unit that gets a handful of them. `days_back` spreads filing dates
 * over that many days before today.
 *
 * `session_share` 0: a case the secretariat puts on an agenda is walked through its
 * decision and execution here (no sessions exist — the case benchmark). Above 0: that
 * share of the answered cases is headed for a working-group session and its walk
 * stops there, answered or already on_agenda (and a few stay in review, kept for the
 * working group without a referral), for demo_meetings to put on a session's agenda
 * and decide; the other answered cases are settled by the secretariat. */
int demo_cases(store_conn *c, uint64_t seed, int n, int days_back, const char *producer_name,
               double session_share, struct demo_case_stats *stats);

#endif

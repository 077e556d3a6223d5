/* demo_meetings — the working group's sessions for the demo province: about sixty
 * sessions over the last two Jalali years of the main working group, its committees
 * (finance, infrastructure, permits) and the Islamshahr county group, each with its
 * place, chair, secretary and start time, 8–15 attendees (agency representatives,
 * most with full authority, and members without an agency), an agenda of 3–8 items
 * (the cases demo_cases left waiting for a session, and free topics from the seed
 * article) with discussion notes, and resolutions that fit each case's category,
 * addressed to the agency it was referred to, with deadlines one to three months on.
 * What became of them follows from their dates: about 70% of the settled ones were
 * carried out, the rest partly or not (the applicant's or the agency's fault, some
 * agencies worse than others); a few were objected to (most upheld, some amended, a
 * few voided); recent ones are still in their objection window, some are overdue.
 * One or two sessions are planned in the coming days with an agenda ready.
 *
 * Everything goes through the store's session and resolution calls, so the cases
 * move through their lifecycle with their events, and every change has its audit
 * event. The simulation walks day by day with the clock pinned to each day (see
 * core/clock.h), so events carry the dates they describe. Deterministic for a seed
 * and a day. One transaction. */
#ifndef TASHIL_DEMO_MEETINGS_H
#define TASHIL_DEMO_MEETINGS_H

#include <stdint.h>

#include "store/store.h"

/* The share of answered cases demo_cases leaves for the sessions: what sixty
 * sessions of three to eight items take up. */
#define DEMO_MEETINGS_CASE_SHARE 0.05

struct demo_meeting_stats {
    int sessions, held, planned, cancelled;
    int attendees, representatives, full_authority; /* representatives: of an agency */
    int items, topics, deferred;
    int resolutions, carried_out, partly, not_carried_out, open, overdue;
    int objections, upheld, amended, voided;
    int cases_closed; /* cases the sessions' resolutions closed */
    int ready;        /* cases marked ready and on no agenda: for the agenda builder */
};

/* Fills the sessions; `secretariat_name` is the account that builds them (the
 * demo's "dabir"). Needs the registry's agencies and the waiting cases. */
int demo_meetings(store_conn *c, uint64_t seed, const char *secretariat_name,
                  struct demo_meeting_stats *stats);

#endif

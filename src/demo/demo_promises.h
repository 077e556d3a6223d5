/* demo_promises — the promise tracker's part of `tashil demo`: the seed article's
 * promises (rated as of the article) and about forty more from invented visits,
 * sessions and interviews across Tehran province's counties, with rating histories
 * that move both ways. Written through the same store calls and validators as the
 * web pages, so the demo obeys the same rules (dates in the future are skipped). */
#ifndef TASHIL_DEMO_PROMISES_H
#define TASHIL_DEMO_PROMISES_H

#include "store/store.h"
#include "store/store_users.h"

extern const char demo_seed_article[];

/* Returns STORE_OK or an error; actor is the secretariat account. */
int demo_promises_fill(store_conn *c, const struct user *actor);

#endif

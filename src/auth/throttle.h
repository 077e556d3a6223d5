/* throttle — limits failed sign-ins per account and per client address.
 *
 * A fixed table of counters (open addressing over a hash of the key) with a
 * sliding window: after `limit` failures within `window` seconds further attempts
 * are refused until the window passes. Memory is bounded whatever the traffic: when
 * the table is full the oldest entry is replaced. One mutex guards the table; the
 * critical sections are a few dozen instructions. Per process: behind several app
 * servers each enforces its own limit. */
#ifndef TASHIL_THROTTLE_H
#define TASHIL_THROTTLE_H

#include <stdbool.h>
#include <stdint.h>

typedef struct throttle throttle;

throttle *throttle_new(int limit, int window_secs);
void throttle_free(throttle *t);
bool throttle_blocked(throttle *t, const char *key, int64_t now);
void throttle_failure(throttle *t, const char *key, int64_t now);
void throttle_success(throttle *t, const char *key);

#endif

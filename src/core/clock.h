/* clock — wall-clock time in one place, so tests can reason about it. Instants are
 * stored as UTC: unix seconds where compared, ISO-8601 text where read by people. */
#ifndef TASHIL_CLOCK_H
#define TASHIL_CLOCK_H

#include <stdint.h>

int64_t clock_now(void);        /* unix seconds */
int64_t clock_monotonic_us(void);
/* "2026-11-29T08:00:00Z" into out (at least 21 bytes). */
void clock_iso_utc(int64_t unix_seconds, char out[21]);

#endif

/* clock — wall-clock time in one place, so tests can reason about it. Instants are
 * stored as UTC: unix seconds where compared, ISO-8601 text where read by people.
 * The clock can be pinned to an instant: a generator that writes a simulated past
 * through the ordinary store calls (the demo's sessions and resolutions) pins it
 * day by day, so the events and audit entries the store stamps agree with the
 * dates they carry. */
#ifndef TASHIL_CLOCK_H
#define TASHIL_CLOCK_H

#include <stdint.h>

int64_t clock_now(void);        /* unix seconds (the pinned instant while pinned) */
/* Pins clock_now() to unix_seconds; 0 unpins (the wall clock again). For
 * single-threaded generators and tests only, never while serving. */
void clock_pin(int64_t unix_seconds);
int64_t clock_monotonic_us(void);
/* "2026-11-29T08:00:00Z" into out (at least 21 bytes). */
void clock_iso_utc(int64_t unix_seconds, char out[21]);

#endif

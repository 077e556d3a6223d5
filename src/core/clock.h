/* clock — wall-clock time in one place, so tests can reason about it. Instants are
 * stored as UTC: unix seconds where compared, ISO-8601 text where read by people.
 *
 * For black-box tests only, the wall clock can be shifted by whole days (`tashil
 * serve --test-clock-shift-days N`): a test that must see a deadline pass (the
 * 15-working-day objection window) restarts the server on the same database some
 * days later instead of waiting. The shift is set once, before any thread starts;
 * the monotonic clock is never shifted.
 *
 * The clock can also be pinned to an instant: a generator that writes a simulated
 * past through the ordinary store calls (the demo's sessions and resolutions) pins
 * it day by day, so the events and audit entries the store stamps agree with the
 * dates they carry. */
#ifndef TASHIL_CLOCK_H
#define TASHIL_CLOCK_H

#include <stdint.h>

int64_t clock_now(void);        /* unix seconds (pinned, or shifted, see above) */
/* Shifts clock_now() by `days` (tests only; call before starting threads). */
void clock_shift_days(int days);
int clock_shifted_days(void);
/* Pins clock_now() to unix_seconds; 0 unpins (the wall clock again). For
 * single-threaded generators and tests only, never while serving. */
void clock_pin(int64_t unix_seconds);
int64_t clock_monotonic_us(void);
/* "2026-11-29T08:00:00Z" into out (at least 21 bytes). */
void clock_iso_utc(int64_t unix_seconds, char out[21]);

#endif

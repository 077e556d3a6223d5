/* clock — see clock.h. */
#include "core/clock.h"

#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

/* Written once at startup, before any other thread exists; read-only afterwards. */
static int shift_days;
static _Atomic int64_t pinned; /* 0: the wall clock */

void clock_shift_days(int days) { shift_days = days; }
int clock_shifted_days(void) { return shift_days; }

int64_t clock_now(void) {
    int64_t p = atomic_load_explicit(&pinned, memory_order_relaxed);
    return p ? p : (int64_t)time(NULL) + (int64_t)shift_days * 86400;
}

void clock_pin(int64_t unix_seconds) {
    atomic_store_explicit(&pinned, unix_seconds, memory_order_relaxed);
}

int64_t clock_monotonic_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void clock_iso_utc(int64_t unix_seconds, char out[21]) {
    time_t t = (time_t)unix_seconds;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

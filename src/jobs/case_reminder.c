/* case_reminder — see case_reminder.h. The thread sleeps on a condition variable so
 * that stopping the server does not wait out the interval. */
#include "jobs/case_reminder.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cases/case_workdays.h"
#include "core/clock.h"
#include "store/store_cases.h"
#include "store/store_meetings.h"

int case_reminder_run(store_conn *c, int *soon, int *overdue) {
    int32_t *days = NULL;
    int n = 0;
    int rc = store_holiday_calendar(c, &days, &n);
    if (rc != STORE_OK) return rc;
    struct case_calendar cal = {days, n};
    int32_t today = case_today_tehran(clock_now());
    char t[11], cutoff[11];
    case_iso_from_day(today, t);
    case_iso_from_day(case_add_working_days(&cal, today, 2), cutoff);
    free(days);
    int started = 0; /* resolutions whose objection window closed start execution */
    rc = store_resolution_sweep(c, t, &started);
    int noted = 0; /* and those past their deadline are flagged to their agency, once */
    if (rc == STORE_OK) rc = store_resolution_note_overdue(c, t, &noted);
    if (rc != STORE_OK) return rc;
    return store_case_remind(c, t, cutoff, soon, overdue);
}

struct case_reminder {
    store *s;
    int interval;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int stopping;
};

static void *loop(void *arg) {
    case_reminder *r = arg;
    pthread_mutex_lock(&r->lock);
    while (!r->stopping) {
        pthread_mutex_unlock(&r->lock);
        store_conn *c = store_thread_conn(r->s);
        int soon = 0, overdue = 0;
        if (c && case_reminder_run(c, &soon, &overdue) == STORE_OK) {
            if (soon || overdue)
                fprintf(stderr, "tashil: reminders: %d due soon, %d overdue\n", soon, overdue);
        } else {
            fprintf(stderr, "tashil: reminders failed: %s\n", c ? store_errmsg(c) : "no database");
        }
        pthread_mutex_lock(&r->lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += r->interval;
        while (!r->stopping && pthread_cond_timedwait(&r->wake, &r->lock, &until) == 0) {
        }
    }
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

case_reminder *case_reminder_start(store *s, int interval_secs) {
    case_reminder *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->s = s;
    r->interval = interval_secs > 0 ? interval_secs : 300;
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->wake, NULL);
    if (pthread_create(&r->thread, NULL, loop, r) != 0) {
        pthread_mutex_destroy(&r->lock);
        pthread_cond_destroy(&r->wake);
        free(r);
        return NULL;
    }
    return r;
}

void case_reminder_stop(case_reminder *r) {
    if (!r) return;
    pthread_mutex_lock(&r->lock);
    r->stopping = 1;
    pthread_cond_signal(&r->wake);
    pthread_mutex_unlock(&r->lock);
    pthread_join(r->thread, NULL);
    pthread_mutex_destroy(&r->lock);
    pthread_cond_destroy(&r->wake);
    free(r);
}

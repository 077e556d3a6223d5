/* case_reminder — the due-date reminder job: referred cases due within two Iranian
 * working days get a 'due_soon' event and notifications, those past their date an
 * 'overdue' one (each once per referral). `tashil serve` runs it in a background
 * thread every few minutes; `tashil cases remind` runs it once (for cron). */
#ifndef TASHIL_CASE_REMINDER_H
#define TASHIL_CASE_REMINDER_H

#include "store/store.h"

/* One pass; returns STORE_OK and the counts. */
int case_reminder_run(store_conn *c, int *soon, int *overdue);

typedef struct case_reminder case_reminder;
/* Starts the thread (first pass at once, then every interval_secs); NULL on failure. */
case_reminder *case_reminder_start(store *s, int interval_secs);
/* Wakes the thread, waits for it to finish its pass and frees it. */
void case_reminder_stop(case_reminder *r);

#endif

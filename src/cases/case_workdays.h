/* case_workdays — Iranian working days for due dates (مهلت پاسخ): Fridays and the
 * official holidays (a table the admin edits, loaded by the caller) are off; the
 * week starts on Saturday. Dates are day numbers (days since 1970-01-01, proleptic
 * Gregorian) so arithmetic is exact; ISO text only at the edges. Pure: no I/O — the
 * holiday list is passed in, sorted. */
#ifndef TASHIL_CASE_WORKDAYS_H
#define TASHIL_CASE_WORKDAYS_H

#include <stdbool.h>
#include <stdint.h>

struct case_calendar {
    const int32_t *holidays; /* sorted ascending day numbers */
    int n;
};

/* "2025-03-21" → day number; -1 when not a valid ISO date. */
int32_t case_day_from_iso(const char *iso);
void case_iso_from_day(int32_t day, char out[11]);
int32_t case_day_from_ymd(int y, int m, int d); /* a valid Gregorian date */
/* 0 = Saturday … 6 = Friday. */
int case_weekday(int32_t day);
/* A date typed by a person (Jalali, any digits: «۱۴۰۵/۰۸/۲۱») when jalali is set,
 * else ISO (the API); fills out with the ISO date. False when not a valid date. */
bool case_date_parse(const char *text, bool jalali, char out[11]);
/* Today's date in Asia/Tehran for a UTC unix time. */
int32_t case_today_tehran(int64_t unix_seconds);

bool case_is_working_day(const struct case_calendar *cal, int32_t day);
/* The day on which n working days after `start` have passed (start itself is not
 * counted; n ≥ 1). A referral made on Wednesday with 2 days is due Sunday. */
int32_t case_add_working_days(const struct case_calendar *cal, int32_t start, int n);
/* Working days in (from, to]; 0 when to ≤ from. */
int case_working_days_between(const struct case_calendar *cal, int32_t from, int32_t to);

#endif

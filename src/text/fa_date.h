/* fa_date — Jalali (Solar Hijri) dates: conversion, parsing and Persian formatting.
 *
 * ICU's Persian calendar is the reference. Conversions of Y-M-D integers use exact
 * arithmetic (the same 33-year rule ICU implements) inside the verified range
 * FA_JALALI_FAST_MIN..FA_JALALI_FAST_MAX AP — tests compare it with ICU for every day
 * of that range in both directions — and ICU itself outside it. Gregorian dates are
 * proleptic (ISO 8601). Unix times are shown in Asia/Tehran through ICU's time-zone
 * data (historical DST included). Week starts on Saturday (index 0); Friday is 6.
 *
 * Thread-safe: no shared mutable state; ICU calendars are opened per call (only for
 * out-of-range dates and unix times) — or per caller with fa_icu_cal_open. */
#ifndef TASHIL_FA_DATE_H
#define TASHIL_FA_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "text/fa_err.h"

#define FA_JALALI_FAST_MIN 1300
#define FA_JALALI_FAST_MAX 1500
#define FA_JALALI_YEAR_MIN 1    /* accepted Jalali years */
#define FA_JALALI_YEAR_MAX 3000
#define FA_GREGORIAN_YEAR_MIN 622
#define FA_GREGORIAN_YEAR_MAX 3621

enum fa_date_style {
    FA_DATE_SHORT = 0,   /* ۱۴۰۳/۰۱/۰۱ */
    FA_DATE_LONG = 1,    /* ۱ فروردین ۱۴۰۳ */
    FA_DATE_WEEKDAY = 2, /* چهارشنبه ۱ فروردین ۱۴۰۳ */
};

/* Calendar facts. */
int fa_jalali_is_leap(int jy);            /* 1 or 0 (-1 for a year out of range) */
int fa_jalali_month_days(int jy, int jm); /* 29–31, or -1 */
int fa_jalali_valid(int jy, int jm, int jd);
int fa_gregorian_valid(int gy, int gm, int gd);
int fa_jalali_weekday(int jy, int jm, int jd); /* 0 = شنبه … 6 = جمعه, or -1 */
const char *fa_jalali_month_name(int jm);      /* فروردین … اسفند; NULL if not 1–12 */
const char *fa_weekday_name(int wd);           /* 0 = شنبه; NULL if not 0–6 */

/* Conversions; 0 or -1 when the input date does not exist or is out of range. */
int fa_jalali_to_gregorian(int jy, int jm, int jd, int *gy, int *gm, int *gd);
int fa_gregorian_to_jalali(int gy, int gm, int gd, int *jy, int *jm, int *jd);

/* Parsing: Y/M/D or Y-M-D (also Y.M.D), digits in any script, surrounding spaces
 * ignored. Returns 0 or -1 with a Persian and English reason. */
int fa_jalali_parse(const char *s, size_t n, int *jy, int *jm, int *jd, fa_err *err);
int fa_jalali_parse_to_gregorian(const char *s, size_t n, int *gy, int *gm, int *gd,
                                 fa_err *err);
int fa_gregorian_parse(const char *s, size_t n, int *gy, int *gm, int *gd, fa_err *err);

/* Persian formatting into out[0..cap) (NUL-terminated; 64 bytes always suffice).
 * Returns 0 or -1 (invalid date, cap too small: out then holds ""). */
int fa_jalali_format(int jy, int jm, int jd, enum fa_date_style style, char *out, size_t cap);
/* A Gregorian ISO date "YYYY-MM-DD" (any digits) shown as a Jalali date. */
int fa_date_format_iso(const char *iso, enum fa_date_style style, char *out, size_t cap,
                       fa_err *err);
/* A UTC unix time shown as the Jalali date in Asia/Tehran; with_time appends
 * " ساعت ۱۴:۳۰" (short style: " ۱۴:۳۰"). */
int fa_date_format_unix(int64_t t, enum fa_date_style style, int with_time, char *out,
                        size_t cap);
/* The Asia/Tehran local Jalali date and time of a UTC unix time. */
int fa_unix_to_tehran(int64_t t, int *jy, int *jm, int *jd, int *hour, int *minute);

/* ICU reference, for tests and for callers that want ICU itself. One fa_icu_cal per
 * thread or per call (ICU calendars are not thread-safe); UTC, proleptic Gregorian. */
typedef struct fa_icu_cal fa_icu_cal;
fa_icu_cal *fa_icu_cal_open(void);
void fa_icu_cal_close(fa_icu_cal *c);
int fa_icu_jalali_to_gregorian(fa_icu_cal *c, int jy, int jm, int jd, int *gy, int *gm, int *gd);
int fa_icu_gregorian_to_jalali(fa_icu_cal *c, int gy, int gm, int gd, int *jy, int *jm, int *jd);

#endif

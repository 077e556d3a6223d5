/* fa_date — Jalali dates (see fa_date.h).
 *
 * Arithmetic: day numbers are Julian Day Numbers. A Jalali year starts on
 *   EPOCH + 365·(y−1) + ⌊(8y+21)/33⌋        (EPOCH = JDN of 1 Farvardin 1 AP)
 * which is the 33-year rule of ICU's PersianCalendar (leap iff (25y+11) mod 33 < 8).
 * It is used only for FA_JALALI_FAST_MIN..MAX, where the unit tests check it
 * against ICU day by day; everything else goes to ICU. */
#include "text/fa_date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/ustring.h>

#include "text/fa_num.h"

#define PERSIAN_EPOCH 1948320L /* JDN of 1 Farvardin 1 AP (ICU's constant) */

static const int k_cum_days[12] = {0, 31, 62, 93, 124, 155, 186, 216, 246, 276, 306, 336};

static const char *const k_months[12] = {
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"};
static const char *const k_weekdays[7] = {
    "شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه"};

const char *fa_jalali_month_name(int jm) { return jm >= 1 && jm <= 12 ? k_months[jm - 1] : NULL; }
const char *fa_weekday_name(int wd) { return wd >= 0 && wd <= 6 ? k_weekdays[wd] : NULL; }

/* ---- arithmetic ---------------------------------------------------------------- */
static long g_to_jdn(long y, long m, long d) {
    long a = (14 - m) / 12, yy = y + 4800 - a, mm = m + 12 * a - 3;
    return d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 + yy / 400 - 32045;
}

static void jdn_to_g(long j, int *y, int *m, int *d) {
    long a = j + 32044, b = (4 * a + 3) / 146097, c = a - 146097 * b / 4;
    long dd = (4 * c + 3) / 1461, e = c - 1461 * dd / 4, mm = (5 * e + 2) / 153;
    *d = (int)(e - (153 * mm + 2) / 5 + 1);
    *m = (int)(mm + 3 - 12 * (mm / 10));
    *y = (int)(100 * b + dd - 4800 + mm / 10);
}

static long j_year_start(long y) { return PERSIAN_EPOCH + 365 * (y - 1) + (8 * y + 21) / 33; }

static int in_fast(int jy) { return jy >= FA_JALALI_FAST_MIN && jy <= FA_JALALI_FAST_MAX; }

int fa_gregorian_valid(int gy, int gm, int gd) {
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (gy < FA_GREGORIAN_YEAR_MIN || gy > FA_GREGORIAN_YEAR_MAX || gm < 1 || gm > 12 || gd < 1)
        return 0;
    int leap = (gy % 4 == 0 && gy % 100 != 0) || gy % 400 == 0;
    return gd <= mdays[gm - 1] + (gm == 2 && leap);
}

/* ---- ICU reference ------------------------------------------------------------- */
struct fa_icu_cal {
    UCalendar *per, *greg;
};

static UCalendar *open_cal(const char *zone, const char *locale) {
    UChar z[32];
    u_uastrncpy(z, zone, (int32_t)(sizeof z / sizeof z[0]));
    UErrorCode e = U_ZERO_ERROR;
    UCalendar *c = ucal_open(z, -1, locale, UCAL_DEFAULT, &e);
    if (U_FAILURE(e)) return NULL;
    ucal_setAttribute(c, UCAL_LENIENT, 0);
    if (!strstr(locale, "persian")) {
        /* ISO dates are proleptic Gregorian: no Julian calendar before 1582. */
        ucal_setGregorianChange(c, -8.64e15, &e);
        if (U_FAILURE(e)) { ucal_close(c); return NULL; }
    }
    return c;
}

fa_icu_cal *fa_icu_cal_open(void) {
    static const fa_icu_cal zero;
    fa_icu_cal *c = malloc(sizeof *c);
    if (!c) return NULL;
    *c = zero;
    c->per = open_cal("UTC", "en@calendar=persian");
    c->greg = open_cal("UTC", "en@calendar=gregorian");
    if (!c->per || !c->greg) { fa_icu_cal_close(c); return NULL; }
    return c;
}

void fa_icu_cal_close(fa_icu_cal *c) {
    if (!c) return;
    if (c->per) ucal_close(c->per);
    if (c->greg) ucal_close(c->greg);
    free(c);
}

static int icu_convert(UCalendar *from, UCalendar *to, int y, int m, int d, int *oy, int *om, int *od) {
    UErrorCode e = U_ZERO_ERROR;
    ucal_clear(from);
    ucal_set(from, UCAL_EXTENDED_YEAR, y);
    ucal_set(from, UCAL_MONTH, m - 1);
    ucal_set(from, UCAL_DATE, d);
    UDate t = ucal_getMillis(from, &e);
    if (U_FAILURE(e)) return -1;
    /* Non-lenient ICU rejects impossible fields; check the round trip as well. */
    if (ucal_get(from, UCAL_EXTENDED_YEAR, &e) != y || ucal_get(from, UCAL_MONTH, &e) != m - 1 ||
        ucal_get(from, UCAL_DATE, &e) != d || U_FAILURE(e))
        return -1;
    ucal_setMillis(to, t, &e);
    *oy = ucal_get(to, UCAL_EXTENDED_YEAR, &e);
    *om = ucal_get(to, UCAL_MONTH, &e) + 1;
    *od = ucal_get(to, UCAL_DATE, &e);
    return U_FAILURE(e) ? -1 : 0;
}

int fa_icu_jalali_to_gregorian(fa_icu_cal *c, int jy, int jm, int jd, int *gy, int *gm, int *gd) {
    if (!c || jm < 1 || jm > 12 || jd < 1 || jd > 31) return -1;
    return icu_convert(c->per, c->greg, jy, jm, jd, gy, gm, gd);
}

int fa_icu_gregorian_to_jalali(fa_icu_cal *c, int gy, int gm, int gd, int *jy, int *jm, int *jd) {
    if (!c || gm < 1 || gm > 12 || gd < 1 || gd > 31) return -1;
    return icu_convert(c->greg, c->per, gy, gm, gd, jy, jm, jd);
}

/* ---- public conversions ---------------------------------------------------------- */
int fa_jalali_is_leap(int jy) {
    if (jy < FA_JALALI_YEAR_MIN || jy > FA_JALALI_YEAR_MAX) return -1;
    if (in_fast(jy)) return j_year_start(jy + 1) - j_year_start(jy) == 366;
    fa_icu_cal *c = fa_icu_cal_open();
    int y, m, d, leap = fa_icu_jalali_to_gregorian(c, jy, 12, 30, &y, &m, &d) == 0;
    fa_icu_cal_close(c);
    return leap;
}

int fa_jalali_month_days(int jy, int jm) {
    if (jm < 1 || jm > 12) return -1;
    if (jm <= 6) return 31;
    if (jm <= 11) return 30;
    int leap = fa_jalali_is_leap(jy);
    return leap < 0 ? -1 : 29 + leap;
}

int fa_jalali_valid(int jy, int jm, int jd) {
    if (jy < FA_JALALI_YEAR_MIN || jy > FA_JALALI_YEAR_MAX || jm < 1 || jm > 12 || jd < 1) return 0;
    if (jd <= 29 || (jd <= 30 && jm <= 11) || (jd == 31 && jm <= 6)) return 1;
    return jd == 30 && jm == 12 && fa_jalali_is_leap(jy) == 1;
}

int fa_jalali_to_gregorian(int jy, int jm, int jd, int *gy, int *gm, int *gd) {
    if (!fa_jalali_valid(jy, jm, jd)) return -1;
    if (in_fast(jy)) {
        jdn_to_g(j_year_start(jy) + k_cum_days[jm - 1] + jd - 1, gy, gm, gd);
        return 0;
    }
    fa_icu_cal *c = fa_icu_cal_open();
    int rc = fa_icu_jalali_to_gregorian(c, jy, jm, jd, gy, gm, gd);
    fa_icu_cal_close(c);
    return rc;
}

int fa_gregorian_to_jalali(int gy, int gm, int gd, int *jy, int *jm, int *jd) {
    if (!fa_gregorian_valid(gy, gm, gd)) return -1;
    long j = g_to_jdn(gy, gm, gd);
    if (j >= j_year_start(FA_JALALI_FAST_MIN) && j < j_year_start(FA_JALALI_FAST_MAX + 1)) {
        long y = 1 + (33 * (j - PERSIAN_EPOCH) + 3) / 12053;
        while (j < j_year_start(y)) y--;
        while (j >= j_year_start(y + 1)) y++;
        long doy = j - j_year_start(y); /* 0-based */
        int m = doy < 186 ? (int)(doy / 31) : (int)((doy - 6) / 30);
        *jy = (int)y;
        *jm = m + 1;
        *jd = (int)(doy - k_cum_days[m]) + 1;
        return 0;
    }
    fa_icu_cal *c = fa_icu_cal_open();
    int rc = fa_icu_gregorian_to_jalali(c, gy, gm, gd, jy, jm, jd);
    fa_icu_cal_close(c);
    if (rc == 0 && (*jy < FA_JALALI_YEAR_MIN || *jy > FA_JALALI_YEAR_MAX)) return -1;
    return rc;
}

int fa_jalali_weekday(int jy, int jm, int jd) {
    int gy, gm, gd;
    if (fa_jalali_to_gregorian(jy, jm, jd, &gy, &gm, &gd)) return -1;
    return (int)((g_to_jdn(gy, gm, gd) + 2) % 7); /* JDN 0 was a Monday */
}

/* ---- parsing ------------------------------------------------------------------- */
static size_t skip_blank(const char *s, size_t n, size_t i) {
    for (;;) {
        if (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) { i++; continue; }
        if (n - i >= 3 && !memcmp(s + i, "\xE2\x80", 2) && ((unsigned char)s[i + 2] == 0x8E ||
            (unsigned char)s[i + 2] == 0x8F)) { i += 3; continue; }
        if (n - i >= 2 && !memcmp(s + i, "\xD8\x9C", 2)) { i += 2; continue; }
        return i;
    }
}

/* Reads up to `max` digits of any script; returns the count, value in *v. */
static int read_field(const char *s, size_t n, size_t *i, int max, int *v) {
    int k = 0, d;
    *v = 0;
    while ((d = fa_digit_next(s, n, i)) >= 0) {
        if (++k > max) return -1;
        *v = *v * 10 + d;
    }
    return k;
}

static int parse_ymd(const char *s, size_t n, int *y, int *m, int *d, fa_err *err, int jalali) {
    size_t i = skip_blank(s, n, 0);
    if (i >= n) return fa_fail(err, "تاریخ وارد نشده است", "empty date");
    int f[3];
    for (int k = 0; k < 3; k++) {
        int got = read_field(s, n, &i, k == 0 ? 4 : 2, &f[k]);
        if (got <= 0) goto malformed;
        if (k < 2) {
            if (i < n && (s[i] == '/' || s[i] == '-' || s[i] == '.')) i++;
            else goto malformed;
        }
    }
    if (skip_blank(s, n, i) != n) goto malformed;
    *y = f[0];
    *m = f[1];
    *d = f[2];
    if (jalali ? (*y < FA_JALALI_YEAR_MIN || *y > FA_JALALI_YEAR_MAX)
               : (*y < FA_GREGORIAN_YEAR_MIN || *y > FA_GREGORIAN_YEAR_MAX))
        return fa_fail(err, "سال خارج از بازهٔ پذیرفتنی است", "year out of range");
    if (*m < 1 || *m > 12)
        return fa_fail(err, "ماه باید میان ۱ و ۱۲ باشد", "month must be between 1 and 12");
    if (jalali && !fa_jalali_valid(*y, *m, *d)) {
        if (*m == 12 && *d == 30)
            return fa_fail(err, "این سال کبیسه نیست و اسفند آن ۲۹ روز دارد",
                           "not a leap year: Esfand has 29 days");
        return fa_fail(err, "این روز در این ماه نیست", "no such day in this month");
    }
    if (!jalali && !fa_gregorian_valid(*y, *m, *d)) {
        if (*m == 2 && *d == 29)
            return fa_fail(err, "این سال میلادی کبیسه نیست و فوریه ۲۸ روز دارد",
                           "not a leap year: February has 28 days");
        return fa_fail(err, "این روز در این ماه نیست", "no such day in this month");
    }
    return 0;
malformed:
    return fa_fail(err, jalali ? "قالب تاریخ نادرست است؛ نمونهٔ درست: ۱۴۰۳/۰۱/۰۱"
                               : "قالب تاریخ نادرست است؛ نمونهٔ درست: 2024-03-20",
                   jalali ? "malformed date; expected Y/M/D such as 1403/01/01"
                          : "malformed date; expected YYYY-MM-DD such as 2024-03-20");
}

int fa_jalali_parse(const char *s, size_t n, int *jy, int *jm, int *jd, fa_err *err) {
    return parse_ymd(s, n, jy, jm, jd, err, 1);
}

int fa_gregorian_parse(const char *s, size_t n, int *gy, int *gm, int *gd, fa_err *err) {
    return parse_ymd(s, n, gy, gm, gd, err, 0);
}

int fa_jalali_parse_to_gregorian(const char *s, size_t n, int *gy, int *gm, int *gd, fa_err *err) {
    int y, m, d;
    if (fa_jalali_parse(s, n, &y, &m, &d, err)) return -1;
    if (fa_jalali_to_gregorian(y, m, d, gy, gm, gd))
        return fa_fail(err, "تبدیل تاریخ ممکن نشد", "date conversion failed");
    return 0;
}

/* ---- formatting ---------------------------------------------------------------- */
/* Writes v in Persian digits, at least `width` of them, NUL-terminated into o[32]. */
static void put_fa_int(char o[32], int v, int width) {
    char a[16];
    int n = snprintf(a, sizeof a, "%0*d", width, v);
    size_t k = 0;
    for (int i = 0; n > 0 && i < n && i < (int)sizeof a && k + 3 <= 32; i++) {
        o[k++] = (char)0xDB;
        o[k++] = (char)(0xB0 + (a[i] - '0'));
    }
    o[k] = 0;
}

static int format_parts(int jy, int jm, int jd, enum fa_date_style style, int hour, int minute,
                        char *out, size_t cap) {
    if (cap) out[0] = 0;
    if (!fa_jalali_valid(jy, jm, jd)) return -1;
    char y[32], m[32], d[32], hh[32], mm[32];
    put_fa_int(y, jy, 1);
    put_fa_int(m, jm, 2);
    put_fa_int(d, jd, style == FA_DATE_SHORT ? 2 : 1);
    int n;
    if (style == FA_DATE_SHORT) {
        n = snprintf(out, cap, "%s/%s/%s", y, m, d);
    } else {
        const char *wd = style == FA_DATE_WEEKDAY ? fa_weekday_name(fa_jalali_weekday(jy, jm, jd)) : NULL;
        n = snprintf(out, cap, "%s%s%s %s %s", wd ? wd : "", wd ? " " : "", d, k_months[jm - 1], y);
    }
    if (n < 0 || (size_t)n >= cap) goto too_small;
    if (hour >= 0) {
        put_fa_int(hh, hour, 2);
        put_fa_int(mm, minute, 2);
        int k = snprintf(out + n, cap - (size_t)n, "%s%s:%s",
                         style == FA_DATE_SHORT ? " " : "، ساعت ", hh, mm);
        if (k < 0 || (size_t)k >= cap - (size_t)n) goto too_small;
    }
    return 0;
too_small:
    if (cap) out[0] = 0;
    return -1;
}

int fa_jalali_format(int jy, int jm, int jd, enum fa_date_style style, char *out, size_t cap) {
    return format_parts(jy, jm, jd, style, -1, 0, out, cap);
}

int fa_date_format_iso(const char *iso, enum fa_date_style style, char *out, size_t cap, fa_err *err) {
    int gy, gm, gd, jy, jm, jd;
    if (cap) out[0] = 0;
    if (fa_gregorian_parse(iso, strlen(iso), &gy, &gm, &gd, err)) return -1;
    if (fa_gregorian_to_jalali(gy, gm, gd, &jy, &jm, &jd))
        return fa_fail(err, "تبدیل تاریخ ممکن نشد", "date conversion failed");
    if (fa_jalali_format(jy, jm, jd, style, out, cap))
        return fa_fail(err, "جای نوشتن تاریخ کافی نیست", "output buffer too small");
    return 0;
}

int fa_unix_to_tehran(int64_t t, int *jy, int *jm, int *jd, int *hour, int *minute) {
    if (t < -40000000000LL || t > 50000000000LL) return -1; /* about 702–3554 CE */
    UCalendar *c = open_cal("Asia/Tehran", "en@calendar=gregorian");
    if (!c) return -1;
    UErrorCode e = U_ZERO_ERROR;
    ucal_setMillis(c, (UDate)t * 1000.0, &e);
    int gy = ucal_get(c, UCAL_EXTENDED_YEAR, &e), gm = ucal_get(c, UCAL_MONTH, &e) + 1;
    int gd = ucal_get(c, UCAL_DATE, &e);
    int h = ucal_get(c, UCAL_HOUR_OF_DAY, &e), mi = ucal_get(c, UCAL_MINUTE, &e);
    ucal_close(c);
    if (U_FAILURE(e) || fa_gregorian_to_jalali(gy, gm, gd, jy, jm, jd)) return -1;
    if (hour) *hour = h;
    if (minute) *minute = mi;
    return 0;
}

int fa_date_format_unix(int64_t t, enum fa_date_style style, int with_time, char *out, size_t cap) {
    int jy, jm, jd, h, mi;
    if (cap) out[0] = 0;
    if (fa_unix_to_tehran(t, &jy, &jm, &jd, &h, &mi)) return -1;
    return format_parts(jy, jm, jd, style, with_time ? h : -1, mi, out, cap);
}

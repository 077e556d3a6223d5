/* Unit tests for text/fa_date: every day of 1300–1500 AP against ICU in both
 * directions, the known vectors, parsing, and formatting against ICU's own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>

#include "text/fa_date.h"

static long g_jdn(int y, int m, int d) {
    long a = (14 - m) / 12, yy = y + 4800 - a, mm = m + 12 * a - 3;
    return d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 + yy / 400 - 32045;
}

static void every_day_against_icu(void **state) {
    (void)state;
    fa_icu_cal *icu = fa_icu_cal_open();
    assert_non_null(icu);
    long prev = 0;
    int days = 0;
    for (int y = 1300; y <= 1500; y++) {
        for (int m = 1; m <= 12; m++) {
            for (int d = 1; d <= 31; d++) {
                int gy, gm, gd, iy, im, id;
                int ok = fa_jalali_valid(y, m, d);
                int icu_ok = fa_icu_jalali_to_gregorian(icu, y, m, d, &iy, &im, &id) == 0;
                if (ok != icu_ok) fail_msg("%d-%d-%d valid %d, ICU %d", y, m, d, ok, icu_ok);
                if (!ok) continue;
                assert_int_equal(fa_jalali_to_gregorian(y, m, d, &gy, &gm, &gd), 0);
                if (gy != iy || gm != im || gd != id)
                    fail_msg("%d-%d-%d -> %d-%d-%d, ICU %d-%d-%d", y, m, d, gy, gm, gd, iy, im, id);
                long j = g_jdn(gy, gm, gd);
                if (prev) assert_int_equal(j, prev + 1); /* no gaps, no overlaps */
                prev = j;
                /* and back, both ways */
                int jy, jm, jd;
                assert_int_equal(fa_gregorian_to_jalali(gy, gm, gd, &jy, &jm, &jd), 0);
                assert_int_equal(fa_icu_gregorian_to_jalali(icu, gy, gm, gd, &iy, &im, &id), 0);
                if (jy != y || jm != m || jd != d || iy != y || im != m || id != d)
                    fail_msg("%d-%d-%d back: %d-%d-%d, ICU %d-%d-%d", gy, gm, gd, jy, jm, jd, iy, im, id);
                days++;
            }
        }
    }
    assert_true(days > 73000);
    fa_icu_cal_close(icu);
}

static void known_vectors(void **state) {
    (void)state;
    static const int v[][6] = {
        {1403, 1, 1, 2024, 3, 20}, {1404, 1, 1, 2025, 3, 21}, {1405, 1, 1, 2026, 3, 21},
        {1408, 1, 1, 2029, 3, 20}, {1399, 12, 30, 2021, 3, 20}, {1403, 12, 30, 2025, 3, 20},
        {1200, 1, 1, 1821, 3, 21}, {1600, 6, 31, 2221, 9, 22},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        int gy, gm, gd, jy, jm, jd;
        assert_int_equal(fa_jalali_to_gregorian(v[i][0], v[i][1], v[i][2], &gy, &gm, &gd), 0);
        assert_int_equal(gy * 10000 + gm * 100 + gd, v[i][3] * 10000 + v[i][4] * 100 + v[i][5]);
        assert_int_equal(fa_gregorian_to_jalali(gy, gm, gd, &jy, &jm, &jd), 0);
        assert_int_equal(jy * 10000 + jm * 100 + jd, v[i][0] * 10000 + v[i][1] * 100 + v[i][2]);
    }
    static const int leap[] = {1391, 1395, 1399, 1403, 1408, 1412};
    for (size_t i = 0; i < 6; i++) assert_int_equal(fa_jalali_is_leap(leap[i]), 1);
    assert_int_equal(fa_jalali_is_leap(1404), 0);
    assert_int_equal(fa_jalali_is_leap(1250), fa_jalali_valid(1250, 12, 30));
    assert_int_equal(fa_jalali_weekday(1403, 1, 1), 4); /* Wednesday */
    assert_string_equal(fa_weekday_name(fa_jalali_weekday(1403, 1, 3)), "جمعه");
}

static void parsing(void **state) {
    (void)state;
    static const char *const good[] = {"1403/1/1", "۱۴۰۳/۰۱/۰۱", "1403-01-01", " ١٤٠٣.١.١ ",
                                       "\xE2\x80\x8F۱۴۰۳/۱/۱"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        int y, m, d;
        fa_err e = {0};
        assert_int_equal(fa_jalali_parse_to_gregorian(good[i], strlen(good[i]), &y, &m, &d, &e), 0);
        assert_int_equal(y * 10000 + m * 100 + d, 20240320);
    }
    static const char *const bad[] = {"", "abc", "1403/13/1", "1404/12/30", "1403/12/31", "1403/7/31",
                                      "1403/1", "1403/1/1/1", "14030/1/1", "1403//1", "0/1/1",
                                      "1403/1/1x", "1403/001/1", "-1403/1/1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int y, m, d;
        fa_err e = {0};
        if (fa_jalali_parse(bad[i], strlen(bad[i]), &y, &m, &d, &e) == 0) fail_msg("accepted %s", bad[i]);
        assert_non_null(e.fa);
        assert_non_null(e.en);
    }
    int y, m, d;
    fa_err e = {0};
    assert_int_equal(fa_gregorian_parse("2023-02-29", 10, &y, &m, &d, &e), -1);
    assert_int_equal(fa_gregorian_parse("2024-02-29", 10, &y, &m, &d, &e), 0);
    assert_int_equal(fa_gregorian_parse("1900-02-29", 10, &y, &m, &d, &e), -1);
}

/* Formats jdn with ICU's own Persian formatter. */
static void icu_format(UDateFormat *f, long jdn, char *out, size_t cap) {
    UChar u[128];
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = udat_format(f, (UDate)(jdn - 2440588L) * 86400000.0, u, 128, NULL, &e);
    assert_true(U_SUCCESS(e));
    u_strToUTF8(out, (int32_t)cap, NULL, u, n, &e);
    assert_true(U_SUCCESS(e));
}

static UDateFormat *icu_fmt(const char *pattern) {
    UChar p[64], z[8];
    u_uastrcpy(p, pattern);
    u_uastrcpy(z, "UTC");
    UErrorCode e = U_ZERO_ERROR;
    UDateFormat *f = udat_open(UDAT_PATTERN, UDAT_PATTERN, "fa@calendar=persian", z, -1, p, -1, &e);
    assert_true(U_SUCCESS(e));
    return f;
}

static void formatting_matches_icu(void **state) {
    (void)state;
    UDateFormat *fs = icu_fmt("y/MM/dd"), *fl = icu_fmt("d MMMM y"), *fw = icu_fmt("EEEE d MMMM y");
    char mine[128], ref[128];
    for (int y = 1398; y <= 1406; y++) {
        for (int m = 1; m <= 12; m++) {
            for (int d = 1; d <= fa_jalali_month_days(y, m); d++) {
                int gy, gm, gd;
                assert_int_equal(fa_jalali_to_gregorian(y, m, d, &gy, &gm, &gd), 0);
                long j = g_jdn(gy, gm, gd);
                assert_int_equal(fa_jalali_format(y, m, d, FA_DATE_SHORT, mine, sizeof mine), 0);
                icu_format(fs, j, ref, sizeof ref);
                assert_string_equal(mine, ref);
                assert_int_equal(fa_jalali_format(y, m, d, FA_DATE_LONG, mine, sizeof mine), 0);
                icu_format(fl, j, ref, sizeof ref);
                assert_string_equal(mine, ref);
                assert_int_equal(fa_jalali_format(y, m, d, FA_DATE_WEEKDAY, mine, sizeof mine), 0);
                icu_format(fw, j, ref, sizeof ref);
                assert_string_equal(mine, ref);
            }
        }
    }
    udat_close(fs);
    udat_close(fl);
    udat_close(fw);
    assert_int_equal(fa_jalali_format(1403, 1, 1, FA_DATE_SHORT, mine, sizeof mine), 0);
    assert_string_equal(mine, "۱۴۰۳/۰۱/۰۱");
    assert_int_equal(fa_jalali_format(1403, 1, 1, FA_DATE_LONG, mine, sizeof mine), 0);
    assert_string_equal(mine, "۱ فروردین ۱۴۰۳");
    assert_int_equal(fa_jalali_format(1403, 1, 1, FA_DATE_LONG, mine, 8), -1);
    assert_string_equal(mine, "");
    assert_int_equal(fa_jalali_format(1404, 12, 30, FA_DATE_LONG, mine, sizeof mine), -1);
    fa_err e = {0};
    assert_int_equal(fa_date_format_iso("2024-03-20", FA_DATE_LONG, mine, sizeof mine, &e), 0);
    assert_string_equal(mine, "۱ فروردین ۱۴۰۳");
    assert_int_equal(fa_date_format_iso("2024-3-20x", FA_DATE_LONG, mine, sizeof mine, &e), -1);
}

static void unix_times_in_tehran(void **state) {
    (void)state;
    char s[128];
    /* 2024-03-20 00:00 UTC is 03:30 in Tehran (no DST since 2022). */
    assert_int_equal(fa_date_format_unix(1710892800, FA_DATE_SHORT, 1, s, sizeof s), 0);
    assert_string_equal(s, "۱۴۰۳/۰۱/۰۱ ۰۳:۳۰");
    /* 2024-03-19 20:29 UTC is 23:59 on the last day of 1402. */
    assert_int_equal(fa_date_format_unix(1710880140, FA_DATE_LONG, 0, s, sizeof s), 0);
    assert_string_equal(s, "۲۹ اسفند ۱۴۰۲");
    /* 2020-06-01 12:00 UTC: Tehran still had DST (+04:30). */
    int y, m, d, h, mi;
    assert_int_equal(fa_unix_to_tehran(1591012800, &y, &m, &d, &h, &mi), 0);
    assert_int_equal(y * 10000 + m * 100 + d, 13990312);
    assert_int_equal(h * 100 + mi, 1630);
    assert_int_equal(fa_date_format_unix(1710892800, FA_DATE_WEEKDAY, 1, s, sizeof s), 0);
    assert_string_equal(s, "چهارشنبه ۱ فروردین ۱۴۰۳، ساعت ۰۳:۳۰");
    assert_int_equal(fa_date_format_unix(INT64_MAX, FA_DATE_SHORT, 0, s, sizeof s), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_day_against_icu), cmocka_unit_test(known_vectors),
        cmocka_unit_test(parsing),               cmocka_unit_test(formatting_matches_icu),
        cmocka_unit_test(unix_times_in_tehran),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

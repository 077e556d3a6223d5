/* case_workdays — see case_workdays.h. Day numbers use the civil-from-days
 * arithmetic on 400-year eras (exact for every proleptic Gregorian date). */
#include "cases/case_workdays.h"

#include <string.h>

#include "text/fa_date.h"

static int32_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

static void civil_from_days(int32_t z, int *y, int *m, int *d) {
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

int32_t case_day_from_ymd(int y, int m, int d) { return days_from_civil(y, m, d); }

int32_t case_day_from_iso(const char *iso) {
    if (!iso) return -1;
    int v[3] = {0, 0, 0}, k = 0, digits = 0;
    for (const char *p = iso; *p && k < 3; p++) {
        if (*p >= '0' && *p <= '9') {
            if (++digits > 4) return -1;
            v[k] = v[k] * 10 + (*p - '0');
        } else if (*p == '-' && digits) {
            k++;
            digits = 0;
        } else if (*p == 'T' && k == 2) {
            break;
        } else {
            return -1;
        }
    }
    if (k != 2 || !digits || !fa_gregorian_valid(v[0], v[1], v[2])) return -1;
    return days_from_civil(v[0], v[1], v[2]);
}

void case_iso_from_day(int32_t day, char out[11]) {
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)d % 100u;
    out[0] = (char)('0' + uy / 1000);
    out[1] = (char)('0' + uy / 100 % 10);
    out[2] = (char)('0' + uy / 10 % 10);
    out[3] = (char)('0' + uy % 10);
    out[4] = '-';
    out[5] = (char)('0' + um / 10);
    out[6] = (char)('0' + um % 10);
    out[7] = '-';
    out[8] = (char)('0' + ud / 10);
    out[9] = (char)('0' + ud % 10);
    out[10] = 0;
}

int case_weekday(int32_t day) { return (int)(((day % 7) + 7 + 5) % 7); }

int32_t case_today_tehran(int64_t unix_seconds) {
    int jy, jm, jd, h, mi, gy, gm, gd;
    if (fa_unix_to_tehran(unix_seconds, &jy, &jm, &jd, &h, &mi) != 0 ||
        fa_jalali_to_gregorian(jy, jm, jd, &gy, &gm, &gd) != 0)
        return (int32_t)((unix_seconds + 12600) / 86400); /* UTC+3:30 */
    return days_from_civil(gy, gm, gd);
}

static bool is_holiday(const struct case_calendar *cal, int32_t day) {
    if (!cal || !cal->holidays) return false;
    int lo = 0, hi = cal->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (cal->holidays[mid] < day) lo = mid + 1;
        else hi = mid;
    }
    return lo < cal->n && cal->holidays[lo] == day;
}

bool case_is_working_day(const struct case_calendar *cal, int32_t day) {
    return case_weekday(day) != 6 && !is_holiday(cal, day);
}

int32_t case_add_working_days(const struct case_calendar *cal, int32_t start, int n) {
    int32_t day = start;
    while (n > 0) {
        day++;
        if (case_is_working_day(cal, day)) n--;
    }
    return day;
}

int case_working_days_between(const struct case_calendar *cal, int32_t from, int32_t to) {
    int n = 0;
    for (int32_t d = from + 1; d <= to; d++)
        if (case_is_working_day(cal, d)) n++;
    return n;
}

bool case_date_parse(const char *text, bool jalali, char out[11]) {
    if (!text || !*text) return false;
    int y, m, d;
    int rc = jalali ? fa_jalali_parse_to_gregorian(text, strlen(text), &y, &m, &d, NULL)
                    : fa_gregorian_parse(text, strlen(text), &y, &m, &d, NULL);
    if (rc != 0) return false;
    case_iso_from_day(case_day_from_ymd(y, m, d), out);
    return true;
}

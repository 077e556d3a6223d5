/* fuzz_fa_date_id — the Jalali/Gregorian date parsers, the number parser and the
 * identifier checks on arbitrary bytes: no crash, and whatever is accepted is a real
 * date that converts and formats, a number that formats, an identifier of digits. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/fa_date.h"
#include "text/fa_id.h"
#include "text/fa_key.h"
#include "text/fa_num.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    int y, m, d, gy, gm, gd, jy, jm, jd;
    fa_err e = {0};
    char out[128];
    if (fa_jalali_parse(s, size, &y, &m, &d, &e) == 0) {
        if (fa_jalali_to_gregorian(y, m, d, &gy, &gm, &gd)) abort();
        if (fa_gregorian_to_jalali(gy, gm, gd, &jy, &jm, &jd) || jy != y || jm != m || jd != d) abort();
        if (fa_jalali_format(y, m, d, FA_DATE_WEEKDAY, out, sizeof out) ||
            !fa_utf8_valid(out, strlen(out)))
            abort();
    } else if (!e.fa || !e.en) {
        abort();
    }
    if (fa_gregorian_parse(s, size, &y, &m, &d, &e) == 0 &&
        (fa_gregorian_to_jalali(y, m, d, &jy, &jm, &jd) || !fa_jalali_valid(jy, jm, jd)))
        abort();
    int64_t v;
    if (fa_num_parse_fixed(s, size, 2, &v, &e) == 0 && fa_num_format_fixed(v, 2, out, sizeof out)) abort();
    if (fa_num_parse_i64(s, size, &v, &e) == 0 && fa_num_format_i64(v, out, sizeof out)) abort();
    for (int k = FA_ID_AUTO; k <= FA_ID_POSTAL_CODE; k++) {
        char digits[12];
        enum fa_id_kind found;
        if (fa_id_check(s, size, (enum fa_id_kind)k, &found, digits, &e) == 0 &&
            (strspn(digits, "0123456789") != strlen(digits) || strlen(digits) < 10))
            abort();
    }
    return 0;
}

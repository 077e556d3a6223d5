/* fa_id — national code, legal national ID and postal code checks (see fa_id.h). */
#include "text/fa_id.h"

#include <string.h>

#include "text/fa_num.h"

const char *fa_id_kind_name(enum fa_id_kind k) {
    switch (k) {
    case FA_ID_NATIONAL_CODE: return "national-code";
    case FA_ID_LEGAL_ID: return "legal-id";
    case FA_ID_POSTAL_CODE: return "postal-code";
    default: return NULL;
    }
}

int fa_id_kind_parse(const char *name) {
    for (int k = FA_ID_NATIONAL_CODE; k <= FA_ID_POSTAL_CODE; k++)
        if (!strcmp(name, fa_id_kind_name((enum fa_id_kind)k))) return k;
    return -1;
}

/* Separators people type inside identifiers: space, tab, NBSP, ASCII and Unicode
 * dashes, ZWNJ and bidi marks. Returns the length of one at s, or 0. */
static size_t filler_at(const unsigned char *s, size_t left) {
    if (s[0] == ' ' || s[0] == '-' || s[0] == '\t') return 1;
    if (left >= 2 && s[0] == 0xC2 && s[1] == 0xA0) return 2;
    if (left >= 2 && s[0] == 0xD8 && s[1] == 0x9C) return 2;                 /* ALM */
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
        ((s[2] >= 0x8C && s[2] <= 0x95) || s[2] == 0xAF)) return 3;         /* ZWNJ…RLM, dashes */
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92) return 3; /* minus */
    return 0;
}

static int national_code_ok(const char *d) {
    int s = 0, same = 1;
    for (int i = 0; i < 9; i++) s += (d[i] - '0') * (10 - i);
    for (int i = 1; i < 10; i++) same &= d[i] == d[0];
    if (same) return 0;
    int r = s % 11, c = d[9] - '0';
    return r < 2 ? c == r : c == 11 - r;
}

static int legal_id_ok(const char *d) {
    static const int w[5] = {29, 27, 23, 19, 17};
    int k = d[9] - '0' + 2, s = 0, zero = 1;
    for (int i = 0; i < 10; i++) s += (d[i] - '0' + k) * w[i % 5];
    for (int i = 3; i < 9; i++) zero &= d[i] == '0'; /* digits 4–9 (1-based) */
    int c = s % 11;
    if (c == 10) c = 0;
    return !zero && c == d[10] - '0';
}

int fa_id_check(const char *s, size_t n, enum fa_id_kind kind, enum fa_id_kind *found,
                char digits[12], fa_err *err) {
    char d[12];
    size_t nd = 0, i = 0;
    if (found) *found = kind;
    if (digits) digits[0] = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (i < n) {
        size_t f = filler_at(p + i, n - i);
        if (f) { i += f; continue; }
        int v = fa_digit_next(s, n, &i);
        if (v < 0)
            return fa_fail(err, "فقط رقم پذیرفته است", "only digits are allowed");
        if (nd == 11) {
            nd++;
            break;
        }
        d[nd++] = (char)('0' + v);
    }
    if (nd == 0) return fa_fail(err, "شناسه‌ای وارد نشده است", "empty value");
    if (kind == FA_ID_AUTO) {
        if (nd == 10) kind = FA_ID_NATIONAL_CODE;
        else if (nd == 11) kind = FA_ID_LEGAL_ID;
        else return fa_fail(err, "کد ملی ۱۰ رقم و شناسهٔ ملی ۱۱ رقم دارد",
                            "expected 10 digits (national code) or 11 digits (legal ID)");
        if (found) *found = kind;
    }
    switch (kind) {
    case FA_ID_NATIONAL_CODE:
        if (nd != 10) return fa_fail(err, "کد ملی باید ۱۰ رقم باشد", "a national code has 10 digits");
        if (!memcmp(d, d + 1, 9))
            return fa_fail(err, "کد ملی با ده رقم یکسان پذیرفته نیست", "ten equal digits are not a national code");
        if (!national_code_ok(d))
            return fa_fail(err, "رقم کنترل کد ملی درست نیست", "national code check digit is wrong");
        break;
    case FA_ID_LEGAL_ID:
        if (nd != 11) return fa_fail(err, "شناسهٔ ملی باید ۱۱ رقم باشد", "a legal national ID has 11 digits");
        if (!legal_id_ok(d))
            return fa_fail(err, "رقم کنترل شناسهٔ ملی درست نیست", "legal national ID check digit is wrong");
        break;
    case FA_ID_POSTAL_CODE:
        if (nd != 10) return fa_fail(err, "کد پستی باید ۱۰ رقم باشد", "a postal code has 10 digits");
        break;
    default:
        return fa_fail(err, "نوع شناسه ناشناخته است", "unknown identifier kind");
    }
    if (digits) {
        memcpy(digits, d, nd);
        digits[nd] = 0;
    }
    return 0;
}

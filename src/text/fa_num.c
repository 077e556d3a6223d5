/* fa_num — Persian number formatting and any-script number parsing (see fa_num.h). */
#include "text/fa_num.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define LRM "\xE2\x80\x8E"
#define MINUS "\xE2\x88\x92"   /* U+2212 */
#define FA_GROUP "\xD9\xAC"    /* ٬ U+066C */
#define FA_DECIMAL "\xD9\xAB"  /* ٫ U+066B */

int fa_digit_next(const char *s, size_t n, size_t *i) {
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t left = n - *i;
    if (*i >= n) return -1;
    if (p[0] >= '0' && p[0] <= '9') { *i += 1; return p[0] - '0'; }
    if (left >= 2 && p[0] == 0xDB && p[1] >= 0xB0 && p[1] <= 0xB9) { *i += 2; return p[1] - 0xB0; }
    if (left >= 2 && p[0] == 0xD9 && p[1] >= 0xA0 && p[1] <= 0xA9) { *i += 2; return p[1] - 0xA0; }
    return -1;
}

/* Length of an ignorable prefix (space, tab, NBSP, LRM, RLM, ALM) at s, or 0. */
static size_t blank_at(const unsigned char *s, size_t left) {
    if (left >= 1 && (s[0] == ' ' || s[0] == '\t')) return 1;
    if (left >= 2 && s[0] == 0xC2 && s[1] == 0xA0) return 2;
    if (left >= 2 && s[0] == 0xD8 && s[1] == 0x9C) return 2;
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x8E || s[2] == 0x8F)) return 3;
    return 0;
}

static size_t trim_end(const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s;
    for (;;) {
        if (n >= 1 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n' || p[n - 1] == '\r')) { n--; continue; }
        if (n >= 2 && blank_at(p + n - 2, 2) == 2) { n -= 2; continue; }
        if (n >= 3 && blank_at(p + n - 3, 3) == 3) { n -= 3; continue; }
        return n;
    }
}

static int lit_at(const char *s, size_t n, size_t i, const char *lit) {
    size_t l = strlen(lit);
    return n - i >= l && !memcmp(s + i, lit, l);
}

/* mag = mag * 10 + d unless that passes limit. */
static int push_digit(uint64_t *mag, int d, uint64_t limit) {
    if (*mag > (limit - (uint64_t)d) / 10) return -1;
    *mag = *mag * 10 + (uint64_t)d;
    return 0;
}

static int parse_num(const char *s, size_t n, int scale, int64_t *out, fa_err *err) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, l;
    n = trim_end(s, n);
    while ((l = blank_at(p + i, n - i)) > 0) i += l;
    if (i >= n) return fa_fail(err, "عددی وارد نشده است", "empty number");
    int neg = 0;
    if (s[i] == '+' || s[i] == '-') { neg = s[i] == '-'; i++; }
    else if (lit_at(s, n, i, MINUS)) { neg = 1; i += 3; }
    uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, mag = 0;
    int digits = 0, group = 0, grouped = 0, frac = 0, in_frac = 0;
    while (i < n) {
        int d = fa_digit_next(s, n, &i);
        if (d >= 0) {
            if (in_frac && ++frac > scale)
                return fa_fail(err, "تعداد رقم‌های اعشار بیش از حد مجاز است", "too many decimal places");
            if (push_digit(&mag, d, limit))
                return fa_fail(err, "عدد بیش از حد بزرگ است", "number out of range");
            digits++;
            if (!in_frac) group++;
            continue;
        }
        int is_group = s[i] == ',' || lit_at(s, n, i, FA_GROUP);
        int is_dec = s[i] == '.' || lit_at(s, n, i, FA_DECIMAL);
        if (is_group && !in_frac) {
            if (group == 0 || group > 3 || (grouped && group != 3))
                return fa_fail(err, "جداکنندهٔ هزارگان نابجاست", "misplaced thousands separator");
            grouped = 1;
            group = 0;
            i += s[i] == ',' ? 1 : 2;
            continue;
        }
        if (is_dec && !in_frac && scale > 0 && digits > 0) {
            if (grouped && group != 3)
                return fa_fail(err, "جداکنندهٔ هزارگان نابجاست", "misplaced thousands separator");
            grouped = 0;
            in_frac = 1;
            i += s[i] == '.' ? 1 : 2;
            continue;
        }
        if (is_dec && scale == 0)
            return fa_fail(err, "عدد باید صحیح باشد", "a whole number is expected");
        return fa_fail(err, "نویسهٔ نامعتبر در عدد", "invalid character in number");
    }
    if (digits == 0) return fa_fail(err, "عددی وارد نشده است", "no digits");
    if (grouped && group != 3)
        return fa_fail(err, "جداکنندهٔ هزارگان نابجاست", "misplaced thousands separator");
    if (in_frac && frac == 0) return fa_fail(err, "پس از ممیز رقمی نیامده است", "no digits after the decimal point");
    for (; frac < scale; frac++)
        if (push_digit(&mag, 0, limit)) return fa_fail(err, "عدد بیش از حد بزرگ است", "number out of range");
    if (neg)
        *out = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag;
    else
        *out = (int64_t)mag;
    return 0;
}

int fa_num_parse_i64(const char *s, size_t n, int64_t *out, fa_err *err) {
    return parse_num(s, n, 0, out, err);
}

int fa_num_parse_fixed(const char *s, size_t n, int scale, int64_t *out, fa_err *err) {
    if (scale < 0 || scale > 18) return fa_fail(err, "مقیاس نامعتبر", "invalid scale");
    return parse_num(s, n, scale, out, err);
}

/* ---- formatting ---------------------------------------------------------------- */
struct out {
    char *p;
    size_t cap, len;
    int fail;
};

static void put(struct out *o, const char *b, size_t n) {
    if (o->fail || o->len + n + 1 > o->cap) { o->fail = 1; return; }
    memcpy(o->p + o->len, b, n);
    o->len += n;
}

static void put_digit(struct out *o, char d) {
    char b[2] = {(char)0xDB, (char)(0xB0 + (d - '0'))};
    put(o, b, 2);
}

static int finish(struct out *o) {
    if (o->cap == 0) return -1;
    if (o->fail) { o->p[0] = 0; return -1; }
    o->p[o->len] = 0;
    return 0;
}

int fa_num_format_ascii(const char *dec, char *outp, size_t cap) {
    struct out o = {outp, cap, 0, 0};
    size_t i = 0, n = strlen(dec);
    int neg = 0;
    if (dec[0] == '-' || dec[0] == '+') { neg = dec[0] == '-'; i++; }
    size_t is = i;
    while (i < n && dec[i] >= '0' && dec[i] <= '9') i++;
    size_t ie = i, fs = i, fe = i;
    if (i < n && dec[i] == '.') {
        fs = ++i;
        while (i < n && dec[i] >= '0' && dec[i] <= '9') i++;
        fe = i;
        if (fe == fs) { o.fail = 1; return finish(&o); }
    }
    if (ie == is || i != n) { o.fail = 1; return finish(&o); }
    while (ie - is > 1 && dec[is] == '0') is++; /* no leading zeros */
    int zero = 1;
    for (size_t k = is; k < fe; k++) if (dec[k] >= '1' && dec[k] <= '9') zero = 0;
    if (neg && !zero) put(&o, LRM MINUS, 6);
    for (size_t k = is; k < ie; k++) {
        if (k > is && (ie - k) % 3 == 0) put(&o, FA_GROUP, 2);
        put_digit(&o, dec[k]);
    }
    if (fe > fs) {
        put(&o, FA_DECIMAL, 2);
        for (size_t k = fs; k < fe; k++) put_digit(&o, dec[k]);
    }
    return finish(&o);
}

int fa_num_format_i64(int64_t v, char *out, size_t cap) {
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%" PRId64, v);
    if (n < 0 || (size_t)n >= sizeof tmp) return -1;
    return fa_num_format_ascii(tmp, out, cap);
}

int fa_num_format_fixed(int64_t v, int scale, char *out, size_t cap) {
    if (scale < 0 || scale > 18) return -1;
    if (scale == 0) return fa_num_format_i64(v, out, cap);
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, pow = 1;
    for (int k = 0; k < scale; k++) pow *= 10;
    char tmp[64];
    int n = snprintf(tmp, sizeof tmp, "%s%" PRIu64 ".%0*" PRIu64, v < 0 ? "-" : "", mag / pow,
                     scale, mag % pow);
    if (n < 0 || (size_t)n >= sizeof tmp) return -1;
    return fa_num_format_ascii(tmp, out, cap);
}

int fa_num_format_double(double v, int decimals, char *out, size_t cap) {
    if (!isfinite(v) || decimals < 0 || decimals > 17) {
        if (cap) out[0] = 0;
        return -1;
    }
    char tmp[400];
    int n = snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    if (n < 0 || (size_t)n >= sizeof tmp) {
        if (cap) out[0] = 0;
        return -1;
    }
    return fa_num_format_ascii(tmp, out, cap);
}

int fa_digits_to_persian(const char *s, size_t n, buf *out) {
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') continue;
        if (buf_append(out, s + run, i - run)) return -1;
        char b[2] = {(char)0xDB, (char)(0xB0 + (s[i] - '0'))};
        if (buf_append(out, b, 2)) return -1;
        run = i + 1;
    }
    return buf_append(out, s + run, n - run) ? -1 : 0;
}

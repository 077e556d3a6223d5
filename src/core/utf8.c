/* utf8 — see utf8.h. A byte-at-a-time validator following the table in RFC 3629 §4. */
#include "core/utf8.h"

#include <string.h>

bool utf8_valid(const char *str, size_t len) {
    const unsigned char *s = (const unsigned char *)str, *end = s + len;
    while (s < end) {
        unsigned c = *s;
        if (c < 0x80) { s++; continue; }
        size_t n;
        unsigned lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) n = 1;
        else if (c == 0xE0) { n = 2; lo = 0xA0; }
        else if (c >= 0xE1 && c <= 0xEC) n = 2;
        else if (c == 0xED) { n = 2; hi = 0x9F; } /* no UTF-16 surrogates */
        else if (c >= 0xEE && c <= 0xEF) n = 2;
        else if (c == 0xF0) { n = 3; lo = 0x90; }
        else if (c >= 0xF1 && c <= 0xF3) n = 3;
        else if (c == 0xF4) { n = 3; hi = 0x8F; }
        else return false;
        if ((size_t)(end - s) <= n) return false;
        if (s[1] < lo || s[1] > hi) return false;
        for (size_t i = 2; i <= n; i++)
            if (s[i] < 0x80 || s[i] > 0xBF) return false;
        s += n + 1;
    }
    return true;
}

size_t utf8_prefix_len(const char *s, size_t len, size_t max) {
    if (len <= max) return len;
    size_t n = max;
    while (n && ((unsigned char)s[n] & 0xC0) == 0x80) n--; /* s[n] continues a character */
    return n;
}

void utf8_copy(char *dst, size_t cap, const char *src) {
    size_t n = utf8_prefix_len(src, strlen(src), cap - 1);
    memcpy(dst, src, n);
    dst[n] = 0;
}

bool utf8_has_controls(const char *str, size_t len) {
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)str[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return true;
    }
    return false;
}

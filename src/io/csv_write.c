/* csv_write — see csv_write.h. */
#include "io/csv_write.h"

#include <string.h>

void csv_write_bom(buf *b) { buf_append(b, "\xEF\xBB\xBF", 3); }

static bool risky(const char *s) { return *s == '=' || *s == '+' || *s == '-' || *s == '@'; }

void csv_write_field(buf *b, const char *s, bool first, bool text) {
    if (!s) s = "";
    if (!first) buf_putc(b, ',');
    size_t n = strlen(s);
    bool quote = n && (s[0] == ' ' || s[n - 1] == ' ' || strpbrk(s, ",\"\r\n") != NULL);
    if (quote) buf_putc(b, '"');
    if (text && risky(s)) buf_putc(b, '\'');
    if (!quote) {
        buf_append(b, s, n);
        return;
    }
    for (const char *p = s; *p; p++) {
        const char *q = strchr(p, '"');
        if (!q) {
            buf_puts(b, p);
            break;
        }
        buf_append(b, p, (size_t)(q - p) + 1);
        buf_putc(b, '"');
        p = q;
    }
    buf_putc(b, '"');
}

void csv_write_eol(buf *b) { buf_append(b, "\r\n", 2); }

const char *csv_unguard(const char *s) {
    if (s && s[0] == '\'' && risky(s + 1)) return s + 1;
    return s;
}

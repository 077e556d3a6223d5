/* json_out — see json_out.h. */
#include "core/json_out.h"

#include <string.h>

#include "core/utf8.h"

void json_out_string(buf *b, const char *s) {
    static const char hex[] = "0123456789abcdef";
    buf_putc(b, '"');
    size_t len = s ? strlen(s) : 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (i + n <= len && n > 1 && utf8_valid(s + i, n)) buf_append(b, s + i, n);
            else {
                buf_puts(b, "\\ufffd");
                n = 1;
            }
            i += n;
            continue;
        }
        switch (c) {
        case '"': buf_puts(b, "\\\""); break;
        case '\\': buf_puts(b, "\\\\"); break;
        case '\n': buf_puts(b, "\\n"); break;
        case '\r': buf_puts(b, "\\r"); break;
        case '\t': buf_puts(b, "\\t"); break;
        default:
            if (c < 0x20 || c == 0x7F) {
                char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                buf_append(b, e, 6);
            } else {
                buf_putc(b, (char)c);
            }
        }
        i++;
    }
    buf_putc(b, '"');
}

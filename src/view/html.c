/* html — see html.h. Escaping works on bytes: every character that matters in HTML
 * is ASCII, so UTF-8 passes through untouched (and was validated on the way in). */
#include "view/html.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void html_textn(buf *b, const char *s, size_t len) {
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *rep;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        buf_append(b, s + run, i - run);
        buf_puts(b, rep);
        run = i + 1;
    }
    buf_append(b, s + run, len - run);
}

void html_text(buf *b, const char *s) { html_textn(b, s ? s : "", s ? strlen(s) : 0); }

void html_url_component(buf *b, const char *s) {
    static const char hex[] = "0123456789ABCDEF";
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            buf_putc(b, (char)c);
        } else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            buf_append(b, e, 3);
        }
    }
}

static bool safe_url(const char *url) {
    if (!url || !*url) return false;
    /* A relative URL has no scheme: no ':' before the first '/', '?' or '#'. */
    size_t head = strcspn(url, ":/?#");
    if (url[head] != ':') return true;
    return (head == 4 && !strncasecmp(url, "http", 4)) ||
           (head == 5 && !strncasecmp(url, "https", 5)) ||
           (head == 6 && !strncasecmp(url, "mailto", 6));
}

void html_href(buf *b, const char *url) {
    if (!safe_url(url)) {
        buf_putc(b, '#');
        return;
    }
    /* Control characters and spaces cannot be in a URL attribute; drop them. */
    for (const char *p = url; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c <= 0x20 || c == 0x7F) continue;
        html_textn(b, p, 1);
    }
}

void html_raw(buf *b, const char *trusted_markup) { buf_puts(b, trusted_markup); }

void html_fmt(buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    const char *run = fmt;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') continue;
        buf_append(b, run, (size_t)(p - run));
        p++;
        switch (*p) {
        case 's': html_text(b, va_arg(ap, const char *)); break;
        case 'u': html_url_component(b, va_arg(ap, const char *)); break;
        case 'h': html_href(b, va_arg(ap, const char *)); break;
        case 'd': buf_printf(b, "%d", va_arg(ap, int)); break;
        case 'z':
            if (p[1] == 'u') p++;
            buf_printf(b, "%zu", va_arg(ap, size_t));
            break;
        case 'l':
            if (p[1] == 'l' && p[2] == 'd') {
                p += 2;
                buf_printf(b, "%lld", va_arg(ap, long long));
            } else if (p[1] == 'd') {
                p++;
                buf_printf(b, "%ld", va_arg(ap, long));
            } else {
                b->failed = true;
            }
            break;
        case '%': buf_putc(b, '%'); break;
        default:
            /* An unknown directive is a programming error: fail the whole page
             * rather than print something unescaped. */
            b->failed = true;
            va_end(ap);
            return;
        }
        run = p + 1;
    }
    buf_puts(b, run);
    va_end(ap);
}

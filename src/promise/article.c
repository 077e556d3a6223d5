/* article — see article.h. */
#include "promise/article.h"

#include <string.h>
#include <strings.h>
#include <unicode/ucnv.h>

#include "core/buf.h"
#include "core/utf8.h"

static int fail(fa_err *err, int code, const char *fa, const char *en) {
    fa_fail(err, fa, en);
    return code;
}

static void put_utf8(buf *b, unsigned cp) {
    char u[4];
    if (cp < 0x80) {
        buf_putc(b, (char)cp);
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        buf_append(b, u, 2);
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        buf_append(b, u, 3);
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        buf_append(b, u, 4);
    }
}

/* Decodes the character reference at s ('&'); returns bytes consumed, 0 if none. */
static size_t entity(const char *s, size_t n, buf *out) {
    static const struct {
        const char *name;
        unsigned cp;
    } named[] = {{"amp", '&'},      {"lt", '<'},       {"gt", '>'},      {"quot", '"'},
                 {"apos", '\''},    {"nbsp", ' '},     {"zwnj", 0x200C}, {"laquo", 0xAB},
                 {"raquo", 0xBB},   {"hellip", 0x2026}};
    size_t e = 1;
    while (e < n && e < 12 && s[e] != ';') e++;
    if (e >= n || s[e] != ';') return 0;
    if (s[1] == '#') {
        unsigned cp = 0;
        bool hex = e > 2 && (s[2] == 'x' || s[2] == 'X');
        size_t i = hex ? 3 : 2;
        if (i >= e) return 0;
        for (; i < e; i++) {
            char c = s[i];
            unsigned d = c >= '0' && c <= '9'               ? (unsigned)(c - '0')
                         : hex && c >= 'a' && c <= 'f'      ? (unsigned)(c - 'a' + 10)
                         : hex && c >= 'A' && c <= 'F'      ? (unsigned)(c - 'A' + 10)
                                                            : 99;
            if (d == 99 || cp > 0x10FFFF) return 0;
            cp = cp * (hex ? 16 : 10) + d;
        }
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return e + 1;
        put_utf8(out, cp < 0x20 && cp != '\n' && cp != '\t' ? ' ' : cp);
        return e + 1;
    }
    for (size_t k = 0; k < sizeof named / sizeof *named; k++) {
        size_t l = strlen(named[k].name);
        if (l == e - 1 && !strncmp(s + 1, named[k].name, l)) {
            put_utf8(out, named[k].cp);
            return e + 1;
        }
    }
    return 0;
}

static bool tag_is(const char *name, size_t n, const char *const *set) {
    for (; *set; set++)
        if (strlen(*set) == n && !strncasecmp(name, *set, n)) return true;
    return false;
}

/* Finds "</name" (case-insensitively) from s; returns the '>' after it or end. */
static size_t skip_element(const char *s, size_t i, size_t n, const char *name) {
    size_t l = strlen(name);
    for (; i + 2 + l <= n; i++) {
        if (s[i] == '<' && s[i + 1] == '/' && !strncasecmp(s + i + 2, name, l)) {
            const char *gt = memchr(s + i, '>', n - i);
            return gt ? (size_t)(gt - s) + 1 : n;
        }
    }
    return n;
}

static void strip_html(const char *s, size_t n, buf *out) {
    static const char *const blocks[] = {"p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6",
                                         "li", "tr", "title", "article", "section", "blockquote",
                                         "header", "footer", "ul", "ol", "table", NULL};
    static const char *const skipped[] = {"script", "style", "noscript", "template", NULL};
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '&') {
            size_t k = entity(s + i, n - i, out);
            if (k) {
                i += k;
                continue;
            }
        }
        if (c != '<') {
            buf_putc(out, c);
            i++;
            continue;
        }
        if (i + 3 < n && !strncmp(s + i, "<!--", 4)) {
            const char *end = NULL;
            for (size_t k = i + 4; k + 2 < n; k++)
                if (!strncmp(s + k, "-->", 3)) {
                    end = s + k + 3;
                    break;
                }
            i = end ? (size_t)(end - s) : n;
            continue;
        }
        size_t j = i + 1;
        if (j < n && (s[j] == '/' || s[j] == '!' || s[j] == '?')) j++;
        size_t name = j;
        while (j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
                         (s[j] >= '0' && s[j] <= '9')))
            j++;
        const char *gt = memchr(s + j, '>', n - j);
        size_t after = gt ? (size_t)(gt - s) + 1 : n;
        if (tag_is(s + name, j - name, blocks)) buf_putc(out, '\n');
        if (s[i + 1] != '/' && tag_is(s + name, j - name, skipped)) {
            char nm[16] = {0};
            memcpy(nm, s + name, j - name < sizeof nm - 1 ? j - name : sizeof nm - 1);
            after = skip_element(s, after, n, nm);
        }
        i = after;
    }
}

/* CRLF → LF, controls dropped, spaces collapsed, lines trimmed, blank lines dropped. */
static void tidy(const char *s, size_t n, buf *out) {
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n;
        size_t start = out->len;
        bool space = false;
        for (size_t k = i; k < e; k++) {
            unsigned char c = (unsigned char)s[k];
            bool nbsp = c == 0xC2 && k + 1 < e && (unsigned char)s[k + 1] == 0xA0;
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || nbsp) {
                space = out->len > start;
                if (nbsp) k++;
                continue;
            }
            if (c < 0x20 || c == 0x7F) continue;
            if (space) buf_putc(out, ' ');
            space = false;
            buf_putc(out, (char)c);
        }
        if (out->len > start) buf_putc(out, '\n');
        i = e + 1;
    }
}

int promise_article_text(const char *in, size_t n, bool is_html, arena *a, const char **out,
                         size_t *out_len, bool *converted, fa_err *err) {
    *out = "";
    *out_len = 0;
    *converted = false;
    if (n > ARTICLE_MAX)
        return fail(err, ARTICLE_TOO_LARGE,
                    "متن خبر بیش از ۵۱۲ کیلوبایت است؛ تنها متن خود خبر را بفرستید.",
                    "the article is longer than 512 KiB");
    if (n >= 3 && !memcmp(in, "\xEF\xBB\xBF", 3)) {
        in += 3;
        n -= 3;
    }
    const char *text = in;
    size_t len = n;
    if (!utf8_valid(in, n)) {
        /* Windows-1256 maps every byte, so conversion only fails on memory. */
        size_t cap = n * 3 + 1;
        char *u = arena_alloc(a, cap);
        if (!u) return fail(err, ARTICLE_NO_MEMORY, "حافظه کافی نیست.", "out of memory");
        UErrorCode st = U_ZERO_ERROR;
        int32_t m = ucnv_convert("UTF-8", "windows-1256", u, (int32_t)cap, in, (int32_t)n, &st);
        if (U_FAILURE(st) || m < 0 || !utf8_valid(u, (size_t)m))
            return fail(err, ARTICLE_BAD_ENCODING,
                        "کدگذاری متن خوانده نشد؛ پرونده را با کدگذاری UTF-8 ذخیره کنید.",
                        "the text is neither UTF-8 nor Windows-1256");
        text = u;
        len = (size_t)m;
        *converted = true;
    }
    if (memchr(text, 0, len))
        return fail(err, ARTICLE_BAD_ENCODING, "این پرونده متن نیست.", "the upload is not text");
    size_t lead = 0;
    while (lead < len && (text[lead] == ' ' || text[lead] == '\n' || text[lead] == '\r' ||
                          text[lead] == '\t'))
        lead++;
    buf plain, clean;
    buf_init(&plain, (size_t)ARTICLE_MAX * 4);
    buf_init(&clean, (size_t)ARTICLE_MAX * 4);
    if (is_html || (lead < len && text[lead] == '<')) strip_html(text, len, &plain);
    else buf_append(&plain, text, len);
    if (plain.data) tidy(plain.data, plain.len, &clean);
    bool failed = plain.failed || clean.failed;
    buf_free(&plain);
    if (failed) {
        buf_free(&clean);
        return fail(err, ARTICLE_NO_MEMORY, "حافظه کافی نیست.", "out of memory");
    }
    if (!clean.len) {
        buf_free(&clean);
        return fail(err, ARTICLE_EMPTY, "متن خبر خالی است؛ متن را بچسبانید یا پرونده‌ای بفرستید.",
                    "the article is empty");
    }
    *out = arena_strndup(a, clean.data, clean.len);
    *out_len = clean.len;
    buf_free(&clean);
    return *out ? ARTICLE_OK : fail(err, ARTICLE_NO_MEMORY, "حافظه کافی نیست.", "out of memory");
}

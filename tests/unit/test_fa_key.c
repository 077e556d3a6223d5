/* Unit tests for text/fa_key: the public table, hostile input, offsets and stems. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>

#include "core/buf.h"
#include "text/fa_key.h"

static char *key_of(const char *s, size_t n) {
    buf b;
    buf_init(&b, 64u << 20);
    assert_int_equal(fa_key(s, n, &b), 0);
    /* Copy out: buf_detach of a never-written buf is not NUL-terminated. */
    char *r = malloc(b.len + 1);
    assert_non_null(r);
    if (b.len) memcpy(r, b.data, b.len);
    r[b.len] = 0;
    buf_free(&b);
    return r;
}

static void assert_clean(const char *s, size_t n) {
    assert_true(fa_utf8_valid(s, n));
    for (size_t i = 0; i < n;) {
        unsigned cp;
        int l = fa_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        assert_true(l > 0);
        if (fa_key_forbidden(cp)) fail_msg("forbidden U+%04X in key", cp);
        i += (size_t)l;
    }
}

static void public_table(void **state) {
    (void)state;
    const char *dir = getenv("TASHIL_SOURCE_DIR");
    char path[4096];
    assert_true(snprintf(path, sizeof path, "%s/data/normalize-public.tsv", dir ? dir : ".") <
                (int)sizeof path);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rows = 0, bad = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        if (n && line[n - 1] == '\n') line[--n] = 0;
        if (line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = 0;
        char *got = key_of(line, strlen(line));
        if (strcmp(got, tab + 1)) {
            printf("row %d: [%s] -> [%s], want [%s]\n", rows, line, got, tab + 1);
            bad++;
        }
        /* A key is its own key (the query side re-tokenizes quoted tokens). */
        char *again = key_of(got, strlen(got));
        if (!strchr(got, ' ') && strcmp(again, got)) {
            printf("not idempotent: [%s] -> [%s]\n", got, again);
            bad++;
        }
        free(again);
        free(got);
        rows++;
    }
    free(line);
    fclose(f);
    assert_true(rows >= 45);
    assert_int_equal(bad, 0);
}

static void more_cases(void **state) {
    (void)state;
    static const char *const cases[][2] = {
        {"وعده های معاون", "وعدههای معاون"},
        {"برگ، ها", "برگ ها"},          /* punctuation blocks joins */
        {"1,234,567", "1234567"},
        {"1,2345", "1 2345"},
        {"3.14.", "3.14"},
        {"ABC Déjà", "abc déjà"},
        {"\xEF\xBB\xBFسلام\xE2\x80\x8F", "سلام"},
        {"می", "می"},
        {"ها", "ها"},
        {"رئیس جمهور", "رییس جمهور"},
        {"رئیس‌جمهور", "رییسجمهور"},
        {"كتاب‌هایم", "کتابهایم"},
        {"ﷲ", "الله"},
        {"a\xFF\xFE" "b", "a b"},
        {"\xC0\xAF\xE0\x80\xAF\xED\xA0\x80x", "x"},
        {"خانه\xD9\x80\xD9\x80ها", "خانهها"},
        {"٢٠٢٤", "2024"},
        {"ماه می سال", "ماه میسال"}, /* the known limit of the spec */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = key_of(cases[i][0], strlen(cases[i][0]));
        if (strcmp(got, cases[i][1])) fail_msg("[%s] -> [%s], want [%s]", cases[i][0], got, cases[i][1]);
        free(got);
    }
}

struct collect {
    size_t last_start, n, stems;
    size_t len;
    char toks[64][64];
    size_t st[64], en[64];
    int fl[64];
};

static int collect_tok(void *ctx, const char *tok, size_t len, size_t start, size_t end, int flags) {
    struct collect *c = ctx;
    assert_true(start <= end);
    assert_true(end <= c->len);
    assert_true(start >= c->last_start);
    assert_true(len > 0);
    assert_true(fa_utf8_valid(tok, len));
    c->last_start = start;
    if (c->n < 64) {
        size_t l = len < 63 ? len : 63;
        memcpy(c->toks[c->n], tok, l);
        c->toks[c->n][l] = 0;
        c->st[c->n] = start;
        c->en[c->n] = end;
        c->fl[c->n] = flags;
    }
    c->n++;
    if (flags & FA_TOK_COLOCATED) c->stems++;
    return 0;
}

static void offsets_and_stems(void **state) {
    (void)state;
    const char *s = "  وعده‌های خوب‌ترین ۳۸ کتاب";
    struct collect c = {0};
    c.len = strlen(s);
    assert_int_equal(fa_tokenize(s, c.len, FA_TOKENIZE_STEMS, collect_tok, &c), 0);
    assert_int_equal(c.n, 6);
    assert_string_equal(c.toks[0], "وعدههای");
    assert_string_equal(c.toks[1], "وعده");
    assert_int_equal(c.fl[1], FA_TOK_COLOCATED);
    assert_int_equal(c.st[0], 2);
    assert_int_equal(c.en[0], 2 + strlen("وعده‌های"));
    assert_int_equal(c.st[1], c.st[0]);
    assert_string_equal(c.toks[2], "خوبترین");
    assert_string_equal(c.toks[3], "خوب");
    assert_string_equal(c.toks[4], "38");
    assert_memory_equal(s + c.st[4], "۳۸", c.en[4] - c.st[4]);
    assert_string_equal(c.toks[5], "کتاب");
    /* Without the option no stems appear. */
    struct collect d = {0};
    d.len = c.len;
    assert_int_equal(fa_tokenize(s, d.len, 0, collect_tok, &d), 0);
    assert_int_equal(d.n, 4);
    assert_int_equal(d.stems, 0);
}

static void check_input(const char *s, size_t n) {
    struct collect c = {0};
    c.len = n;
    assert_int_equal(fa_tokenize(s, n, FA_TOKENIZE_STEMS, collect_tok, &c), 0);
    char *k = key_of(s, n);
    assert_clean(k, strlen(k));
    free(k);
}

static void hostile_input(void **state) {
    (void)state;
    static const char *const bad[] = {
        "\x80", "\xC0\x80", "\xC1\xBF", "\xE0\x80\x80", "\xE0\x9F\xBF", "\xED\xA0\x80",
        "\xED\xBF\xBF", "\xF0\x80\x80\x80", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF",
        "\xD9", "\xDB\x8C\xE2\x80", "\xE2\x80\x8C\xE2\x80\x8C", "\xD9\x8B\xD9\x8B\xD9\x8B",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) check_input(bad[i], strlen(bad[i]));
    /* Every code point of the Arabic block and the presentation forms, alone and in
     * a word, and a long run of combining marks. */
    char tmp[64];
    for (unsigned cp = 0x0600; cp <= 0xFEFF; cp++) {
        if (cp == 0x0700) cp = 0xFB50;
        unsigned char u[3] = {(unsigned char)(0xE0 | (cp >> 12)), (unsigned char)(0x80 | ((cp >> 6) & 0x3F)),
                              (unsigned char)(0x80 | (cp & 0x3F))};
        int l = 3;
        if (cp < 0x800) {
            u[0] = (unsigned char)(0xC0 | (cp >> 6));
            u[1] = (unsigned char)(0x80 | (cp & 0x3F));
            l = 2;
        }
        check_input((const char *)u, (size_t)l);
        int n = snprintf(tmp, sizeof tmp, "ب%.*sه%.*s۱", l, (const char *)u, l, (const char *)u);
        check_input(tmp, (size_t)n);
    }
    size_t big = 1u << 20;
    char *s = malloc(big + 1);
    for (size_t i = 0; i + 2 <= big; i += 2) memcpy(s + i, i % 7 ? "ب" : "\xD9\x8B", 2);
    check_input(s, big);
    for (size_t i = 0; i < big; i++) s[i] = (char)(0x80 | (i * 7919 % 64) | (i % 3 ? 0x40 : 0));
    check_input(s, big);
    for (size_t i = 0; i < big; i++) s[i] = "12,345.6\xD9\xAC"[i % 10];
    check_input(s, big);
    free(s);
}

static size_t put_utf8(char *d, unsigned c) {
    if (c < 0x80) { d[0] = (char)c; return 1; }
    if (c < 0x800) { d[0] = (char)(0xC0 | (c >> 6)); d[1] = (char)(0x80 | (c & 0x3F)); return 2; }
    if (c < 0x10000) {
        d[0] = (char)(0xE0 | (c >> 12)); d[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        d[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    d[0] = (char)(0xF0 | (c >> 18)); d[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    d[2] = (char)(0x80 | ((c >> 6) & 0x3F)); d[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* Every Unicode scalar value, inside a Persian word and after a digit. */
static void every_code_point(void **state) {
    (void)state;
    size_t cap = 0x110000u * 16, n = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    for (unsigned c = 0; c < 0x110000; c++) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        memcpy(s + n, "ب", 2);
        n += 2;
        n += put_utf8(s + n, c);
        memcpy(s + n, "ه۱", 4);
        n += 4;
        n += put_utf8(s + n, c);
        s[n++] = ' ';
    }
    check_input(s, n);
    free(s);
}

struct thread_arg {
    const char *text;
    char *key;
};

static void *thread_main(void *p) {
    struct thread_arg *a = p;
    for (int i = 0; i < 20; i++) {
        free(a->key);
        a->key = key_of(a->text, strlen(a->text));
    }
    return NULL;
}

/* The normaliser from several threads at once (the table is built under
 * pthread_once; everything else is per call). */
static void threads_agree(void **state) {
    (void)state;
    const char *text = "وعده‌های مي خورد ۱۲٬۳۴۵٫۶ ﻻ خانه‌ی کاسه آش English";
    pthread_t t[4];
    struct thread_arg a[4];
    for (int i = 0; i < 4; i++) {
        a[i].text = text;
        a[i].key = NULL;
        assert_int_equal(pthread_create(&t[i], NULL, thread_main, &a[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_string_equal(a[i].key, "وعدههای میخورد 12345.6 لا خانه کاسه اش english");
        free(a[i].key);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(public_table),
        cmocka_unit_test(more_cases),
        cmocka_unit_test(offsets_and_stems),
        cmocka_unit_test(hostile_input),
        cmocka_unit_test(every_code_point),
        cmocka_unit_test(threads_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

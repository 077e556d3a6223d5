/* Unit tests for meetings/minutes_pdf: the sample minutes (meetings/minutes_sample.c)
 * and hostile documents are rendered, written to a temporary file and read back with
 * poppler-utils (pdfinfo, pdftotext, pdffonts; `make check` installs them).
 *
 * How the text is read back: pdftotext (default mode, not -layout, which puts the
 * attendee table's columns on one line) gives Persian in logical order, line by line
 * in reading order, but wraps lines in bidi marks, splits some words with spurious
 * spaces (it makes a word of every glyph of an RTL run and joins them again by their
 * gaps), turns the lam-alef ligature «لا» into «ال», and moves punctuation that
 * touches digits or Latin runs («بند ۱:» comes back as «بند :۱»). So the text and the
 * expected phrases are compared with all whitespace, bidi marks and ZWNJ removed, and
 * the phrases avoid «لا», «الله» and such joints. mutool (MuPDF) reads the same files back with the
 * words intact.
 *
 * TEST_KEEP_PDF=1 keeps the PDFs and prints their paths, to look at them. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/buf.h"
#include "meetings/minutes_pdf.h"
#include "meetings/minutes_sample.h"
#include "text/fa_num.h"

#define PDF_CAP (64u << 20)
#define MARGIN_PT (18.0 * 72.0 / 25.4)

/* ---- helpers ----------------------------------------------------------------------- */

static void assert_pdf_shape(const buf *b) {
    assert_true(b->len > 1000);
    assert_memory_equal(b->data, "%PDF-", 5);
    size_t end = b->len;
    while (end > 0 && (b->data[end - 1] == '\n' || b->data[end - 1] == '\r')) end--;
    assert_true(end >= 5);
    assert_memory_equal(b->data + end - 5, "%%EOF", 5);
}

static void render(const struct minutes_doc *doc, buf *pdf) {
    buf_init(pdf, PDF_CAP);
    char err[256] = "";
    int rc = minutes_pdf_render(doc, pdf, err, sizeof err);
    if (rc) fail_msg("minutes_pdf_render: %s", err);
    assert_pdf_shape(pdf);
}

/* Writes the PDF to a new temporary file; returns its path (free it, unlink it). */
static char *write_temp(const buf *pdf) {
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir) dir = "/tmp";
    size_t n = strlen(dir) + 64;
    char *path = malloc(n);
    assert_non_null(path);
    snprintf(path, n, "%s/test-minutes-XXXXXX.pdf", dir);
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, pdf->data, pdf->len), (ssize_t)pdf->len);
    assert_int_equal(close(fd), 0);
    if (getenv("TEST_KEEP_PDF")) fprintf(stderr, "PDF %s\n", path);
    return path;
}

/* Runs `tool args 'path' tail` and returns its standard output (its standard error
 * goes to the test's); the tool must succeed. */
static char *run_tool(const char *tool, const char *args, const char *path, const char *tail) {
    char cmd[1024];
    int n = snprintf(cmd, sizeof cmd, "%s %s '%s' %s", tool, args, path, tail);
    assert_true(n > 0 && (size_t)n < sizeof cmd);
    FILE *p = popen(cmd, "r");
    if (!p) fail_msg("cannot run %s", tool);
    buf out;
    buf_init(&out, 64u << 20);
    char chunk[8192];
    size_t r;
    while ((r = fread(chunk, 1, sizeof chunk, p)) > 0) buf_append(&out, chunk, r);
    int status = pclose(p);
    if (status != 0)
        fail_msg("`%s` failed (status %d; are poppler-utils installed?)", cmd, status);
    assert_false(out.failed);
    return out.data ? out.data : calloc(1, 1);
}

#define PDFTOTEXT(path) run_tool("pdftotext", "", path, "-")

/* s without whitespace, bidi marks (U+200E/F, U+202A–E, U+2066–9), ZWNJ/ZWJ and
 * U+00A0. */
static char *squash(const char *s) {
    size_t n = strlen(s);
    char *out = malloc(n + 1), *o = out;
    assert_non_null(out);
    for (size_t i = 0; i < n;) {
        const unsigned char *u = (const unsigned char *)s + i;
        if (u[0] == ' ' || u[0] == '\n' || u[0] == '\t' || u[0] == '\r' || u[0] == '\f') {
            i++;
            continue;
        }
        if (u[0] == 0xC2 && i + 1 < n && u[1] == 0xA0) {
            i += 2;
            continue;
        }
        if (u[0] == 0xE2 && i + 2 < n && u[1] == 0x80 &&
            ((u[2] >= 0x8C && u[2] <= 0x8F) || (u[2] >= 0xAA && u[2] <= 0xAE))) {
            i += 3;
            continue;
        }
        if (u[0] == 0xE2 && i + 2 < n && u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9) {
            i += 3;
            continue;
        }
        *o++ = s[i++];
    }
    *o = 0;
    return out;
}

/* Each phrase occurs in text, in the order given (compared squashed). */
static void assert_in_order(const char *text, const char *const *phrases, size_t n) {
    char *t = squash(text);
    const char *from = t;
    for (size_t i = 0; i < n; i++) {
        char *p = squash(phrases[i]);
        const char *at = strstr(from, p);
        if (!at) {
            if (strstr(t, p))
                fail_msg("«%s» is out of order (expected after «%s»)", phrases[i],
                         i ? phrases[i - 1] : "the start");
            fail_msg("«%s» is missing from the PDF's text", phrases[i]);
        }
        from = at + strlen(p);
        free(p);
    }
    free(t);
}

static bool contains(const char *text, const char *phrase) {
    char *t = squash(text), *p = squash(phrase);
    bool found = strstr(t, p) != NULL;
    free(t);
    free(p);
    return found;
}

static int page_count(const char *path) {
    char *info = run_tool("pdfinfo", "", path, "");
    const char *p = strstr(info, "Pages:");
    assert_non_null(p);
    int pages = (int)strtol(p + 6, NULL, 10);
    free(info);
    return pages;
}

/* Every font is an embedded Vazirmatn (no fallback font anywhere). */
static void assert_only_vazirmatn(const char *path) {
    char *fonts = run_tool("pdffonts", "", path, "");
    int nfonts = 0;
    char *save = NULL;
    int line_no = 0;
    for (char *line = strtok_r(fonts, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (++line_no <= 2) continue; /* header and rule */
        nfonts++;
        if (!strstr(line, "Vazirmatn")) fail_msg("a font other than Vazirmatn: %s", line);
        if (!strstr(line, " yes ")) fail_msg("font not embedded: %s", line);
    }
    assert_true(nfonts >= 1);
    free(fonts);
}

/* Every word pdftotext -bbox reports lies inside the 18 mm margins (1 pt slack for
 * rounding). The output is read line by line through a small copy: sscanf and
 * strstr over the whole (megabytes of) output would be quadratic. */
static void assert_inside_margins(const char *path) {
    char *html = run_tool("pdftotext", "-bbox", path, "-");
    double w = 0, h = 0;
    size_t words = 0;
    for (const char *p = html; *p;) {
        const char *e = p;
        while (*e && *e != '\n') e++;
        while (p < e && *p == ' ') p++;
        char line[256];
        size_t n = (size_t)(e - p) < sizeof line - 1 ? (size_t)(e - p) : sizeof line - 1;
        memcpy(line, p, n);
        line[n] = 0;
        double x0, y0, x1, y1;
        if (!strncmp(line, "<page ", 6)) {
            assert_int_equal(sscanf(line, "<page width=\"%lf\" height=\"%lf\"", &w, &h), 2);
        } else if (!strncmp(line, "<word ", 6)) {
            assert_int_equal(sscanf(line, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
                                    &x0, &y0, &x1, &y1),
                             4);
            assert_true(w > 0 && h > 0);
            if (x0 < MARGIN_PT - 1 || y0 < MARGIN_PT - 1 || x1 > w - MARGIN_PT + 1 ||
                y1 > h - MARGIN_PT + 1)
                fail_msg("text outside the margins: %s", line);
            words++;
        }
        p = *e ? e + 1 : e;
    }
    assert_true(words > 0);
    free(html);
}

static void fa_pages_phrase(char *out, size_t cap, int page, int pages) {
    char a[32], b[32];
    assert_int_equal(fa_num_format_i64(page, a, sizeof a), 0);
    assert_int_equal(fa_num_format_i64(pages, b, sizeof b), 0);
    snprintf(out, cap, "صفحه %s از %s", a, b);
}

/* ---- the sample minutes ------------------------------------------------------------ */

static void sample_minutes_read_back_in_order(void **state) {
    (void)state;
    buf pdf;
    render(minutes_sample(), &pdf);
    char *path = write_temp(&pdf);
    int pages = page_count(path);
    assert_true(pages >= 3);
    char *text = PDFTOTEXT(path);

    static const char *const order[] = {
        "کارگروه تسهیل و رفع موانع تولید استان تهران",
        "صورتجلسه",
        "شماره جلسه",
        "چهارشنبه",
        "سالن جلسات فرمانداری شهرستان",
        "حاضران",
        "نام و نام خانوادگی",
        "محمود سیجانی",
        "مدیرکل صمت استان تهران",
        "علی رضایی",
        "بانک ملی ایران",
        "با اختیار تام",
        "دستور جلسه",
        "درخواست استمهال",
        "قطعی مکرر برق کارگاه‌های تولید کفش",
        "ساماندهی لکه‌های صنعتی",
        "بند",
        "درخواست استمهال",
        "متقاضی",
        "مذاکرات",
        "دبیر کارگروه گزارش پرونده را ارائه کرد",
        "مصوبات",
        "مصوبه",
        "بانک ملی ایران مکلف است بدهی سررسید گذشته",
        "به مدت بیست و چهار ماه استمهال و به صورت اقساط ماهانه تقسیط کند",
        "دستگاه مسئول",
        "مهلت اجرا",
        "۱۴۰۵/۰۹/۲۰",
        "پرونده ۱۲۳",
        "قطعی مکرر برق کارگاه‌های تولید کفش",
        "شرکت توزیع نیروی برق استان تهران مکلف است ظرف دو ماه",
        "ساماندهی لکه‌های صنعتی",
        "امضای حاضران",
        "رئیس کارگروه",
        "دبیر کارگروه",
        "علی دهقان",
    };
    assert_in_order(text, order, sizeof order / sizeof order[0]);

    char footer[96];
    for (int p = 1; p <= pages; p++) {
        fa_pages_phrase(footer, sizeof footer, p, pages);
        if (!contains(text, footer)) fail_msg("footer «%s» missing", footer);
    }
    fa_pages_phrase(footer, sizeof footer, pages + 1, pages);
    assert_false(contains(text, footer));

    char *info = run_tool("pdfinfo", "", path, "");
    assert_non_null(strstr(info, "صورتجلسه شماره ۱۴۰۵/۱۲"));
    assert_non_null(strstr(info, "A4"));
    free(info);

    assert_only_vazirmatn(path);
    assert_inside_margins(path);
    free(text);
    if (!getenv("TEST_KEEP_PDF")) unlink(path);
    free(path);
    buf_free(&pdf);
}

/* ---- hostile documents ------------------------------------------------------------- */

static void empty_document_is_one_valid_page(void **state) {
    (void)state;
    struct minutes_doc doc = {0};
    buf pdf;
    render(&doc, &pdf);
    char *path = write_temp(&pdf);
    assert_int_equal(page_count(path), 1);
    char *text = PDFTOTEXT(path);
    static const char *const order[] = {"صورتجلسه", "حاضران", "حاضری ثبت نشده است", "دستور جلسه",
                                        "دستوری ثبت نشده است", "امضای حاضران", "رئیس کارگروه",
                                        "دبیر کارگروه", "صفحه ۱ از ۱"};
    assert_in_order(text, order, sizeof order / sizeof order[0]);
    assert_only_vazirmatn(path);
    free(text);
    if (!getenv("TEST_KEEP_PDF")) unlink(path);
    free(path);
    buf_free(&pdf);
}

static void null_strings_and_counts_without_arrays(void **state) {
    (void)state;
    struct minutes_attendee att[2] = {{0}, {NULL, NULL, NULL, true}};
    struct minutes_resolution res[2] = {{0}, {0}};
    struct minutes_item items[2] = {
        {0, NULL, NULL, NULL, res, 2},
        {-5, NULL, NULL, NULL, NULL, 3}, /* a count with no array */
    };
    struct minutes_doc doc = {.attendees = att, .nattendees = 2, .items = items, .nitems = 2};
    buf pdf;
    render(&doc, &pdf);
    char *path = write_temp(&pdf);
    char *text = PDFTOTEXT(path);
    static const char *const order[] = {"بند", "مصوبه", "دستگاه مسئول", "مصوبه", "دستگاه مسئول",
                                        "بند", "مصوبه‌ای ندارد"};
    assert_in_order(text, order, sizeof order / sizeof order[0]);
    free(text);

    struct minutes_doc counts_only = {.nattendees = 7, .nitems = 9};
    buf pdf2;
    render(&counts_only, &pdf2);
    buf_free(&pdf2);
    if (!getenv("TEST_KEEP_PDF")) unlink(path);
    free(path);
    buf_free(&pdf);
}

static char *repeat(const char *unit, size_t times) {
    size_t n = strlen(unit);
    char *s = malloc(n * times + 1);
    assert_non_null(s);
    for (size_t i = 0; i < times; i++) memcpy(s + i * n, unit, n);
    s[n * times] = 0;
    return s;
}

static void long_unbroken_text_splits_across_pages_inside_margins(void **state) {
    (void)state;
    char *persian = repeat("ب", 20000); /* 20,000 characters, no space */
    char *latin = repeat("W", 20000);
    struct minutes_attendee att[] = {{persian, latin, persian, true}, {"علی رضایی", "معاون", NULL, false}};
    struct minutes_resolution res[] = {{latin, persian, persian, latin, persian}};
    struct minutes_item items[] = {{1, persian, latin, persian, res, 1}, {2, "بند کوتاه", NULL, latin, NULL, 0}};
    struct minutes_doc doc = {.body = persian, .number = latin, .date = persian, .time = latin,
                              .place = persian, .chair = persian, .secretary = latin,
                              .attendees = att, .nattendees = 2, .items = items, .nitems = 2};
    buf pdf;
    render(&doc, &pdf);
    char *path = write_temp(&pdf);
    int pages = page_count(path);
    assert_true(pages >= 10);
    char *text = PDFTOTEXT(path);
    static const char *const order[] = {"حاضران", "علی رضایی", "دستور جلسه", "بند کوتاه",
                                        "مذاکرات", "مصوبات", "امضای حاضران"};
    assert_in_order(text, order, sizeof order / sizeof order[0]);
    assert_true(contains(text, "صفحه ۱ از"));
    assert_only_vazirmatn(path);
    assert_inside_margins(path);
    free(text);
    if (!getenv("TEST_KEEP_PDF")) unlink(path);
    free(path);
    buf_free(&pdf);
    free(persian);
    free(latin);
}

static void mixed_direction_and_markup_characters(void **state) {
    (void)state;
    struct minutes_attendee att[] = {{"Ali <Rezaei> & Co", "CEO", "Bank Melli Iran (BMI)", false}};
    struct minutes_resolution res[] = {{
        "1405/12/3",
        "وام شماره 1234 به مبلغ 2,500,000,000 ریال از Bank Melli Iran در سال 2024 دریافت شد.\n"
        "نشانی: <&> «نقل» \"quoted\" 'single' \\back\\slash %s %n %%",
        "Bank <Melli>", "2025-01-01", "case #123 & #125",
    }};
    struct minutes_item items[] = {{1, "<b>not bold</b> &amp; &lt;", "Parsa Shoes Co.", "ok", res, 1}};
    struct minutes_doc doc = {.body = "Working Group <script>alert(1)</script>", .number = "12/1405",
                              .attendees = att, .nattendees = 1, .items = items, .nitems = 1};
    buf pdf;
    render(&doc, &pdf);
    char *path = write_temp(&pdf);
    char *text = PDFTOTEXT(path);
    /* The title's closing '>' is left out: pdftotext reads the (rightly drawn) Latin
     * line with the page's right-to-left rules and moves it to the front. The "<&>"
     * between Persian words is drawn as typed; pdftotext reads it back mirrored. */
    static const char *const order[] = {"Working Group <script>alert(1)</script",
                                        "Ali <Rezaei> & Co",
                                        "<b>not bold</b> &amp; &lt;",
                                        "Parsa Shoes Co.",
                                        "Bank Melli Iran",
                                        "quoted\" 'single' \\back\\slash %s %n",
                                        "Bank <Melli>",
                                        "2025-01-01",
                                        "case #123 & #125"};
    assert_in_order(text, order, sizeof order / sizeof order[0]);
    assert_true(contains(text, "2,500,000,000"));
    assert_true(contains(text, "2024"));
    assert_only_vazirmatn(path);
    free(text);
    if (!getenv("TEST_KEEP_PDF")) unlink(path);
    free(path);
    buf_free(&pdf);
}

static void control_characters_and_invalid_utf8(void **state) {
    (void)state;
    static const char nasty[] =
        "الف\x01\x02\x07\x08\x1b[31m\x7f ب \xc2\x85 پ \xe2\x80\xa8 ت \xe2\x80\xa9 ث"
        " \xff\xfe \xc0\xaf \xe2\x80 \xed\xa0\x80 \xf4\x90\x80\x80 ج"
        " \xe2\x80\xae RLO \xe2\x80\xac \xe2\x81\xa6 isolate \xe2\x81\xa9"
        " 😀 漢字 \xef\xbf\xbf \xef\xb7\x90 \xcc\x81\xcc\x81\xcc\x81 چ\r\nح\rخ\n\n\nد\tذ";
    struct minutes_attendee att[] = {{nasty, nasty, nasty, true}};
    struct minutes_resolution res[] = {{nasty, nasty, nasty, nasty, nasty}};
    struct minutes_item items[] = {{1, nasty, nasty, nasty, res, 1}};
    struct minutes_doc doc = {.body = nasty, .number = nasty, .date = nasty, .time = nasty,
                              .place = nasty, .chair = nasty, .secretary = nasty,
                              .attendees = att, .nattendees = 1, .items = items, .nitems = 1};
    buf pdf;
    render(&doc, &pdf);
    char *path = write_temp(&pdf);
    char *text = PDFTOTEXT(path);
    assert_true(contains(text, "الف"));
    assert_true(contains(text, "isolate"));
    assert_null(strchr(text, '\x1b'));
    assert_only_vazirmatn(path);
    assert_inside_margins(path);
    free(text);
    if (!getenv("TEST_KEEP_PDF")) unlink(path);
    free(path);
    buf_free(&pdf);
}

/* ---- failures and threads ---------------------------------------------------------- */

static void output_cap_fails_and_restores_the_buffer(void **state) {
    (void)state;
    buf out;
    buf_init(&out, 4096);
    buf_puts(&out, "kept");
    char err[256] = "";
    assert_int_equal(minutes_pdf_render(minutes_sample(), &out, err, sizeof err), -1);
    assert_non_null(strstr(err, "larger"));
    assert_int_equal(out.len, 4);
    assert_string_equal(out.data, "kept");
    buf_free(&out);

    buf_init(&out, PDF_CAP);
    assert_int_equal(minutes_pdf_render(NULL, &out, err, sizeof err), -1);
    assert_int_equal(out.len, 0);
    buf_free(&out);
}

static void *render_thread(void *arg) {
    buf *pdf = arg;
    buf_init(pdf, PDF_CAP);
    char err[256];
    for (int i = 0; i < 2; i++) {
        buf_clear(pdf);
        if (minutes_pdf_render(minutes_sample(), pdf, err, sizeof err)) return (void *)1;
    }
    return NULL;
}

static void concurrent_renders_agree(void **state) {
    (void)state;
    enum { N = 4 };
    pthread_t t[N];
    buf pdf[N];
    for (int i = 0; i < N; i++) assert_int_equal(pthread_create(&t[i], NULL, render_thread, &pdf[i]), 0);
    for (int i = 0; i < N; i++) {
        void *rc;
        assert_int_equal(pthread_join(t[i], &rc), 0);
        assert_null(rc);
        assert_pdf_shape(&pdf[i]);
    }
    for (int i = 1; i < N; i++) assert_int_equal(pdf[i].len, pdf[0].len);
    for (int i = 0; i < N; i++) buf_free(&pdf[i]);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_minutes_read_back_in_order),
        cmocka_unit_test(empty_document_is_one_valid_page),
        cmocka_unit_test(null_strings_and_counts_without_arrays),
        cmocka_unit_test(long_unbroken_text_splits_across_pages_inside_margins),
        cmocka_unit_test(mixed_direction_and_markup_characters),
        cmocka_unit_test(control_characters_and_invalid_utf8),
        cmocka_unit_test(output_cap_fails_and_restores_the_buffer),
        cmocka_unit_test(concurrent_renders_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for the router, the form/query/cookie parsers and the HTML writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http/form.h"
#include "http/router.h"
#include "view/html.h"

static void h_dummy(struct http_req *req, struct http_resp *resp) { (void)req; (void)resp; }

static const struct route routes[] = {
    {"GET", "/", h_dummy, 0},
    {"GET", "/units", h_dummy, 0},
    {"POST", "/units", h_dummy, 0},
    {"GET", "/units/{id}", h_dummy, 0},
    {"GET", "/units/{id}/edit", h_dummy, 0},
    {"POST", "/units/{id}/edit", h_dummy, 0},
    {"DELETE", "/units/{id}", h_dummy, 0},
    {"GET", "/static/*", h_dummy, 0},
    {"GET", "/units/import", h_dummy, 0}, /* after /units/{id}: still wins, being literal */
};
enum { NROUTES = sizeof routes / sizeof *routes };

static void router_matches_literals_params_and_rest(void **state) {
    (void)state;
    arena a;
    arena_init(&a, 0);
    struct route_match m;
    router_match(routes, NROUTES, "GET", "/", &a, &m);
    assert_int_equal(m.status, 200);
    assert_int_equal(m.route_index, 0);
    router_match(routes, NROUTES, "GET", "/units/42/edit", &a, &m);
    assert_int_equal(m.status, 200);
    assert_int_equal(m.route_index, 4);
    assert_string_equal(route_param(&m, "id"), "42");
    router_match(routes, NROUTES, "POST", "/units/۴۲/edit", &a, &m);
    assert_int_equal(m.route_index, 5);
    assert_string_equal(route_param(&m, "id"), "۴۲");
    router_match(routes, NROUTES, "GET", "/static/app.1234.css", &a, &m);
    assert_int_equal(m.status, 200);
    assert_string_equal(route_param(&m, "*"), "app.1234.css");
    router_match(routes, NROUTES, "GET", "/units/import", &a, &m);
    assert_int_equal(m.status, 200);
    assert_int_equal(m.route_index, 8);
    assert_int_equal(m.nparams, 0);
    router_match(routes, NROUTES, "GET", "/units/important", &a, &m);
    assert_int_equal(m.route_index, 3);
    assert_string_equal(route_param(&m, "id"), "important");
    router_match(routes, NROUTES, "HEAD", "/units", &a, &m);
    assert_int_equal(m.status, 200); /* HEAD rides on GET */
    assert_null(route_param(&m, "id"));
    arena_free(&a);
}

static void router_gives_404_and_405_with_allow(void **state) {
    (void)state;
    arena a;
    arena_init(&a, 0);
    struct route_match m;
    const char *missing[] = {"/unit", "/units/", "/units//edit", "/units/1/edit/x", "//", "",
                             "/static/", "/static"};
    for (size_t i = 0; i < sizeof missing / sizeof *missing; i++) {
        router_match(routes, NROUTES, "GET", missing[i], &a, &m);
        assert_int_equal(m.status, 404);
    }
    router_match(routes, NROUTES, "PUT", "/units/7", &a, &m);
    assert_int_equal(m.status, 405);
    assert_string_equal(m.allow, "GET, HEAD, DELETE");
    router_match(routes, NROUTES, "DELETE", "/units", &a, &m);
    assert_int_equal(m.status, 405);
    assert_string_equal(m.allow, "GET, HEAD, POST");
    arena_free(&a);
}

static void form_parses_and_decodes(void **state) {
    (void)state;
    arena a;
    arena_init(&a, 0);
    struct form f;
    const char *in = "name=%D9%88%D8%B9%D8%AF%D9%87&x=a+b&&empty=&flag&dup=1&dup=2";
    assert_int_equal(form_parse_urlencoded(in, strlen(in), &a, &f), FORM_OK);
    assert_string_equal(form_get(&f, "name"), "وعده");
    assert_string_equal(form_get(&f, "x"), "a b");
    assert_string_equal(form_get(&f, "empty"), "");
    assert_string_equal(form_get(&f, "flag"), "");
    assert_string_equal(form_get(&f, "dup"), "1");
    assert_null(form_get(&f, "nope"));
    const char *text = "t=line1%0D%0Aline2%09tab";
    assert_int_equal(form_parse_urlencoded(text, strlen(text), &a, &f), FORM_OK);
    assert_string_equal(form_get(&f, "t"), "line1\r\nline2\ttab");
    arena_free(&a);
}

static void form_rejects_hostile_input(void **state) {
    (void)state;
    arena a;
    arena_init(&a, 0);
    struct form f;
    const struct {
        const char *in;
        int err;
    } bad[] = {
        {"a=%", FORM_BAD_ESCAPE},      {"a=%4", FORM_BAD_ESCAPE},  {"a=%zz", FORM_BAD_ESCAPE},
        {"a=%ff", FORM_BAD_UTF8},      {"a=%C0%AF", FORM_BAD_UTF8}, /* overlong '/' */
        {"a=%ED%A0%80", FORM_BAD_UTF8}, /* surrogate */
        {"a=%F4%90%80%80", FORM_BAD_UTF8}, /* > U+10FFFF */
        {"a=%00", FORM_CONTROL},       {"a=%1B[31m", FORM_CONTROL}, {"a%0A=1", FORM_CONTROL},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(form_parse_urlencoded(bad[i].in, strlen(bad[i].in), &a, &f), bad[i].err);
    /* Too many fields. */
    char many[4000];
    size_t n = 0;
    for (int i = 0; i < 300; i++) n += (size_t)snprintf(many + n, sizeof many - n, "a=%d&", i % 10);
    assert_int_equal(form_parse_urlencoded(many, n, &a, &f), FORM_TOO_MANY);
    arena_free(&a);
}

static void cookies_parse_and_reject(void **state) {
    (void)state;
    arena a;
    arena_init(&a, 0);
    struct form f;
    const char *c = " tashil_session=abc ; other=\"q\";x=";
    assert_int_equal(form_parse_cookies(c, strlen(c), &a, &f), FORM_OK);
    assert_string_equal(form_get(&f, "tashil_session"), "abc");
    assert_string_equal(form_get(&f, "other"), "q");
    assert_string_equal(form_get(&f, "x"), "");
    assert_int_equal(form_parse_cookies("novalue", 7, &a, &f), FORM_BAD_SYNTAX);
    assert_int_equal(form_parse_cookies("=v", 2, &a, &f), FORM_BAD_SYNTAX);
    assert_int_equal(form_parse_cookies("a=\x01", 3, &a, &f), FORM_CONTROL);
    assert_int_equal(form_parse_cookies("a=\xff", 3, &a, &f), FORM_BAD_UTF8);
    arena_free(&a);
}

static void html_escapes_by_context(void **state) {
    (void)state;
    buf b;
    buf_init(&b, 1 << 16);
    html_fmt(&b, "<p title=\"%s\">%s</p>", "\"><script>", "a & b < c 'x'");
    assert_string_equal(b.data, "<p title=\"&quot;&gt;&lt;script&gt;\">a &amp; b &lt; c &#39;x&#39;</p>");
    buf_clear(&b);
    html_fmt(&b, "<a href=\"/s?q=%u\">", "وعده & x/y");
    assert_string_equal(b.data, "<a href=\"/s?q=%D9%88%D8%B9%D8%AF%D9%87%20%26%20x%2Fy\">");
    buf_clear(&b);
    const char *hrefs[][2] = {
        {"javascript:alert(1)", "#"},   {"JaVaScRiPt:alert(1)", "#"},
        {"data:text/html,x", "#"},      {"vbscript:x", "#"},
        {"https://x.ir/a?b=1&c=2", "https://x.ir/a?b=1&amp;c=2"},
        {"/units/1", "/units/1"},       {"mailto:a@b.ir", "mailto:a@b.ir"},
        {"java\tscript:x", "#"},        {"", "#"},
        {"/a\"onmouseover=x", "/a&quot;onmouseover=x"},
    };
    for (size_t i = 0; i < sizeof hrefs / sizeof *hrefs; i++) {
        buf_clear(&b);
        html_fmt(&b, "%h", hrefs[i][0]);
        assert_string_equal(b.data, hrefs[i][1]);
    }
    buf_clear(&b);
    html_fmt(&b, "%d %ld %lld %zu %%", -5, 7L, 9LL, (size_t)11);
    assert_string_equal(b.data, "-5 7 9 11 %");
    buf_clear(&b);
    html_fmt(&b, "%s", (const char *)NULL);
    assert_string_equal(b.data, "");
    buf_clear(&b);
    html_fmt(&b, "%x", 1); /* unknown directive fails the page */
    assert_true(b.failed);
    buf_free(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(router_matches_literals_params_and_rest),
        cmocka_unit_test(router_gives_404_and_405_with_allow),
        cmocka_unit_test(form_parses_and_decodes),
        cmocka_unit_test(form_rejects_hostile_input),
        cmocka_unit_test(cookies_parse_and_reject),
        cmocka_unit_test(html_escapes_by_context),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

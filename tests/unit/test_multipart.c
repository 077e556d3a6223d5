/* Unit tests for the multipart/form-data parser: boundaries from Content-Type,
 * fields and files, and the refusals (no preamble allowed, missing closing
 * delimiter, bad UTF-8 in a field, missing name, too many files). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "http/multipart.h"

static void boundaries(void **state) {
    (void)state;
    char b[MULTIPART_MAX_BOUNDARY + 1];
    assert_int_equal(multipart_boundary("multipart/form-data; boundary=----abc123", b, sizeof b), FORM_OK);
    assert_string_equal(b, "----abc123");
    assert_int_equal(multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"", b, sizeof b), FORM_OK);
    assert_string_equal(b, "a b");
    assert_int_equal(multipart_boundary("multipart/form-data", b, sizeof b), FORM_BAD_SYNTAX);
    assert_int_equal(multipart_boundary("multipart/form-data; boundary=", b, sizeof b), FORM_BAD_SYNTAX);
    assert_int_equal(multipart_boundary("multipart/mixed; boundary=x", b, sizeof b), FORM_BAD_SYNTAX);
    assert_int_equal(multipart_boundary("multipart/form-data; boundary=a<b", b, sizeof b), FORM_BAD_SYNTAX);
    char longb[120];
    memset(longb, 'x', sizeof longb);
    memcpy(longb, "multipart/form-data; boundary=", 30);
    longb[119] = 0;
    assert_int_equal(multipart_boundary(longb, b, sizeof b), FORM_BAD_SYNTAX);
    assert_true(multipart_is_form_data("multipart/form-data; boundary=x"));
    assert_false(multipart_is_form_data("multipart/form-datax"));
    assert_false(multipart_is_form_data(NULL));
}

static int parse(const char *body, struct form *f, struct http_file *files, int *nf, arena *a) {
    return multipart_parse(body, strlen(body), "XyZ", a, f, files, nf);
}

static void fields_and_files(void **state) {
    (void)state;
    arena a;
    arena_init(&a, 0);
    struct form f;
    struct http_file files[MULTIPART_MAX_FILES];
    int nf;
    const char *ok = "--XyZ\r\n"
                     "Content-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                     "tok\r\n"
                     "--XyZ\r\n"
                     "Content-Disposition: form-data; name=\"article\"\r\n\r\n"
                     "سطر یک\r\nسطر دو\r\n"
                     "--XyZ\r\n"
                     "Content-Disposition: form-data; name=\"file\"; filename=\"خبر.txt\"\r\n"
                     "Content-Type: text/plain\r\n\r\n"
                     "\xC7\xED\r\n--XY not a delimiter\r\n"
                     "--XyZ--\r\n";
    assert_int_equal(parse(ok, &f, files, &nf, &a), FORM_OK);
    assert_int_equal(f.n, 2);
    assert_string_equal(form_get(&f, "_csrf"), "tok");
    assert_string_equal(form_get(&f, "article"), "سطر یک\r\nسطر دو");
    assert_int_equal(nf, 1);
    assert_string_equal(files[0].name, "file");
    assert_string_equal(files[0].filename, "خبر.txt");
    assert_string_equal(files[0].content_type, "text/plain");
    assert_int_equal(files[0].len, 2 + 2 + 20);
    assert_memory_equal(files[0].data, "\xC7\xED", 2); /* raw bytes, any encoding */
    /* An empty form. */
    assert_int_equal(parse("--XyZ--", &f, files, &nf, &a), FORM_OK);
    assert_int_equal(f.n, 0);
    arena_free(&a);
}

static void refusals(void **state) {
    (void)state;
    arena a;
    arena_init(&a, 0);
    struct form f;
    struct http_file files[MULTIPART_MAX_FILES];
    int nf;
    const char *bad[] = {
        "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno closing delimiter",
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xff\xfe\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nnul\x01\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--XyZ--",
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nno headers end",
        "--XyZjunk",
        "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (parse(bad[i], &f, files, &nf, &a) == FORM_OK) fail_msg("accepted bad body %zu", i);
    }
    const char *five = "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"1\"\r\n\r\n\r\n"
                       "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"2\"\r\n\r\n\r\n"
                       "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"3\"\r\n\r\n\r\n"
                       "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"4\"\r\n\r\n\r\n"
                       "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"5\"\r\n\r\n\r\n"
                       "--XyZ--";
    assert_int_equal(parse(five, &f, files, &nf, &a), FORM_TOO_MANY);
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(boundaries),
        cmocka_unit_test(fields_and_files),
        cmocka_unit_test(refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

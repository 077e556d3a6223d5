/* Unit tests for text/fa_num (formatting and parsing) and text/fa_id. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "text/fa_id.h"
#include "text/fa_num.h"

static void formats(void **state) {
    (void)state;
    char s[128];
    assert_int_equal(fa_num_format_fixed(123456789, 2, s, sizeof s), 0);
    assert_string_equal(s, "۱٬۲۳۴٬۵۶۷٫۸۹");
    assert_int_equal(fa_num_format_i64(0, s, sizeof s), 0);
    assert_string_equal(s, "۰");
    assert_int_equal(fa_num_format_i64(999, s, sizeof s), 0);
    assert_string_equal(s, "۹۹۹");
    assert_int_equal(fa_num_format_i64(1000, s, sizeof s), 0);
    assert_string_equal(s, "۱٬۰۰۰");
    assert_int_equal(fa_num_format_i64(INT64_MIN, s, sizeof s), 0);
    assert_string_equal(s, "\xE2\x80\x8E\xE2\x88\x92۹٬۲۲۳٬۳۷۲٬۰۳۶٬۸۵۴٬۷۷۵٬۸۰۸");
    assert_int_equal(fa_num_format_fixed(-5, 2, s, sizeof s), 0);
    assert_string_equal(s, "\xE2\x80\x8E\xE2\x88\x92۰٫۰۵");
    assert_int_equal(fa_num_format_double(1234.5678, 1, s, sizeof s), 0);
    assert_string_equal(s, "۱٬۲۳۴٫۶");
    assert_int_equal(fa_num_format_double(1.0 / 0.0, 1, s, sizeof s), -1);
    assert_int_equal(fa_num_format_i64(1234567, s, 10), -1);
    assert_string_equal(s, "");
    assert_int_equal(fa_num_format_ascii("12a", s, sizeof s), -1);
    buf b;
    buf_init(&b, 1024);
    assert_int_equal(fa_digits_to_persian("ساعت 18:05، 2024", strlen("ساعت 18:05، 2024"), &b), 0);
    assert_string_equal(b.data, "ساعت ۱۸:۰۵، ۲۰۲۴");
    buf_free(&b);
}

static void parses(void **state) {
    (void)state;
    static const struct { const char *s; int64_t v; } ok[] = {
        {"1234567", 1234567}, {"۱٬۲۳۴٬۵۶۷", 1234567}, {"١٢٣", 123}, {" -42 ", -42},
        {"\xE2\x88\x92۷", -7}, {"1,234", 1234}, {"9223372036854775807", INT64_MAX},
        {"-9223372036854775808", INT64_MIN}, {"\xE2\x80\x8E\xE2\x88\x92۹", -9}, {"+0", 0},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        int64_t v = 1;
        fa_err e = {0};
        if (fa_num_parse_i64(ok[i].s, strlen(ok[i].s), &v, &e)) fail_msg("%s: %s", ok[i].s, e.en);
        assert_true(v == ok[i].v);
    }
    static const char *const bad[] = {"", " ", "9223372036854775808", "-9223372036854775809",
                                      "99999999999999999999999", "12a", "1,23", "1,2345", ",123",
                                      "1.5", "--1", "1 2", "١٢٣٬٤٥", "-"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t v;
        fa_err e = {0};
        if (fa_num_parse_i64(bad[i], strlen(bad[i]), &v, &e) == 0) fail_msg("accepted [%s]", bad[i]);
        assert_non_null(e.fa);
    }
    int64_t v;
    assert_int_equal(fa_num_parse_fixed("۱٬۲۳۴٫۵", 14, 2, &v, NULL), 0);
    assert_true(v == 123450);
    assert_int_equal(fa_num_parse_fixed("1.234", 5, 2, &v, NULL), -1);
    assert_int_equal(fa_num_parse_fixed("92233720368547758.07", 20, 2, &v, NULL), 0);
    assert_true(v == INT64_MAX);
    assert_int_equal(fa_num_parse_fixed("92233720368547758.08", 20, 2, &v, NULL), -1);
    assert_int_equal(fa_num_parse_fixed("1.", 2, 2, &v, NULL), -1);
}

static void ids(void **state) {
    (void)state;
    static const struct { const char *s; int kind, ok, found; } cases[] = {
        {"0499370899", FA_ID_AUTO, 1, FA_ID_NATIONAL_CODE},
        {"۰۴۹۹۳۷۰۸۹۹", FA_ID_AUTO, 1, FA_ID_NATIONAL_CODE},
        {"٠٤٩٩-٣٧٠-٨٩٩", FA_ID_AUTO, 1, FA_ID_NATIONAL_CODE},
        {"049 937 0899", FA_ID_NATIONAL_CODE, 1, FA_ID_NATIONAL_CODE},
        {"0499370898", FA_ID_AUTO, 0, FA_ID_NATIONAL_CODE},
        {"0000000000", FA_ID_AUTO, 0, FA_ID_NATIONAL_CODE},
        {"1111111111", FA_ID_AUTO, 0, FA_ID_NATIONAL_CODE},
        {"10380284790", FA_ID_AUTO, 1, FA_ID_LEGAL_ID},
        {"10380284791", FA_ID_AUTO, 0, FA_ID_LEGAL_ID},
        {"10300000001", FA_ID_LEGAL_ID, 0, FA_ID_LEGAL_ID},
        {"1234567890", FA_ID_POSTAL_CODE, 1, FA_ID_POSTAL_CODE},
        {"123456789", FA_ID_POSTAL_CODE, 0, FA_ID_POSTAL_CODE},
        {"123", FA_ID_AUTO, 0, FA_ID_AUTO},
        {"", FA_ID_AUTO, 0, FA_ID_AUTO},
        {"04993708a9", FA_ID_AUTO, 0, FA_ID_AUTO},
        {"1234567890123", FA_ID_AUTO, 0, FA_ID_AUTO},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum fa_id_kind found;
        char digits[12];
        fa_err e = {0};
        int rc = fa_id_check(cases[i].s, strlen(cases[i].s), (enum fa_id_kind)cases[i].kind, &found, digits, &e);
        if ((rc == 0) != cases[i].ok) fail_msg("%s: rc %d (%s)", cases[i].s, rc, e.en ? e.en : "");
        if (rc == 0) {
            assert_int_equal(found, cases[i].found);
            assert_int_equal(strspn(digits, "0123456789"), strlen(digits));
        } else {
            assert_non_null(e.fa);
            assert_non_null(e.en);
        }
    }
    /* The check-digit rule agrees with a brute force over one prefix. */
    int valid = 0;
    for (int c = 0; c <= 9; c++) {
        char s[11];
        snprintf(s, sizeof s, "001234567%d", c);
        valid += fa_id_check(s, 10, FA_ID_NATIONAL_CODE, NULL, NULL, NULL) == 0;
    }
    assert_int_equal(valid, 1);
    assert_string_equal(fa_id_kind_name(FA_ID_LEGAL_ID), "legal-id");
    assert_int_equal(fa_id_kind_parse("postal-code"), FA_ID_POSTAL_CODE);
    assert_int_equal(fa_id_kind_parse("x"), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(formats),
        cmocka_unit_test(parses),
        cmocka_unit_test(ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

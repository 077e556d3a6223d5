/* Unit tests for core/arena, core/buf and the pinned clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/utf8.h"

static void arena_allocates_aligned_and_survives_many_chunks(void **state) {
    (void)state;
    arena a;
    arena_init(&a, 0);
    for (int i = 1; i < 5000; i++) {
        unsigned char *p = arena_alloc(&a, (size_t)(i % 300) + 1);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        memset(p, 0xAB, (size_t)(i % 300) + 1);
    }
    void *big = arena_alloc(&a, 1 << 20);
    assert_non_null(big);
    memset(big, 0, 1 << 20);
    char *s = arena_printf(&a, "%s-%d", "x", 42);
    assert_string_equal(s, "x-42");
    arena_free(&a);
}

static void arena_cap_refuses_past_limit(void **state) {
    (void)state;
    arena a;
    arena_init(&a, 16 * 1024);
    assert_non_null(arena_alloc(&a, 1000));
    assert_null(arena_alloc(&a, 64 * 1024));
    assert_null(arena_calloc(&a, SIZE_MAX / 2, 4));
    assert_null(arena_alloc(&a, SIZE_MAX - 3));
    arena_free(&a);
}

static void buf_caps_and_latches_failure(void **state) {
    (void)state;
    buf b;
    buf_init(&b, 10);
    assert_int_equal(buf_puts(&b, "12345"), 0);
    assert_int_equal(buf_printf(&b, "%d", 6789), 0);
    assert_string_equal(b.data, "123456789");
    assert_int_equal(buf_puts(&b, "ab"), -1);
    assert_true(b.failed);
    assert_int_equal(buf_putc(&b, 'x'), -1); /* latched */
    buf_clear(&b);
    assert_false(b.failed);
    assert_int_equal(buf_puts(&b, "0123456789"), 0);
    size_t len;
    char *p = buf_detach(&b, &len);
    assert_int_equal(len, 10);
    assert_string_equal(p, "0123456789");
    free(p);
    buf_free(&b);
}

/* Text shown back to people (messages quoting a cell, a JSON member) is cut to a
 * length between characters: a cut inside a two-, three- or four-byte character
 * would make the message invalid UTF-8 (the import's fuzzer found one). */
static void utf8_cuts_between_characters(void **state) {
    (void)state;
    const char *fa = "شهرستان"; /* 7 letters, 2 bytes each */
    assert_int_equal(utf8_prefix_len(fa, strlen(fa), 5), 4);
    assert_int_equal(utf8_prefix_len(fa, strlen(fa), 6), 6);
    assert_int_equal(utf8_prefix_len(fa, strlen(fa), 100), 14);
    assert_int_equal(utf8_prefix_len(fa, strlen(fa), 0), 0);
    const char *mixed = "a\u200c\U0001F600b"; /* 1 + 3 + 4 + 1 bytes */
    for (size_t max = 0; max <= strlen(mixed); max++) {
        size_t n = utf8_prefix_len(mixed, strlen(mixed), max);
        assert_true(n <= max);
        assert_true(utf8_valid(mixed, n));
    }
    assert_int_equal(utf8_prefix_len(mixed, strlen(mixed), 3), 1);
    assert_int_equal(utf8_prefix_len(mixed, strlen(mixed), 7), 4);
    char out[6];
    utf8_copy(out, sizeof out, fa);
    assert_string_equal(out, "شه"); /* 4 bytes: the third letter would not fit whole */
    utf8_copy(out, sizeof out, "abc");
    assert_string_equal(out, "abc");
    utf8_copy(out, 1, fa);
    assert_string_equal(out, "");
}

static void clock_pins_and_unpins(void **state) {
    (void)state;
    clock_pin(1764400000); /* 2025-11-29T07:06:40Z */
    assert_int_equal(clock_now(), 1764400000);
    char iso[21];
    clock_iso_utc(clock_now(), iso);
    assert_string_equal(iso, "2025-11-29T07:06:40Z");
    clock_pin(0);
    assert_true(clock_now() > 1764400000);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_allocates_aligned_and_survives_many_chunks),
        cmocka_unit_test(arena_cap_refuses_past_limit),
        cmocka_unit_test(buf_caps_and_latches_failure),
        cmocka_unit_test(clock_pins_and_unpins),
        cmocka_unit_test(utf8_cuts_between_characters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

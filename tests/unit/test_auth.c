/* Unit tests for auth: argon2id hashing with rehash-on-cost-change, tokens, roles,
 * and the sign-in throttle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "auth/password.h"
#include "auth/roles.h"
#include "auth/throttle.h"
#include "auth/token.h"

static void password_hash_verify_and_rehash(void **state) {
    (void)state;
    assert_true(sodium_init() >= 0);
    password_set_cost(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
    char weak[PASSWORD_HASH_MAX];
    assert_int_equal(password_hash("correct horse battery", weak), 0);
    assert_non_null(strstr(weak, "$argon2id$"));
    assert_true(password_verify(weak, "correct horse battery"));
    assert_false(password_verify(weak, "correct horse batterY"));
    assert_false(password_verify("", "x"));
    assert_false(password_verify("$argon2id$garbage", "x"));
    assert_false(password_needs_rehash(weak));
    /* The cost goes up: the old hash still verifies and asks to be rehashed. */
    password_set_cost(crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
    assert_true(password_verify(weak, "correct horse battery"));
    assert_true(password_needs_rehash(weak));
    char strong[PASSWORD_HASH_MAX];
    assert_int_equal(password_hash("correct horse battery", strong), 0);
    assert_false(password_needs_rehash(strong));
}

static void tokens_are_random_and_checked(void **state) {
    (void)state;
    char a[TOKEN_TEXT_SIZE], b[TOKEN_TEXT_SIZE];
    token_new(a);
    token_new(b);
    assert_int_equal(strlen(a), TOKEN_TEXT_LEN);
    assert_string_not_equal(a, b);
    unsigned char h1[32], h2[32];
    assert_true(token_hash(a, h1));
    assert_true(token_hash(a, h2));
    assert_memory_equal(h1, h2, 32);
    assert_false(token_hash("short", h1));
    char bad[TOKEN_TEXT_SIZE];
    memcpy(bad, a, sizeof bad);
    bad[5] = '/';
    assert_false(token_hash(bad, h1));
    assert_true(token_equal(a, a));
    assert_false(token_equal(a, b));
    assert_false(token_equal(a, NULL));
    assert_false(token_equal("", ""));
}

static void roles_round_trip(void **state) {
    (void)state;
    const char *names[] = {"admin", "secretariat", "member", "agency", "producer"};
    for (size_t i = 0; i < 5; i++) {
        int r = role_from_name(names[i]);
        assert_true(r & ROLE_SIGNED_IN);
        assert_string_equal(role_name(r), names[i]);
        assert_true(strlen(role_label_fa(r)) > 0);
    }
    assert_int_equal(role_from_name("public"), 0);
    assert_int_equal(role_from_name("root"), 0);
    assert_int_equal(role_from_name(NULL), 0);
}

static void throttle_blocks_after_limit_and_forgets(void **state) {
    (void)state;
    throttle *t = throttle_new(3, 60);
    for (int i = 0; i < 3; i++) {
        assert_false(throttle_blocked(t, "account:x", 1000));
        throttle_failure(t, "account:x", 1000 + i);
    }
    assert_true(throttle_blocked(t, "account:x", 1010));
    assert_false(throttle_blocked(t, "account:y", 1010));
    assert_false(throttle_blocked(t, "account:x", 1061)); /* window passed */
    throttle_failure(t, "account:z", 2000);
    throttle_success(t, "account:z");
    assert_false(throttle_blocked(t, "account:z", 2000));
    /* Many keys: memory stays bounded and nothing crashes. */
    char key[32];
    for (int i = 0; i < 100000; i++) {
        snprintf(key, sizeof key, "ip:%d", i);
        throttle_failure(t, key, 3000);
    }
    throttle_free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(password_hash_verify_and_rehash),
        cmocka_unit_test(tokens_are_random_and_checked),
        cmocka_unit_test(roles_round_trip),
        cmocka_unit_test(throttle_blocks_after_limit_and_forgets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

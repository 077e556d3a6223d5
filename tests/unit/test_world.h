/* test_world — the people, units and agencies store tests build their world from.
 * Include after <cmocka.h>; every helper asserts its write succeeded. */
#ifndef TASHIL_TEST_WORLD_H
#define TASHIL_TEST_WORLD_H

#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "store/store_registry.h"
#include "store/store_users.h"

static inline void world_user(store_conn *c, const char *name, const char *role, struct user *u) {
    int64_t id;
    assert_int_equal(store_user_add(c, NULL, name, name, role, NULL, &id), STORE_OK);
    assert_int_equal(store_user_by_id(c, id, u), STORE_OK);
}

static inline int64_t world_unit(store_conn *c, const char *nid, const char *name) {
    struct unit u;
    memset(&u, 0, sizeof u);
    snprintf(u.national_id, sizeof u.national_id, "%s", nid);
    snprintf(u.id_kind, sizeof u.id_kind, "national-code");
    snprintf(u.licence_kind, sizeof u.licence_kind, "none");
    snprintf(u.name, sizeof u.name, "%s", name);
    snprintf(u.state, sizeof u.state, "active");
    assert_int_equal(store_unit_create(c, NULL, &u), STORE_OK);
    return u.id;
}

static inline int64_t world_agency(store_conn *c, const char *name, const char *kind) {
    struct agency a;
    memset(&a, 0, sizeof a);
    snprintf(a.name, sizeof a.name, "%s", name);
    snprintf(a.kind, sizeof a.kind, "%s", kind);
    assert_int_equal(store_agency_create(c, NULL, &a), STORE_OK);
    return a.id;
}

#endif

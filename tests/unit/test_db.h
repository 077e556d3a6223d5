/* test_db — a fresh, migrated Tashil database in its own temporary folder, for unit
 * tests that need the store (setup/teardown of cmocka groups call these). */
#ifndef TASHIL_TEST_DB_H
#define TASHIL_TEST_DB_H

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/store.h"

struct test_db {
    char dir[128];
    char path[200];
    store *db;
};

/* 0 on success (cmocka's setup convention). */
static inline int test_db_open(struct test_db *t, const char *tag) {
    if (sodium_init() < 0) return 1;
    snprintf(t->dir, sizeof t->dir, "/tmp/tashil-test-%s-XXXXXX", tag);
    if (!mkdtemp(t->dir)) return 1;
    snprintf(t->path, sizeof t->path, "%s/t.db", t->dir);
    struct store_error err;
    return store_open(t->path, STORE_CREATE | STORE_MIGRATE, &t->db, &err) != STORE_OK;
}

static inline int test_db_close(struct test_db *t) {
    store_close(t->db);
    t->db = NULL;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
    return system(cmd);
}

#endif

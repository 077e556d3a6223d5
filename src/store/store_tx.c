/* store_tx — see store_tx.h. The per-table statements are chosen from fixed
 * strings, so the SQL stays prepared and cacheable. */
#include "store/store_tx.h"

#include <stdio.h>
#include <string.h>

#include "store/store_audit.h"

int store_tx_end(store_conn *c, int rc) {
    if (rc == STORE_OK) return store_commit(c);
    store_rollback(c);
    return rc == STORE_ROW || rc == STORE_DONE ? STORE_ERROR : rc;
}

static const struct {
    const char *table, *exists_sql, *delete_sql;
} tables[] = {
    {"units", "SELECT 1 FROM units WHERE id = $1", "DELETE FROM units WHERE id = $1 AND version = $2"},
    {"zones", "SELECT 1 FROM zones WHERE id = $1", "DELETE FROM zones WHERE id = $1 AND version = $2"},
    {"agencies", "SELECT 1 FROM agencies WHERE id = $1",
     "DELETE FROM agencies WHERE id = $1 AND version = $2"},
    {"categories", "SELECT 1 FROM categories WHERE id = $1",
     "DELETE FROM categories WHERE id = $1 AND version = $2"},
};

static int table_index(const char *table) {
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
        if (!strcmp(tables[i].table, table)) return (int)i;
    return -1;
}

int store_version_miss(store_conn *c, const char *table, int64_t id) {
    int t = table_index(table);
    if (t < 0) return STORE_ERROR;
    store_stmt *st = store_prepare(c, tables[t].exists_sql);
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, id);
    int rc = store_step(st);
    store_done(st);
    return rc == STORE_ROW ? STORE_ECONFLICT : rc == STORE_DONE ? STORE_ENOTFOUND : rc;
}

int store_step_versioned(store_conn *c, store_stmt *st, const char *table, int64_t id) {
    int rc = store_step(st);
    store_done(st);
    if (rc != STORE_DONE) return rc == STORE_ROW ? STORE_ERROR : rc;
    return store_changes(c) ? STORE_OK : store_version_miss(c, table, id);
}

int store_delete_versioned(store_conn *c, const struct user *actor, const char *table,
                           const char *entity, int64_t id, int64_t version) {
    int t = table_index(table);
    if (t < 0) return STORE_ERROR;
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(c, tables[t].delete_sql);
    if (!st) return store_tx_end(c, STORE_ERROR);
    store_bind_int(st, 1, id);
    store_bind_int(st, 2, version);
    rc = store_step_versioned(c, st, table, id);
    if (rc != STORE_OK) return store_tx_end(c, rc);
    char action[64], detail[64];
    snprintf(action, sizeof action, "%s.delete", entity);
    snprintf(detail, sizeof detail, "{\"version\":%lld}", (long long)version);
    rc = store_audit_append(c, actor, action, entity, id, detail, NULL);
    return store_tx_end(c, rc);
}

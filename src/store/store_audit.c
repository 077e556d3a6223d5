/* store_audit — see store_audit.h. The hash input is the fields joined with a 0x1F
 * unit separator after the predecessor's 32 bytes, so no two events with different
 * fields can produce the same input. */
#include "store/store_audit.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"

static void event_hash(const unsigned char *prev, size_t prev_len, const char *at,
                       const char *actor, const char *action, const char *entity,
                       int64_t entity_id, const char *detail, unsigned char out[32]) {
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    unsigned char zero[32] = {0};
    crypto_generichash_update(&h, prev_len == 32 ? prev : zero, 32);
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)entity_id);
    const char *parts[] = {at, actor, action, entity, id, detail};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        crypto_generichash_update(&h, (const unsigned char *)"\x1f", 1);
        crypto_generichash_update(&h, (const unsigned char *)parts[i], strlen(parts[i]));
    }
    crypto_generichash_final(&h, out, 32);
}

int store_audit_append(store_conn *c, const struct user *actor, const char *action,
                       const char *entity, int64_t entity_id, const char *detail_json,
                       const char *ip) {
    unsigned char prev[32];
    size_t prev_len = 0;
    store_stmt *st = store_prepare(c, "SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1");
    if (!st) return STORE_ERROR;
    int rc = store_step(st);
    if (rc == STORE_ROW) {
        size_t n;
        const void *p = store_col_blob(st, 0, &n);
        if (n == 32) {
            memcpy(prev, p, 32);
            prev_len = 32;
        }
    }
    store_done(st);
    if (rc != STORE_ROW && rc != STORE_DONE) return rc;

    char at[21];
    clock_iso_utc(clock_now(), at);
    const char *actor_name = actor ? actor->name : "system";
    const char *detail = detail_json ? detail_json : "{}";
    unsigned char hash[32];
    event_hash(prev, prev_len, at, actor_name, action, entity, entity_id, detail, hash);

    st = store_prepare(c, "INSERT INTO audit_events(at, actor_id, actor_name, action, entity, "
                          "entity_id, detail, ip, prev_hash, hash) "
                          "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)");
    if (!st) return STORE_ERROR;
    store_bind_text(st, 1, at);
    if (actor && actor->id) store_bind_int(st, 2, actor->id);
    else store_bind_null(st, 2);
    store_bind_text(st, 3, actor_name);
    store_bind_text(st, 4, action);
    store_bind_text(st, 5, entity);
    store_bind_int(st, 6, entity_id);
    store_bind_text(st, 7, detail);
    store_bind_text(st, 8, ip);
    if (prev_len) store_bind_blob(st, 9, prev, 32);
    else store_bind_null(st, 9);
    store_bind_blob(st, 10, hash, 32);
    rc = store_step(st);
    store_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

int store_audit_verify(store_conn *c, int64_t *count, int64_t *bad_id) {
    *count = 0;
    *bad_id = 0;
    store_stmt *st = store_prepare(c, "SELECT id, at, actor_name, action, entity, entity_id, "
                                      "detail, prev_hash, hash FROM audit_events ORDER BY id");
    if (!st) return STORE_ERROR;
    unsigned char expected_prev[32];
    size_t expected_prev_len = 0;
    int rc;
    while ((rc = store_step(st)) == STORE_ROW) {
        (*count)++;
        size_t plen, hlen;
        const void *prev = store_col_blob(st, 7, &plen);
        const void *hash = store_col_blob(st, 8, &hlen);
        unsigned char computed[32];
        event_hash(prev, plen, store_col_text(st, 1), store_col_text(st, 2),
                   store_col_text(st, 3), store_col_text(st, 4), store_col_int(st, 5),
                   store_col_text(st, 6), computed);
        bool link_ok = plen == expected_prev_len &&
                       (plen == 0 || memcmp(prev, expected_prev, 32) == 0);
        if (!link_ok || hlen != 32 || memcmp(hash, computed, 32) != 0) {
            *bad_id = store_col_int(st, 0);
            store_done(st);
            return STORE_ERROR;
        }
        memcpy(expected_prev, hash, 32);
        expected_prev_len = 32;
    }
    store_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

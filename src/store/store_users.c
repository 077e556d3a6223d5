/* store_users — see store_users.h. */
#include "store/store_users.h"

#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "store/store_audit.h"


static void read_user(store_stmt *st, int first, struct user *u) {
    memset(u, 0, sizeof *u);
    u->id = store_col_int(st, first);
    store_col_copy(st, first + 1, u->name, sizeof u->name);
    store_col_copy(st, first + 2, u->display_name, sizeof u->display_name);
    store_col_copy(st, first + 3, u->role, sizeof u->role);
    u->agency_id = store_col_int(st, first + 4);
    u->unit_id = store_col_int(st, first + 5);
    u->disabled = (int)store_col_int(st, first + 6);
}

int store_user_add(store_conn *c, const struct user *actor, const char *name,
                   const char *display_name, const char *role, const char *password_hash,
                   int64_t *id_out) {
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    char now[21];
    clock_iso_utc(clock_now(), now);
    store_stmt *st = store_prepare(c, "INSERT INTO users(name, display_name, role, password_hash, "
                                      "created_at) VALUES ($1,$2,$3,$4,$5) RETURNING id");
    if (!st) goto fail;
    store_bind_text(st, 1, name);
    store_bind_text(st, 2, display_name);
    store_bind_text(st, 3, role);
    store_bind_text(st, 4, password_hash);
    store_bind_text(st, 5, now);
    rc = store_step(st);
    int64_t id = rc == STORE_ROW ? store_col_int(st, 0) : 0;
    store_done(st);
    if (rc != STORE_ROW) goto fail;
    char detail[256];
    snprintf(detail, sizeof detail, "{\"role\":\"%s\"}", role); /* role is from a fixed set */
    rc = store_audit_append(c, actor, "user.create", "user", id, detail, NULL);
    if (rc != STORE_OK) goto fail;
    rc = store_commit(c);
    if (rc == STORE_OK && id_out) *id_out = id;
    return rc;
fail:
    store_rollback(c);
    return rc < 0 ? rc : STORE_ERROR;
}

int store_user_by_name(store_conn *c, const char *name, struct user *u, char *hash,
                       size_t hash_cap) {
    static const char sql[] = "SELECT id, name, display_name, role, coalesce(agency_id,0), "
                              "coalesce(unit_id,0), disabled, coalesce(password_hash,'') "
                              "FROM users WHERE name = $1";
    store_stmt *st = store_prepare(c, sql);
    if (!st) return STORE_ERROR;
    store_bind_text(st, 1, name);
    int rc = store_step(st);
    if (rc == STORE_ROW) {
        read_user(st, 0, u);
        if (hash_cap) store_col_copy(st, 7, hash, hash_cap);
    }
    store_done(st);
    return store_one_status(rc);
}

int store_user_by_id(store_conn *c, int64_t id, struct user *u) {
    store_stmt *st = store_prepare(c, "SELECT id, name, display_name, role, coalesce(agency_id,0), "
                                      "coalesce(unit_id,0), disabled FROM users WHERE id = $1");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, id);
    int rc = store_step(st);
    if (rc == STORE_ROW) read_user(st, 0, u);
    store_done(st);
    return store_one_status(rc);
}

int store_user_set_password_hash(store_conn *c, int64_t id, const char *hash) {
    store_stmt *st = store_prepare(c, "UPDATE users SET password_hash = $1 WHERE id = $2");
    if (!st) return STORE_ERROR;
    store_bind_text(st, 1, hash);
    store_bind_int(st, 2, id);
    int rc = store_step(st);
    store_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

int store_user_each(store_conn *c, int (*fn)(void *arg, const struct user *u), void *arg) {
    store_stmt *st = store_prepare(c, "SELECT id, name, display_name, role, coalesce(agency_id,0), "
                                      "coalesce(unit_id,0), disabled FROM users ORDER BY name");
    if (!st) return STORE_ERROR;
    int rc;
    while ((rc = store_step(st)) == STORE_ROW) {
        struct user u;
        read_user(st, 0, &u);
        if (fn(arg, &u)) {
            rc = STORE_DONE;
            break;
        }
    }
    store_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

int store_session_create(store_conn *c, int64_t user_id, const unsigned char *token_hash,
                         const char *csrf, int64_t now, int64_t expires_at, const char *ip,
                         const char *user_agent) {
    store_stmt *st = store_prepare(c, "INSERT INTO sessions(token_hash, user_id, csrf_token, "
                                      "created_at, last_seen, expires_at, ip, user_agent) "
                                      "VALUES ($1,$2,$3,$4,$4,$5,$6,$7)");
    if (!st) return STORE_ERROR;
    store_bind_blob(st, 1, token_hash, TOKEN_HASH_LEN);
    store_bind_int(st, 2, user_id);
    store_bind_text(st, 3, csrf);
    store_bind_int(st, 4, now);
    store_bind_int(st, 5, expires_at);
    store_bind_text(st, 6, ip);
    store_bind_text(st, 7, user_agent);
    int rc = store_step(st);
    store_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

int store_session_lookup(store_conn *c, const unsigned char *token_hash, int64_t now,
                         int64_t idle_secs, struct user *u, char *csrf, size_t csrf_cap) {
    store_stmt *st = store_prepare(c, "SELECT s.id, s.last_seen, s.csrf_token, u.id, u.name, "
                                      "u.display_name, u.role, coalesce(u.agency_id,0), "
                                      "coalesce(u.unit_id,0), u.disabled "
                                      "FROM sessions s JOIN users u ON u.id = s.user_id "
                                      "WHERE s.token_hash = $1 AND s.expires_at > $2 "
                                      "AND s.last_seen > $3 AND u.disabled = 0");
    if (!st) return STORE_ERROR;
    store_bind_blob(st, 1, token_hash, TOKEN_HASH_LEN);
    store_bind_int(st, 2, now);
    store_bind_int(st, 3, now - idle_secs);
    int rc = store_step(st);
    int64_t sid = 0, last_seen = 0;
    if (rc == STORE_ROW) {
        sid = store_col_int(st, 0);
        last_seen = store_col_int(st, 1);
        store_col_copy(st, 2, csrf, csrf_cap);
        read_user(st, 3, u);
    }
    store_done(st);
    if (rc != STORE_ROW) return rc == STORE_DONE ? STORE_ENOTFOUND : rc;
    if (now - last_seen >= 60) {
        st = store_prepare(c, "UPDATE sessions SET last_seen = $1 WHERE id = $2");
        if (st) {
            store_bind_int(st, 1, now);
            store_bind_int(st, 2, sid);
            store_step(st); /* best effort: a failed touch only shortens the session */
            store_done(st);
        }
    }
    return STORE_OK;
}

int store_session_delete(store_conn *c, const unsigned char *token_hash) {
    store_stmt *st = store_prepare(c, "DELETE FROM sessions WHERE token_hash = $1");
    if (!st) return STORE_ERROR;
    store_bind_blob(st, 1, token_hash, TOKEN_HASH_LEN);
    int rc = store_step(st);
    store_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

int store_session_purge_expired(store_conn *c, int64_t now, int64_t idle_secs) {
    store_stmt *st =
        store_prepare(c, "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen <= $2");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, now);
    store_bind_int(st, 2, now - idle_secs);
    int rc = store_step(st);
    store_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

int store_token_create(store_conn *c, int64_t user_id, const unsigned char *token_hash,
                       const char *label) {
    char now[21];
    clock_iso_utc(clock_now(), now);
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(c, "INSERT INTO api_tokens(token_hash, user_id, label, "
                                      "created_at) VALUES ($1,$2,$3,$4) RETURNING id");
    if (!st) {
        store_rollback(c);
        return STORE_ERROR;
    }
    store_bind_blob(st, 1, token_hash, TOKEN_HASH_LEN);
    store_bind_int(st, 2, user_id);
    store_bind_text(st, 3, label);
    store_bind_text(st, 4, now);
    rc = store_step(st);
    int64_t id = rc == STORE_ROW ? store_col_int(st, 0) : 0;
    store_done(st);
    if (rc == STORE_ROW) {
        struct user owner;
        rc = store_user_by_id(c, user_id, &owner);
        if (rc == STORE_OK)
            rc = store_audit_append(c, &owner, "token.create", "api_token", id, "{}", NULL);
    }
    if (rc != STORE_OK) {
        store_rollback(c);
        return rc < 0 ? rc : STORE_ERROR;
    }
    return store_commit(c);
}

int store_token_lookup(store_conn *c, const unsigned char *token_hash, struct user *u) {
    store_stmt *st = store_prepare(c, "SELECT u.id, u.name, u.display_name, u.role, "
                                      "coalesce(u.agency_id,0), coalesce(u.unit_id,0), u.disabled "
                                      "FROM api_tokens t JOIN users u ON u.id = t.user_id "
                                      "WHERE t.token_hash = $1 AND t.revoked = 0 AND u.disabled = 0");
    if (!st) return STORE_ERROR;
    store_bind_blob(st, 1, token_hash, TOKEN_HASH_LEN);
    int rc = store_step(st);
    if (rc == STORE_ROW) read_user(st, 0, u);
    store_done(st);
    return store_one_status(rc);
}

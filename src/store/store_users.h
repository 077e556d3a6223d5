/* store_users — users, browser sessions and API tokens.
 *
 * Secrets never reach the database: sessions and tokens are stored as the
 * BLAKE2b-256 hash of the random value the client holds, so a copy of the database
 * cannot be used to sign in. Password hashes are argon2id strings (auth/password). */
#ifndef TASHIL_STORE_USERS_H
#define TASHIL_STORE_USERS_H

#include <stdint.h>

#include "store/store.h"

enum { TOKEN_HASH_LEN = 32 };

struct user {
    int64_t id;
    char name[64];
    char display_name[128];
    char role[16];
    int64_t agency_id; /* 0 when none */
    int64_t unit_id;   /* 0 when none */
    int disabled;
};

/* Audit-logged: writes the user and a 'user.create' event in one transaction. */
int store_user_add(store_conn *c, const struct user *actor, const char *name,
                   const char *display_name, const char *role, const char *password_hash,
                   int64_t *id_out);
/* STORE_OK and fills u (and the hash, when hash_cap > 0), or STORE_ENOTFOUND. */
int store_user_by_name(store_conn *c, const char *name, struct user *u, char *hash,
                       size_t hash_cap);
int store_user_by_id(store_conn *c, int64_t id, struct user *u);
int store_user_set_password_hash(store_conn *c, int64_t id, const char *hash);
/* Calls fn for each user in name order; stops early when fn returns non-zero. */
int store_user_each(store_conn *c, int (*fn)(void *arg, const struct user *u), void *arg);

int store_session_create(store_conn *c, int64_t user_id, const unsigned char *token_hash,
                         const char *csrf, int64_t now, int64_t expires_at, const char *ip,
                         const char *user_agent);
/* Finds a live session: not past its absolute expiry and seen within idle_secs.
 * Touches last_seen (at most once a minute, to spare writes). */
int store_session_lookup(store_conn *c, const unsigned char *token_hash, int64_t now,
                         int64_t idle_secs, struct user *u, char *csrf, size_t csrf_cap);
int store_session_delete(store_conn *c, const unsigned char *token_hash);
int store_session_purge_expired(store_conn *c, int64_t now, int64_t idle_secs);

int store_token_create(store_conn *c, int64_t user_id, const unsigned char *token_hash,
                       const char *label);
int store_token_lookup(store_conn *c, const unsigned char *token_hash, struct user *u);

#endif

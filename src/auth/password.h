/* password — argon2id password hashing through libsodium.
 *
 * Hashes are libsodium's self-describing strings ($argon2id$v=19$m=...), so the
 * cost can be raised later: password_needs_rehash tells the login path to store a
 * fresh hash with the current cost after a successful check (rehash-on-login). */
#ifndef TASHIL_PASSWORD_H
#define TASHIL_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

enum { PASSWORD_HASH_MAX = 128, PASSWORD_MIN_LEN = 8, PASSWORD_MAX_LEN = 1024 };

int password_hash(const char *password, char out[PASSWORD_HASH_MAX]);
bool password_verify(const char *hash, const char *password);
bool password_needs_rehash(const char *hash);
/* A dummy verification with the same cost, so a wrong user name takes as long as a
 * wrong password (no user-name probing by timing). */
void password_burn(const char *password);

/* Lower the cost (tests only; TASHIL_PWHASH_FAST=1 does the same at start-up). */
void password_set_cost(unsigned long long opslimit, size_t memlimit);

#endif

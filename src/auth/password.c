/* password — see password.h. Cost: libsodium's INTERACTIVE limits (2 passes,
 * 64 MiB), about 0.1 s on one core, set once at start-up. */
#include "auth/password.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long g_opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t g_memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

void password_set_cost(unsigned long long opslimit, size_t memlimit) {
    g_opslimit = opslimit;
    g_memlimit = memlimit;
}

int password_hash(const char *password, char out[PASSWORD_HASH_MAX]) {
    _Static_assert(PASSWORD_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer");
    return crypto_pwhash_str_alg(out, password, strlen(password), g_opslimit, g_memlimit,
                                 crypto_pwhash_ALG_ARGON2ID13) == 0 ? 0 : -1;
}

bool password_verify(const char *hash, const char *password) {
    if (!hash || !*hash) return false;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

bool password_needs_rehash(const char *hash) {
    return crypto_pwhash_str_needs_rehash(hash, g_opslimit, g_memlimit) != 0;
}

void password_burn(const char *password) {
    char out[PASSWORD_HASH_MAX];
    password_hash(password, out);
}

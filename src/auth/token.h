/* token — random bearer secrets (session cookies, API tokens, CSRF tokens).
 *
 * A token is 32 random bytes in unpadded base64url (43 characters). The server
 * keeps only its BLAKE2b-256 hash; comparisons of client-supplied secrets are
 * constant-time. */
#ifndef TASHIL_TOKEN_H
#define TASHIL_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

enum { TOKEN_TEXT_LEN = 43, TOKEN_TEXT_SIZE = 44 };

void token_new(char out[TOKEN_TEXT_SIZE]);
/* Hash of a token text; false when the text is not a well-formed token. */
bool token_hash(const char *text, unsigned char out[32]);
bool token_equal(const char *a, const char *b); /* constant-time for equal lengths */

#endif

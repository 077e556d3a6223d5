/* cli_util — what the subcommands share: reading --db (or TASHIL_DB), a password
 * from standard input, and one-time runtime set-up (libsodium, FTS hooks). */
#ifndef TASHIL_CLI_UTIL_H
#define TASHIL_CLI_UTIL_H

#include <stddef.h>

/* The value of --db PATH / --db=PATH, else TASHIL_DB, else NULL. */
const char *cli_db_path(int argc, char **argv);
/* The value of an option (--name VALUE or --name=VALUE), or NULL. */
const char *cli_option(int argc, char **argv, const char *name);
int cli_has_flag(int argc, char **argv, const char *name);
/* Reads one line (without the newline) from stdin; -1 when empty or too long. */
int cli_read_password(char *out, size_t cap);
/* libsodium and the store's connection hooks; 0 on success. */
int cli_init_runtime(void);
/* Initialises the runtime and opens the store at db with flags (store.h); on
 * failure prints "tashil CMD: reason" and returns 1 (2 when db is NULL). */
struct store;
int cli_open_store(const char *cmd, const char *db, int flags, struct store **out);

#endif

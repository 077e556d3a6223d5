/* cli_util — see cli_util.h. */
#include "cli/cli_util.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"


const char *cli_option(int argc, char **argv, const char *name) {
    size_t n = strlen(name);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--")) break;
        if (!strcmp(argv[i], name) && i + 1 < argc) return argv[i + 1];
        if (!strncmp(argv[i], name, n) && argv[i][n] == '=') return argv[i] + n + 1;
    }
    return NULL;
}

int cli_has_flag(int argc, char **argv, const char *name) {
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], name)) return 1;
    return 0;
}

const char *cli_db_path(int argc, char **argv) {
    const char *db = cli_option(argc, argv, "--db");
    if (!db || !*db) db = getenv("TASHIL_DB");
    return db && *db ? db : NULL;
}

int cli_read_password(char *out, size_t cap) {
    if (!fgets(out, (int)cap, stdin)) return -1;
    size_t n = strlen(out);
    if (n && out[n - 1] == '\n') out[--n] = 0;
    else if (n == cap - 1) return -1; /* longer than the buffer */
    if (n && out[n - 1] == '\r') out[--n] = 0;
    return n ? 0 : -1;
}

int cli_init_runtime(void) {
    if (sodium_init() < 0) {
        fprintf(stderr, "tashil: libsodium failed to initialise\n");
        return -1;
    }
    return 0;
}

int cli_open_store(const char *cmd, const char *db, int flags, store **out) {
    *out = NULL;
    if (!db) {
        fprintf(stderr, "tashil %s: no database: give --db PATH or set TASHIL_DB\n", cmd);
        return 2;
    }
    if (cli_init_runtime() != 0) return 1;
    struct store_error err;
    if (store_open(db, flags, out, &err) != STORE_OK) {
        fprintf(stderr, "tashil %s: %s\n", cmd, err.message);
        return 1;
    }
    return 0;
}

/* cmd_user — `tashil user add` and `tashil token create`: bootstrap accounts and
 * API tokens from the command line (the audit log names the actor "system"). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "auth/password.h"
#include "auth/roles.h"
#include "auth/token.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "store/store.h"
#include "store/store_import.h"
#include "store/store_registry.h"
#include "store/store_users.h"

static const char user_usage[] =
    "usage: tashil user add --db PATH --role ROLE --name NAME [--display-name TEXT]\n"
    "                       [--agency NAME] [--password-stdin]\n"
    "Adds a user. ROLE is one of admin, secretariat, member, agency, producer.\n"
    "With --password-stdin the password is read from the first line of standard\n"
    "input (at least 8 characters); otherwise a random one is made and printed once.\n"
    "--agency links an agency liaison (role agency) to the agency of that name.\n";

struct agency_by_name {
    const char *name;
    int64_t id;
};
static int match_agency(void *arg, const struct agency *a) {
    struct agency_by_name *m = arg;
    if (strcmp(a->name, m->name) != 0) return 0;
    m->id = a->id;
    return 1;
}

static int open_store(const char *cmd, int argc, char **argv, store **s) {
    return cli_open_store(cmd, cli_db_path(argc, argv), STORE_MIGRATE, s);
}

static bool valid_login_name(const char *name) {
    size_t n = strlen(name);
    if (n < 2 || n > 63) return false;
    for (const char *p = name; *p; p++) {
        char c = *p;
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == '_'))
            return false;
    }
    return true;
}

int cmd_user(int argc, char **argv) {
    if (cli_wants_help(argc, argv) || argc < 2) {
        fputs(user_usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "add") != 0) {
        fprintf(stderr, "tashil user: unknown action '%s'\n\n%s", argv[1], user_usage);
        return 2;
    }
    const char *role = cli_option(argc, argv, "--role");
    const char *name = cli_option(argc, argv, "--name");
    const char *display = cli_option(argc, argv, "--display-name");
    if (!role || !role_from_name(role)) {
        fprintf(stderr, "tashil user add: --role must be one of admin, secretariat, member, "
                        "agency, producer\n");
        return 2;
    }
    if (!name || !valid_login_name(name)) {
        fprintf(stderr, "tashil user add: --name must be 2-63 characters of a-z, 0-9, '.', '-', "
                        "'_'\n");
        return 2;
    }
    char password[PASSWORD_MAX_LEN + 2];
    bool generated = !cli_has_flag(argc, argv, "--password-stdin");
    if (generated) {
        token_new(password);
        password[20] = 0;
    } else if (cli_read_password(password, sizeof password) != 0 ||
               strlen(password) < PASSWORD_MIN_LEN) {
        fprintf(stderr, "tashil user add: the password on standard input must be one line of "
                        "%d to %d characters\n", PASSWORD_MIN_LEN, PASSWORD_MAX_LEN);
        return 2;
    }
    store *s;
    int rc = open_store("user add", argc, argv, &s);
    if (rc) return rc;
    char hash[PASSWORD_HASH_MAX];
    if (password_hash(password, hash) != 0) {
        fprintf(stderr, "tashil user add: cannot hash the password (out of memory?)\n");
        store_close(s);
        return 1;
    }
    store_conn *c = store_thread_conn(s);
    int64_t id = 0;
    const char *agency = cli_option(argc, argv, "--agency");
    struct agency_by_name ag = {agency, 0};
    if (agency && c) store_agency_each(c, match_agency, &ag);
    if (agency && !ag.id) {
        fprintf(stderr, "tashil user add: no agency named '%s'\n", agency);
        sodium_memzero(password, sizeof password);
        store_close(s);
        return 1;
    }
    rc = c ? store_begin(c) : STORE_ERROR;
    if (rc == STORE_OK) rc = store_user_add(c, NULL, name, display ? display : name, role, hash, &id);
    if (rc == STORE_OK && ag.id) rc = store_user_set_agency(c, NULL, id, ag.id);
    if (rc == STORE_OK) rc = store_commit(c);
    else if (c) store_rollback(c);
    if (rc == STORE_ECONSTRAINT) fprintf(stderr, "tashil user add: user '%s' exists\n", name);
    else if (rc != STORE_OK) fprintf(stderr, "tashil user add: %s\n", c ? store_errmsg(c) : "no db");
    else {
        printf("user %s (id %lld, role %s) added\n", name, (long long)id, role);
        if (generated) printf("password: %s\n", password);
    }
    sodium_memzero(password, sizeof password);
    store_close(s);
    return rc == STORE_OK ? 0 : 1;
}

static const char token_usage[] =
    "usage: tashil token create --db PATH --user NAME [--label TEXT]\n"
    "Creates an API token for NAME and prints it once; send it as\n"
    "`Authorization: Bearer TOKEN`. Only its hash is stored.\n";

int cmd_token(int argc, char **argv) {
    if (cli_wants_help(argc, argv) || argc < 2) {
        fputs(token_usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "create") != 0) {
        fprintf(stderr, "tashil token: unknown action '%s'\n\n%s", argv[1], token_usage);
        return 2;
    }
    const char *name = cli_option(argc, argv, "--user");
    const char *label = cli_option(argc, argv, "--label");
    if (!name) {
        fputs(token_usage, stderr);
        return 2;
    }
    store *s;
    int rc = open_store("token create", argc, argv, &s);
    if (rc) return rc;
    store_conn *c = store_thread_conn(s);
    struct user u;
    if (!c || store_user_by_name(c, name, &u, NULL, 0) != STORE_OK) {
        fprintf(stderr, "tashil token create: no user '%s'\n", name);
        store_close(s);
        return 1;
    }
    char token[TOKEN_TEXT_SIZE];
    unsigned char h[32];
    token_new(token);
    token_hash(token, h);
    rc = store_token_create(c, u.id, h, label ? label : "cli");
    if (rc == STORE_OK) puts(token);
    else fprintf(stderr, "tashil token create: %s\n", store_errmsg(c));
    store_close(s);
    return rc == STORE_OK ? 0 : 1;
}

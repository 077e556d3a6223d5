/* cmd_server — `tashil init`, `tashil serve` and `tashil version`.
 *
 * serve: settings from defaults, environment and flags (core/config); the database
 * is checked and migrated before the port opens; SIGINT/SIGTERM stop accepting,
 * let requests in flight finish (up to a grace period), then close the database. */
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "jobs/case_reminder.h"
#include "core/clock.h"
#include "core/config.h"
#include "http/http.h"
#include "store/store.h"
#include "web/app.h"

int cmd_version(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) {
        puts("usage: tashil version\nPrints the program and schema versions.");
        return 0;
    }
    printf("tashil %s (schema %d)\n", TASHIL_VERSION, store_latest_version());
    return 0;
}

int cmd_init(int argc, char **argv) {
    static const char usage[] =
        "usage: tashil init --db PATH\n"
        "Creates the database at PATH, or applies pending migrations to it.\n"
        "A file that is not a Tashil database, or one from a newer Tashil, is refused\n"
        "and left untouched. TASHIL_DB may stand for --db.\n";
    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return 0;
    }
    const char *db = cli_db_path(argc, argv);
    if (!db) {
        fputs(usage, stderr);
        return 2;
    }
    store *s;
    int rc = cli_open_store("init", db, STORE_CREATE | STORE_MIGRATE, &s);
    if (rc) return rc;
    printf("%s: schema version %d\n", db, store_schema_version(s));
    store_close(s);
    return 0;
}

static const char serve_usage[] =
    "usage: tashil serve --db PATH [--listen HOST:PORT] [--threads N] [--body-max BYTES]\n"
    "                    [--behind-tls] [--tile-url URL] [--test-clock-shift-days N]\n"
    "Serves the web application and the API.\n"
    "  --db PATH          the database (TASHIL_DB)\n"
    "  --listen HOST:PORT address to listen on (TASHIL_LISTEN; default 127.0.0.1:8080;\n"
    "                     port 0 picks a free port, printed on stderr)\n"
    "  --threads N        worker threads (TASHIL_THREADS; default 4)\n"
    "  --body-max BYTES   largest request body accepted (TASHIL_BODY_MAX; default 8 MiB)\n"
    "  --behind-tls       a TLS proxy is in front: cookies get Secure, Origin is https\n"
    "  --tile-url URL     map tiles ({z}/{x}/{y}) for the map page (TASHIL_TILE_URL);\n"
    "                     without it the map draws on a plain background\n"
    "  --test-clock-shift-days N  FOR TESTS ONLY: serve as if N days later (or earlier),\n"
    "                     so a test can see deadlines pass; never in production\n"
    "SIGINT or SIGTERM stops accepting, finishes requests in flight, closes the database.\n";

static const char *env_get(const char *name) { return getenv(name); }

int cmd_serve(int argc, char **argv) {
    struct config cfg;
    char err[512];
    config_defaults(&cfg);
    if (config_from_env(&cfg, env_get, err, sizeof err) != 0) {
        fprintf(stderr, "tashil serve: %s\n", err);
        return 2;
    }
    int rc = config_from_args(&cfg, argc, argv, err, sizeof err);
    if (rc == 1) {
        fputs(serve_usage, stdout);
        return 0;
    }
    if (rc != 0) {
        fprintf(stderr, "tashil serve: %s\n\n%s", err, serve_usage);
        return 2;
    }
    if (!cfg.db[0]) {
        fprintf(stderr, "tashil serve: no database: give --db PATH or set TASHIL_DB\n");
        return 2;
    }
    if (cli_init_runtime() != 0) return 1;
    if (cfg.test_clock_shift_days) { /* before any thread reads the clock */
        clock_shift_days(cfg.test_clock_shift_days);
        fprintf(stderr, "tashil: TEST CLOCK: dates are shifted by %d days "
                        "(--test-clock-shift-days); never use this in production\n",
                cfg.test_clock_shift_days);
    }

    /* Block the stop signals in every thread (the pool inherits this mask); the
     * main thread waits for them with sigwait. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct app app = {0};
    app.cfg = cfg;
    struct store_error serr;
    if (store_open(cfg.db, STORE_MIGRATE, &app.db, &serr) != STORE_OK) {
        fprintf(stderr, "tashil serve: %s\n", serr.message);
        return 1;
    }
    app.login_by_ip = throttle_new(20, 15 * 60);
    app.login_by_account = throttle_new(5, 15 * 60);
    char tile_origin[512] = "";
    if (cfg.tile_url[0]) config_url_origin(cfg.tile_url, tile_origin, sizeof tile_origin);
    struct http_app happ = {web_routes, web_nroutes, &app,     web_before,
                            web_after,  web_render_error, tile_origin[0] ? tile_origin : NULL};
    struct http_limits lim = {
        .threads = cfg.threads,
        .body_max = cfg.body_max,
        .conn_memory = 128 * 1024,
        .per_ip_connections = 256,
        .connection_timeout = 30,
        .max_connections = 1024,
    };
    app.server = http_start(cfg.host, cfg.port, &lim, &happ, err, sizeof err);
    if (!app.server) {
        fprintf(stderr, "tashil serve: %s\n", err);
        store_close(app.db);
        return 1;
    }
    /* Due-date reminders: every TASHIL_REMIND_SECS seconds (default five minutes). */
    const char *every = getenv("TASHIL_REMIND_SECS");
    int remind_secs = every && *every ? (int)strtol(every, NULL, 10) : 300;
    case_reminder *reminder = case_reminder_start(app.db, remind_secs);
    fprintf(stderr, "tashil: listening on http://%s:%u (database %s, %u threads)\n", cfg.host,
            http_port(app.server), cfg.db, cfg.threads);

    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "tashil: %s received, finishing requests in flight\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    http_stop(app.server, cfg.shutdown_grace_secs);
    case_reminder_stop(reminder);
    store_close(app.db);
    throttle_free(app.login_by_ip);
    throttle_free(app.login_by_account);
    fprintf(stderr, "tashil: stopped\n");
    return 0;
}

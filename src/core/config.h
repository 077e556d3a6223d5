/* config — the server's settings: defaults, then environment (TASHIL_DB,
 * TASHIL_LISTEN, TASHIL_THREADS, TASHIL_BODY_MAX, TASHIL_TILE_URL), then command-line flags, each
 * overriding the one before. Nothing else in Tashil reads the environment for
 * these. The test clock (--test-clock-shift-days) is a flag only, never read from
 * the environment, so it cannot reach a server by accident. Parsing is strict: a malformed value is an error naming the setting. */
#ifndef TASHIL_CONFIG_H
#define TASHIL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

struct config {
    char db[1024];
    char host[64];
    unsigned short port;
    unsigned threads;
    size_t body_max;
    bool behind_tls;
    int session_idle_secs;
    int session_absolute_secs;
    int shutdown_grace_secs;
    char tile_url[512]; /* map tiles, e.g. https://tiles.example/{z}/{x}/{y}.png; "" = none */
    int test_clock_shift_days; /* tests only: serve as if this many days later (core/clock.h) */
};

void config_defaults(struct config *c);
/* getenv_fn is getenv in the program, a fake in tests. */
int config_from_env(struct config *c, const char *(*getenv_fn)(const char *), char *err,
                    size_t err_cap);
/* Parses `serve` flags (argv[0] is the command name). Returns 0, 1 for --help, or
 * -1 with err set. */
int config_from_args(struct config *c, int argc, char **argv, char *err, size_t err_cap);
/* The origin (scheme://host[:port]) of an http(s) URL into out; -1 when the URL is
 * not http(s). */
int config_url_origin(const char *url, char *out, size_t cap);
/* "127.0.0.1:8080" → host, port. */
int config_parse_listen(const char *s, char *host, size_t host_cap, unsigned short *port);

#endif

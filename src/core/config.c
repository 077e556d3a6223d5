/* config — see config.h. */
#include "core/config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void config_defaults(struct config *c) {
    memset(c, 0, sizeof *c);
    snprintf(c->host, sizeof c->host, "127.0.0.1");
    c->port = 8080;
    c->threads = 4;
    c->body_max = 8u * 1024 * 1024;
    c->session_idle_secs = 2 * 3600;
    c->session_absolute_secs = 12 * 3600;
    c->shutdown_grace_secs = 10;
}

static int parse_uint(const char *s, unsigned long long max, unsigned long long *out) {
    if (!s || !*s) return -1;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9') return -1;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v > max) return -1;
    *out = v;
    return 0;
}

int config_parse_listen(const char *s, char *host, size_t host_cap, unsigned short *port) {
    const char *colon = s ? strrchr(s, ':') : NULL;
    if (!colon || colon == s) return -1;
    size_t hlen = (size_t)(colon - s);
    if (hlen >= host_cap) return -1;
    unsigned long long p;
    if (parse_uint(colon + 1, 65535, &p) != 0) return -1;
    memcpy(host, s, hlen);
    host[hlen] = 0;
    *port = (unsigned short)p;
    return 0;
}

static int set_db(struct config *c, const char *v, char *err, size_t err_cap) {
    if (!v || !*v || strlen(v) >= sizeof c->db) {
        snprintf(err, err_cap, "database path is empty or too long");
        return -1;
    }
    snprintf(c->db, sizeof c->db, "%s", v);
    return 0;
}

static int set_listen(struct config *c, const char *v, char *err, size_t err_cap) {
    if (config_parse_listen(v, c->host, sizeof c->host, &c->port) != 0) {
        snprintf(err, err_cap, "listen address '%s' is not HOST:PORT (e.g. 127.0.0.1:8080)",
                 v ? v : "");
        return -1;
    }
    return 0;
}

static int set_threads(struct config *c, const char *v, char *err, size_t err_cap) {
    unsigned long long n;
    if (parse_uint(v, 256, &n) != 0 || n == 0) {
        snprintf(err, err_cap, "threads must be a number from 1 to 256, not '%s'", v ? v : "");
        return -1;
    }
    c->threads = (unsigned)n;
    return 0;
}

static int set_body_max(struct config *c, const char *v, char *err, size_t err_cap) {
    unsigned long long n;
    if (parse_uint(v, 1ull << 32, &n) != 0 || n < 1024) {
        snprintf(err, err_cap, "body limit must be a byte count of at least 1024, not '%s'",
                 v ? v : "");
        return -1;
    }
    c->body_max = (size_t)n;
    return 0;
}

int config_url_origin(const char *url, char *out, size_t cap) {
    size_t skip = !strncmp(url, "https://", 8) ? 8 : !strncmp(url, "http://", 7) ? 7 : 0;
    if (!skip) return -1;
    size_t host = strcspn(url + skip, "/?#");
    if (host == 0 || skip + host >= cap) return -1;
    for (size_t i = 0; i < skip + host; i++) {
        unsigned char ch = (unsigned char)url[i];
        if (ch <= 0x20 || ch >= 0x7F || ch == '\'' || ch == '"' || ch == ';' || ch == ',')
            return -1;
    }
    memcpy(out, url, skip + host);
    out[skip + host] = 0;
    return 0;
}

static int set_tile_url(struct config *c, const char *v, char *err, size_t err_cap) {
    char origin[512];
    if (!v || strlen(v) >= sizeof c->tile_url || config_url_origin(v, origin, sizeof origin) != 0) {
        snprintf(err, err_cap, "tile URL must be an http(s) URL such as "
                               "https://tiles.example/{z}/{x}/{y}.png");
        return -1;
    }
    snprintf(c->tile_url, sizeof c->tile_url, "%s", v);
    return 0;
}

/* Whole days, -3650..3650 (a decade either way is more than any test needs). */
static int set_clock_shift(struct config *c, const char *v, char *err, size_t err_cap) {
    unsigned long long days;
    bool minus = v && v[0] == '-';
    if (!v || parse_uint(v + minus, 3650, &days) != 0) {
        snprintf(err, err_cap, "--test-clock-shift-days takes whole days from -3650 to 3650");
        return -1;
    }
    c->test_clock_shift_days = minus ? -(int)days : (int)days;
    return 0;
}

int config_from_env(struct config *c, const char *(*getenv_fn)(const char *), char *err,
                    size_t err_cap) {
    const char *v;
    if ((v = getenv_fn("TASHIL_TILE_URL")) && *v && set_tile_url(c, v, err, err_cap)) return -1;
    if ((v = getenv_fn("TASHIL_DB")) && *v && set_db(c, v, err, err_cap)) return -1;
    if ((v = getenv_fn("TASHIL_LISTEN")) && *v && set_listen(c, v, err, err_cap)) return -1;
    if ((v = getenv_fn("TASHIL_THREADS")) && *v && set_threads(c, v, err, err_cap)) return -1;
    if ((v = getenv_fn("TASHIL_BODY_MAX")) && *v && set_body_max(c, v, err, err_cap)) return -1;
    return 0;
}

int config_from_args(struct config *c, int argc, char **argv, char *err, size_t err_cap) {
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) return 1;
        if (!strcmp(a, "--behind-tls")) {
            c->behind_tls = true;
            continue;
        }
        const char *names[] = {"--db",       "--listen",   "--threads",
                               "--body-max", "--tile-url", "--test-clock-shift-days"};
        int which = -1;
        const char *value = NULL;
        for (int k = 0; k < 6; k++) {
            size_t n = strlen(names[k]);
            if (!strncmp(a, names[k], n) && a[n] == '=') {
                which = k;
                value = a + n + 1;
            } else if (!strcmp(a, names[k])) {
                which = k;
                if (i + 1 >= argc) {
                    snprintf(err, err_cap, "%s needs a value", names[k]);
                    return -1;
                }
                value = argv[++i];
            }
            if (which >= 0) break;
        }
        int rc;
        switch (which) {
        case 0: rc = set_db(c, value, err, err_cap); break;
        case 1: rc = set_listen(c, value, err, err_cap); break;
        case 2: rc = set_threads(c, value, err, err_cap); break;
        case 3: rc = set_body_max(c, value, err, err_cap); break;
        case 4: rc = set_tile_url(c, value, err, err_cap); break;
        case 5: rc = set_clock_shift(c, value, err, err_cap); break;
        default:
            snprintf(err, err_cap, "unknown option '%s'", a);
            return -1;
        }
        if (rc) return -1;
    }
    return 0;
}

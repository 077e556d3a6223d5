/* bench_cases — case pages at scale.
 *
 *   bench_cases gen DB N        a new database: the demo registry and N demo cases
 *   bench_cases run DB PORT TOKEN [ITER]
 *                               against `tashil serve` on 127.0.0.1:PORT (the run
 *                               script starts it): p50 / p99 of the HTTP round trip
 *                               on one keep-alive loopback connection for the inbox,
 *                               the case page, a filtered list and a two-word
 *                               search, each beside a bare SQLite primary-key SELECT
 *                               on the same database in the same run.
 *
 * The anchor (SQLite's own cost of reading one case row by id) tells how much of a
 * page's time is the page and how much is the machine. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cli/cli_util.h"
#include "core/buf.h"
#include "core/clock.h"
#include "demo/demo_cases.h"
#include "demo/demo_registry.h"
#include "store/store.h"
#include "store/store_users.h"
#include "view/html.h"

static int gen(const char *path, int n) {
    if (cli_init_runtime() != 0) return 1;
    store *s;
    struct store_error err;
    if (store_open(path, STORE_CREATE | STORE_MIGRATE, &s, &err) != STORE_OK) {
        fprintf(stderr, "bench_cases: %s\n", err.message);
        return 1;
    }
    store_conn *c = store_thread_conn(s);
    store_exec(c, "PRAGMA synchronous=OFF");
    store_exec(c, "PRAGMA cache_size=-1500000");
    store_exec(c, "PRAGMA temp_store=MEMORY");
    struct demo_registry_stats reg;
    int64_t t0 = clock_monotonic_us();
    /* The registry demo links its first liaison to cmd_demo's bank user. */
    int rc = store_user_add(c, NULL, "bank-melli", "مریم احمدی (بانک ملی ایران)", "agency", NULL, NULL);
    if (rc == STORE_OK) rc = store_user_add(c, NULL, "dabir", "زهرا موسوی (دبیرخانه)", "secretariat", NULL, NULL);
    if (rc == STORE_OK) rc = demo_registry(c, 1403, "$argon2id$bench", &reg);
    struct demo_case_stats cs = {0};
    /* In batches, so one transaction never holds the whole million. */
    for (int done = 0; rc == STORE_OK && done < n; done += 50000) {
        struct demo_case_stats part;
        int k = n - done < 50000 ? n - done : 50000;
        rc = demo_cases(c, (uint64_t)done + 1, k, 730, NULL, 0, &part);
        cs.cases += part.cases;
        cs.events += part.events;
        fprintf(stderr, "\r%d cases", cs.cases);
    }
    if (rc == STORE_OK) rc = store_exec(c, "ANALYZE");
    store_close(s);
    fprintf(stderr, "\n");
    if (rc != STORE_OK) {
        fprintf(stderr, "bench_cases: generation failed\n");
        return 1;
    }
    printf("generated %d cases, %d events in %.1f s\n", cs.cases, cs.events,
           (double)(clock_monotonic_us() - t0) / 1e6);
    return 0;
}

static int connect_to(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        perror("connect");
        exit(1);
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

/* One GET on a keep-alive connection; returns the status. */
static int get(int *fd, int port, const char *path, const char *token, buf *resp) {
    char req[4096];
    int n = snprintf(req, sizeof req,
                     "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n\r\n",
                     path, token);
    if (n < 0 || (size_t)n >= sizeof req || write(*fd, req, (size_t)n) != n) return -1;
    buf_clear(resp);
    size_t header_end = 0, content_length = 0;
    char chunk[65536];
    for (;;) {
        ssize_t r = read(*fd, chunk, sizeof chunk);
        if (r <= 0) {
            close(*fd);
            *fd = connect_to(port);
            return -1;
        }
        buf_append(resp, chunk, (size_t)r);
        if (!header_end) {
            char *e = strstr(resp->data, "\r\n\r\n");
            if (!e) continue;
            header_end = (size_t)(e - resp->data) + 4;
            char *cl = strstr(resp->data, "Content-Length:");
            if (!cl) cl = strstr(resp->data, "content-length:");
            content_length = cl ? strtoul(cl + 15, NULL, 10) : 0;
        }
        if (resp->len >= header_end + content_length) break;
    }
    return (int)strtol(resp->data + 9, NULL, 10);
}

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static void report(const char *what, int64_t *us, int n, const char *anchor, int64_t *aus, int an) {
    qsort(us, (size_t)n, sizeof *us, cmp_i64);
    qsort(aus, (size_t)an, sizeof *aus, cmp_i64);
    double p50 = (double)us[n / 2] / 1000.0, p99 = (double)us[n * 99 / 100] / 1000.0;
    double a50 = (double)aus[an / 2] / 1000.0, a99 = (double)aus[an * 99 / 100] / 1000.0;
    printf("%-28s p50 %7.3f ms  p99 %7.3f ms   | %s p50 %6.3f ms p99 %6.3f ms  (x%.0f at p50)\n",
           what, p50, p99, anchor, a50, a99, a50 > 0 ? p50 / a50 : 0.0);
}

static uint64_t rng = 88172645463325252ull;
static uint64_t next_rand(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* The anchor: SELECT * FROM cases WHERE id = ? on random ids, n times. */
static void anchor(sqlite3 *db, int64_t max_id, int64_t *out, int n) {
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "SELECT * FROM cases WHERE id = ?1", -1, &st, NULL);
    for (int i = 0; i < n; i++) {
        int64_t t0 = clock_monotonic_us();
        sqlite3_bind_int64(st, 1, 1 + (int64_t)(next_rand() % (uint64_t)max_id));
        while (sqlite3_step(st) == SQLITE_ROW) {
        }
        sqlite3_reset(st);
        out[i] = clock_monotonic_us() - t0;
    }
    sqlite3_finalize(st);
}

static int bench(const char *path, int port, const char *token, int iter) {
    sqlite3 *db;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) return 1;
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "SELECT max(id) FROM cases", -1, &st, NULL);
    sqlite3_step(st);
    int64_t max_id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    printf("cases: %lld\n", (long long)max_id);
    int fd = connect_to(port);
    buf resp;
    buf_init(&resp, 64u * 1024 * 1024);
    int64_t *us = calloc((size_t)iter, sizeof *us), *aus = calloc((size_t)iter, sizeof *aus);
    static const char *const searches[] = {"استمهال تسهیلات", "آنتن پدر", "جریمه مالیاتی",
                                           "انشعاب گاز", "قطعی برق", "سرمایه گردش",
                                           "حساب مسدود", "پروانه بهره‌برداری"};
    for (int kind = 0; kind < 4; kind++) {
        const char *names[] = {"inbox (secretariat)", "case page", "filtered list", "two-word search"};
        /* warm-up */
        for (int i = 0; i < 20; i++) get(&fd, port, "/cases/inbox", token, &resp);
        int bad = 0;
        for (int i = 0; i < iter; i++) {
            char path_q[1024];
            switch (kind) {
            case 0: snprintf(path_q, sizeof path_q, "/cases/inbox"); break;
            case 1:
                snprintf(path_q, sizeof path_q, "/cases/%llu",
                         (unsigned long long)(1 + next_rand() % (uint64_t)max_id));
                break;
            case 2:
                snprintf(path_q, sizeof path_q, "/cases?state=referred&category_id=%d&page=%d",
                         (int)(1 + next_rand() % 9), (int)(1 + next_rand() % 3));
                break;
            default: {
                buf q;
                buf_init(&q, 1024);
                html_url_component(&q, searches[next_rand() % 8]);
                snprintf(path_q, sizeof path_q, "/cases/search?q=%s", q.data);
                buf_free(&q);
            }
            }
            int64_t t0 = clock_monotonic_us();
            int status = get(&fd, port, path_q, token, &resp);
            us[i] = clock_monotonic_us() - t0;
            if (status != 200) bad++;
        }
        anchor(db, max_id, aus, iter);
        report(names[kind], us, iter, "sqlite pk", aus, iter);
        if (bad) printf("  (%d responses were not 200)\n", bad);
    }
    free(us);
    free(aus);
    buf_free(&resp);
    close(fd);
    sqlite3_close(db);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 4 && !strcmp(argv[1], "gen")) return gen(argv[2], (int)strtol(argv[3], NULL, 10));
    if (argc >= 5 && !strcmp(argv[1], "run"))
        return bench(argv[2], (int)strtol(argv[3], NULL, 10), argv[4],
                     argc > 5 ? (int)strtol(argv[5], NULL, 10) : 500);
    fprintf(stderr, "usage: bench_cases gen DB N | bench_cases run DB PORT TOKEN [ITER]\n");
    return 2;
}

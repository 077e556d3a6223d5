/* Unit tests for core/csv (the RFC 4180 reader) and geo/geo_csv (points from CSV),
 * mostly with hostile input: broken quotes, NUL bytes, huge fields, bad numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/csv.h"
#include "geo/geo_csv.h"

/* Reads all of s (len bytes) and renders records as "a|b|c\n"; returns the final
 * csv_next code (0 or an error) and the error line. */
static int render(const char *s, size_t len, const csv_limits *lim, int use_file, char *out,
                  size_t outlen, unsigned long *err_line) {
    csv_reader r;
    FILE *f = NULL;
    if (use_file) {
        f = fmemopen((void *)s, len, "rb");
        assert_non_null(f);
        csv_init_file(&r, f, lim);
    } else {
        csv_init_mem(&r, s, len, lim);
    }
    size_t o = 0;
    const csv_field *fl;
    size_t nf;
    int rc;
    out[0] = 0;
    while ((rc = csv_next(&r, &fl, &nf)) == 1) {
        for (size_t i = 0; i < nf; i++) {
            assert_int_equal(strlen(fl[i].s), fl[i].len);
            int n = snprintf(out + o, outlen - o, "%s%s", i ? "|" : "", fl[i].s);
            assert_true(n >= 0 && (size_t)n < outlen - o);
            o += (size_t)n;
        }
        int n = snprintf(out + o, outlen - o, "@%lu\n", csv_record_line(&r));
        assert_true(n >= 0 && (size_t)n < outlen - o);
        o += (size_t)n;
    }
    if (err_line) *err_line = rc < 0 ? csv_error_line(&r) : 0;
    if (rc < 0) assert_int_equal(csv_next(&r, &fl, &nf), rc); /* latched */
    csv_free(&r);
    if (f) fclose(f);
    return rc;
}

static void expect(const char *in, size_t len, int want_rc, unsigned long want_line,
                   const char *want) {
    char out[4096];
    for (int file = 0; file < 2; file++) {
        unsigned long line;
        int rc = render(in, len, NULL, file, out, sizeof out, &line);
        if (rc != want_rc) fail_msg("input %.40s: rc %d, want %d", in, rc, want_rc);
        if (want_rc < 0) assert_int_equal(line, want_line);
        if (want) assert_string_equal(out, want);
    }
}
#define EXPECT(lit, rc, line, want) expect(lit, sizeof(lit) - 1, rc, line, want)

static void csv_reads_rfc4180(void **state) {
    (void)state;
    EXPECT("a,b,c\n1,2,3\n", 0, 0, "a|b|c@1\n1|2|3@2\n");
    EXPECT("a,b\r\n1,2", 0, 0, "a|b@1\n1|2@2\n");            /* CRLF, no final break */
    EXPECT("\"x,y\",\"he said \"\"hi\"\"\",\n", 0, 0, "x,y|he said \"hi\"|@1\n");
    EXPECT("\"two\nlines\",z\nnext,1\n", 0, 0, "two\nlines|z@1\nnext|1@3\n");
    EXPECT("\"crlf\r\ninside\"\r\nb\r\n", 0, 0, "crlf\r\ninside@1\nb@3\n");
    EXPECT(",,\n\n\"\"\n", 0, 0, "||@1\n@2\n@3\n");           /* empty fields, blank line */
    EXPECT("\xEF\xBB\xBFid,lat\n", 0, 0, "id|lat@1\n");        /* BOM skipped */
    EXPECT("\xEF\xBB\xBCx\n", 0, 0, "\xEF\xBB\xBCx@1\n");      /* not a BOM: kept */
    EXPECT("\xEF\xBB", 0, 0, "\xEF\xBB@1\n");
    EXPECT("", 0, 0, "");
    EXPECT("\n", 0, 0, "@1\n");
    EXPECT("\xD8\xA2\xD8\xB1\xDB\x8C,\xDB\xB3\xDB\xB5\n", 0, 0, "\xD8\xA2\xD8\xB1\xDB\x8C|\xDB\xB3\xDB\xB5@1\n");
}

static void csv_refuses_hostile_input(void **state) {
    (void)state;
    EXPECT("a,b\n\"open,\nstill\nopen", CSV_ESYNTAX, 2, NULL);  /* unterminated: opening line */
    EXPECT("a\"b\n", CSV_ESYNTAX, 1, NULL);                      /* quote in unquoted field */
    EXPECT("x\n\"a\"b\n", CSV_ESYNTAX, 2, NULL);                 /* text after closing quote */
    EXPECT("x\ny\rz\n", CSV_ESYNTAX, 2, NULL);                   /* bare CR */
    EXPECT("x\ny\r", CSV_ESYNTAX, 2, NULL);
    EXPECT("ok\nnul\0here\n", CSV_ESYNTAX, 2, NULL);             /* embedded NUL */
    EXPECT("ok\n\"nul\0inside\"\n", CSV_ESYNTAX, 2, NULL);
    EXPECT("\"", CSV_ESYNTAX, 1, NULL);
    EXPECT("\"\"\"", CSV_ESYNTAX, 1, NULL);
}

static void csv_caps_sizes(void **state) {
    (void)state;
    size_t big = 200 * 1024;
    char *s = malloc(big + 16);
    char out[64];
    unsigned long line;
    /* a huge field over the default 64 KiB cap, in both modes, quoted or not */
    memset(s, 'x', big);
    memcpy(s, "a\n", 2);
    for (int file = 0; file < 2; file++) {
        assert_int_equal(render(s, big, NULL, file, out, sizeof out, &line), CSV_ELIMIT);
        assert_int_equal(line, 2);
        s[2] = '"';
        assert_int_equal(render(s, big, NULL, file, out, sizeof out, &line), CSV_ELIMIT);
        s[2] = 'x';
    }
    /* just under the cap is fine */
    csv_limits lim = {1000, 5000, 8};
    memset(s, 'y', 1000);
    s[1000] = '\n';
    csv_reader r;
    const csv_field *f;
    size_t nf;
    csv_init_mem(&r, s, 1001, &lim);
    assert_int_equal(csv_next(&r, &f, &nf), 1);
    assert_int_equal(f[0].len, 1000);
    csv_free(&r);
    s[1000] = 'y';
    csv_init_mem(&r, s, 1001, &lim);
    assert_int_equal(csv_next(&r, &f, &nf), CSV_ELIMIT);
    csv_free(&r);
    /* too many fields, too long a record */
    const char *many = "1,2,3,4,5,6,7,8,9\n";
    csv_init_mem(&r, many, strlen(many), &lim);
    assert_int_equal(csv_next(&r, &f, &nf), CSV_ELIMIT);
    csv_free(&r);
    memset(s, 'z', 6000);
    for (int i = 1; i < 7; i++) s[i * 900] = ',';
    csv_init_mem(&r, s, 6000, &lim);
    assert_int_equal(csv_next(&r, &f, &nf), CSV_ELIMIT);
    assert_non_null(strstr(csv_error(&r), "record"));
    csv_free(&r);
    free(s);
}

/* Reading through a FILE in 64 KiB chunks gives exactly what reading memory gives,
 * with quotes, CRLFs and errors falling across chunk boundaries. */
static void csv_file_and_memory_agree(void **state) {
    (void)state;
    const char alphabet[] = "ab,,\"\"\n\r\n\r";
    uint64_t g = 0x9E3779B97F4A7C15ull;
    size_t n = 300 * 1024;
    char *s = malloc(n);
    size_t outlen = 8 << 20;
    char *o1 = malloc(outlen), *o2 = malloc(outlen);
    csv_limits lim = {1 << 20, 1 << 20, 1 << 16};
    for (int round = 0; round < 6; round++) {
        for (size_t i = 0; i < n; i++) {
            g ^= g << 13, g ^= g >> 7, g ^= g << 17;
            /* mostly well-formed: letters, commas, line breaks, quoted runs */
            s[i] = round < 3 ? alphabet[g % 6 == 5 ? 6 + (g >> 8) % 2 : g % 5 == 4 ? 2 : (g >> 5) % 2]
                             : alphabet[g % (sizeof alphabet - 1)];
        }
        unsigned long l1, l2;
        int r1 = render(s, n, &lim, 0, o1, outlen, &l1);
        int r2 = render(s, n, &lim, 1, o2, outlen, &l2);
        assert_int_equal(r1, r2);
        assert_int_equal(l1, l2);
        assert_string_equal(o1, o2);
    }
    /* a long well-formed file with quoted fields straddling chunk ends */
    size_t o = 0;
    for (int i = 0; o + 64 < n; i++) o += (size_t)snprintf(s + o, n - o, "%d,\"q,%d\"\"\n\",x\r\n", i, i);
    unsigned long l1, l2;
    assert_int_equal(render(s, o, NULL, 0, o1, outlen, &l1), 0);
    assert_int_equal(render(s, o, NULL, 1, o2, outlen, &l2), 0);
    assert_string_equal(o1, o2);
    free(s);
    free(o1);
    free(o2);
}

/* --- geo_csv --------------------------------------------------------------------- */

static int read_points(const char *s, geo_points *p, char *err, size_t errlen) {
    csv_reader r;
    csv_init_mem(&r, s, strlen(s), NULL);
    geo_points_init(p);
    int rc = geo_points_read_csv(&r, p, 1000, err, errlen);
    csv_free(&r);
    return rc;
}

static void points_ok(const char *s, size_t n) {
    geo_points p;
    char err[256] = "";
    int rc = read_points(s, &p, err, sizeof err);
    if (rc != 0) fail_msg("%s -> %s", s, err);
    assert_int_equal(p.n, n);
    geo_points_free(&p);
}

static void points_bad(const char *s, const char *want_in_err) {
    geo_points p;
    char err[256] = "";
    int rc = read_points(s, &p, err, sizeof err);
    if (rc == 0) fail_msg("accepted: %s", s);
    if (!strstr(err, want_in_err)) fail_msg("input %s: error '%s' lacks '%s'", s, err, want_in_err);
    geo_points_free(&p);
}

static void points_read_any_column_order(void **state) {
    (void)state;
    geo_points p;
    char err[256];
    assert_int_equal(read_points("\xEF\xBB\xBFname, LON ,Lat,ID\r\n"
                                 "\"a, b\",51.4,35.7,u1\r\n"
                                 "\r\n"
                                 "c,-180,-90,\"u\"\"2\"\r\n"
                                 "d, 180 ,+90.000,u3\r\n"
                                 "e,1e-999,-0,u4",
                                 &p, err, sizeof err),
                     0);
    assert_int_equal(p.n, 4);
    assert_true(p.lat[0] == 35.7 && p.lon[0] == 51.4);
    assert_string_equal(geo_points_id(&p, 0), "u1");
    assert_string_equal(geo_points_id(&p, 1), "u\"2");
    assert_true(p.lat[1] == -90 && p.lon[1] == -180);
    assert_true(p.lat[2] == 90 && p.lon[2] == 180);
    assert_true(p.lon[3] == 0 && p.lat[3] == 0);
    geo_points_free(&p);
    points_ok("id,lat,lon\n", 0); /* header only: no points, not an error here */
    points_ok("id,lat,lon\n1,.5,5.\n2,-0.5e1,1E+2\n", 2);
}

static void points_refuse_bad_input(void **state) {
    (void)state;
    points_bad("", "empty input");
    points_bad("id,lat\n1,2\n", "no 'lon' column");
    points_bad("id,lat,lon,lat\n", "appears twice");
    points_bad("id,lat,lon\n1,2,3\n2,3\n", "line 3: 2 fields, but the header has 3");
    points_bad("id,lat,lon\n1,2,3,4\n", "line 2: 4 fields");
    points_bad("id,lat,lon\n1,91,0\n", "line 2: lat '91' is out of range");
    points_bad("id,lat,lon\n1,-90.0000001,0\n", "out of range");
    points_bad("id,lat,lon\n1,0,180.5\n", "line 2: lon '180.5' is out of range");
    points_bad("id,lat,lon\n1,NaN,0\n", "line 2: lat 'NaN' is not a number");
    points_bad("id,lat,lon\n1,0,inf\n", "lon 'inf' is not a number");
    points_bad("id,lat,lon\n1,0,-infinity\n", "not a number");
    points_bad("id,lat,lon\n1,1e999,0\n", "lat '1e999' is out of range");
    points_bad("id,lat,lon\n1,0x10,0\n", "not a number");
    points_bad("id,lat,lon\n1,,0\n", "not a number");
    points_bad("id,lat,lon\n1,  ,0\n", "not a number");
    points_bad("id,lat,lon\n1,3 5,0\n", "not a number");
    points_bad("id,lat,lon\n1,35,51,\n", "4 fields");
    points_bad("id,lat,lon\n1,1.2.3,0\n", "not a number");
    points_bad("id,lat,lon\n1,e5,0\n", "not a number");
    points_bad("id,lat,lon\n1,5e,0\n", "not a number");
    points_bad("id,lat,lon\n1,\xDB\xB3\xDB\xB5,0\n", "not a number");  /* Persian digits */
    points_bad("id,lat,lon\n1,35\n,0\n", "line 2");
    points_bad("id,lat,lon\n,35,51\n", "line 2: empty id");
    points_bad("id,lat,lon\n1,2,3\n2,\"4,5\n", "line 3: quoted field not closed");
    points_bad("id,lat,lon\n1,\"3\x01\",5\n", "lat '3?' is not a number"); /* shown safely */
    /* a lat of 60 KiB of digits: refused, and the message stays short */
    size_t big = 60000;
    char *s = malloc(big + 64);
    memcpy(s, "id,lat,lon\n1,", 13);
    memset(s + 13, '7', big);
    memcpy(s + 13 + big, ",5\n", 4);
    geo_points p;
    char err[256];
    assert_int_not_equal(read_points(s, &p, err, sizeof err), 0);
    assert_true(strlen(err) < 120);
    geo_points_free(&p);
    free(s);
    /* the cap on points */
    csv_reader r;
    const char *three = "id,lat,lon\n1,0,0\n2,0,0\n3,0,0\n";
    csv_init_mem(&r, three, strlen(three), NULL);
    geo_points_init(&p);
    assert_int_not_equal(geo_points_read_csv(&r, &p, 2, err, sizeof err), 0);
    assert_non_null(strstr(err, "line 4: more than 2 points"));
    geo_points_free(&p);
    csv_free(&r);
}

static void coord_parser_is_strict(void **state) {
    (void)state;
    double v;
    assert_int_equal(geo_parse_coord("12.5", 4, -90, 90, &v), 0);
    assert_true(v == 12.5);
    assert_int_equal(geo_parse_coord(" -0.25e2\t", 9, -90, 90, &v), 0);
    assert_true(v == -25);
    assert_int_equal(geo_parse_coord("90", 2, -90, 90, &v), 0);
    assert_int_equal(geo_parse_coord("90.0000000001", 13, -90, 90, &v), -2);
    assert_int_equal(geo_parse_coord("nan", 3, -90, 90, &v), -1);
    assert_int_equal(geo_parse_coord("-", 1, -90, 90, &v), -1);
    assert_int_equal(geo_parse_coord(".", 1, -90, 90, &v), -1);
    assert_int_equal(geo_parse_coord("+.e1", 4, -90, 90, &v), -1);
    assert_int_equal(geo_parse_coord("1e-400", 6, -90, 90, &v), 0); /* underflow: ~0 */
    assert_int_equal(geo_parse_coord("-1e400", 6, -90, 90, &v), -2);
    assert_int_equal(geo_parse_coord("12", 1, -90, 90, &v), 0);      /* only len bytes */
    assert_true(v == 1);
}

/* The fast path gives strtod's result bit for bit on random decimal numbers. */
static void coord_parser_matches_strtod(void **state) {
    (void)state;
    uint64_t g = 0x2545F4914F6CDD1Dull;
    char buf[80];
    for (int k = 0; k < 200000; k++) {
        g ^= g << 13, g ^= g >> 7, g ^= g << 17;
        int ip = (int)(g % 200), nfrac = (int)((g >> 8) % 22), e = (int)((g >> 16) % 9) - 4;
        size_t o = (size_t)snprintf(buf, sizeof buf, "%s%d.", (g >> 30) & 1 ? "-" : "", ip);
        uint64_t h = g;
        for (int i = 0; i < nfrac; i++) {
            h = h * 6364136223846793005ull + 1442695040888963407ull;
            buf[o++] = (char)('0' + (h >> 60) % 10);
        }
        if ((g >> 40) & 1) o += (size_t)snprintf(buf + o, sizeof buf - o, "e%d", e);
        buf[o] = 0;
        double want = strtod(buf, NULL), got = 0;
        assert_int_equal(geo_parse_coord(buf, o, -1e300, 1e300, &got), 0);
        if (memcmp(&got, &want, sizeof got) != 0) fail_msg("%s: %.17g != strtod %.17g", buf, got, want);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_reads_rfc4180),
        cmocka_unit_test(csv_refuses_hostile_input),
        cmocka_unit_test(csv_caps_sizes),
        cmocka_unit_test(csv_file_and_memory_agree),
        cmocka_unit_test(points_read_any_column_order),
        cmocka_unit_test(points_refuse_bad_input),
        cmocka_unit_test(coord_parser_is_strict),
        cmocka_unit_test(coord_parser_matches_strtod),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* cmd_text — the `tashil text`, `tashil date` and `tashil id` commands: thin line
 * tools over the Persian text core (src/text/), with fixed output formats that other
 * programs and tests rely on (see each usage text). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/buf.h"
#include "text/fa_date.h"
#include "text/fa_id.h"
#include "text/fa_key.h"

#define LINE_MAX_KEY (64u << 20) /* a key never exceeds this; longer lines fail */

static void text_usage(FILE *out) {
    fputs("usage: tashil text normalize < lines\n\n"
          "Reads UTF-8 lines on stdin and prints the Persian search key of each line\n"
          "on stdout, one per line in the same order (an empty line gives an empty\n"
          "line). Invalid UTF-8 is treated as a separator.\n",
          out);
}

static int text_normalize(void) {
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    buf key;
    buf_init(&key, LINE_MAX_KEY);
    int status = 0;
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        size_t len = (size_t)n;
        if (len && line[len - 1] == '\n') len--;
        buf_clear(&key);
        if (fa_key(line, len, &key)) {
            fputs("tashil text normalize: line too long\n", stderr);
            status = 1;
            buf_clear(&key);
        }
        fwrite(key.data ? key.data : "", 1, key.len, stdout);
        putchar('\n');
    }
    free(line);
    buf_free(&key);
    if (fflush(stdout) || ferror(stdout)) return 1;
    return status;
}

int cmd_text(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) {
        text_usage(stdout);
        return 0;
    }
    if (argc == 2 && !strcmp(argv[1], "normalize")) return text_normalize();
    text_usage(stderr);
    return 2;
}

/* Calls fn on each line of stdin (without its line ending); returns the OR of the
 * results. */
static int each_stdin_line(int (*fn)(const char *line, size_t len, void *ctx), void *ctx) {
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int failed = 0;
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
        failed |= fn(line, len, ctx);
    }
    free(line);
    return failed;
}

/* ---- tashil date ----------------------------------------------------------------- */
static void date_usage(FILE *out) {
    fputs("usage: tashil date jalali [--persian] [YYYY-MM-DD ...]\n"
          "       tashil date gregorian [--persian] [Y-M-D | Y/M/D ...]\n\n"
          "jalali: prints the Jalali (Solar Hijri) date of each Gregorian date.\n"
          "gregorian: prints the Gregorian date of each Jalali date.\n"
          "Dates may use Persian, Arabic-Indic or ASCII digits and / - or . between\n"
          "the fields. Without dates, reads one date per line from stdin. Each answer\n"
          "is one line, YYYY-MM-DD in ASCII digits, or `error: <reason>` (English;\n"
          "Persian with --persian). Exit status: 0 if every date converted, 1 if any\n"
          "failed, 2 on a usage error.\n",
          out);
}

/* Converts one date; prints its line; returns 0 or 1. */
static int date_one(const char *s, size_t n, int to_jalali, int persian) {
    fa_err err = {"تاریخ نادرست است", "invalid date"};
    int y, m, d, oy, om, od, rc;
    if (to_jalali) {
        rc = fa_gregorian_parse(s, n, &y, &m, &d, &err);
        if (!rc && fa_gregorian_to_jalali(y, m, d, &oy, &om, &od))
            rc = fa_fail(&err, "تبدیل تاریخ ممکن نشد", "date conversion failed");
    } else {
        rc = fa_jalali_parse_to_gregorian(s, n, &oy, &om, &od, &err);
    }
    if (rc) {
        printf("error: %s\n", persian ? err.fa : err.en);
        return 1;
    }
    printf("%04d-%02d-%02d\n", oy, om, od);
    return 0;
}

struct date_opts {
    int to_jalali, persian;
};

static int date_line(const char *line, size_t len, void *ctx) {
    const struct date_opts *o = ctx;
    return date_one(line, len, o->to_jalali, o->persian);
}

int cmd_date(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) {
        date_usage(stdout);
        return 0;
    }
    if (argc < 2 || (strcmp(argv[1], "jalali") && strcmp(argv[1], "gregorian"))) {
        date_usage(stderr);
        return 2;
    }
    int to_jalali = !strcmp(argv[1], "jalali"), persian = 0, failed = 0, given = 0;
    int i = 2;
    for (; i < argc && !strcmp(argv[i], "--persian"); i++) persian = 1;
    if (i < argc && !strcmp(argv[i], "--")) i++;
    for (; i < argc; i++, given++) failed |= date_one(argv[i], strlen(argv[i]), to_jalali, persian);
    if (!given) {
        struct date_opts o = {to_jalali, persian};
        failed |= each_stdin_line(date_line, &o);
    }
    if (fflush(stdout) || ferror(stdout)) return 1;
    return failed ? 1 : 0;
}

/* ---- tashil id ------------------------------------------------------------------- */
static void id_usage(FILE *out) {
    fputs("usage: tashil id check [--kind national-code|legal-id|postal-code] [--persian]\n"
          "                       VALUE...\n\n"
          "Checks Iranian identifiers. Persian, Arabic-Indic or ASCII digits are\n"
          "accepted; spaces and dashes are ignored. Without --kind, 10 digits are read\n"
          "as a national code and 11 as a legal national ID. Without values, reads one\n"
          "value per line from stdin. Prints one line per value:\n"
          "  VALUE<TAB>valid<TAB>KIND      or      VALUE<TAB>invalid<TAB>REASON\n"
          "(the reason in English, or Persian with --persian). Exit status: 0 if all\n"
          "values are valid, 1 otherwise, 2 on a usage error.\n",
          out);
}

static int id_one(const char *v, size_t n, enum fa_id_kind kind, int persian) {
    fa_err err = {"نامعتبر", "invalid"};
    enum fa_id_kind found;
    int rc = fa_id_check(v, n, kind, &found, NULL, &err);
    fwrite(v, 1, n, stdout);
    if (rc) {
        printf("\tinvalid\t%s\n", persian ? err.fa : err.en);
        return 1;
    }
    printf("\tvalid\t%s\n", fa_id_kind_name(found));
    return 0;
}

struct id_opts {
    enum fa_id_kind kind;
    int persian;
};

static int id_line(const char *line, size_t len, void *ctx) {
    const struct id_opts *o = ctx;
    return id_one(line, len, o->kind, o->persian);
}

int cmd_id(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) {
        id_usage(stdout);
        return 0;
    }
    if (argc < 2 || strcmp(argv[1], "check")) {
        id_usage(stderr);
        return 2;
    }
    enum fa_id_kind kind = FA_ID_AUTO;
    int persian = 0, i = 2, failed = 0, given = 0;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--persian")) { persian = 1; continue; }
        if (!strcmp(a, "--")) { i++; break; }
        const char *name = NULL;
        if (!strcmp(a, "--kind") && i + 1 < argc) name = argv[++i];
        else if (!strncmp(a, "--kind=", 7)) name = a + 7;
        else if (!strcmp(a, "--kind") || !strncmp(a, "--", 2)) {
            fprintf(stderr, "tashil id: bad option '%s'\n", a);
            id_usage(stderr);
            return 2;
        } else break;
        int k = fa_id_kind_parse(name);
        if (k < 0) {
            fprintf(stderr, "tashil id: unknown kind '%s'\n", name);
            return 2;
        }
        kind = (enum fa_id_kind)k;
    }
    for (; i < argc; i++, given++) failed |= id_one(argv[i], strlen(argv[i]), kind, persian);
    if (!given) {
        struct id_opts o = {kind, persian};
        failed |= each_stdin_line(id_line, &o);
    }
    if (fflush(stdout) || ferror(stdout)) return 1;
    return failed ? 1 : 0;
}

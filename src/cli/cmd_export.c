/* cmd_export — `tashil export units --format csv|xlsx [--out FILE] [--db PATH]
 * [--q TEXT] [--sector S] [--county C] [--zone ID] [--state S]`: the units (all, or
 * those the filters of /units select) as CSV (UTF-8 with BOM) or XLSX. CSV goes to
 * standard output unless --out is given; XLSX needs --out. */
#include <stdio.h>
#include <string.h>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "io/export.h"
#include "store/store.h"

int cmd_export(int argc, char **argv) {
    static const char usage[] =
        "usage: tashil export units --format csv|xlsx [--out FILE] [--db PATH]\n"
        "                           [--q TEXT] [--sector S] [--county C] [--zone ID] [--state S]\n"
        "Writes the units as CSV (UTF-8 with BOM, for Excel) or XLSX; the output imports\n"
        "back with `tashil import units`. CSV goes to standard output without --out.\n";
    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return 0;
    }
    const char *db = cli_db_path(argc, argv), *format = cli_option(argc, argv, "--format");
    const char *out = cli_option(argc, argv, "--out");
    if (!format) format = "csv";
    if (argc < 2 || strcmp(argv[1], "units") || !db ||
        (strcmp(format, "csv") && strcmp(format, "xlsx")) || (!strcmp(format, "xlsx") && !out)) {
        fputs(usage, stderr);
        return 2;
    }
    if (cli_init_runtime() != 0) return 1;
    store *s;
    struct store_error err;
    if (store_open(db, 0, &s, &err) != STORE_OK) {
        fprintf(stderr, "tashil export: %s\n", err.message);
        return 1;
    }
    store_conn *c = store_thread_conn(s);
    buf match;
    buf_init(&match, 1 << 16);
    struct unit_filter f;
    const char *bad = NULL;
    int rc = STORE_ERROR;
    long count = 0;
    if (!c) {
        fprintf(stderr, "tashil export: cannot open %s\n", db);
    } else if (export_filter(c, cli_option(argc, argv, "--q"), cli_option(argc, argv, "--sector"),
                             cli_option(argc, argv, "--county"), cli_option(argc, argv, "--zone"),
                             cli_option(argc, argv, "--state"), &match, &f, &bad) != 0) {
        fprintf(stderr, "tashil export: bad value for --%s\n", bad);
    } else if (!strcmp(format, "xlsx")) {
        rc = export_units_xlsx(c, &f, out, &count);
    } else {
        FILE *fp = out ? fopen(out, "wb") : stdout;
        if (!fp) fprintf(stderr, "tashil export: cannot write %s\n", out);
        else {
            rc = export_units_csv(c, &f, fp, NULL, &count);
            if (fflush(fp) != 0) rc = STORE_ERROR;
            if (out && fclose(fp) != 0) rc = STORE_ERROR;
        }
    }
    buf_free(&match);
    store_close(s);
    if (rc != STORE_OK) {
        fprintf(stderr, "tashil export: export failed\n");
        if (out) remove(out);
        return 1;
    }
    if (out) fprintf(stderr, "exported %ld units to %s\n", count, out);
    return 0;
}

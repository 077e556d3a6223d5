/* cmd_import — `tashil import units|zones FILE [--db PATH] [--skip-invalid]`.
 *
 * Runs io/import_run on a CSV or XLSX file and prints what happened: the counts, and
 * every bad row with its line, column and reason (English, then Persian). Exit
 * status: 0 written, 1 nothing written (bad rows, or a file that cannot be read),
 * 2 usage. A progress bar goes to stderr when it is a terminal and the file is
 * large. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "io/import_run.h"
#include "store/store.h"

static void progress_bar(void *arg, double fraction, long rows) {
    (void)arg;
    int width = 40, filled = (int)(fraction * width + 0.5);
    if (filled > width) filled = width;
    char bar[64];
    for (int i = 0; i < width; i++) bar[i] = i < filled ? '#' : '.';
    bar[width] = 0;
    fprintf(stderr, "\r[%s] %3d%%  %ld rows", bar, (int)(fraction * 100 + 0.5), rows);
    if (fraction >= 1.0) fputc('\n', stderr);
    fflush(stderr);
}


static void print_report(FILE *out, const struct import_result *r) {
    const struct import_report *rep = &r->report;
    for (size_t i = 0; i < rep->n; i++) {
        const struct import_problem *p = &rep->items[i];
        if (p->line) fprintf(out, "line %lu", p->line);
        else fputs("file", out);
        if (p->column[0]) fprintf(out, ", column \"%s\"", p->column);
        fprintf(out, ": %s\n    %s\n", p->en, p->fa);
    }
    if (rep->total > (long)rep->n)
        fprintf(out, "... and %ld more problems\n", rep->total - (long)rep->n);
}

int cmd_import(int argc, char **argv) {
    static const char usage[] =
        "usage: tashil import units|zones FILE [--db PATH] [--skip-invalid]\n"
        "Imports a CSV (UTF-8 or Windows-1256) or XLSX file. The header names the columns\n"
        "in Persian or English (e.g. «شناسه ملی» or national_id). Every row is checked\n"
        "first: nothing is written unless all rows are valid, or with --skip-invalid the\n"
        "valid rows are written and the others reported. Units are matched on their\n"
        "national ID and zones on county and name, so importing again updates.\n";
    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return 0;
    }
    const char *what = NULL, *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--db")) {
            i++;
            continue;
        }
        if (!strncmp(argv[i], "--", 2)) {
            if (strcmp(argv[i], "--skip-invalid") && strncmp(argv[i], "--db=", 5)) {
                fprintf(stderr, "tashil import: unknown option %s\n", argv[i]);
                return 2;
            }
            continue;
        }
        if (!what) what = argv[i];
        else if (!file) file = argv[i];
        else {
            fputs(usage, stderr);
            return 2;
        }
    }
    const char *db = cli_db_path(argc, argv);
    if (!what || !file || !db || (strcmp(what, "units") && strcmp(what, "zones"))) {
        fputs(usage, stderr);
        return 2;
    }
    if (cli_init_runtime() != 0) return 1;
    store *s;
    struct store_error err;
    if (store_open(db, STORE_MIGRATE, &s, &err) != STORE_OK) {
        fprintf(stderr, "tashil import: %s\n", err.message);
        return 1;
    }
    store_conn *c = store_thread_conn(s);
    if (!c) {
        store_close(s);
        fprintf(stderr, "tashil import: cannot open %s\n", db);
        return 1;
    }
    struct import_options o = {0};
    o.kind = !strcmp(what, "units") ? IMPORT_UNITS : IMPORT_ZONES;
    o.skip_invalid = cli_has_flag(argc, argv, "--skip-invalid");
    const char *slash = strrchr(file, '/');
    o.source_name = slash ? slash + 1 : file;
    struct stat st;
    if (isatty(STDERR_FILENO) && stat(file, &st) == 0 && st.st_size > (4 << 20))
        o.progress = progress_bar;
    struct import_result r;
    int status = import_run_file(c, file, &o, &r);
    store_close(s);
    print_report(stderr, &r);
    if (r.report.notes[0]) fprintf(stderr, "ignored columns: %s\n", r.report.notes);
    int exit_code = 1;
    switch (status) {
    case IMPORT_DONE:
        printf("imported %s (%s%s%s): %ld rows: %ld created, %ld updated, %ld unchanged",
               file, r.format, r.encoding[0] ? ", " : "", r.encoding, r.rows, r.created,
               r.updated, r.unchanged);
        if (r.invalid) printf("; %ld invalid rows skipped", r.invalid);
        printf("\n");
        exit_code = 0;
        break;
    case IMPORT_REJECTED:
        fprintf(stderr,
                "tashil import: nothing imported: %ld of %ld rows are invalid (use "
                "--skip-invalid to import the valid rows)\n",
                r.invalid, r.rows);
        break;
    case IMPORT_REFUSED:
        fprintf(stderr, "tashil import: nothing imported: %s cannot be read as a table of %s\n",
                file, what);
        break;
    default:
        fprintf(stderr, "tashil import: database error; nothing imported\n");
        break;
    }
    import_result_free(&r);
    return exit_code;
}

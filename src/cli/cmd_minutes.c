/* cmd_minutes — `tashil minutes sample-pdf OUT.pdf`: the PDF renderer
 * (meetings/minutes_pdf.c) run on the fixed sample minutes (meetings/minutes_sample.c),
 * to look at the layout without a database. Exit status: 0 written, 1 render or write
 * failed, 2 bad usage. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "core/buf.h"
#include "meetings/minutes_pdf.h"
#include "meetings/minutes_sample.h"

#define PDF_MAX (64u << 20)

static void usage(FILE *out) {
    fputs("usage: tashil minutes sample-pdf OUT.pdf\n"
          "\n"
          "Writes the minutes (صورتجلسه) of a sample session from the demo story as an\n"
          "A4 PDF, set the way the server sets a session's minutes.\n"
          "\n"
          "exit status: 0 written, 1 render or write failed, 2 bad usage\n",
          out);
}

static int sample_pdf(const char *path) {
    buf pdf;
    buf_init(&pdf, PDF_MAX);
    char err[256];
    if (minutes_pdf_render(minutes_sample(), &pdf, err, sizeof err)) {
        fprintf(stderr, "tashil minutes: %s\n", err);
        buf_free(&pdf);
        return 1;
    }
    FILE *f = fopen(path, "wb");
    int bad = !f || fwrite(pdf.data, 1, pdf.len, f) != pdf.len;
    if (f && fclose(f)) bad = 1;
    if (bad) perror(path);
    buf_free(&pdf);
    return bad;
}

int cmd_minutes(int argc, char **argv) {
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "sample-pdf")) return sample_pdf(argv[2]);
    usage(stderr);
    return 2;
}

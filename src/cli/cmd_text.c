/* cmd_text — the `tashil text`, `tashil date` and `tashil id` commands: thin line
 * tools over the Persian text core (src/text/), with fixed output formats that other
 * programs and tests rely on (see each usage text). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/buf.h"
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

static int pending(const char *what) {
    fprintf(stderr, "tashil %s: this build does not include it yet\n", what);
    return 2;
}
int cmd_date(int argc, char **argv) { (void)argc; (void)argv; return pending("date"); }
int cmd_id(int argc, char **argv) { (void)argc; (void)argv; return pending("id"); }

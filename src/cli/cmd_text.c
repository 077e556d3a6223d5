/* cmd_text — placeholder until the Persian text core lands (issue 3). */
#include <stdio.h>

#include "cli/commands.h"

static int pending(const char *what) {
    fprintf(stderr, "tashil %s: this build does not include it yet\n", what);
    return 2;
}
int cmd_text(int argc, char **argv) { (void)argc; (void)argv; return pending("text"); }
int cmd_date(int argc, char **argv) { (void)argc; (void)argv; return pending("date"); }
int cmd_id(int argc, char **argv) { (void)argc; (void)argv; return pending("id"); }

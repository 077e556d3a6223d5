/* cmd_cluster — placeholder until the clustering library lands (issue 8). */
#include <stdio.h>

#include "cli/commands.h"

int cmd_cluster(int argc, char **argv) {
    (void)argc;
    (void)argv;
    fprintf(stderr, "tashil cluster: this build does not include it yet\n");
    return 2;
}

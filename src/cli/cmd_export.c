/* cmd_export — placeholder (filled in by the export commit). */
#include <stdio.h>

#include "cli/commands.h"

int cmd_export(int argc, char **argv) {
    (void)argc, (void)argv;
    fprintf(stderr, "tashil export: not yet\n");
    return 2;
}

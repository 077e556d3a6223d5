/* tashil — entry point: dispatches to the subcommand named by argv[1]. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"

static void usage(FILE *out) {
    fputs("usage: tashil COMMAND [OPTIONS]\n\n"
          "Tashil, the information system of a provincial working group for\n"
          "facilitating and removing production obstacles.\n\ncommands:\n",
          out);
    for (const struct tashil_command *c = tashil_commands; c->name; c++)
        fprintf(out, "  %-10s %s\n", c->name, c->summary);
    fputs("\nRun `tashil COMMAND --help` for a command's options.\n", out);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) argv[1] = "version";
    for (const struct tashil_command *c = tashil_commands; c->name; c++)
        if (!strcmp(c->name, argv[1])) return c->run(argc - 1, argv + 1);
    fprintf(stderr, "tashil: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return 2;
}

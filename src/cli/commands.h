/* commands — the `tashil` subcommands. Each takes argc/argv with argv[0] being the
 * subcommand's own name, prints its usage for --help, and returns the exit status.
 * The table in commands.c is the only list; main.c dispatches through it. */
#ifndef TASHIL_COMMANDS_H
#define TASHIL_COMMANDS_H

#include <stdio.h>

struct tashil_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

extern const struct tashil_command tashil_commands[]; /* ends with a zeroed entry */

int cmd_version(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_promises(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_text(int argc, char **argv);
int cmd_date(int argc, char **argv);
int cmd_id(int argc, char **argv);
int cmd_cluster(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_cases(int argc, char **argv);
int cmd_minutes(int argc, char **argv);

/* True when argv holds -h or --help; commands call it first. */
int cli_wants_help(int argc, char **argv);

#endif

/* cmd_misc — placeholders for commands being built in the foundation. */
#include <stdio.h>

#include "cli/commands.h"

int cmd_version(int argc, char **argv) { (void)argc; (void)argv; printf("tashil %s\n", TASHIL_VERSION); return 0; }
int cmd_init(int argc, char **argv) { (void)argc; (void)argv; return 2; }
int cmd_serve(int argc, char **argv) { (void)argc; (void)argv; return 2; }
int cmd_user(int argc, char **argv) { (void)argc; (void)argv; return 2; }
int cmd_token(int argc, char **argv) { (void)argc; (void)argv; return 2; }
int cmd_demo(int argc, char **argv) { (void)argc; (void)argv; return 2; }

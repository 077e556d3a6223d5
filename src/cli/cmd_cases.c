/* cmd_cases — `tashil cases remind --db PATH`: one pass of the due-date reminder
 * job (for cron, beside the thread in `tashil serve`). */
#include <stdio.h>
#include <string.h>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "jobs/case_reminder.h"
#include "store/store.h"

static const char usage[] =
    "usage: tashil cases remind --db PATH\n"
    "Marks referred cases due within two working days (and those overdue) with an\n"
    "event and notifies their agency's liaisons and the secretariat, once each.\n";

int cmd_cases(int argc, char **argv) {
    if (cli_wants_help(argc, argv) || argc < 2) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "remind") != 0) {
        fprintf(stderr, "tashil cases: unknown action '%s'\n\n%s", argv[1], usage);
        return 2;
    }
    const char *db = cli_db_path(argc, argv);
    if (!db) {
        fputs(usage, stderr);
        return 2;
    }
    if (cli_init_runtime() != 0) return 1;
    store *s;
    struct store_error err;
    if (store_open(db, STORE_MIGRATE, &s, &err) != STORE_OK) {
        fprintf(stderr, "tashil cases: %s\n", err.message);
        return 1;
    }
    store_conn *c = store_thread_conn(s);
    int soon = 0, overdue = 0;
    int rc = c ? case_reminder_run(c, &soon, &overdue) : STORE_ERROR;
    if (rc == STORE_OK) printf("reminders: %d due soon, %d overdue\n", soon, overdue);
    else fprintf(stderr, "tashil cases remind: %s\n", c ? store_errmsg(c) : "no database");
    store_close(s);
    return rc == STORE_OK ? 0 : 1;
}

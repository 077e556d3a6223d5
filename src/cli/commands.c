/* commands — the table of subcommands, in the order `tashil --help` lists them. */
#include "cli/commands.h"

#include <string.h>

const struct tashil_command tashil_commands[] = {
    {"init", cmd_init, "create or upgrade a database"},
    {"serve", cmd_serve, "serve the web application and the API"},
    {"user", cmd_user, "manage users (add)"},
    {"token", cmd_token, "create API tokens for scripts"},
    {"demo", cmd_demo, "create a database filled with the demo province"},
    {"import", cmd_import, "import units or zones from CSV or XLSX"},
    {"export", cmd_export, "export units as CSV or XLSX"},
    {"promises", cmd_promises, "promise tracker tools (extract promises from an article)"},
    {"text", cmd_text, "Persian text tools (normalize)"},
    {"date", cmd_date, "Jalali and Gregorian date conversion"},
    {"id", cmd_id, "check national codes, legal national IDs and postal codes"},
    {"cluster", cmd_cluster, "exact DBSCAN clustering of points on the Earth"},
    {"cases", cmd_cases, "obstacle cases: due-date reminders (remind)"},
    {"minutes", cmd_minutes, "session minutes: a sample PDF (sample-pdf)"},
    {"audit", cmd_audit, "verify the audit log's hash chain"},
    {"version", cmd_version, "print the version"},
    {0, 0, 0},
};

int cli_wants_help(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--")) return 0;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) return 1;
    }
    return 0;
}

/* cmd_audit — `tashil audit verify`: walks the hash chain of the audit log and names
 * the first event whose link or hash does not hold. */
#include <stdio.h>
#include <string.h>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "store/store.h"
#include "store/store_audit.h"

int cmd_audit(int argc, char **argv) {
    static const char usage[] = "usage: tashil audit verify --db PATH\n"
                                "Checks the audit log's hash chain; exit 0 when it is whole,\n"
                                "1 (naming the first broken event) when it is not.\n";
    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return 0;
    }
    if (argc < 2 || strcmp(argv[1], "verify") != 0) {
        fputs(usage, stderr);
        return 2;
    }
    store *s;
    int rc = cli_open_store("audit", cli_db_path(argc, argv), 0, &s);
    if (rc) return rc;
    store_conn *c = store_thread_conn(s);
    int64_t count = 0, bad = 0;
    rc = c ? store_audit_verify(c, &count, &bad) : STORE_ERROR;
    if (rc == STORE_OK) printf("audit chain intact: %lld events\n", (long long)count);
    else if (bad) printf("audit chain broken at event %lld (after %lld intact events)\n",
                         (long long)bad, (long long)(count - 1));
    else fprintf(stderr, "tashil audit: cannot read the audit log\n");
    store_close(s);
    return rc == STORE_OK ? 0 : 1;
}

/* export — the units of a filtered list as a table people open in Excel: CSV (UTF-8
 * with BOM, CRLF) or XLSX. Columns are the import's (Persian names from
 * registry/import, vocabulary values as Persian labels, ASCII digits), followed by
 * the zone's name and the sector for reading; an export imports back unchanged.
 *
 * Rows are read page by page (a cursor on the id, 1,000 at a time), so memory does
 * not grow with the list; CSV goes straight to a FILE or a buf, XLSX to a file
 * (export_units_xlsx_buf writes a temporary file and reads it back). */
#ifndef TASHIL_EXPORT_H
#define TASHIL_EXPORT_H

#include <stdio.h>

#include "core/buf.h"
#include "store/store_registry.h"

/* Returns STORE_OK or an error; *count gets the number of units written. */
int export_units_csv(store_conn *c, const struct unit_filter *f, FILE *out, buf *b, long *count);
int export_units_xlsx(store_conn *c, const struct unit_filter *f, const char *path, long *count);
int export_units_xlsx_buf(store_conn *c, const struct unit_filter *f, buf *out, long *count);

/* Builds a list filter from the query words of /units (q, sector, county as an id or
 * a name, zone as an id or -1 for "outside zones", state as a code or label); the
 * FTS MATCH text goes into `match`, which must outlive the filter. Unknown values
 * give -1 with *bad naming the parameter. */
int export_filter(store_conn *c, const char *q, const char *sector, const char *county,
                  const char *zone, const char *state, buf *match, struct unit_filter *f,
                  const char **bad);

#endif

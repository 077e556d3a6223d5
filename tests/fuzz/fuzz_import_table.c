/* fuzz_import_table — libFuzzer target for what a registry import reads from an
 * uploaded file: the table reader (io/table: format sniffing, UTF-8 and
 * Windows-1256 CSV, XLSX through libzip and libxml2), the header mapping and the
 * validation of every row into a unit or a zone (registry/import). The first byte
 * picks units or zones. Checks what the import relies on: a refusal always says
 * why in both languages; every cell is valid UTF-8; a row the validator accepts
 * has a checksummed national ID of 10 or 11 ASCII digits, a name, values inside
 * their vocabularies and ranges, and references to the known counties, classes
 * and zones; every problem reported names a line and says something, in valid
 * UTF-8. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "io/table.h"
#include "registry/import.h"
#include "registry/registry.h"

static void check_text(const char *s) {
    if (!s || !utf8_valid(s, strlen(s))) abort();
}

static void check_unit(const struct unit *u) {
    size_t n = strlen(u->national_id);
    if (n != 10 && n != 11) abort();
    for (size_t i = 0; i < n; i++)
        if (u->national_id[i] < '0' || u->national_id[i] > '9') abort();
    if (!u->name[0]) abort();
    check_text(u->name);
    check_text(u->address);
    check_text(u->contact_name);
    if (u->employees < 0 || u->employees > 100000) abort();
    if (strcmp(u->state, "active") && strcmp(u->state, "semi_active") && strcmp(u->state, "idle"))
        abort();
    if (u->has_location && !registry_in_iran(u->lat, u->lon)) abort();
    if (u->county_id != 0 && u->county_id != 1 && u->county_id != 2) abort();
    if (u->zone_id != 0 && u->zone_id != 7) abort();
    if (u->isic[0] && strcmp(u->isic, "1520") && strcmp(u->isic, "3100")) abort();
}

static void check_report(const struct import_report *rep) {
    for (size_t i = 0; i < rep->n; i++) {
        if (!rep->items[i].fa[0] || !rep->items[i].en[0]) abort();
        check_text(rep->items[i].fa);
        check_text(rep->items[i].en);
        check_text(rep->items[i].column);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    enum import_kind kind = size && (data[0] & 1) ? IMPORT_ZONES : IMPORT_UNITS;
    if (size) {
        data++;
        size--;
    }
    table *t;
    struct table_error te;
    if (table_open_mem(data, size, &t, &te) != 0) {
        if (!te.fa[0] || !te.en[0]) abort();
        check_text(te.fa);
        check_text(te.en);
        return 0;
    }
    struct import_report rep;
    import_report_init(&rep);
    struct import_refs *refs = import_refs_new();
    struct import_seen *seen = import_seen_new();
    if (!refs || !seen) abort();
    import_refs_add_county(refs, 1, "اسلامشهر");
    import_refs_add_county(refs, 2, "تهران");
    import_refs_add_isic(refs, "1520");
    import_refs_add_isic(refs, "3100");
    import_refs_add_zone(refs, 7);
    import_refs_ready(refs);
    struct import_map *map = calloc(1, sizeof *map);
    struct unit *u = malloc(sizeof *u);
    struct zone_record *z = malloc(sizeof *z);
    if (!map || !u || !z) abort();
    const char *const *cells;
    size_t n;
    unsigned long line;
    int rc = table_next(t, &cells, &n, &line, &te);
    bool mapped = false;
    if (rc == 1) {
        for (size_t i = 0; i < n; i++) check_text(cells[i]);
        mapped = import_map_header(map, kind, cells, n, &rep) == 0;
    }
    for (int rows = 0; mapped && rows < 4000 && (rc = table_next(t, &cells, &n, &line, &te)) == 1;
         rows++) {
        for (size_t i = 0; i < n; i++) check_text(cells[i]);
        struct import_row row = {cells, n, line, table_strict_width(t)};
        if (line == 0) abort();
        if (import_row_blank(&row)) continue;
        size_t before = rep.n;
        long total = rep.total;
        bool ok;
        if (kind == IMPORT_UNITS) {
            ok = import_unit_row(map, refs, seen, &row, u, &rep);
            if (ok) check_unit(u);
        } else {
            ok = import_zone_row(map, refs, seen, &row, z, &rep);
            if (ok) {
                check_text(z->name);
                check_text(z->notes);
                if (!z->name[0] || (z->county_id != 1 && z->county_id != 2)) abort();
                if (z->has_center && !registry_in_iran(z->lat, z->lon)) abort();
            }
        }
        if (ok != (rep.total == total)) abort(); /* a refusal says why; a pass says nothing */
        for (size_t i = before; i < rep.n; i++)
            if (rep.items[i].line != line) abort();
    }
    if (rc < 0 && (!te.fa[0] || !te.en[0])) abort();
    check_report(&rep);
    free(z);
    free(u);
    free(map);
    import_seen_free(seen);
    import_refs_free(refs);
    import_report_free(&rep);
    table_close(t);
    return 0;
}

/* xlsx_write — see xlsx_write.h. */
#include "io/xlsx_write.h"

#include <stdlib.h>
#include <xlsxwriter.h>

struct xlsx_writer {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold;
    lxw_row_t row;
    int failed;
};

xlsx_writer *xlsx_writer_open(const char *path, const char *sheet_name) {
    xlsx_writer *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    w->wb = workbook_new_opt(path, &opt);
    w->ws = w->wb ? workbook_add_worksheet(w->wb, sheet_name) : NULL;
    if (!w->ws) {
        if (w->wb) workbook_close(w->wb);
        free(w);
        return NULL;
    }
    worksheet_right_to_left(w->ws);
    w->bold = workbook_add_format(w->wb);
    format_set_bold(w->bold);
    return w;
}

int xlsx_writer_row(xlsx_writer *w, const char *const *cells, const bool *numeric, size_t n,
                    bool header) {
    for (size_t i = 0; i < n && i < 16384; i++) {
        const char *s = cells[i] ? cells[i] : "";
        lxw_error e = LXW_NO_ERROR;
        char *end;
        double d = *s && numeric && numeric[i] ? strtod(s, &end) : 0;
        if (!*s) continue;
        if (numeric && numeric[i] && !*end)
            e = worksheet_write_number(w->ws, w->row, (lxw_col_t)i, d, NULL);
        else e = worksheet_write_string(w->ws, w->row, (lxw_col_t)i, s, header ? w->bold : NULL);
        if (e != LXW_NO_ERROR) w->failed = 1;
    }
    if (header) worksheet_freeze_panes(w->ws, 1, 0);
    w->row++;
    return w->failed ? -1 : 0;
}

int xlsx_writer_close(xlsx_writer *w) {
    if (!w) return -1;
    int failed = w->failed;
    if (workbook_close(w->wb) != LXW_NO_ERROR) failed = 1;
    free(w);
    return failed ? -1 : 0;
}

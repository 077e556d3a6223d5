/* pages_import — the registry's import and export pages: the upload form for units
 * and zones (CSV or XLSX), its Persian report, and the filtered unit list as CSV or
 * XLSX. Routes are in web/routes.c under "registry import/export". */
#ifndef TASHIL_PAGES_IMPORT_H
#define TASHIL_PAGES_IMPORT_H

#include "http/http.h"

void page_units_import(struct http_req *req, struct http_resp *resp);
void action_units_import(struct http_req *req, struct http_resp *resp);
void handle_units_export_csv(struct http_req *req, struct http_resp *resp);
void handle_units_export_xlsx(struct http_req *req, struct http_resp *resp);

#endif

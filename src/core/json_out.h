/* json_out — writing JSON strings into a buf for the small, fixed-shape documents
 * built by hand (access-log lines, audit details). Larger API documents use jansson. */
#ifndef TASHIL_JSON_OUT_H
#define TASHIL_JSON_OUT_H

#include "core/buf.h"

/* Appends s as a quoted JSON string; invalid UTF-8 bytes become U+FFFD. */
void json_out_string(buf *b, const char *s);

#endif

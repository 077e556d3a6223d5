/* html — the only way Tashil writes HTML: escape by default (cgit's html.c idea).
 *
 * html_fmt takes a format that is trusted markup written in the source, and
 * arguments that are always escaped for their context:
 *   %s  text or quoted-attribute value: & < > " ' escaped
 *   %u  URL component (percent-encoded, for query values and path segments)
 *   %h  href/src value: relative URLs, http(s) and mailto kept (then escaped);
 *       anything else (javascript:, data:, ...) becomes "#"
 *   %d %ld %lld %zu  integers in ASCII digits
 *   %%  a percent sign
 * Unescaped output is only possible through html_raw, which is easy to grep for and
 * reserved for markup that Tashil itself generated. */
#ifndef TASHIL_HTML_H
#define TASHIL_HTML_H

#include <stddef.h>

#include "core/buf.h"

void html_text(buf *b, const char *s);
void html_textn(buf *b, const char *s, size_t len);
void html_url_component(buf *b, const char *s);
void html_href(buf *b, const char *url);
void html_raw(buf *b, const char *trusted_markup);
void html_fmt(buf *b, const char *trusted_format, ...);

#endif

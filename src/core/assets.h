/* assets — static files compiled into the binary by tools/embed.c.
 *
 * Each asset has a logical name ("app.css") used by templates and a content-hashed
 * name ("app.1a2b3c4d.css") used in URLs, so responses can be cached for a year. */
#ifndef TASHIL_ASSETS_H
#define TASHIL_ASSETS_H

#include <stddef.h>

struct tashil_asset {
    const char *name;         /* logical name */
    const char *hashed_name;  /* name served under /static/ */
    const char *content_type;
    const unsigned char *data;
    size_t len;
};

extern const struct tashil_asset tashil_assets[]; /* ends with a zeroed entry */
extern const int tashil_asset_count;

const struct tashil_asset *asset_by_name(const char *logical);
const struct tashil_asset *asset_by_hashed_name(const char *hashed);
/* "/static/app.1a2b3c4d.css" for a logical name, or "" when unknown. */
const char *asset_url(const char *logical);

#endif

/* assets — lookup over the generated table (a handful of entries: linear scan). */
#include "core/assets.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

const struct tashil_asset *asset_by_name(const char *logical) {
    for (const struct tashil_asset *a = tashil_assets; a->name; a++)
        if (!strcmp(a->name, logical)) return a;
    return NULL;
}

const struct tashil_asset *asset_by_hashed_name(const char *hashed) {
    for (const struct tashil_asset *a = tashil_assets; a->name; a++)
        if (!strcmp(a->hashed_name, hashed)) return a;
    return NULL;
}

/* URLs are computed once, on first use from any thread, since the asset set never
 * changes while the program runs. */
enum { MAX_ASSETS = 64 };
static char asset_urls[MAX_ASSETS][192];
static pthread_once_t asset_urls_once = PTHREAD_ONCE_INIT;

static void fill_asset_urls(void) {
    int i = 0;
    for (const struct tashil_asset *a = tashil_assets; a->name && i < MAX_ASSETS; a++, i++)
        snprintf(asset_urls[i], sizeof asset_urls[i], "/static/%s", a->hashed_name);
}

const char *asset_url(const char *logical) {
    pthread_once(&asset_urls_once, fill_asset_urls);
    int i = 0;
    for (const struct tashil_asset *a = tashil_assets; a->name && i < MAX_ASSETS; a++, i++)
        if (!strcmp(a->name, logical)) return asset_urls[i];
    return "";
}

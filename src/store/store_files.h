/* store_files — attachment files beside the database (<db>.files/), outside any
 * served folder, named by the BLAKE2b-256 hash of their content (so the same file
 * stored twice is one file, and a name can never be chosen by a user). A file is
 * written to a temporary name, fsynced, renamed into place and the folder fsynced —
 * all before the caller commits the database row that points to it. */
#ifndef TASHIL_STORE_FILES_H
#define TASHIL_STORE_FILES_H

#include <stddef.h>

/* The folder for a database path: "<db>.files". */
int store_files_dir(const char *db_path, char *out, size_t cap);
/* Stores data; hash_hex gets the 64-hex-digit name. 0 or -1 (errno set). */
int store_files_put(const char *dir, const void *data, size_t n, char hash_hex[65]);
/* Reads a stored file into a malloc'd buffer (caller frees); 0 or -1. */
int store_files_get(const char *dir, const char *hash_hex, void **data, size_t *n);

#endif

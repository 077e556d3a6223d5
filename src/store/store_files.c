/* store_files — see store_files.h. */
#include "store/store_files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int store_files_dir(const char *db_path, char *out, size_t cap) {
    int n = snprintf(out, cap, "%s.files", db_path);
    return n < 0 || (size_t)n >= cap ? -1 : 0;
}

static bool valid_hash(const char *h) {
    size_t i = 0;
    for (; h[i]; i++)
        if (!((h[i] >= '0' && h[i] <= '9') || (h[i] >= 'a' && h[i] <= 'f'))) return false;
    return i == 64;
}

static int write_all(int fd, const unsigned char *p, size_t n) {
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int store_files_put(const char *dir, const void *data, size_t n, char hash_hex[65]) {
    unsigned char h[32];
    crypto_generichash(h, sizeof h, data, n, NULL, 0);
    sodium_bin2hex(hash_hex, 65, h, sizeof h);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) return -1;
    char final[4096], tmp[4096];
    if (snprintf(final, sizeof final, "%s/%s", dir, hash_hex) >= (int)sizeof final) return -1;
    struct stat st;
    if (stat(final, &st) == 0 && (size_t)st.st_size == n) return 0; /* already there */
    if (snprintf(tmp, sizeof tmp, "%s/.tmp-XXXXXX", dir) >= (int)sizeof tmp) return -1;
    int fd = mkstemp(tmp);
    if (fd < 0) return -1;
    int rc = write_all(fd, data, n);
    if (rc == 0) rc = fsync(fd);
    if (close(fd) != 0) rc = -1;
    if (rc == 0) rc = rename(tmp, final);
    if (rc != 0) {
        unlink(tmp);
        return -1;
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        rc = fsync(dfd);
        close(dfd);
    }
    return rc;
}

int store_files_get(const char *dir, const char *hash_hex, void **data, size_t *n) {
    if (!valid_hash(hash_hex)) return -1;
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dir, hash_hex) >= (int)sizeof path) return -1;
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || st.st_size < 0) {
        fclose(f);
        return -1;
    }
    size_t len = (size_t)st.st_size;
    unsigned char *p = malloc(len ? len : 1);
    if (!p || fread(p, 1, len, f) != len) {
        free(p);
        fclose(f);
        return -1;
    }
    fclose(f);
    *data = p;
    *n = len;
    return 0;
}

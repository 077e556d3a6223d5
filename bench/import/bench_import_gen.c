/* bench_import_gen — writes N production units as an import CSV (UTF-8 with BOM,
 * CRLF, Persian header and labels) for the import benchmark:
 *     bench_import_gen N > units.csv
 * Every row is valid (checksummed IDs from demo_ids, counties of the province,
 * coordinates around Islamshahr), so the import does its full work on each row;
 * 60% legal IDs and 40% national codes, both distinct for N up to 1,000,000.
 * Deterministic (fixed seed). */
#include <stdio.h>
#include <stdlib.h>

#include "demo/demo_ids.h"

static const char *const prefixes[] = {"تولیدی کفش", "کفش ماشینی", "مبلمان", "صنایع چوب",
                                       "چرم‌سازی", "تولیدی پوشاک", "صنایع فلزی", "پلاستیک"};
static const char *const isic[] = {"1520", "1520", "3100", "1622", "1511", "1410", "2599", "2220"};
static const char *const brands[] = {"دهقان", "نوری", "البرز", "آریا", "سپهر", "ارغوان",
                                     "پارس", "مهر", "کوثر", "آفتاب", "رضوان", "شایان"};
static const char *const counties[] = {"اسلامشهر", "اسلامشهر", "بهارستان", "شهریار",
                                       "رباط‌کریم", "ری", "ملارد", "قدس"};
static const char *const states[] = {"فعال", "فعال", "فعال", "نیمه‌فعال", "راکد"};
static const char *const licences[] = {"بدون مجوز", "پروانه کسب", "پروانه بهره‌برداری",
                                       "جواز تأسیس"};

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
    if (n < 1 || n > 1000000) {
        fprintf(stderr, "usage: bench_import_gen N   (1 <= N <= 1000000)\n");
        return 2;
    }
    static char out[1 << 20];
    setvbuf(stdout, out, _IOFBF, sizeof out);
    fputs("\xEF\xBB\xBF"
          "شناسه ملی,نام واحد,نوع مجوز,شماره مجوز,کد آیسیک,تعداد کارکنان,وضعیت,"
          "عرض جغرافیایی,طول جغرافیایی,نشانی,کد پستی,شهرستان,نام رابط,تلفن\r\n",
          stdout);
    uint64_t rng = 1403;
    for (long i = 0; i < n; i++) {
        char id[12];
        uint64_t r = demo_rand(&rng);
        if (r % 10 < 6) demo_legal_id(1032, (uint32_t)i, id);
        else demo_national_code(4, (uint32_t)i, id);
        int t = (int)((r >> 8) % 8), lk = (int)((r >> 12) % 4);
        double lat = 35.40 + demo_uniform(&rng) * 0.35, lon = 50.95 + demo_uniform(&rng) * 0.5;
        printf("%s,%s %s %ld,%s,%s,%s,%d,%s,%.6f,%.6f,\"%s، خیابان پدر، کوچه %d، پلاک %d\","
               "33%08u,%s,%s %s,021%08u\r\n",
               id, prefixes[t], brands[(r >> 16) % 12], i % 997, licences[lk],
               lk ? "1400/12345" : "", isic[t], 1 + (int)((r >> 20) % 60),
               states[(r >> 28) % 5], lat, lon, counties[(r >> 32) % 8], (int)((r >> 36) % 40) + 1,
               (int)((r >> 42) % 200) + 1, (unsigned)((r >> 24) % 100000000),
               counties[(r >> 32) % 8], "علی", brands[(r >> 50) % 12],
               (unsigned)((r >> 40) % 100000000));
    }
    return fflush(stdout) == 0 ? 0 : 1;
}

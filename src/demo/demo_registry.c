/* demo_registry — see demo_registry.h.
 *
 * Data: fixed tables (agencies from data/demo-reference.md; spots and parks with
 * Persian place names of Islamshahr and the neighbouring counties, centres, areas,
 * the stage reached and the trade that dominates them) plus a splitmix64 stream
 * for everything per unit. Units are drawn in three groups: inside zones (placed
 * around the zone centre within its area), in five unregistered clusters (dense
 * groups outside every zone, for the spatial-planning page to find), and scattered
 * over the counties. Stage dates walk forward from 1399 so each spot's timeline is
 * ordered and in the past. */
#include "demo/demo_registry.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/clock.h"
#include "demo/demo_ids.h"
#include "registry/registry.h"
#include "store/store_import.h"
#include "store/store_registry.h"
#include "store/store_users.h"

static const struct {
    const char *name, *kind;
} agencies[] = {
    {"سازمان صنعت، معدن و تجارت استان تهران", "secretariat"},
    {"بانک ملی ایران", "bank"},
    {"بانک سپه", "bank"},
    {"بانک ملت", "bank"},
    {"بانک تجارت", "bank"},
    {"بانک صادرات ایران", "bank"},
    {"بانک کشاورزی", "bank"},
    {"بانک صنعت و معدن", "bank"},
    {"بانک توسعه صادرات ایران", "bank"},
    {"بانک رفاه کارگران", "bank"},
    {"بانک مسکن", "bank"},
    {"پست بانک ایران", "bank"},
    {"بانک توسعه تعاون", "bank"},
    {"بانک پاسارگاد", "bank"},
    {"بانک پارسیان", "bank"},
    {"بانک اقتصاد نوین", "bank"},
    {"بانک سامان", "bank"},
    {"اداره کل امور مالیاتی استان تهران", "tax"},
    {"اداره کل تأمین اجتماعی استان تهران", "social_security"},
    {"گمرک ایران", "customs"},
    {"شرکت توزیع نیروی برق استان تهران", "electricity"},
    {"شرکت آب و فاضلاب استان تهران", "water"},
    {"شرکت گاز استان تهران", "gas"},
    {"شرکت مخابرات استان تهران", "telecom"},
    {"شهرداری اسلامشهر", "municipality"},
    {"شرکت شهرک‌های صنعتی استان تهران", "parks_company"},
    {"اداره کل حفاظت محیط زیست استان تهران", "environment"},
};

/* Liaisons: one per agency named; "bank-melli" is one of cmd_demo's users. */
static const struct {
    const char *user, *display, *agency;
    int create;
} liaisons[] = {
    {"bank-melli", NULL, "بانک ملی ایران", 0},
    {"maliat", "فاطمه رضایی (امور مالیاتی)", "اداره کل امور مالیاتی استان تهران", 1},
    {"tamin", "علیرضا صادقی (تأمین اجتماعی)", "اداره کل تأمین اجتماعی استان تهران", 1},
    {"bargh", "محمد جعفری (توزیع برق)", "شرکت توزیع نیروی برق استان تهران", 1},
    {"gaz", "سمیه حسینی (گاز استان)", "شرکت گاز استان تهران", 1},
    {"shahrak", "امیر محمدی (شهرک‌های صنعتی)", "شرکت شهرک‌های صنعتی استان تهران", 1},
};

enum trade { T_SHOE, T_WOOD, T_MIXED, T_METAL, T_FOOD };

/* County ids of migration 0002. */
enum { C_TEHRAN = 1, C_ISLAMSHAHR = 2, C_RAY = 3, C_SHAHRIAR = 5, C_ROBATKARIM = 6,
       C_BAHARESTAN = 7, C_PAKDASHT = 8, C_MALARD = 14, C_QODS = 15 };

struct zone_seed {
    const char *kind, *name;
    int county;
    double lat, lon, area_ha;
    int stage; /* index into zone_stages, -1 for none */
    enum trade trade;
    int weight; /* relative number of units */
};

static const struct zone_seed zone_seeds[] = {
    {"spot", "لکه صنعتی خیابان پدر", C_ISLAMSHAHR, 35.5525, 51.2270, 12, 3, T_SHOE, 9},
    {"spot", "لکه صنعتی واوان", C_ISLAMSHAHR, 35.5350, 51.2620, 25, 5, T_SHOE, 12},
    {"spot", "لکه صنعتی قائمیه", C_ISLAMSHAHR, 35.5630, 51.2410, 9, 2, T_SHOE, 7},
    {"spot", "لکه صنعتی مسعودیه", C_ISLAMSHAHR, 35.5720, 51.2150, 14, 4, T_SHOE, 8},
    {"spot", "لکه صنعتی شاطره", C_ISLAMSHAHR, 35.5450, 51.2050, 18, 1, T_WOOD, 8},
    {"spot", "لکه صنعتی احمدآباد مستوفی", C_ISLAMSHAHR, 35.6010, 51.1930, 30, 6, T_WOOD, 11},
    {"spot", "لکه صنعتی چهاردانگه", C_ISLAMSHAHR, 35.5980, 51.3050, 22, 7, T_MIXED, 9},
    {"spot", "لکه صنعتی ده‌عباس", C_ISLAMSHAHR, 35.5150, 51.2480, 11, 0, T_SHOE, 6},
    {"spot", "لکه صنعتی فیروزبهرام", C_ISLAMSHAHR, 35.5320, 51.2880, 16, 2, T_WOOD, 7},
    {"spot", "لکه صنعتی چیچکلو", C_ISLAMSHAHR, 35.5800, 51.2700, 8, 1, T_MIXED, 5},
    {"spot", "لکه صنعتی سلطان‌آباد", C_ISLAMSHAHR, 35.5900, 51.2450, 13, 3, T_SHOE, 7},
    {"spot", "لکه صنعتی اکبرآباد", C_ISLAMSHAHR, 35.5050, 51.2200, 10, 0, T_WOOD, 5},
    {"spot", "لکه صنعتی بعثت", C_ISLAMSHAHR, 35.5560, 51.2530, 7, 2, T_SHOE, 6},
    {"spot", "لکه صنعتی خلیج فارس", C_ISLAMSHAHR, 35.5650, 51.2280, 6, 1, T_SHOE, 5},
    {"spot", "لکه صنعتی علی‌آباد قاجار", C_ISLAMSHAHR, 35.5850, 51.2150, 12, 4, T_MIXED, 6},
    {"spot", "لکه صنعتی جاده ساوه", C_ISLAMSHAHR, 35.5900, 51.2000, 28, 5, T_MIXED, 10},
    {"spot", "لکه صنعتی حسن‌آباد خالصه", C_ISLAMSHAHR, 35.5250, 51.2700, 9, 0, T_WOOD, 5},
    {"spot", "لکه صنعتی نظرآباد", C_ISLAMSHAHR, 35.5420, 51.2400, 5, 1, T_SHOE, 4},
    {"spot", "لکه صنعتی قمصر", C_RAY, 35.5600, 51.3600, 15, 2, T_MIXED, 5},
    {"spot", "لکه صنعتی خاوران", C_RAY, 35.5900, 51.4500, 20, 3, T_METAL, 6},
    {"spot", "لکه صنعتی قلعه‌نو", C_RAY, 35.5200, 51.4000, 18, 1, T_MIXED, 5},
    {"spot", "لکه صنعتی کهریزک", C_RAY, 35.5100, 51.3700, 26, 6, T_MIXED, 8},
    {"spot", "لکه صنعتی فشافویه", C_RAY, 35.4600, 51.3200, 24, 2, T_METAL, 6},
    {"spot", "لکه صنعتی وحیدیه", C_SHAHRIAR, 35.6250, 51.0600, 14, 3, T_WOOD, 6},
    {"spot", "لکه صنعتی اندیشه", C_SHAHRIAR, 35.6850, 51.0200, 10, 1, T_MIXED, 4},
    {"spot", "لکه صنعتی شاهدشهر", C_SHAHRIAR, 35.6400, 51.1000, 12, 2, T_WOOD, 5},
    {"spot", "لکه صنعتی صباشهر", C_SHAHRIAR, 35.5900, 51.1100, 20, 4, T_WOOD, 7},
    {"spot", "لکه صنعتی فردوسیه", C_SHAHRIAR, 35.5950, 51.0550, 9, 0, T_MIXED, 4},
    {"spot", "لکه صنعتی نصیرشهر", C_ROBATKARIM, 35.5050, 51.0700, 17, 2, T_MIXED, 5},
    {"spot", "لکه صنعتی پرند", C_ROBATKARIM, 35.4800, 50.9600, 15, 5, T_MIXED, 5},
    {"spot", "لکه صنعتی منظریه", C_ROBATKARIM, 35.5200, 51.1000, 11, 1, T_WOOD, 4},
    {"spot", "لکه صنعتی گلستان", C_BAHARESTAN, 35.5150, 51.1650, 16, 3, T_SHOE, 7},
    {"spot", "لکه صنعتی نسیم‌شهر", C_BAHARESTAN, 35.5600, 51.1600, 19, 4, T_SHOE, 8},
    {"spot", "لکه صنعتی صالح‌آباد", C_BAHARESTAN, 35.5050, 51.1900, 10, 1, T_WOOD, 5},
    {"spot", "لکه صنعتی سلیمانیه", C_BAHARESTAN, 35.5450, 51.1800, 8, 0, T_MIXED, 4},
    {"spot", "لکه صنعتی صفادشت", C_MALARD, 35.6850, 50.8400, 21, 3, T_MIXED, 5},
    {"spot", "لکه صنعتی ملارد شمالی", C_MALARD, 35.6700, 50.9800, 13, 2, T_WOOD, 4},
    {"spot", "لکه صنعتی جاده قدیم کرج", C_QODS, 35.7100, 51.1100, 15, 4, T_METAL, 5},
    {"spot", "لکه صنعتی دانش", C_QODS, 35.7200, 51.1250, 12, 1, T_MIXED, 4},
    {"spot", "لکه صنعتی خاتون‌آباد", C_PAKDASHT, 35.4900, 51.6500, 14, 2, T_FOOD, 4},
    {"nongov_park", "شهرک صنعتی غیردولتی فجر اسلامشهر", C_ISLAMSHAHR, 35.5780, 51.1820, 40, 8,
     T_MIXED, 5},
    {"gov_park", "شهرک صنعتی چهاردانگه", C_ISLAMSHAHR, 35.6100, 51.3250, 180, -1, T_MIXED, 10},
    {"gov_park", "شهرک صنعتی نصیرآباد", C_ROBATKARIM, 35.4700, 51.0600, 250, -1, T_MIXED, 8},
    {"gov_park", "شهرک صنعتی شمس‌آباد", C_RAY, 35.4000, 51.3600, 300, -1, T_METAL, 6},
    {"specialised_park", "شهرک تخصصی کفش اسلامشهر (شهر کفش)", C_ISLAMSHAHR, 35.5200, 51.2050,
     60, 1, T_SHOE, 0},
    {"specialised_park", "شهرک تخصصی چوب و مبلمان اسلامشهر", C_ISLAMSHAHR, 35.4980, 51.2600, 45,
     0, T_WOOD, 0},
};
enum { NZONES = sizeof zone_seeds / sizeof *zone_seeds };

/* Where units gather outside every zone. */
static const struct {
    int county;
    double lat, lon;
} clusters[] = {
    {C_ISLAMSHAHR, 35.5480, 51.2950}, {C_ISLAMSHAHR, 35.6200, 51.2300},
    {C_BAHARESTAN, 35.5300, 51.1300}, {C_SHAHRIAR, 35.6050, 51.1500},
    {C_ISLAMSHAHR, 35.4900, 51.2950},
};

/* County centres for scattered units, with weights. */
static const struct {
    int county;
    double lat, lon;
    int weight;
} towns[] = {
    {C_ISLAMSHAHR, 35.5550, 51.2350, 45}, {C_BAHARESTAN, 35.5300, 51.1600, 10},
    {C_SHAHRIAR, 35.6600, 51.0600, 10},   {C_ROBATKARIM, 35.4800, 51.0800, 8},
    {C_RAY, 35.5900, 51.4400, 10},        {C_QODS, 35.7200, 51.1100, 6},
    {C_MALARD, 35.6600, 50.9800, 5},      {C_PAKDASHT, 35.4700, 51.6800, 3},
    {C_TEHRAN, 35.6900, 51.3900, 3},
};

static const char *const town_names[] = {
    [C_TEHRAN] = "تهران",        [C_ISLAMSHAHR] = "اسلامشهر", [C_RAY] = "ری",
    [C_SHAHRIAR] = "شهریار",     [C_ROBATKARIM] = "رباط‌کریم", [C_BAHARESTAN] = "بهارستان",
    [C_PAKDASHT] = "پاکدشت",     [C_MALARD] = "ملارد",       [C_QODS] = "قدس",
};

/* ISIC classes by trade, with weights; the name prefixes people use for them. */
struct trade_class {
    const char *isic;
    int weight;
    const char *prefixes[3];
};
static const struct trade_class classes[] = {
    {"1520", 40, {"تولیدی کفش", "کفش ماشینی", "کفش ورزشی"}},
    {"1610", 4, {"چوب‌بری", "صنایع چوب", "اره‌کشی"}},
    {"1621", 3, {"صنایع چوب", "تخته‌سازی", "روکش چوب"}},
    {"1622", 5, {"درب و پنجره چوبی", "نجاری", "صنایع چوب"}},
    {"1623", 2, {"جعبه‌سازی", "پالت‌سازی", "صنایع چوب"}},
    {"1629", 3, {"صنایع چوب", "مصنوعات چوبی", "خراطی"}},
    {"3100", 15, {"مبلمان", "تولیدی مبل", "صنایع مبلمان"}},
    {"1511", 3, {"چرم‌سازی", "دباغی", "چرم"}},
    {"1512", 4, {"تولیدی کیف", "کیف و چمدان", "چرم و کیف"}},
    {"1392", 2, {"نساجی", "پرده‌دوزی", "منسوجات"}},
    {"1410", 4, {"تولیدی پوشاک", "پوشاک", "خیاطی صنعتی"}},
    {"1071", 2, {"نان و شیرینی", "قنادی صنعتی", "شیرینی‌پزی"}},
    {"1079", 2, {"مواد غذایی", "صنایع غذایی", "بسته‌بندی"}},
    {"1050", 1, {"لبنیات", "فرآورده‌های لبنی", "لبنی"}},
    {"2511", 3, {"سازه فلزی", "آهنگری", "صنایع فلزی"}},
    {"2592", 2, {"آبکاری", "رنگ‌کاری فلزات", "تراشکاری"}},
    {"2599", 2, {"صنایع فلزی", "قطعه‌سازی", "فلزکاری"}},
    {"2220", 4, {"پلاستیک", "صنایع پلاستیک", "قالب‌سازی پلاستیک"}},
    {"2930", 1, {"قطعه‌سازی خودرو", "لوازم یدکی", "قطعات خودرو"}},
    {"2023", 1, {"شوینده", "صنایع بهداشتی", "شیمیایی"}},
};
enum { NCLASSES = sizeof classes / sizeof *classes };

static const char *const brands[] = {
    "دهقان", "نوری", "البرز", "آریا", "سپهر", "ارغوان", "پارس", "مهر", "کوثر", "آفتاب",
    "رضوان", "شایان", "ستاره", "کیان", "نگین", "پویا", "آرین", "سهند", "دماوند", "پرستو",
    "الماس", "فرهاد", "سعادت", "امید", "بهار", "تابان", "رستاک", "آوا", "نیکان", "ماهان",
    "کاوه", "سینا", "حافظ", "شمس", "یاس", "نسترن", "آذر", "باران", "پردیس", "ارس",
    "کریمی", "احمدی", "حسینی", "رحیمی", "قاسمی", "موسوی", "عباسی", "جعفری", "صادقی", "رضایی",
    "اکبری", "مرادی", "نجفی", "یوسفی", "حیدری", "کاظمی", "طاهری", "شریفی", "زمانی", "فرجی",
};
static const char *const suffixes[] = {"", "", "", " و پسران", " و شرکا", " نوین", " برتر",
                                       " ۲", " اسلامشهر", " ایرانیان"};
static const char *const first_names[] = {
    "علی", "حسن", "محمد", "رضا", "مهدی", "حمید", "مجید", "سعید", "مریم", "زهرا",
    "فاطمه", "اکبر", "جواد", "ناصر", "بهروز", "کامران", "لیلا", "عباس", "مصطفی", "یوسف"};
static const char *const streets[] = {
    "خیابان پدر", "بلوار امام خمینی", "خیابان قائم", "خیابان بعثت", "جاده ساوه",
    "خیابان شهید بهشتی", "خیابان معلم", "بلوار آیت‌الله کاشانی", "خیابان صنعت", "خیابان ولیعصر"};

/* Days since 1970-01-01 to an ISO date (Howard Hinnant's civil_from_days). */
static void iso_from_days(long z, char out[11]) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) y++;
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%04ld-%02u-%02u", y % 10000, m % 100, d % 100);
    memcpy(out, tmp, 10);
    out[10] = 0;
}

static int add_agencies(store_conn *c, int *n) {
    for (size_t i = 0; i < sizeof agencies / sizeof *agencies; i++) {
        struct agency a = {0};
        snprintf(a.name, sizeof a.name, "%s", agencies[i].name);
        snprintf(a.kind, sizeof a.kind, "%s", agencies[i].kind);
        int rc = store_agency_create(c, NULL, &a);
        if (rc != STORE_OK) return rc;
        (*n)++;
    }
    return STORE_OK;
}

struct find_agency {
    const char *name;
    int64_t id;
};
static int find_agency_fn(void *arg, const struct agency *a) {
    struct find_agency *f = arg;
    if (strcmp(a->name, f->name)) return 0;
    f->id = a->id;
    return 1;
}

static int add_liaisons(store_conn *c, const char *hash, int *n) {
    for (size_t i = 0; i < sizeof liaisons / sizeof *liaisons; i++) {
        struct find_agency f = {liaisons[i].agency, 0};
        int rc = store_agency_each(c, find_agency_fn, &f);
        if (rc != STORE_OK) return rc;
        if (!f.id) return STORE_ENOTFOUND;
        int64_t uid = 0;
        if (liaisons[i].create) {
            rc = store_user_add(c, NULL, liaisons[i].user, liaisons[i].display, "agency", hash,
                                &uid);
        } else {
            struct user u;
            rc = store_user_by_name(c, liaisons[i].user, &u, NULL, 0);
            uid = u.id;
        }
        if (rc == STORE_OK) rc = store_user_set_agency(c, NULL, uid, f.id);
        if (rc != STORE_OK) return rc;
        (*n)++;
    }
    return STORE_OK;
}

/* Infrastructure by how far the zone is: parks have it all, early spots little. */
static int add_infra(store_conn *c, uint64_t *rng, int64_t zone_id, const struct zone_seed *s,
                     const char *as_of) {
    for (int u = 0; utilities[u].code; u++) {
        int level; /* 0 none, 1 partial, 2 full */
        if (!strcmp(s->kind, "gov_park") || !strcmp(s->kind, "nongov_park")) {
            level = demo_uniform(rng) < 0.85 ? 2 : 1;
        } else if (!strcmp(s->kind, "specialised_park")) {
            level = demo_uniform(rng) < 0.7 ? 0 : 1;
        } else {
            double p = 0.15 + 0.08 * s->stage; /* further along, better served */
            if (!strcmp(utilities[u].code, "electricity") || !strcmp(utilities[u].code, "road"))
                p += 0.3;
            if (!strcmp(utilities[u].code, "sewage") || !strcmp(utilities[u].code, "gas"))
                p -= 0.1;
            double r = demo_uniform(rng);
            level = r < p * 0.5 ? 2 : r < p + 0.35 ? 1 : 0;
        }
        struct zone_infra inf = {0};
        snprintf(inf.utility, sizeof inf.utility, "%s", utilities[u].code);
        snprintf(inf.state, sizeof inf.state, "%s", infra_states[level].code);
        snprintf(inf.as_of, sizeof inf.as_of, "%s", as_of);
        int rc = store_zone_set_infra(c, NULL, zone_id, &inf);
        if (rc != STORE_OK) return rc;
    }
    return STORE_OK;
}

static int add_zones(store_conn *c, uint64_t *rng, int64_t ids[NZONES],
                     struct demo_registry_stats *stats) {
    long day0 = 18536; /* 2020-10-01, in the autumn of 1399 */
    for (int i = 0; i < NZONES; i++) {
        const struct zone_seed *s = &zone_seeds[i];
        struct zone z = {0};
        snprintf(z.kind, sizeof z.kind, "%s", s->kind);
        snprintf(z.name, sizeof z.name, "%s", s->name);
        z.county_id = s->county;
        z.has_center = true;
        z.center_lat = s->lat;
        z.center_lon = s->lon;
        z.area_ha = s->area_ha;
        if (!strcmp(s->kind, "spot"))
            snprintf(z.notes, sizeof z.notes,
                     "لکه صنعتی با کارگاه‌های %s؛ در فهرست لکه‌های قابل تبدیل به شهرک صنعتی "
                     "غیردولتی.",
                     s->trade == T_SHOE   ? "کفش ماشینی"
                     : s->trade == T_WOOD ? "چوب و مبلمان"
                     : s->trade == T_METAL ? "فلزی"
                     : s->trade == T_FOOD ? "غذایی"
                                          : "گوناگون");
        else if (!strcmp(s->kind, "specialised_park"))
            snprintf(z.notes, sizeof z.notes, "%s",
                     "در دست برنامه‌ریزی؛ برای ساماندهی کارگاه‌های پراکنده شهرستان.");
        int rc = store_zone_create(c, NULL, &z);
        if (rc != STORE_OK) return rc;
        ids[i] = z.id;
        /* The stage timeline: one stage every two to seven months from a start that
         * differs per zone. */
        long day = day0 + (long)(demo_uniform(rng) * 300);
        for (int k = 0; k <= s->stage; k++) {
            char iso[11];
            iso_from_days(day, iso);
            rc = store_zone_reach_stage(c, NULL, z.id, zone_stages[k].code, iso);
            if (rc != STORE_OK) return rc;
            day += 60 + (long)(demo_uniform(rng) * 150);
        }
        char as_of[11];
        iso_from_days(20100 + (long)(demo_uniform(rng) * 300), as_of); /* 2025 */
        rc = add_infra(c, rng, z.id, s, as_of);
        if (rc != STORE_OK) return rc;
        if (!strcmp(s->kind, "spot")) stats->spots++;
        else stats->parks++;
    }
    return STORE_OK;
}

/* A point about `sd_m` metres around (lat, lon). */
static void jitter(uint64_t *rng, double lat, double lon, double sd_m, double *olat,
                   double *olon) {
    *olat = lat + demo_normal(rng) * sd_m / 111320.0;
    *olon = lon + demo_normal(rng) * sd_m / (111320.0 * cos(lat * M_PI / 180.0));
}

static int class_for(uint64_t *rng, enum trade t) {
    int w[NCLASSES];
    for (int i = 0; i < NCLASSES; i++) {
        w[i] = classes[i].weight;
        const char *isic = classes[i].isic;
        bool shoe = isic[0] == '1' && isic[1] == '5'; /* shoes, leather, bags */
        bool wood = (isic[0] == '1' && isic[1] == '6') || !strcmp(isic, "3100");
        bool metal = isic[0] == '2' && isic[1] == '5';
        bool food = isic[0] == '1' && isic[1] == '0';
        if (t == T_SHOE && shoe) w[i] *= 6;
        if (t == T_WOOD && wood) w[i] *= 6;
        if (t == T_METAL && metal) w[i] *= 8;
        if (t == T_FOOD && food) w[i] *= 10;
    }
    return demo_pick(rng, w, NCLASSES);
}

enum where { IN_SPOT, IN_PARK, IN_CLUSTER, SCATTERED };

static void make_unit(uint64_t *rng, int serial, enum where where, struct unit *u) {
    memset(u, 0, sizeof *u);
    if (demo_uniform(rng) < 0.6) {
        demo_legal_id(1032, (uint32_t)serial, u->national_id);
        snprintf(u->id_kind, sizeof u->id_kind, "legal-id");
    } else {
        demo_national_code(4, (uint32_t)serial, u->national_id); /* "004…" */
        snprintf(u->id_kind, sizeof u->id_kind, "national-code");
    }
    /* Licences: workshops in spots are mostly unlicensed or hold a guild licence. */
    static const int w_spot[4] = {8, 10, 30, 52}, w_park[4] = {20, 70, 5, 5},
                     w_other[4] = {10, 20, 40, 30};
    const int *w = where == IN_PARK ? w_park : where == IN_SPOT || where == IN_CLUSTER ? w_spot
                                                                                      : w_other;
    int lk = demo_pick(rng, w, 4);
    snprintf(u->licence_kind, sizeof u->licence_kind, "%s", licence_kinds[lk].code);
    if (lk != 3)
        snprintf(u->licence_no, sizeof u->licence_no, "%d/%d",
                 1395 + (int)(demo_rand(rng) % 10), 10000 + (int)(demo_rand(rng) % 89999));
    static const int w_state[3] = {70, 19, 11};
    snprintf(u->state, sizeof u->state, "%s", unit_states[demo_pick(rng, w_state, 3)].code);
    double e = exp(1.6 + 0.8 * demo_normal(rng)) * (where == IN_PARK ? 3.0 : 1.0);
    u->employees = e < 1 ? 1 : e > 900 ? 900 : (int64_t)e;
}

static void name_unit(uint64_t *rng, const struct trade_class *tc, struct unit *u) {
    const char *prefix = tc->prefixes[demo_rand(rng) % 3];
    const char *brand = brands[demo_rand(rng) % (sizeof brands / sizeof *brands)];
    const char *suffix = suffixes[demo_rand(rng) % (sizeof suffixes / sizeof *suffixes)];
    snprintf(u->name, sizeof u->name, "%s %s%s", prefix, brand, suffix);
    snprintf(u->isic, sizeof u->isic, "%s", tc->isic);
    snprintf(u->contact_name, sizeof u->contact_name, "%s %s",
             first_names[demo_rand(rng) % (sizeof first_names / sizeof *first_names)],
             brands[40 + demo_rand(rng) % 20]);
    snprintf(u->phone, sizeof u->phone, "0215%07u", (unsigned)(demo_rand(rng) % 10000000));
}

/* A number in Persian digits (addresses are read by people). */
static void fa_uint(unsigned v, char *out, size_t cap) {
    char ascii[16];
    snprintf(ascii, sizeof ascii, "%u", v);
    size_t o = 0;
    for (const char *p = ascii; *p && o + 3 <= cap; p++) {
        out[o++] = (char)0xDB;
        out[o++] = (char)(0xB0 + (*p - '0'));
    }
    out[o < cap ? o : cap - 1] = 0;
}

static void address_unit(uint64_t *rng, int county, const char *zone_name, struct unit *u) {
    const char *street = streets[demo_rand(rng) % (sizeof streets / sizeof *streets)];
    char alley[16], plate[16];
    fa_uint(1 + (unsigned)(demo_rand(rng) % 40), alley, sizeof alley);
    fa_uint(1 + (unsigned)(demo_rand(rng) % 200), plate, sizeof plate);
    if (zone_name)
        snprintf(u->address, sizeof u->address, "%s، %s، %s، کوچه %s، پلاک %s", town_names[county],
                 zone_name, street, alley, plate);
    else
        snprintf(u->address, sizeof u->address, "%s، %s، کوچه %s، پلاک %s", town_names[county],
                 street, alley, plate);
    /* Postal codes of the south-west of the province start 33…; ten digits. */
    snprintf(u->postal_code, sizeof u->postal_code, "33%01u%07u", 1 + (unsigned)(county % 9),
             (unsigned)(demo_rand(rng) % 10000000));
    u->county_id = county;
}

int demo_registry(store_conn *c, uint64_t seed, const char *password_hash,
                  struct demo_registry_stats *stats) {
    memset(stats, 0, sizeof *stats);
    uint64_t rng = seed;
    struct store_bulk bulk;
    int rc = store_units_bulk_setup(c, DEMO_UNITS, false, &bulk);
    if (rc == STORE_OK) rc = store_begin(c);
    if (rc != STORE_OK) {
        store_units_bulk_free(c, &bulk);
        return rc;
    }
    rc = add_agencies(c, &stats->agencies);
    if (rc == STORE_OK) rc = add_liaisons(c, password_hash, &stats->liaisons);
    int64_t zone_ids[NZONES];
    if (rc == STORE_OK) rc = add_zones(c, &rng, zone_ids, stats);

    int zw[NZONES];
    for (int i = 0; i < NZONES; i++) zw[i] = zone_seeds[i].weight;
    static const int w_where[3] = {77, 10, 13}; /* zones, clusters, scattered */
    int tw[sizeof towns / sizeof *towns];
    for (size_t i = 0; i < sizeof towns / sizeof *towns; i++) tw[i] = towns[i].weight;
    char now[21];
    clock_iso_utc(clock_now(), now);
    int created = 0;
    if (rc == STORE_OK) rc = store_units_bulk_begin(c, &bulk);
    for (int i = 0; rc == STORE_OK && i < DEMO_UNITS; i++) {
        struct unit u;
        int where = demo_pick(&rng, w_where, 3);
        int zi = where == 0 ? demo_pick(&rng, zw, NZONES) : -1;
        const struct zone_seed *zs = zi >= 0 ? &zone_seeds[zi] : NULL;
        enum where kind = zs ? (!strcmp(zs->kind, "spot") ? IN_SPOT : IN_PARK)
                          : where == 1 ? IN_CLUSTER
                                       : SCATTERED;
        make_unit(&rng, i + 1, kind, &u);
        int county;
        double lat, lon;
        enum trade trade;
        if (zs) {
            /* Inside the zone: its area as a disc, points within about its radius. */
            double radius = sqrt(zs->area_ha * 10000.0 / M_PI);
            jitter(&rng, zs->lat, zs->lon, radius / 2.0, &lat, &lon);
            county = zs->county;
            trade = zs->trade;
            u.zone_id = zone_ids[zi];
        } else if (kind == IN_CLUSTER) {
            int k = (int)(demo_rand(&rng) % (sizeof clusters / sizeof *clusters));
            jitter(&rng, clusters[k].lat, clusters[k].lon, 220, &lat, &lon);
            county = clusters[k].county;
            trade = k % 2 ? T_WOOD : T_SHOE;
        } else {
            int k = demo_pick(&rng, tw, (int)(sizeof towns / sizeof *towns));
            jitter(&rng, towns[k].lat, towns[k].lon, 3500, &lat, &lon);
            county = towns[k].county;
            trade = T_MIXED;
        }
        u.has_location = true;
        u.lat = round(lat * 1e6) / 1e6;
        u.lon = round(lon * 1e6) / 1e6;
        name_unit(&rng, &classes[class_for(&rng, trade)], &u);
        address_unit(&rng, county, zs ? zs->name : NULL, &u);
        enum store_upsert_outcome out;
        rc = store_unit_upsert_bulk(c, &bulk, &u, now, &out);
        if (rc == STORE_OK && out == STORE_UPSERT_CREATED) created++;
        if (!zs) stats->units_outside_zones++;
    }
    stats->units = created;
    if (rc == STORE_OK) rc = store_units_bulk_end(c, &bulk);
    if (rc == STORE_OK) {
        char detail[128];
        snprintf(detail, sizeof detail, "{\"source\":\"demo\",\"created\":%d,\"seed\":%llu}",
                 created, (unsigned long long)seed);
        rc = store_import_audit(c, NULL, "unit.import", detail);
    }
    if (rc != STORE_OK) store_rollback(c);
    else rc = store_commit(c);
    store_units_bulk_free(c, &bulk);
    return rc;
}

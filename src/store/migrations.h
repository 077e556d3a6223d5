/* migrations — numbered SQL files from src/store/migrations, compiled in.
 * Version N is the file NNNN_name.sql; versions are applied in order, each once,
 * and recorded in schema_migrations. */
#ifndef TASHIL_MIGRATIONS_H
#define TASHIL_MIGRATIONS_H

struct tashil_migration {
    int version;
    const char *name;
    const char *sql;
};

extern const struct tashil_migration tashil_migrations[]; /* ends with a zeroed entry */
extern const int tashil_migration_count;

#endif

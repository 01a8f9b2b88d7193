/*
 * import.c - bulk create or upsert from CSV, JSON or JSON Lines, one record
 * at a time (CLI.md section 6).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "custbase.h"
#include "dupes.h"
#include "entity.h"
#include "input.h"
#include "preset.h"
#include "recode.h"
#include "vcard.h"

struct colmap {
    char *src;   /* input column */
    char *field; /* field name */
};

struct import {
    struct crm_tool *t;
    const char *name;          /* file name for messages */
    struct colmap *map;
    size_t nmap;
    const struct crm_field **keys;
    size_t nkeys;
    int ignore_unknown, dry_run;
    size_t inserted, updated, unchanged, rejected, rows;
    FILE *rejects;
    char *rejects_tmp;
    const char *rejects_path;
    struct crm_out *rout;
    char **rcols;              /* columns of the rejects file */
    size_t nrcols;
    int progress;
    size_t dupe_notes;
    int vcard;                 /* vCard input: ORG accounts created, upsert by uid or email */
    int create_refs;           /* vCard or --preset: a related record named is created */
    size_t created_refs;
    const struct crm_preset *preset;
    struct crm_preset_row prow;
    size_t erased;             /* rows skipped: erased people */
    int tombstones;            /* -1 not known yet, 0 none in the database, 1 some */
};

static int parse_map(struct import *im, const char *spec)
{
    char *copy = crm_xstrdup(spec);
    int rc = CRM_OK;
    for (char *save = NULL, *s = strtok_r(copy, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
        char *eq = strrchr(s, '=');
        if (!eq || eq == s || !eq[1]) {
            rc = crm_err_set(&im->t->err, CRM_USAGE, "--map: expected SOURCE=field, got '%s'", s);
            break;
        }
        *eq = '\0';
        if (!crm_ent_field(&im->t->ent, eq + 1)) {
            rc = crm_err_set(&im->t->err, CRM_USAGE, "--map: unknown field '%s'", eq + 1);
            break;
        }
        im->map = crm_xrealloc(im->map, (im->nmap + 1) * sizeof *im->map);
        im->map[im->nmap].src = crm_xstrdup(s);
        im->map[im->nmap].field = crm_xstrdup(eq + 1);
        im->nmap++;
    }
    free(copy);
    return rc;
}

static int parse_keys(struct import *im, const char *spec)
{
    char *copy = crm_xstrdup(spec);
    int rc = CRM_OK;
    for (char *save = NULL, *s = strtok_r(copy, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
        const struct crm_field *f = crm_ent_field(&im->t->ent, s);
        if (!f || (f->flags & CRM_F_DERIVED)) {
            rc = crm_err_set(&im->t->err, CRM_USAGE, "--key: unknown field '%s'", s);
            break;
        }
        im->keys = crm_xrealloc(im->keys, (im->nkeys + 1) * sizeof *im->keys);
        im->keys[im->nkeys++] = f;
    }
    free(copy);
    if (rc == CRM_OK && im->nkeys == 0)
        rc = crm_err_set(&im->t->err, CRM_USAGE, "--key: no field given");
    return rc;
}

/* The field an input column feeds; NULL with *skip set for ignored columns. */
static int column_field(struct import *im, const char *col, const struct crm_field **f, int *skip)
{
    const char *name = col;
    *skip = 0;
    for (size_t i = 0; i < im->nmap; i++)
        if (strcmp(im->map[i].src, col) == 0)
            name = im->map[i].field;
    *f = crm_ent_field(&im->t->ent, name);
    if (*f && ((*f)->flags & CRM_F_DERIVED)) {
        *skip = 1; /* output-only columns of `list` are accepted back and ignored */
        return CRM_OK;
    }
    if (*f)
        return CRM_OK;
    if (im->ignore_unknown) {
        *skip = 1;
        return CRM_OK;
    }
    return crm_err_set(&im->t->err, CRM_DATAERR,
                       "unknown column '%s': not a %s field; rename it with --map '%s=FIELD' or "
                       "skip it with --ignore-unknown",
                       col, im->t->def->name, col);
}

static int fill_record(struct import *im, const struct crm_record_in *in, struct crm_rec *r)
{
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < in->n; i++) {
            const struct crm_field *f;
            int skip, rc = column_field(im, in->keys[i], &f, &skip);
            if (rc)
                return rc;
            if (skip || (f->type == CRM_T_PHONE) != pass)
                continue;
            size_t fi = (size_t)(f - im->t->ent.fields);
            if (!in->vals[i]) {
                crm_sval_free(&r->v[fi]);
                r->set[fi] = 1;
                continue;
            }
            if (im->create_refs && f->type == CRM_T_REF && in->vals[i][0]) {
                int64_t id;
                int created;
                if ((rc = crm_ref_resolve_create(im->t, f, in->vals[i], &id, &created)))
                    return rc;
                crm_sval_free(&r->v[fi]);
                r->v[fi].kind = CRM_SV_INT;
                r->v[fi].i = id;
                r->set[fi] = 1;
                im->created_refs += created;
                continue;
            }
            if ((rc = crm_rec_set(im->t, r, f, in->vals[i], NULL)))
                return rc;
        }
    }
    return CRM_OK;
}

static int id_exists(struct import *im, const struct crm_rec *r, int64_t *id)
{
    const struct crm_field *idf = crm_ent_field(&im->t->ent, "id");
    size_t i = (size_t)(idf - im->t->ent.fields);
    if (!r->set[i] || r->v[i].kind != CRM_SV_INT)
        return 0;
    *id = r->v[i].i;
    struct crm_rec tmp;
    crm_rec_init(&tmp, im->t->ent.nfields);
    int got = crm_rec_load(im->t, *id, &tmp);
    crm_rec_free(&tmp);
    return got;
}

/* Merge the given fields of r over the stored record and write the difference. */
static int upsert_existing(struct import *im, int64_t id, struct crm_rec *r)
{
    struct crm_rec old;
    int changed = 0;
    crm_rec_init(&old, im->t->ent.nfields);
    int got = crm_rec_load(im->t, id, &old), rc;
    /* created_at and updated_at of the input are history, not changes. */
    for (size_t i = 0; i < r->n; i++)
        if (im->t->ent.fields[i].flags & CRM_F_READONLY)
            r->set[i] = 0;
    if (got < 0)
        rc = -got;
    else
        rc = crm_rec_update(im->t, id, &old, r, &changed);
    crm_rec_free(&old);
    if (rc == CRM_OK) {
        if (changed)
            im->updated++;
        else
            im->unchanged++;
    }
    return rc;
}

/* A likely duplicate of an existing record is worth a note: the first 20
 * by name, then a count at the end. */
static int warn_dupe(struct import *im, int64_t id, size_t line)
{
    (void)line;
    return crm_dupes_warn_new(im->t, id, &im->dupe_notes);
}

/* A UID that `export -f vcard` made up for a record without one (vcard.h):
 * 1 and *id when that record is here and still has no uid. */
static int exported_uid(struct import *im, const struct crm_rec *r, int64_t *id)
{
    struct crm_tool *t = im->t;
    const struct crm_field *uf = crm_ent_field(&t->ent, "uid");
    const struct crm_field *cf = crm_ent_field(&t->ent, "created_at");
    size_t ui = uf ? (size_t)(uf - t->ent.fields) : 0;
    if (!uf || !cf || !r->set[ui] || r->v[ui].kind != CRM_SV_TEXT)
        return 0;
    const char *uid = crm_buf_str(&r->v[ui].s);
    int64_t cand = crm_vcard_uid_id(uid);
    if (!cand)
        return 0;
    struct crm_rec old;
    crm_rec_init(&old, t->ent.nfields);
    int got = crm_rec_load(t, cand, &old), match = 0;
    if (got > 0 && old.v[ui].kind == CRM_SV_NULL) {
        char ids[24];
        struct crm_buf want = CRM_BUF_INIT;
        snprintf(ids, sizeof ids, "%lld", (long long)cand);
        const struct crm_sval *c = &old.v[cf - t->ent.fields];
        crm_vcard_uid(ids, c->kind == CRM_SV_TEXT ? crm_buf_str(&c->s) : NULL, &want);
        match = strcmp(crm_buf_str(&want), uid) == 0;
        crm_buf_free(&want);
    }
    crm_rec_free(&old);
    if (got < 0)
        return got;
    if (match)
        *id = cand;
    return match;
}

/* A new record, unless it is an erased person (a tombstone matches). */
static int insert_new(struct import *im, struct crm_rec *r, size_t line)
{
    const char *kind;
    int64_t id;
    if (im->tombstones < 0) { /* no erased people: no lookups */
        struct crm_sql q = CRM_SQL_INIT;
        int64_t one = 0;
        int found;
        crm_sql_add(&q, "SELECT 1 FROM crm_tombstone LIMIT 1");
        int rc = crm_db_scalar_int(im->t->db, &q, &one, &found, &im->t->err);
        crm_sql_free(&q);
        if (rc)
            return rc;
        im->tombstones = found;
    }
    int erased = im->tombstones ? crm_tombstone_find(im->t, r, &kind) : 0;
    if (erased < 0)
        return -erased;
    if (erased) {
        im->erased++;
        if (im->erased <= 20)
            crm_tool_note(im->t, "import: %s:%zu: skipped: the %s belongs to an erased %s",
                          im->name, line, kind, im->t->def->name);
        return CRM_OK;
    }
    int rc = crm_rec_insert(im->t, r, &id);
    if (rc == CRM_OK) {
        im->inserted++;
        rc = warn_dupe(im, id, line);
    }
    return rc;
}

static int import_one(struct import *im, const struct crm_record_in *in)
{
    struct crm_tool *t = im->t;
    struct crm_rec r;
    int64_t id;
    crm_rec_init(&r, t->ent.nfields);
    int rc = fill_record(im, in, &r);
    if (rc == CRM_OK && im->nkeys) {
        for (size_t k = 0; k < im->nkeys && rc == CRM_OK; k++)
            if (!r.set[im->keys[k] - t->ent.fields])
                rc = crm_err_set(&t->err, CRM_DATAERR, "%s: the --key column is missing",
                                 im->keys[k]->name);
        int found = rc ? 0 : crm_rec_find_by_keys(t, im->keys, im->nkeys, &r, &id);
        if (found < 0)
            rc = -found;
        else if (found)
            rc = upsert_existing(im, id, &r);
        else if (rc == CRM_OK)
            rc = insert_new(im, &r, in->line);
    } else if (rc == CRM_OK && im->vcard) {
        /* A card already imported (its UID) or the same person (the email). */
        static const char *const keys[] = {"uid", "email"};
        int found = 0;
        for (size_t k = 0; k < 2 && found == 0; k++) {
            const struct crm_field *kf = crm_ent_field(&t->ent, keys[k]);
            size_t ki = kf ? (size_t)(kf - t->ent.fields) : 0;
            if (kf && r.set[ki] && r.v[ki].kind != CRM_SV_NULL)
                found = crm_rec_find_by_keys(t, &kf, 1, &r, &id);
        }
        if (found == 0)
            found = exported_uid(im, &r, &id);
        if (found < 0)
            rc = -found;
        else if (found)
            rc = upsert_existing(im, id, &r);
        else
            rc = insert_new(im, &r, in->line);
    } else if (rc == CRM_OK) {
        int got = id_exists(im, &r, &id);
        if (got < 0)
            rc = -got;
        else if (got > 0)
            rc = crm_err_set(&t->err, CRM_DATAERR,
                             "id: %s %lld exists already; use --key id to update it",
                             t->def->name, (long long)id);
        else
            rc = insert_new(im, &r, in->line);
    }
    crm_rec_free(&r);
    return rc;
}

static int open_rejects(struct import *im, const struct crm_record_in *in)
{
    struct crm_tool *t = im->t;
    size_t len = strlen(im->rejects_path);
    im->rejects_tmp = crm_xmalloc(len + 16);
    snprintf(im->rejects_tmp, len + 16, "%s.tmp-XXXXXX", im->rejects_path);
    int fd = mkstemp(im->rejects_tmp);
    if (fd < 0 || !(im->rejects = fdopen(fd, "w"))) {
        if (fd >= 0)
            close(fd);
        return crm_err_set(&t->err, CRM_CANTCREAT, "--rejects: cannot create %s: %s",
                           im->rejects_path, strerror(errno));
    }
    im->nrcols = in->n + 1;
    im->rcols = crm_xcalloc(im->nrcols, sizeof *im->rcols);
    struct crm_col *cols = crm_xcalloc(im->nrcols, sizeof *cols);
    for (size_t i = 0; i < in->n; i++) {
        im->rcols[i] = crm_xstrdup(in->keys[i]);
        cols[i].name = im->rcols[i];
    }
    im->rcols[in->n] = crm_xstrdup("error");
    cols[in->n].name = im->rcols[in->n];
    struct crm_out_opts oo = {0};
    im->rout = crm_out_new(im->rejects, CRM_OUT_CSV, cols, im->nrcols, &oo);
    free(cols);
    return CRM_OK;
}

static int write_reject(struct import *im, const struct crm_record_in *in, const char *why)
{
    int rc;
    if (!im->rejects && (rc = open_rejects(im, in)))
        return rc;
    const char **vals = crm_xcalloc(im->nrcols, sizeof *vals);
    for (size_t c = 0; c + 1 < im->nrcols; c++)
        for (size_t i = 0; i < in->n; i++)
            if (strcmp(in->keys[i], im->rcols[c]) == 0)
                vals[c] = in->vals[i];
    vals[im->nrcols - 1] = why;
    rc = crm_out_row(im->rout, vals, &im->t->err);
    free(vals);
    return rc;
}

static int finish_rejects(struct import *im, int ok)
{
    int rc = CRM_OK;
    if (!im->rejects)
        return CRM_OK;
    rc = crm_out_end(im->rout, &im->t->err);
    if (fclose(im->rejects) != 0 && rc == CRM_OK)
        rc = crm_err_set(&im->t->err, CRM_IOERR, "--rejects: %s", strerror(errno));
    im->rejects = NULL;
    if (ok && rc == CRM_OK && rename(im->rejects_tmp, im->rejects_path) != 0)
        rc = crm_err_set(&im->t->err, CRM_CANTCREAT, "--rejects: cannot create %s: %s",
                         im->rejects_path, strerror(errno));
    if (!ok || rc)
        unlink(im->rejects_tmp);
    return rc;
}

static int handle_row(struct import *im, const struct crm_record_in *in)
{
    struct crm_tool *t = im->t;
    if (!im->rejects_path) {
        int rc = import_one(im, in);
        if (rc)
            crm_err_prefix(&t->err, "%s:%zu: ", im->name, in->line);
        return rc;
    }
    int rc = crm_db_savepoint(t->db, "crm_row", &t->err);
    if (rc)
        return rc;
    rc = import_one(im, in);
    if (rc == CRM_OK)
        return crm_db_release(t->db, "crm_row", &t->err);
    if (rc != CRM_DATAERR && rc != CRM_USAGE)
        return rc;
    char why[sizeof t->err.msg];
    snprintf(why, sizeof why, "%s", t->err.msg);
    if ((rc = crm_db_rollback_to(t->db, "crm_row", &t->err)))
        return rc;
    im->rejected++;
    return write_reject(im, in, why);
}

/* --preset: the vendor's row as crm fields. */
static const struct crm_record_in *preset_row(struct import *im, const struct crm_record_in *rec,
                                              struct crm_record_in *conv)
{
    if (!im->preset)
        return rec;
    if (im->rows == 0) {
        struct crm_buf unused = CRM_BUF_INIT;
        size_t n = crm_preset_unused(im->preset, rec, &unused);
        if (n)
            crm_tool_note(im->t, "import: --preset skips %zu column%s: %s", n, n == 1 ? "" : "s",
                          crm_buf_str(&unused));
        crm_buf_free(&unused);
    }
    crm_preset_row_free(&im->prow);
    crm_preset_apply(im->preset, rec, &im->prow);
    conv->n = im->prow.n;
    conv->keys = im->prow.keys;
    conv->vals = im->prow.vals;
    conv->line = rec->line;
    return conv;
}

static int read_all(struct import *im, struct crm_input *in)
{
    struct crm_record_in rec, conv;
    int rc;
    while ((rc = crm_input_next(in, &rec, &im->t->err)) > 0) {
        if ((rc = handle_row(im, preset_row(im, &rec, &conv))))
            return rc;
        im->rows++;
        if (im->progress && im->rows % 10000 == 0)
            fprintf(stderr, "\r%s: import: %zu rows", im->t->prog, im->rows);
    }
    if (im->progress && im->rows >= 10000)
        fputc('\n', stderr);
    return rc < 0 ? -rc : CRM_OK;
}

static int open_input(struct crm_tool *t, FILE **f, const char **name)
{
    const char *path = t->npos ? t->pos[0] : "-";
    if (t->npos > 1)
        return crm_err_set(&t->err, CRM_USAGE, "import reads one file (or - for stdin)");
    if (strcmp(path, "-") == 0) {
        *f = stdin;
        *name = "stdin";
        return CRM_OK;
    }
    *f = fopen(path, "rb");
    *name = path;
    if (!*f)
        return crm_err_set(&t->err, errno == ENOENT ? CRM_NOINPUT : CRM_IOERR, "cannot read %s: %s",
                           path, strerror(errno));
    return CRM_OK;
}

static int input_options(struct crm_tool *t, enum crm_infmt *fmt, char *delim)
{
    const char *f = crm_args_get(&t->args, "input-format");
    const char *d = crm_args_get(&t->args, "delimiter");
    *fmt = CRM_IN_AUTO;
    *delim = 0;
    if (f && crm_input_format_parse(f, fmt, &t->err))
        return CRM_USAGE;
    if (d) {
        if (strcmp(d, "\\t") == 0 || strcmp(d, "tab") == 0)
            d = "\t";
        if (strlen(d) != 1)
            return crm_err_set(&t->err, CRM_USAGE, "--delimiter: expected one character, got '%s'", d);
        *delim = d[0];
    }
    return CRM_OK;
}

static void free_import(struct import *im)
{
    for (size_t i = 0; i < im->nmap; i++) {
        free(im->map[i].src);
        free(im->map[i].field);
    }
    free(im->map);
    free(im->keys);
    for (size_t i = 0; i < im->nrcols; i++)
        free(im->rcols[i]);
    free(im->rcols);
    free(im->rejects_tmp);
    crm_preset_row_free(&im->prow);
}

int crm_entity_import(struct crm_tool *t)
{
    struct import im = {0};
    enum crm_infmt fmt;
    char delim;
    FILE *f = NULL, *rf = NULL;
    struct crm_recode *recode = NULL;
    struct crm_input *in = NULL;
    const char *v;
    int rc;

    im.t = t;
    im.tombstones = -1;
    im.ignore_unknown = crm_args_has(&t->args, "ignore-unknown");
    im.dry_run = crm_args_has(&t->args, "dry-run");
    im.rejects_path = crm_args_get(&t->args, "rejects");
    im.progress = !t->quiet && isatty(STDERR_FILENO);
    if ((rc = input_options(t, &fmt, &delim)))
        goto out;
    if ((v = crm_args_get(&t->args, "map")) && (rc = parse_map(&im, v)))
        goto out;
    if ((v = crm_args_get(&t->args, "key")) && (rc = parse_keys(&im, v)))
        goto out;
    if ((v = crm_args_get(&t->args, "preset"))) {
        if ((rc = crm_preset_find(v, t->def->name, &im.preset, &t->err)))
            goto out;
        im.create_refs = 1;
    }
    if ((rc = open_input(t, &f, &im.name)))
        goto out;
    crm_db_bulk_mode(t->db);
    if ((rc = crm_recode_open(f, im.name, crm_args_get(&t->args, "encoding"), &rf, &recode,
                              &t->err)))
        goto out;
    if ((rc = crm_input_open(&in, rf, im.name, fmt, delim, &t->err)))
        goto out;
    if (crm_input_format(in) == CRM_IN_VCARD) {
        if (strcmp(t->def->name, "contact") != 0) {
            rc = crm_err_set(&t->err, CRM_USAGE, "%s is a vCard file: import it with crm-contact",
                             im.name);
            goto out;
        }
        im.vcard = 1;
        im.create_refs = 1;
        if (im.preset) {
            rc = crm_err_set(&t->err, CRM_USAGE, "--preset is for CSV exports, not vCards");
            goto out;
        }
    }
    if ((rc = crm_db_savepoint(t->db, "crm_import", &t->err)))
        goto out;
    rc = read_all(&im, in);
    if (rc == CRM_OK && im.dry_run)
        rc = crm_db_rollback_to(t->db, "crm_import", &t->err);
    else if (rc == CRM_OK)
        rc = crm_db_release(t->db, "crm_import", &t->err);
    int r2 = finish_rejects(&im, rc == CRM_OK);
    if (rc == CRM_OK)
        rc = r2;
    if (rc == CRM_OK)
    {
        if (im.created_refs)
            crm_tool_note(t, "import: %zu related record%s created (named by the input, as by "
                             "ORG or Company)",
                          im.created_refs, im.created_refs == 1 ? "" : "s");
        if (im.dupe_notes > 20)
            crm_tool_note(t, "import: %zu inserted records are likely duplicates (20 shown; "
                             "see dupes)", im.dupe_notes);
        if (im.erased)
            crm_tool_note(t, "import: %zu row%s skipped: erased people (crm-contact erase) are "
                             "not brought back",
                          im.erased, im.erased == 1 ? "" : "s");
        crm_tool_note(t, "import: %s%zu inserted, %zu updated, %zu unchanged, %zu rejected",
                      im.dry_run ? "dry run, nothing written: would be " : "", im.inserted,
                      im.updated, im.unchanged, im.rejected);
    }
out:
    /* Reading stopped at a byte invalid in the encoding: say where. */
    if (rc && crm_recode_error(recode, &t->err))
        rc = t->err.status;
    else if (rc == CRM_DATAERR && strstr(t->err.msg, "invalid UTF-8") &&
        !crm_args_get(&t->args, "encoding") && strlen(t->err.msg) < sizeof t->err.msg - 80)
        strcat(t->err.msg, " (not UTF-8? give --encoding, e.g. cp1251 or latin1)");
    crm_input_close(in);
    crm_recode_close(rf, recode);
    if (f && f != stdin)
        fclose(f);
    free_import(&im);
    return rc;
}

/*
 * opt.c - one option table for getopt_long, --help and completions.
 */
#include "opt.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

const struct crm_opt crm_common_opts[] = {
    {"db", 0, CRM_OPT_ARG, "PATH", "file", "the database (default $CRM_DB, else ~/.local/share/crm/crm.db)"},
    {"format", 'f', CRM_OPT_ARG, "FMT", "formats", "output format: table, csv, tsv, json, jsonl"},
    {"fields", 0, CRM_OPT_ARG, "A,B,C", "fields", "columns to print, in order ('all' for every field)"},
    {"where", 'w', CRM_OPT_MULTI, "EXPR", "where", "filter (see crm-filter(7)); repeated: joined with 'and'"},
    {"sort", 0, CRM_OPT_ARG, "[-]F,...", "sort", "sort order; '-' for descending"},
    {"limit", 0, CRM_OPT_ARG, "N", NULL, "at most N records"},
    {"no-header", 0, CRM_OPT_FLAG, NULL, NULL, "CSV, TSV and table without the header line"},
    {"quiet", 'q', CRM_OPT_FLAG, NULL, NULL, "no messages on stderr but errors"},
    {"help", 'h', CRM_OPT_FLAG, NULL, NULL, "print usage and exit"},
    {"version", 0, CRM_OPT_FLAG, NULL, NULL, "print the version and exit"},
    {"completion-words", 0, CRM_OPT_FLAG, NULL, NULL, NULL}, /* hidden: for tools/gencomp.sh */
    {NULL, 0, 0, NULL, NULL, NULL},
};

static size_t count_opts(const struct crm_opt *t)
{
    size_t n = 0;
    while (t && t[n].name)
        n++;
    return n;
}

static int index_of_short(const struct crm_args *a, int c)
{
    for (size_t i = 0; i < a->nopts; i++)
        if (a->opts[i]->shortc == c)
            return (int)i;
    return -1;
}

static void collect(struct crm_args *a, const struct crm_opt *const *tables)
{
    size_t n = count_opts(crm_common_opts);
    for (size_t t = 0; tables && tables[t]; t++)
        n += count_opts(tables[t]);
    a->opts = crm_xcalloc(n, sizeof *a->opts);
    for (size_t i = 0; crm_common_opts[i].name; i++)
        a->opts[a->nopts++] = &crm_common_opts[i];
    for (size_t t = 0; tables && tables[t]; t++)
        for (size_t i = 0; tables[t][i].name; i++)
            a->opts[a->nopts++] = &tables[t][i];
    a->val = crm_xcalloc(a->nopts, sizeof *a->val);
    a->multi = crm_xcalloc(a->nopts, sizeof *a->multi);
    a->nmulti = crm_xcalloc(a->nopts, sizeof *a->nmulti);
}

static void store(struct crm_args *a, size_t i, const char *v)
{
    const struct crm_opt *o = a->opts[i];
    a->val[i] = o->arg == CRM_OPT_FLAG ? "" : v;
    if (o->arg == CRM_OPT_MULTI) {
        a->multi[i] = crm_xrealloc(a->multi[i], (a->nmulti[i] + 1) * sizeof *a->multi[i]);
        a->multi[i][a->nmulti[i]++] = v;
    }
}

int crm_args_parse(struct crm_args *a, int argc, char **argv,
                   const struct crm_opt *const *tables, struct crm_err *err)
{
    memset(a, 0, sizeof *a);
    collect(a, tables);
    struct option *lo = crm_xcalloc(a->nopts + 1, sizeof *lo);
    struct crm_buf shorts = CRM_BUF_INIT;
    crm_buf_putc(&shorts, ':'); /* report a missing argument as ':' */
    for (size_t i = 0; i < a->nopts; i++) {
        lo[i].name = a->opts[i]->name;
        lo[i].has_arg = a->opts[i]->arg == CRM_OPT_FLAG ? no_argument : required_argument;
        lo[i].val = 1000 + (int)i;
        if (a->opts[i]->shortc) {
            crm_buf_putc(&shorts, (char)a->opts[i]->shortc);
            if (a->opts[i]->arg != CRM_OPT_FLAG)
                crm_buf_putc(&shorts, ':');
        }
    }
    int rc = CRM_OK, c, li;
    optind = 0; /* full re-initialisation (glibc), so tests and tools may parse twice */
    opterr = 0;
    a->pos = crm_xcalloc((size_t)argc + 1, sizeof *a->pos);
    while ((c = getopt_long(argc, argv, crm_buf_str(&shorts), lo, &li)) != -1) {
        if (c >= 1000) {
            store(a, (size_t)(c - 1000), optarg);
        } else if (c == ':') {
            const char *name = argv[optind - 1];
            rc = crm_err_set(err, CRM_USAGE, "option '%s' needs an argument", name);
            break;
        } else if (c == '?') {
            if (optopt && optopt < 1000)
                rc = crm_err_set(err, CRM_USAGE, "unknown option '-%c'", optopt);
            else
                rc = crm_err_set(err, CRM_USAGE, "unknown option '%s'", argv[optind - 1]);
            break;
        } else {
            int i = index_of_short(a, c);
            if (i >= 0)
                store(a, (size_t)i, optarg);
        }
    }
    if (rc == CRM_OK)
        for (int i = optind; i < argc; i++)
            a->pos[a->npos++] = argv[i];
    free(lo);
    crm_buf_free(&shorts);
    return rc;
}

void crm_args_free(struct crm_args *a)
{
    for (size_t i = 0; i < a->nopts; i++)
        free(a->multi[i]);
    free(a->multi);
    free(a->nmulti);
    free(a->val);
    free(a->opts);
    free(a->pos);
    memset(a, 0, sizeof *a);
}

static int find(const struct crm_args *a, const char *name)
{
    for (size_t i = 0; i < a->nopts; i++)
        if (strcmp(a->opts[i]->name, name) == 0)
            return (int)i;
    return -1;
}

const char *crm_args_get(const struct crm_args *a, const char *name)
{
    int i = find(a, name);
    return i < 0 ? NULL : a->val[i];
}

void crm_args_default(struct crm_args *a, const char *name, const char *value)
{
    int i = find(a, name);
    if (i >= 0 && !a->val[i])
        a->val[i] = value;
}

int crm_args_has(const struct crm_args *a, const char *name)
{
    return crm_args_get(a, name) != NULL;
}

size_t crm_args_all(const struct crm_args *a, const char *name, const char *const **vals)
{
    int i = find(a, name);
    *vals = i < 0 ? NULL : a->multi[i];
    return i < 0 ? 0 : a->nmulti[i];
}

const struct crm_opt *crm_args_opt(const struct crm_args *a, const char *name)
{
    int i = find(a, name);
    return i < 0 ? NULL : a->opts[i];
}

static int listed(const char *const *only, const char *name)
{
    if (!only)
        return 1;
    for (size_t i = 0; only[i]; i++)
        if (strcmp(only[i], name) == 0)
            return 1;
    return 0;
}

void crm_opt_print_help(FILE *f, const struct crm_opt *opts, const char *const *only)
{
    for (size_t i = 0; opts && opts[i].name; i++) {
        const struct crm_opt *o = &opts[i];
        if (!o->help || !listed(only, o->name))
            continue;
        struct crm_buf left = CRM_BUF_INIT;
        if (o->shortc)
            crm_buf_printf(&left, "-%c, ", o->shortc);
        else
            crm_buf_puts(&left, "    ");
        crm_buf_printf(&left, "--%s", o->name);
        if (o->argname)
            crm_buf_printf(&left, " %s", o->argname);
        fprintf(f, "  %-26s %s\n", crm_buf_str(&left), o->help);
        crm_buf_free(&left);
    }
}

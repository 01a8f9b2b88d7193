/*
 * tool.c - command line, verb dispatch, transaction and exit status.
 */
#include "tool.h"

#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "entity.h"

static void usage(struct crm_tool *t, FILE *f)
{
    fprintf(f, "usage: %s VERB [OPTIONS] [ARGS]\n\nverbs:\n", t->prog);
    for (size_t i = 0; t->verbs[i]; i++)
        fprintf(f, "  %-10s %-28s %s\n", t->verbs[i]->name, t->verbs[i]->args ? t->verbs[i]->args : "",
                t->verbs[i]->help);
    fprintf(f, "\noptions:\n");
    crm_opt_print_help(f, crm_common_opts, NULL);
    fprintf(f, "\n'%s VERB --help' shows the options of a verb; man %s for the rest.\n", t->prog,
            t->prog);
}

static void verb_usage(struct crm_tool *t, FILE *f)
{
    const struct crm_verb *v = t->verb;
    fprintf(f, "usage: %s %s [OPTIONS] %s\n  %s\n\noptions:\n", t->prog, v->name,
            v->args ? v->args : "", v->help);
    crm_opt_print_help(f, crm_common_opts, NULL);
    for (size_t i = 0; t->opt_tables[i]; i++)
        if (v->opts)
            crm_opt_print_help(f, t->opt_tables[i], v->opts);
    for (size_t i = 0; v->opts && v->opts[i]; i++)
        if (strncmp(v->opts[i], "format=", 7) == 0)
            fprintf(f, "  -f %-27s write %s\n", v->opts[i] + 7, v->opts[i] + 7);
}

/* Words for tools/gencomp.sh: one declaration feeds the completions. */
static void completion_words(struct crm_tool *t)
{
    for (size_t i = 0; t->verbs[i]; i++) {
        printf("verb %s", t->verbs[i]->name);
        for (size_t j = 0; t->verbs[i]->opts && t->verbs[i]->opts[j]; j++)
            if (!strchr(t->verbs[i]->opts[j], '='))
                printf(" --%s", t->verbs[i]->opts[j]);
        printf("\n");
    }
    for (size_t i = 0; i < t->args.nopts; i++) {
        const struct crm_opt *o = t->args.opts[i];
        if (!o->help)
            continue;
        printf("opt --%s %c %s %s\t%s\n", o->name, o->shortc ? o->shortc : '-',
               o->arg == CRM_OPT_FLAG ? "-" : "arg", o->complete ? o->complete : "-", o->help);
    }
    if (!t->def)
        return;
    for (size_t i = 0; i < t->ent.nfields; i++) {
        const struct crm_field *f = &t->ent.fields[i];
        printf("field %s\n", f->name);
        if (f->type == CRM_T_ENUM && f->values) {
            printf("enum %s", f->name);
            for (size_t j = 0; f->values[j]; j++)
                printf(" %s", f->values[j]);
            printf("\n");
        }
    }
}

static int verb_allows(const struct crm_verb *v, const char *opt)
{
    for (size_t i = 0; crm_common_opts[i].name; i++)
        if (strcmp(crm_common_opts[i].name, opt) == 0)
            return 1;
    for (size_t i = 0; v->opts && v->opts[i]; i++)
        if (strcmp(v->opts[i], opt) == 0)
            return 1;
    return 0;
}

/* Whether the verb names the option among its own. */
static int verb_allows_own(const struct crm_verb *v, const char *opt)
{
    for (size_t i = 0; v->opts && v->opts[i]; i++)
        if (strcmp(v->opts[i], opt) == 0)
            return 1;
    return 0;
}

static int check_verb_opts(struct crm_tool *t)
{
    for (size_t i = 0; i < t->args.nopts; i++)
        if (t->args.val[i] && !verb_allows(t->verb, t->args.opts[i]->name))
            return crm_err_set(&t->err, CRM_USAGE, "option '--%s' does not apply to '%s'",
                               t->args.opts[i]->name, t->verb->name);
    return CRM_OK;
}

/* A document format the verb writes itself: "format=NAME" among its opts. */
static int verb_docfmt(const struct crm_verb *v, const char *f)
{
    for (size_t i = 0; v->opts && v->opts[i]; i++)
        if (strncmp(v->opts[i], "format=", 7) == 0 && strcmp(v->opts[i] + 7, f) == 0)
            return 1;
    return 0;
}

static int setup_output(struct crm_tool *t)
{
    const char *f = crm_args_get(&t->args, "format");
    t->fmt = crm_out_default_format(stdout);
    t->docfmt = NULL;
    /* Document formats a verb writes itself: those it names ("format=ics"),
     * or, for a verb that takes "format" as its own option, any -f value that
     * is no printer format (txt, md, html), for the verb to check. */
    if (f && verb_docfmt(t->verb, f)) {
        t->docfmt = f;
    } else if (f && crm_out_format_parse(f, &t->fmt, &t->err)) {
        if (!verb_allows_own(t->verb, "format"))
            return CRM_USAGE;
        crm_err_clear(&t->err);
        t->docfmt = f;
    }
    t->oopts.no_header = crm_args_has(&t->args, "no-header");
    t->oopts.safe_csv = crm_args_has(&t->args, "safe-csv");
    const char *nc = getenv("NO_COLOR");
    t->oopts.color = t->fmt == CRM_OUT_TABLE && isatty(STDOUT_FILENO) && !(nc && *nc);
    t->quiet = crm_args_has(&t->args, "quiet");
    return CRM_OK;
}

static const struct crm_verb *find_verb(struct crm_tool *t, const char *name)
{
    for (size_t i = 0; t->verbs[i]; i++)
        if (strcmp(t->verbs[i]->name, name) == 0)
            return t->verbs[i];
    return NULL;
}

static int open_db(struct crm_tool *t)
{
    struct crm_buf path = CRM_BUF_INIT;
    crm_db_default_path(crm_args_get(&t->args, "db"), &path);
    int rc = crm_db_open(&t->db, crm_buf_str(&path), t->verb->mode, &t->err);
    crm_buf_free(&path);
    if (rc)
        return rc;
    if (t->def && (rc = crm_tool_load_custom(t, &t->ent)))
        return rc;
    return CRM_OK;
}

static int run_verb(struct crm_tool *t)
{
    int rc;
    if (t->verb->nodb)
        return t->verb->run(t);
    if ((rc = open_db(t)))
        return rc;
    if ((rc = crm_db_begin(t->db, t->verb->mode, &t->err)))
        return rc;
    rc = t->verb->run(t);
    if (rc == CRM_OK || rc == CRM_NOTFOUND) {
        int c = crm_db_commit(t->db, &t->err);
        if (c)
            rc = c;
    } else {
        crm_db_rollback(t->db);
    }
    return rc;
}

static int finish_stdout(struct crm_tool *t, int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (rc == CRM_OK || rc == CRM_NOTFOUND)
            rc = crm_err_set(&t->err, CRM_IOERR, "write error on stdout");
    }
    return rc;
}

static void free_tool(struct crm_tool *t)
{
    for (size_t i = 0; i < t->nrelated; i++) {
        crm_ent_free(t->related[i]);
        free(t->related[i]);
    }
    free(t->related);
    if (t->def)
        crm_ent_free(&t->ent);
    crm_db_close(t->db);
    crm_args_free(&t->args);
}

static int dispatch(struct crm_tool *t, int argc, char **argv)
{
    int rc = crm_args_parse(&t->args, argc, argv, t->opt_tables, &t->err);
    if (rc)
        return rc;
    if (crm_args_has(&t->args, "completion-words")) {
        completion_words(t);
        return CRM_OK;
    }
    if (crm_args_has(&t->args, "version")) {
        printf("%s %s\n", t->prog, CRM_VERSION);
        return CRM_OK;
    }
    if (t->args.npos == 0) {
        if (crm_args_has(&t->args, "help")) {
            usage(t, stdout);
            return CRM_OK;
        }
        usage(t, stderr);
        return crm_err_set(&t->err, CRM_USAGE, "no verb given");
    }
    t->verb = find_verb(t, t->args.pos[0]);
    if (!t->verb) {
        if (strcmp(t->args.pos[0], "help") == 0) {
            usage(t, stdout);
            return CRM_OK;
        }
        return crm_err_set(&t->err, CRM_USAGE, "unknown verb '%s' (try '%s --help')",
                           t->args.pos[0], t->prog);
    }
    if (crm_args_has(&t->args, "help")) {
        verb_usage(t, stdout);
        return CRM_OK;
    }
    t->pos = t->args.pos + 1;
    t->npos = t->args.npos - 1;
    if ((rc = check_verb_opts(t)) || (rc = setup_output(t)))
        return rc;
    if ((rc = crm_ctx_from_env(&t->ctx, &t->err)))
        return rc;
    return run_verb(t);
}

/* A tool's own verb replaces the generic one of the same name. */
static int has_verb(const struct crm_verb *const *all, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i]->name, name) == 0)
            return 1;
    return 0;
}

/* A generic verb that needs a field the entity lacks is left out: assign
 * needs an owner. */
static int verb_applies(const struct crm_entity *def, const struct crm_verb *v)
{
    if (strcmp(v->name, "assign") != 0)
        return 1;
    for (size_t i = 0; i < def->nfields; i++)
        if (strcmp(def->fields[i].name, "owner") == 0)
            return 1;
    return 0;
}

int crm_tool_main(const char *prog, const struct crm_entity *def, const struct crm_verb *verbs,
                  const struct crm_opt *opts, int argc, char **argv)
{
    struct crm_tool t;
    const struct crm_verb *all[64];
    const struct crm_opt *tables[4];
    size_t n = 0, nt = 0;

    memset(&t, 0, sizeof t);
    /* A closed pipe (`crm-contact list | head -1`) ends the tool quietly. */
    signal(SIGPIPE, SIG_DFL);
    /* Bulk output in large blocks; a terminal keeps its line buffering. */
    if (!isatty(STDOUT_FILENO))
        setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    for (size_t i = 0; verbs && verbs[i].name && n < 63; i++)
        all[n++] = &verbs[i];
    if (def) {
        for (size_t i = 0; crm_entity_verbs[i].name && n < 63; i++)
            if (!has_verb(all, n, crm_entity_verbs[i].name) &&
                verb_applies(def, &crm_entity_verbs[i]))
                all[n++] = &crm_entity_verbs[i];
        tables[nt++] = crm_entity_opts;
        crm_ent_init_builtin(&t.ent, def);
    }
    all[n] = NULL;
    if (opts)
        tables[nt++] = opts;
    tables[nt] = NULL;
    t.prog = prog;
    t.def = def;
    t.verbs = all;
    t.opt_tables = tables;
    int rc = dispatch(&t, argc, argv);
    rc = finish_stdout(&t, rc);
    if (rc != CRM_OK && t.err.msg[0])
        fprintf(stderr, "%s: %s%s%s\n", prog, t.verb ? t.verb->name : "", t.verb ? ": " : "",
                t.err.msg);
    free_tool(&t);
    return crm_exit_code(rc);
}

const struct crm_ent *crm_tool_related(struct crm_tool *t, const char *entity)
{
    if (t->def && strcmp(t->def->name, entity) == 0)
        return &t->ent;
    for (size_t i = 0; i < t->nrelated; i++)
        if (strcmp(t->related[i]->def->name, entity) == 0)
            return t->related[i];
    const struct crm_entity *def = crm_model_entity(entity);
    if (!def)
        return NULL;
    /* Each view is allocated on its own: callers keep pointers to views
     * while loading others (a cascade through several entities). */
    t->related = crm_xrealloc(t->related, (t->nrelated + 1) * sizeof *t->related);
    struct crm_ent *e = crm_xcalloc(1, sizeof *e);
    t->related[t->nrelated++] = e;
    crm_ent_init_builtin(e, def);
    if (t->db && crm_tool_load_custom(t, e))
        return e; /* built-in fields still work; the error surfaces elsewhere */
    return e;
}

void crm_tool_note(struct crm_tool *t, const char *fmt, ...)
{
    va_list ap;
    if (t->quiet)
        return;
    fprintf(stderr, "%s: ", t->prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

struct crm_out *crm_tool_out(struct crm_tool *t, const struct crm_col *cols, size_t ncols)
{
    return crm_out_new(stdout, t->fmt, cols, ncols, &t->oopts);
}

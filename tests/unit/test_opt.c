/* The option table: getopt_long from one declaration. */
#include <string.h>

#include "opt.h"
#include "t.h"

static const struct crm_opt extra[] = {
    {"key", 0, CRM_OPT_ARG, "F", "fields", "upsert key"},
    {"dry-run", 0, CRM_OPT_FLAG, NULL, NULL, "validate only"},
    {NULL, 0, 0, NULL, NULL, NULL},
};
static const struct crm_opt *const tables[] = {extra, NULL};

int main(void)
{
    struct crm_args a;
    struct crm_err err;
    char *argv1[] = {"t", "list", "-w", "a = 1", "--where=b = 2", "-fjson", "--key", "email",
                     "x=1", "--dry-run", "--", "-notanoption", NULL};
    T_INT(crm_args_parse(&a, 12, argv1, tables, &err), CRM_OK, "a full command line parses");
    const char *const *w;
    T_INT(crm_args_all(&a, "where", &w), 2, "--where repeats");
    T_STR(w[1], "b = 2", "in order, long form with =");
    T_STR(crm_args_get(&a, "format"), "json", "short option with attached value");
    T_STR(crm_args_get(&a, "key"), "email", "a tool's own option");
    T_OK(crm_args_has(&a, "dry-run") && !crm_args_has(&a, "quiet"), "flags are seen or not");
    T_INT(a.npos, 3, "positionals: verb, assignment, and what follows --");
    T_STR(a.pos[2], "-notanoption", "-- ends the options");
    crm_args_free(&a);

    char *argv2[] = {"t", "list", "--colour", NULL};
    T_INT(crm_args_parse(&a, 3, argv2, tables, &err), CRM_USAGE, "an unknown option is a usage error");
    T_STR(err.msg, "unknown option '--colour'", "naming it");
    crm_args_free(&a);

    char *argv3[] = {"t", "list", "--where", NULL};
    T_INT(crm_args_parse(&a, 3, argv3, tables, &err), CRM_USAGE, "a missing argument is a usage error");
    T_STR(err.msg, "option '--where' needs an argument", "naming the option");
    crm_args_free(&a);
    return t_done();
}

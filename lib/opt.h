/*
 * opt.h - options declared once: the same tables drive getopt_long, the
 * --help text and the words of the shell completions (--completion-words).
 *
 * Options are looked up by their long name.  Every verb accepts the common
 * options of CLI.md section 2; a verb lists the other options it takes.
 */
#ifndef CRM_OPT_H
#define CRM_OPT_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"

enum crm_opt_arg { CRM_OPT_FLAG, CRM_OPT_ARG, CRM_OPT_MULTI /* repeatable, values kept in order */ };

struct crm_opt {
    const char *name;      /* long name without "--" */
    int shortc;            /* short letter, or 0 */
    enum crm_opt_arg arg;
    const char *argname;   /* "EXPR", "PATH"; NULL for a flag */
    const char *complete;  /* completion of the value: "file", "fields", "formats",
                              "sort", "where", "input-formats", or a |-separated list */
    const char *help;
};

/* The options every tool takes (CLI.md section 2), NULL-name terminated. */
extern const struct crm_opt crm_common_opts[];

/* The parsed command line.  Owns nothing but its arrays: values point into argv. */
struct crm_args {
    const struct crm_opt **opts; /* every option known to the tool */
    size_t nopts;
    const char **val;            /* per option: last value ("" for a flag seen), or NULL */
    const char ***multi;         /* per option: all values of a CRM_OPT_MULTI option */
    size_t *nmulti;
    char **pos;                  /* positional arguments, in order */
    size_t npos;
};

/*
 * Parse argv with the options of `tables` (a NULL-terminated list of
 * NULL-name-terminated tables; crm_common_opts is always included first).  Options may come before or after positionals; "--" ends options.
 * Unknown options and missing arguments are CRM_USAGE ("unknown option
 * '--colour'", "option '--where' needs an argument").
 */
int crm_args_parse(struct crm_args *a, int argc, char **argv,
                   const struct crm_opt *const *tables, struct crm_err *err);
void crm_args_free(struct crm_args *a);

/* The value of --name (NULL when not given); whether it was given. */
const char *crm_args_get(const struct crm_args *a, const char *name);
int crm_args_has(const struct crm_args *a, const char *name);
/* Give --name a value when the command line did not (a verb's own default,
 * such as suggest's --limit 5); `value` must outlive the args. */
void crm_args_default(struct crm_args *a, const char *name, const char *value);
/* All values of a repeatable option. */
size_t crm_args_all(const struct crm_args *a, const char *name, const char *const **vals);
/* The option struct for a name, or NULL. */
const struct crm_opt *crm_args_opt(const struct crm_args *a, const char *name);

/* Append "  -w, --where EXPR   help" lines for the named options to f. */
void crm_opt_print_help(FILE *f, const struct crm_opt *opts, const char *const *only);

#endif

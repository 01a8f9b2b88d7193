#include <stdio.h>
#include <string.h>

extern const char crm_schema_sql[];

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("crm-contact %s\n", CRM_VERSION);
        return 0;
    }
    return crm_schema_sql[0] ? 64 : 70;
}

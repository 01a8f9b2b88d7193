/*
 * crm-contact - people: leads, prospects, customers' staff.
 * The fields are declared in lib/model.c; the verbs are the generic ones.
 */
#include "tool.h"

int main(int argc, char **argv)
{
    return crm_tool_main("crm-contact", &crm_entity_contact, NULL, NULL, argc, argv);
}

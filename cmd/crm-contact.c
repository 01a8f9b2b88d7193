/*
 * crm-contact - people: leads, prospects, customers' staff.
 * The fields are declared in lib/model.c; the verbs are the generic ones
 * and view, the one-page customer view (lib/view.c).
 */
#include "view.h"

int main(int argc, char **argv)
{
    return crm_tool_main("crm-contact", &crm_entity_contact, crm_view_verbs, NULL, argc, argv);
}

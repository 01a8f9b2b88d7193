/*
 * crm-deal - deals from first contact to won or lost: pipelines and stages,
 * the stage history, line items and quotes.  The fields are declared in
 * lib/model_sales.c, the rules and verbs in lib/deal.c.
 */
#include "sales.h"

int main(int argc, char **argv)
{
    return crm_tool_main("crm-deal", &crm_entity_deal, crm_deal_verbs, crm_deal_opts, argc, argv);
}

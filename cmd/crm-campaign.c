/*
 * crm-campaign - marketing campaigns: members, responses, mailing lists.
 * Fields in lib/model_marketing.c; the verbs in lib/campaign.c.
 */
#include "marketing.h"

int main(int argc, char **argv)
{
    return crm_tool_main("crm-campaign", &crm_entity_campaign, crm_campaign_verbs,
                         crm_campaign_opts, argc, argv);
}

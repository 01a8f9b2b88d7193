/*
 * crm-product - the catalogue: products and services, price lists,
 * competitors' prices and generated price lists.  The fields are declared
 * in lib/model_sales.c, the verbs in lib/product.c.
 */
#include "sales.h"

int main(int argc, char **argv)
{
    return crm_tool_main("crm-product", &crm_entity_product, crm_product_verbs, crm_product_opts,
                         argc, argv);
}

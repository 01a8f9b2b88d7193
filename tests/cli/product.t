#!/bin/bash
# crm-product: the catalogue, prices in price lists, competitor prices.
. "$(dirname "$0")/lib.sh"

run crm init
is_rc 0 "init"

run crm-product add sku=SRV-1 name=Server group=Hardware/Servers tax_rate=20 cost=1000 -f csv
is_rc 0 "add a product"
is_out_like '^1,SRV-1,Server,Hardware/Servers,pcs,1000.00,20.00,true,' "defaults: unit pcs, active"
run crm-product add sku=SVC-1 name='Installation' group=Services unit=h tax_rate=7.5 -f csv
is_rc 0 "add a service"
run crm-product add sku=SRV-1 name=Again
is_rc 65 "a second product with the same sku"
is_err_like "sku: 'SRV-1' is already used" "says which sku"
run crm-product add sku=BAD name=Bad tax_rate=101
is_rc 65 "tax rate over 100 %"
run crm-product add sku=BAD name=Bad tax_rate=-1
is_rc 65 "negative tax rate"
run crm-product add sku=BAD name=Bad cost=-5
is_rc 65 "negative cost"
run crm-product add name=NoSku
is_rc 65 "sku is required"
run crm-product count
is_out 2 "nothing written by the refused adds"
run crm-product list -w "group = 'Services'" --fields sku,unit,tax_rate -f csv
is_out "sku,unit,tax_rate
SVC-1,h,7.50" "list with a filter"
run crm-product search server -f csv --fields sku
is_out "sku
SRV-1" "full-text search"
run crm-product update 2 active=false -f csv --fields sku,active
is_out "sku,active
SVC-1,false" "update"

# Price lists and prices.
run crm-product pricelist add Retail --currency eur --from 2026-01-01 --to 2026-12-31
is_rc 0 "add a price list"
run crm-product pricelist add Japan --currency JPY
is_rc 0 "a price list in yen"
run crm-product pricelist add Retail --currency EUR
is_rc 65 "a price list name is unique"
run crm-product pricelist add Bad --currency XXQ
is_rc 65 "unknown currency"
run crm-product pricelist add Bad --from 2026-02-01 --to 2026-01-01
is_rc 65 "from after to"
run crm-product pricelist add list
is_rc 65 "a verb cannot name a list"
run crm-product price set SRV-1 Retail 1999.90
is_rc 0 "set a price"
run crm-product price set SRV-1 Retail 1899.90
is_rc 0 "set it again (replaces)"
run crm-product price set SRV-1 Japan 250000
is_rc 0 "a price in yen"
run crm-product price set SRV-1 Japan 2.5
is_rc 65 "yen have no minor unit"
is_err_like "more than 0 decimal places" "and the message says so"
run crm-product price set SRV-1 Retail 1.999
is_rc 65 "euro have two places"
run crm-product price set -- SRV-1 Retail -3
is_rc 65 "negative price"
run crm-product price set NOPE Retail 3
is_rc 65 "unknown product"
run crm-product price set SRV-1 Nope 3
is_rc 65 "unknown price list"
is_err_like "no price list 'Nope'" "names the list"
run crm-product price list -f csv
is_out "sku,name,list,currency,price,valid_from,valid_to
SRV-1,Server,Japan,JPY,250000,,
SRV-1,Server,Retail,EUR,1899.90,2026-01-01,2026-12-31" "price list: every price, exact"
run crm-product price list SRV-1 --list Retail -f json
is_out '[
{"sku":"SRV-1","name":"Server","list":"Retail","currency":"EUR","price":1899.90,"valid_from":"2026-01-01","valid_to":"2026-12-31"}
]' "prices of one product in one list as JSON"
printf 'sku,list,price\nSVC-1,Retail,80.00\nSRV-1,Japan,260000\n' >prices.csv
run crm-product price import prices.csv
is_rc 0 "import prices from CSV"
is_err_like "2 prices set" "summary on stderr"
printf 'sku,list,price\nSVC-1,Retail,90.00\nSRV-1,Japan,1.5\n' >bad.csv
run crm-product price import bad.csv
is_rc 65 "a bad price in an import"
is_err_like "bad.csv:3: " "names file and line"
run crm-product price list SVC-1 --fields price -f csv
is_out_like "^SVC-1,Installation,Retail,EUR,80.00" "all or nothing: the first row was not written"
run crm-product pricelist list -f csv
is_out "id,name,currency,valid_from,valid_to,prices
2,Japan,JPY,,,1
1,Retail,EUR,2026-01-01,2026-12-31,2" "price lists with their number of prices"
run crm-product price remove SVC-1 Retail
is_rc 0 "remove a price"
run crm-product price remove SVC-1 Retail
is_rc 1 "remove it again: not found"

# Competitor prices.
run crm-account add name=Rival type=competitor
run crm-account add name=Friend type=customer
run crm-product competitor add SRV-1 Rival 1799 --source web --on 2026-01-10
is_rc 0 "a competitor's price"
run crm-product competitor add SRV-1 Friend 1799
is_rc 65 "only competitors have competitor prices"
run crm-product competitor add SRV-1 Rival 17.999
is_rc 65 "bad amount"
run crm-product competitor list SRV-1 -f csv
is_out "id,sku,competitor,currency,price,observed_on,source
1,SRV-1,Rival,EUR,1799.00,2026-01-10,web" "competitor list"

run crm-product price frob
is_rc 64 "unknown subverb"
run crm-product price list -f html
is_rc 64 "a listing has no html format"
run crm check
is_rc 0 "the database is consistent"
done_testing

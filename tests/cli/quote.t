#!/bin/bash
# crm-deal quote: proposals from deals, numbered, stored as issued, in txt,
# md and html (well-formed, printed on A4 by headless Chromium).
. "$(dirname "$0")/lib.sh"

run crm init
run crm user add name=tester full_name='Tess Ter' email=tess@example.com department=Sales
run crm-account add name='Acme & Sons <Ltd>' street='1 Main St' city=Kyiv postcode=01001 country=UA
run crm-contact add first_name=Ann last_name=Lee email=ann@acme.example
run crm-product add sku=SRV name=Server tax_rate=20
run crm-product add sku=SVC name='Setup | install' unit=h tax_rate=7.5
run crm-product pricelist add Retail
run crm-product price set SRV Retail 19.99
run crm-deal add name=Servers account=1 contact=1
run crm-deal add name=Empty
run crm-deal item add 1 product=SRV qty=3 discount=10
run crm-deal item add 1 product=SVC qty=2 price=80

run crm-deal quote 1
is_rc 0 "a quote as text (the default)"
is_err_like "quote Q-2026-0001: version 1 of deal 1" "number and version on stderr"
cp "$T/out" q1.txt
is_out "QUOTE Q-2026-0001
Date: 2026-01-15    Valid until: 2026-02-14

To: Acme & Sons <Ltd>
    1 Main St
    01001 Kyiv
    UA

Attn: Ann Lee <ann@acme.example>

Re: Servers

1. Server (SRV)
   3.000 pcs x 19.99 - 10.00 % = 53.97 EUR   tax 20.00 %: 10.79
2. Setup | install (SVC)
   2.000 h x 80.00 = 160.00 EUR   tax 7.50 %: 12.00

Before discount: 219.97 EUR
Discount:        6.00 EUR
Net:             213.97 EUR
Tax 7.50 % on 160.00: 12.00 EUR
Tax 20.00 % on 53.97: 10.79 EUR
Total:           236.76 EUR

--
Tess Ter
Sales
tess@example.com" "the text quote: lines, discounts, taxes per rate, totals, validity, signature"

run crm-deal quote 1 -f md --valid-until 2026-03-31
is_rc 0 "a Markdown quote"
is_out_like '^\| 2 \| Setup \\\| install \(SVC\) \| 2.000 h \| 80.00 \| 0.00 % \| 160.00 \| 7.50 \| 12.00 \| 172.00 \|$' \
    "a | in a value does not break the Markdown table"
is_out_like '^Valid until: 2026-03-31$' "--valid-until"
is_out_like '^\| \*\*Total\*\* \| \*\*236.76\*\* \|$' "the total"

run crm-deal quote 1 -f html
is_rc 0 "an HTML quote"
cp "$T/out" q.html
is_out_like 'Acme &amp; Sons &lt;Ltd&gt;' "values are escaped in HTML"
is_out_like '@page \{ size: A4;' "the page is A4"
/usr/bin/python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' q.html
ok $? "the HTML is well-formed (parsed as XML)"

# Stored exactly as issued: a price change later does not change it.
run crm-deal item update 1 price=25.00
run crm-deal quote show Q-2026-0001
cmp -s "$T/out" q1.txt
ok $? "quote show prints the quote exactly as issued"
run crm-deal quote list 1 -f csv
is_out "number,deal,version,format,issued_at,user,valid_until,net,tax,total,currency
Q-2026-0001,1,1,txt,2026-01-15T10:00:00Z,tester,2026-02-14,213.97,22.79,236.76,EUR
Q-2026-0002,1,2,md,2026-01-15T10:00:00Z,tester,2026-03-31,213.97,22.79,236.76,EUR
Q-2026-0003,1,3,html,2026-01-15T10:00:00Z,tester,2026-02-14,213.97,22.79,236.76,EUR" \
    "quote list: numbers and versions"
run crm-deal quote 1 -f txt
is_out_like "^1. Server \(SRV\)$" "a new quote"
is_out_like "3.000 pcs x 25.00 - 10.00 % = 67.50 EUR" "with the new price"
is_err_like "Q-2026-0004: version 4" "the next number and version"
CRM_NOW=2027-01-02T10:00:00Z run crm-deal quote 1
is_err_like "Q-2027-0001: version 5" "numbers start again each year"

# A template of one's own.
cat >my.tpl <<'TPL'
{{! a user template }}
Offer {{quote.number}} for {{account.name}}
{{#items}}
- {{name}}: {{total}} {{currency}}
{{/items}}
{{^contact}}
(no contact)
{{/contact}}
Total {{totals.total}}
TPL
run crm-deal quote 1 --template my.tpl -f html
is_out "Offer Q-2026-0005 for Acme &amp; Sons &lt;Ltd&gt;
- Server: 81.00 EUR
- Setup | install: 172.00 EUR
Total 253.00" "a user template, escaped for html"
run crm-deal quote list 1 -f csv --no-header
is_out_like "^Q-2026-0005,1,6,html," "stored with its format (CRM_NOW went back a year)"
printf 'Offer {{#items}}{{name}}\n' >bad.tpl
run crm-deal quote 1 --template bad.tpl
is_rc 65 "a broken template"
is_err_like "bad.tpl:1: section '\{\{#items\}\}' is never closed" "names file and line"
run crm-deal quote 1 --template nope.tpl
is_rc 66 "a missing template"
run crm-deal quote 2
is_rc 65 "a deal without line items"
run crm-deal quote 99
is_rc 1 "a missing deal"
run crm-deal quote 1 -f pdf
is_rc 64 "an unknown format"
run crm-deal quote 1 --valid-until 2020-01-01
is_rc 65 "valid until a past day"
run crm-deal quote list 1 -f csv --no-header
[ "$(wc -l <"$T/out")" = 6 ]
ok $? "nothing stored by the refused quotes: six in all"
run crm-deal quote show Q-2099-0001
is_rc 1 "quote show of a missing number"

# A real browser prints the HTML quote on A4.
browser=$(command -v chromium || command -v chromium-browser || true)
t_n=$((t_n + 1))
if [ -z "$browser" ]; then
    echo "ok $t_n # skip chromium is not installed"
else
    HOME=$T timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
        --disable-background-networking --no-pdf-header-footer \
        --print-to-pdf="$T/q.pdf" "file://$T/q.html" >/dev/null 2>&1
    if head -c 5 "$T/q.pdf" 2>/dev/null | grep -q '%PDF-' &&
        grep -aEq 'MediaBox \[0 0 59[45]\.[0-9]* 84[12]\.[0-9]*\]' "$T/q.pdf"; then
        echo "ok $t_n - chromium prints the HTML quote to an A4 PDF"
    else
        echo "not ok $t_n - chromium prints the HTML quote to an A4 PDF"
        t_fail=$((t_fail + 1))
    fi
fi
done_testing

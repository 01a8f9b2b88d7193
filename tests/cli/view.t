#!/bin/bash
# crm-account view, crm-contact view: the one-page customer view as text,
# JSON (checked with jq) and HTML (loaded by headless chromium).
. "$(dirname "$0")/lib.sh"
export CRM_USER=alice

run crm init
run crm user add name=bob
run crm-account add name='Acme <script>alert(1)</script> & Co'
run crm-account add name=Subsidiary parent=1
run crm-contact add first_name=Ann email=ann@x.com account=1
run crm-contact add first_name=Борис last_name=Петренко email=b@x.com account=1 title="Головний інженер"
run crm-contact add first_name=Zoe email=zoe@other.com
run crm-activity log call --contact ann@x.com --duration 5m --at -1d "Talked about renewal"
run crm-activity log order --account 1 amount=120.50 --at -3d "Order 1"
run crm-activity log order --contact b@x.com amount=1000 --at -2d "Order 2"
run crm-activity log note --contact zoe@other.com "Not Acme"
run crm-activity log meeting --account 1 --at +1d "Planning"
run crm-task add title="Send quote" contact=b@x.com due=+2d assignee=bob
run crm-task add title="Overdue call" account=1 due=-1d
run crm-task add title="Done already" account=1 status=done

run crm-account view 1
is_rc 0 "text view of an account"
is_out_like "^Acme <script>alert\(1\)</script> & Co \(account 1\)$" "title"
is_out_like "lifetime revenue 1120.50 EUR" "lifetime revenue: the account's and its contacts' orders"
is_out_like "last contact +2026-01-14T10:00:00Z call: Talked about renewal" "last contact (orders and future meetings do not count)"
is_out_like "next step +2026-01-14T10:00:00Z task: Overdue call" "next step: the open task due first"
is_out_like "open tasks +2 \(1 overdue\)" "open and overdue tasks"
is_out_like "^Contacts \(2\)$" "contacts"
is_out_like "^  2 +Борис Петренко +Головний інженер +b@x.com" "contact line with Cyrillic aligned"
is_out_like "^Recent activities \(4\)$" "activities of the account and its contacts, not others"
is_out_like "^account \(parent\) \(1\)$" "records that refer to it, found from the model (subsidiaries here)"

run crm-account view Acme
is_rc 1 "a name that is not the whole name: not found"
run crm-account view 'Acme <script>alert(1)</script> & Co' -f json
is_rc 0 "view by name"
jq -e '.entity == "account" and .id == 1 and .record.name == "Acme <script>alert(1)</script> & Co"
       and .totals.lifetime_revenue == "1120.50" and .totals.activities == 4
       and .totals.open_tasks == 2 and .totals.overdue_tasks == 1
       and .totals.next_step.title == "Overdue call"
       and .totals.last_contact.kind == "call"
       and ([.contacts[].email] == ["ann@x.com", "b@x.com"])
       and ([.recent_activities[].subject] == ["Planning", "Talked about renewal", "Order 2", "Order 1"])
       and ([.open_tasks[].title] == ["Overdue call", "Send quote"])
       and (.related["account (parent)"][0].name == "Subsidiary")' "$T/out" >/dev/null
ok $? "JSON view, read by jq"

run crm-account view 1 -f json --limit 1
jq -e '(.recent_activities | length) == 1' "$T/out" >/dev/null
ok $? "--limit: recent activities"

run crm-contact view b@x.com -f json
jq -e '.entity == "contact" and .record.account_name != null and .totals.lifetime_revenue == "1000.00"
       and (has("contacts") | not) and ([.open_tasks[].title] == ["Send quote"])' "$T/out" >/dev/null
ok $? "contact view as JSON"
run crm-contact view 3
is_out_like "next step +none planned" "a contact with nothing planned"

run crm-account view 1 -f html
is_rc 0 "HTML view"
cp "$T/out" "$T/view.html"
if command -v chromium >/dev/null; then
    timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$T/chromium" \
        --dump-dom "file://$T/view.html" >"$T/dom" 2>/dev/null
    grep -q '<h1>Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co (account 1)</h1>' "$T/dom"
    ok $? "chromium: the page loads, the name is text"
    ! grep -qi '<script' "$T/dom"
    ok $? "chromium: no script element (all text escaped)"
    grep -q '<dd id="revenue">1120.50 EUR</dd>' "$T/dom"
    ok $? "chromium: totals"
    grep -q '<td>Борис Петренко</td><td>Головний інженер</td>' "$T/dom"
    ok $? "chromium: contacts table in UTF-8"
    [ "$(grep -o '<tr>' "$T/dom" | wc -l)" = 13 ]
    ok $? "chromium: 13 table rows (headers and rows of contacts, activities, tasks, subsidiaries)"
else
    echo "# chromium missing: run make deps"
    ok 1 "chromium installed"
fi

run crm-account view 1 -f csv
is_rc 64 "view is text, json or html"
run crm-account view 42
is_rc 1 "no such account"
is_err_like "no account with name or id '42'" "says so"
run crm-account view
is_rc 64 "view needs an id"
done_testing

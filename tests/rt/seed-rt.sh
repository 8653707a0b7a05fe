#!/usr/bin/env bash
# Seeds a Request Tracker (the one provision-rt.sh starts, or any test RT) with
# support cases and escalation requests through RT's REST 2 API, the way a
# customer portal would file them:
#   - case tickets in the cases queue with Severity, Support Tier, Customer
#     Priority and Account;
#   - escalation tickets in the escalations queue, each a child (MemberOf) of
#     its case, with Escalation Level and Escalation Reason, the requester's
#     explanation as the ticket's first message, and, for a re-escalation, a
#     RefersTo link to the request it re-escalates.
# The i-th escalation (0-based) goes to case i mod CASES at level
# 1 + i div CASES (at most 4), so with more escalations than cases the later
# ones are re-escalations of the earlier ones.
#
#   seed-rt.sh --cases N --escalations M [--batch 50]
#
# Reads RT_URL and RT_TOKEN (or RT_USER/RT_PASSWORD) and the queue and custom
# field names (RT_QUEUE_*, RT_CF_*) from the environment, as printed by
# provision-rt.sh. Prints "cases=FIRST-LAST escalations=FIRST-LAST" (ticket
# ids) on stdout. Needs only bash and curl.
set -euo pipefail

cases=10 escalations=10 batch=50
while (($#)); do
    case $1 in
        --cases) cases=$2; shift 2 ;;
        --escalations) escalations=$2; shift 2 ;;
        --batch) batch=$2; shift 2 ;;
        *) echo "seed-rt: unknown option $1" >&2; exit 2 ;;
    esac
done
[[ $cases =~ ^[1-9][0-9]*$ && $escalations =~ ^[0-9]+$ && $batch =~ ^[1-9][0-9]*$ ]] \
    || { echo "seed-rt: --cases must be >= 1, --escalations >= 0, --batch >= 1" >&2; exit 2; }
: "${RT_URL:?RT_URL is not set (source the lines provision-rt.sh prints)}"

q_cases=${RT_QUEUE_CASES:-Cases}
q_esc=${RT_QUEUE_ESCALATIONS:-Escalations}
cf_sev=${RT_CF_SEVERITY:-Severity}
cf_tier=${RT_CF_TIER:-Support Tier}
cf_prio=${RT_CF_PRIORITY:-Customer Priority}
cf_account=${RT_CF_ACCOUNT:-Account}
cf_level=${RT_CF_LEVEL:-Escalation Level}
cf_reason=${RT_CF_REASON:-Escalation Reason}

auth=()
if [[ -n ${RT_TOKEN:-} ]]; then
    auth=(-H "Authorization: token $RT_TOKEN")
elif [[ -n ${RT_USER:-} ]]; then
    auth=(-u "$RT_USER:${RT_PASSWORD:-}")
else
    echo "seed-rt: set RT_TOKEN or RT_USER/RT_PASSWORD" >&2; exit 2
fi

accounts=(Acme Globex Initech Umbrella Hooli Stark Wayne Tyrell Cyberdyne Soylent)
reasons=(time_constraint impaired_function first_response_missed lack_of_updates other)
tiers=(premium standard)
prios=(low normal high)

# Posts a JSON array to /tickets/bulk and prints the created ids, one a line,
# in the order of the array; fails on any error answer.
bulk_create() {
    local body=$1 answer
    answer=$(curl -sS --fail-with-body --max-time 600 "${auth[@]}" \
        -H 'Content-Type: application/json' -X POST "$RT_URL/REST/2.0/tickets/bulk" \
        --data-binary "$body") || { echo "seed-rt: bulk create failed: $answer" >&2; return 1; }
    # Every element is {"id":"N",...} on success, {"message":...} on failure.
    if grep -q '"message"' <<<"$answer"; then
        echo "seed-rt: RT refused a ticket: $answer" >&2; return 1
    fi
    grep -o '"id" *: *"[0-9]*"' <<<"$answer" | grep -o '[0-9]*'
}

case_ids=() esc_ids=()
json=() n=0

flush_cases() {
    ((${#json[@]})) || return 0
    local IFS=,
    mapfile -t -O "${#case_ids[@]}" case_ids < <(bulk_create "[${json[*]}]")
    json=()
}
for ((i = 0; i < cases; i++)); do
    account=${accounts[i % ${#accounts[@]}]}
    json+=("$(printf '{"Queue":"%s","Subject":"%s","Requestor":"support@%s.example","Content":"%s","ContentType":"text/plain","CustomFields":{"%s":"%d","%s":"%s","%s":"%s","%s":"%s"}}' \
        "$q_cases" "Case $((i + 1)): service degraded for $account" "${account,,}" \
        "The customer reports degraded service (seeded case $((i + 1)))." \
        "$cf_sev" $((2 + i % 3)) "$cf_tier" "${tiers[i % 2]}" "$cf_prio" "${prios[i % 3]}" \
        "$cf_account" "$account")")
    ((${#json[@]} >= batch)) && flush_cases
done
flush_cases
((${#case_ids[@]} == cases)) || { echo "seed-rt: created ${#case_ids[@]} of $cases cases" >&2; exit 1; }

# Escalations go level by level, so a re-escalation's predecessor exists
# before it refers to it.
flush_escalations() {
    ((${#json[@]})) || return 0
    local IFS=,
    mapfile -t -O "${#esc_ids[@]}" esc_ids < <(bulk_create "[${json[*]}]")
    json=()
}
for ((i = 0; i < escalations; i++)); do
    c=$((i % cases)) level=$((1 + i / cases))
    ((level > 4)) && level=4
    account=${accounts[c % ${#accounts[@]}]}
    refers=''
    if ((i >= cases)); then
        # The predecessor is in an earlier batch only if batches end on level
        # boundaries; flush so its id is known.
        ((${#esc_ids[@]} > i - cases)) || flush_escalations
        refers=$(printf ',"RefersTo":"%s"' "${esc_ids[i - cases]}")
    fi
    json+=("$(printf '{"Queue":"%s","Subject":"%s","Requestor":"support@%s.example","MemberOf":"%s"%s,"Content":"%s","ContentType":"text/plain","CustomFields":{"%s":"%d","%s":"%s"}}' \
        "$q_esc" "Escalation of case ${case_ids[c]} to level $level" "${account,,}" "${case_ids[c]}" "$refers" \
        "We need more attention on this case: seeded escalation $((i + 1)), level $level." \
        "$cf_level" "$level" "$cf_reason" "${reasons[i % ${#reasons[@]}]}")")
    ((${#json[@]} >= batch)) && flush_escalations
done
flush_escalations
((${#esc_ids[@]} == escalations)) || { echo "seed-rt: created ${#esc_ids[@]} of $escalations escalations" >&2; exit 1; }

printf 'cases=%s-%s escalations=%s-%s\n' "${case_ids[0]}" "${case_ids[-1]}" \
    "${esc_ids[0]:-0}" "${esc_ids[-1]:-0}"

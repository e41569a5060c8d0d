#!/usr/bin/env bash
# The order service's reconciliation, in short: is every charge matched by a confirmed order or a
# refund, and is any checkout unfinished? Needs EDGE and TOKEN (source docs/course/course.env).
set -eo pipefail
curl -s "$EDGE/api/orders/admin/reconciliation" -H "authorization: Bearer $TOKEN" | node -e "
const r = JSON.parse(require('fs').readFileSync(0, 'utf8'));
console.log(JSON.stringify({ ok: r.ok, unfinished: r.orders.unfinished, byState: r.orders.byState,
  unrefundedChargesWithoutConfirmedOrder: r.unrefundedChargesWithoutConfirmedOrder }));"

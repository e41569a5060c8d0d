#!/usr/bin/env bash
# One shopper through the edge: a cart with one product in stock, then a checkout paid with the
# test card that succeeds. Prints each step's HTTP status. Needs EDGE (source docs/course/course.env).
set -eo pipefail
json() { node -p "JSON.parse(require('fs').readFileSync(0, 'utf8'))$1"; }

product=$(curl -s "$EDGE/api/products?limit=20" | json '.items.find((p) => p.stock > 0).id')
cart=$(curl -s -X POST "$EDGE/api/carts" -H 'content-type: application/json' -d '{}' | json '.id')
curl -s -o /dev/null -w 'cart line: %{http_code}\n' -X PUT "$EDGE/api/carts/$cart/items/$product" \
  -H 'content-type: application/json' -d '{"quantity": 1}'
curl -s -o /dev/null -w 'checkout: %{http_code}\n' -X POST "$EDGE/api/orders" \
  -H 'content-type: application/json' -H "Idempotency-Key: course-$cart" -d @- <<JSON ||
{"cartId": "$cart", "email": "learner@example.com",
 "shippingAddress": {"name": "A Learner", "line1": "1 Dock Road", "city": "Portside", "postalCode": "12345", "country": "GB"},
 "payment": {"cardNumber": "4242424242424242", "expMonth": 12, "expYear": 2099, "cvc": "123"}}
JSON
  echo "checkout: no answer (curl exit code $?): the connection closed mid-request"

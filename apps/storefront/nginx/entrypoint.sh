#!/bin/sh
# Renders the edge config from the environment into /tmp/nginx (the root
# filesystem is read-only), then replaces itself with the command (nginx), so
# nginx is PID 1 and receives the stop signal.
#
#   CATALOG_UPSTREAM  host:port of the catalog   (default catalog:3001)
#   CART_UPSTREAM     host:port of the cart      (default cart:3002)
#   ORDER_UPSTREAM    host:port of the orders    (default order:3003)
#   EDGE_RESOLVER     DNS server nginx asks      (default: first nameserver in /etc/resolv.conf)
set -eu

fail() {
  echo "edge: $*" >&2
  exit 64
}

CATALOG_UPSTREAM="${CATALOG_UPSTREAM:-catalog:3001}"
CART_UPSTREAM="${CART_UPSTREAM:-cart:3002}"
ORDER_UPSTREAM="${ORDER_UPSTREAM:-order:3003}"
EDGE_RESOLVER="${EDGE_RESOLVER:-$(awk '$1 == "nameserver" { print $2; exit }' /etc/resolv.conf)}"

for name in CATALOG_UPSTREAM CART_UPSTREAM ORDER_UPSTREAM; do
  eval "value=\$$name"
  printf '%s' "$value" | grep -Eq '^[A-Za-z0-9.-]+:[0-9]{1,5}$' \
    || fail "$name must be host:port, got '$value'"
done
[ -n "$EDGE_RESOLVER" ] || fail "EDGE_RESOLVER is empty and /etc/resolv.conf names no nameserver"
printf '%s' "$EDGE_RESOLVER" | grep -Eq '^\[?[0-9A-Fa-f.:]+\]?(:[0-9]{1,5})?$' \
  || fail "EDGE_RESOLVER must be an IP address, got '$EDGE_RESOLVER'"
# nginx wants IPv6 resolver addresses in brackets.
case "$EDGE_RESOLVER" in
  *:*:*) case "$EDGE_RESOLVER" in \[*) ;; *) EDGE_RESOLVER="[$EDGE_RESOLVER]" ;; esac ;;
esac

mkdir -p /tmp/nginx
for template in /etc/nginx/portside/*.conf; do
  sed -e "s|\${EDGE_RESOLVER}|$EDGE_RESOLVER|g" \
      -e "s|\${CATALOG_UPSTREAM}|$CATALOG_UPSTREAM|g" \
      -e "s|\${CART_UPSTREAM}|$CART_UPSTREAM|g" \
      -e "s|\${ORDER_UPSTREAM}|$ORDER_UPSTREAM|g" \
      "$template" > "/tmp/nginx/$(basename "$template")"
done

exec "$@"

export interface ShippingPolicy {
  flatCents: number;
  freeOverCents: number;
}

/** Flat-rate shipping, free once the subtotal reaches the threshold. */
export function shippingFor(subtotalCents: number, policy: ShippingPolicy): number {
  return subtotalCents >= policy.freeOverCents ? 0 : policy.flatCents;
}

import type { Cart } from '@portside/contracts';
import { formatMoney } from '../format/money';
import { summarize } from './cartMath';

/** Totals worked out from the lines shown, so they move the moment a quantity does. */
export function CartSummary({ cart }: { cart: Pick<Cart, 'lines'> }) {
  const { itemCount, subtotalCents } = summarize(cart.lines);
  return (
    <dl className="summary">
      <dt>Items</dt>
      <dd>{itemCount}</dd>
      <dt>Subtotal</dt>
      <dd>
        <output aria-label="Subtotal" aria-live="polite">
          {formatMoney(subtotalCents)}
        </output>
      </dd>
      <dt className="summary__note">Shipping</dt>
      <dd className="summary__note">Added when you order</dd>
    </dl>
  );
}

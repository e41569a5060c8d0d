import type { Order } from '@portside/contracts';
import { formatMoney } from '../format/money';

const STATUS_TEXT: Record<Order['status'], string> = {
  pending: 'Processing',
  confirmed: 'Confirmed',
  failed: 'Payment failed',
  cancelled: 'Cancelled',
};

export function OrderDetails({ order }: { order: Order }) {
  const a = order.shippingAddress;
  return (
    <div className="order">
      <dl className="order__facts">
        <dt>Order number</dt>
        <dd>{order.id}</dd>
        <dt>Status</dt>
        <dd>{STATUS_TEXT[order.status]}</dd>
        <dt>Placed</dt>
        <dd>{new Date(order.createdAt).toLocaleString()}</dd>
        <dt>Email</dt>
        <dd>{order.email}</dd>
        <dt>Paid with</dt>
        <dd>
          <span className="payment-brand">{order.payment.brand}</span> ending in{' '}
          {order.payment.last4}
        </dd>
        <dt>Ship to</dt>
        <dd>
          <address>
            {a.name}
            <br />
            {a.line1}
            {a.line2 && (
              <>
                <br />
                {a.line2}
              </>
            )}
            <br />
            {a.postalCode} {a.city}, {a.country}
          </address>
        </dd>
      </dl>
      <table className="order__lines">
        <caption className="visually-hidden">Items ordered</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Quantity</th>
            <th scope="col">Price</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l) => (
            <tr key={l.productId}>
              <td>{l.name}</td>
              <td>{l.quantity}</td>
              <td>{formatMoney(l.unitPriceCents)}</td>
              <td>{formatMoney(l.lineTotalCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Subtotal
            </th>
            <td>{formatMoney(order.subtotalCents)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={3}>
              Shipping
            </th>
            <td>{order.shippingCents === 0 ? 'Free' : formatMoney(order.shippingCents)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td>{formatMoney(order.totalCents)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

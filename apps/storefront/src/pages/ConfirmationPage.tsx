import type { Order } from '@portside/contracts';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorMessage, Loading } from '../components/Status';
import { formatMoney } from '../format/money';
import { useTitle } from '../hooks/useTitle';
import { orderLink, readAccessToken } from '../orders/accessToken';
import { MissingTokenError, useOrder } from '../orders/useOrder';

export function ConfirmationPage() {
  useTitle('Thank you');
  const { orderId = '' } = useParams();
  const location = useLocation();
  const token = readAccessToken(location);
  const handed = (location.state as { order?: Order } | null)?.order;
  const order = useOrder(orderId, token, handed);

  if (order.status === 'loading') return <Loading label="Loading your order…" />;
  if (order.status === 'error')
    return (
      <>
        <h1>Order placed</h1>
        {order.error instanceof MissingTokenError ? (
          <p role="alert">{order.error.message}</p>
        ) : (
          <ErrorMessage error={order.error} onRetry={order.retry} />
        )}
      </>
    );

  const o = order.data;
  return (
    <section className="confirmation">
      <h1>Thank you for your order</h1>
      <p>
        We have received your order <strong>{o.id}</strong> for{' '}
        <strong>{formatMoney(o.totalCents)}</strong>. A confirmation goes to {o.email}.
      </p>
      {token && (
        <>
          <p>Keep this link: it is the only way to see your order again.</p>
          <p>
            <Link to={orderLink(o.id, token)} className="button button--primary">
              View your order
            </Link>
          </p>
        </>
      )}
      <p>
        <Link to="/">Continue shopping</Link>
      </p>
    </section>
  );
}

export { ConfirmationPage as Component };

import { Link, useLocation, useParams } from 'react-router';
import { ErrorMessage, Loading } from '../components/Status';
import { useTitle } from '../hooks/useTitle';
import { readAccessToken } from '../orders/accessToken';
import { OrderDetails } from '../orders/OrderDetails';
import { MissingTokenError, useOrder } from '../orders/useOrder';

export function OrderPage() {
  useTitle('Your order');
  const { orderId = '' } = useParams();
  const location = useLocation();
  const order = useOrder(orderId, readAccessToken(location));

  return (
    <section>
      <h1>Your order</h1>
      {order.status === 'loading' && <Loading label="Loading your order…" />}
      {order.status === 'error' &&
        (order.error instanceof MissingTokenError ? (
          <p role="alert">{order.error.message}</p>
        ) : (
          <ErrorMessage error={order.error} onRetry={order.retry} />
        ))}
      {order.status === 'ready' && <OrderDetails order={order.data} />}
      <p>
        <Link to="/">Back to the shop</Link>
      </p>
    </section>
  );
}

export { OrderPage as Component };

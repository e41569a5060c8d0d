import { useState } from 'react';
import { Link } from 'react-router';
import { shopperMessage } from '../api/problem';
import { useCart } from '../cart/CartContext';
import { CartLineRow } from '../cart/CartLineRow';
import { CartSummary } from '../cart/CartSummary';
import { canCheckOut } from '../cart/cartMath';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { useTitle } from '../hooks/useTitle';

export function CartPage() {
  useTitle('Your cart');
  const { cart, status, error, setQuantity, removeItem, reload } = useCart();
  const [problem, setProblem] = useState<string>();

  const act = (action: () => Promise<void>) => {
    setProblem(undefined);
    action().catch((e: unknown) => setProblem(shopperMessage(e)));
  };

  if (status === 'loading') return <Loading label="Loading your cart…" />;
  if (status === 'error')
    return (
      <>
        <h1>Your cart</h1>
        <ErrorMessage error={error} onRetry={() => void reload()} />
      </>
    );

  if (!cart || cart.lines.length === 0)
    return (
      <>
        <h1>Your cart</h1>
        <Empty>
          <p>Your cart is empty.</p>
          <Link to="/search" className="button button--primary">
            Start shopping
          </Link>
        </Empty>
      </>
    );

  const ready = canCheckOut(cart);
  return (
    <div className="cart">
      <h1>Your cart</h1>
      {problem && (
        <p className="status status--error" role="alert">
          {problem}
        </p>
      )}
      <ul className="cart__lines" aria-label="Items in your cart">
        {cart.lines.map((line) => (
          <CartLineRow
            key={line.productId}
            line={line}
            onQuantity={(q) => act(() => setQuantity(line.productId, q))}
            onRemove={() => act(() => removeItem(line.productId))}
          />
        ))}
      </ul>
      <aside className="cart__aside" aria-label="Order summary">
        <CartSummary cart={cart} />
        {ready ? (
          <Link to="/checkout" className="button button--primary button--block">
            Check out
          </Link>
        ) : (
          <p className="field__error">
            Some items are not available in the quantity chosen. Adjust them to check out.
          </p>
        )}
        <Link to="/search">Continue shopping</Link>
      </aside>
    </div>
  );
}

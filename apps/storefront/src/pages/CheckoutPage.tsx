import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, shopperMessage } from '../api/problem';
import { useCart } from '../cart/CartContext';
import { CartSummary } from '../cart/CartSummary';
import { canCheckOut } from '../cart/cartMath';
import { CheckoutForm } from '../checkout/CheckoutForm';
import {
  mapFieldErrors,
  validateCheckout,
  type CheckoutFormValues,
  type FieldErrors,
} from '../checkout/checkoutFormModel';
import { closesAttempt, submitCheckout } from '../checkout/submitCheckout';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { formatMoney } from '../format/money';
import { useTitle } from '../hooks/useTitle';
import { confirmationLink } from '../orders/accessToken';

const UNKNOWN_OUTCOME =
  'We could not confirm your order. Press Place order again: it completes the same order, so you will not be charged twice.';

export function CheckoutPage() {
  useTitle('Checkout');
  const { cart, status, error, reload, forget } = useCart();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string>();

  if (status === 'loading') return <Loading label="Loading your cart…" />;
  if (status === 'error') return <ErrorMessage error={error} onRetry={() => void reload()} />;
  if (!cart || cart.lines.length === 0)
    return (
      <>
        <h1>Checkout</h1>
        <Empty>
          <p>Your cart is empty, so there is nothing to check out.</p>
          <Link to="/search">Find something you like</Link>
        </Empty>
      </>
    );

  const onSubmit = async (values: CheckoutFormValues): Promise<FieldErrors | void> => {
    setFormError(undefined);
    try {
      const order = await submitCheckout(cart, values);
      forget();
      navigate(confirmationLink(order.id, order.accessToken), { replace: true, state: { order } });
    } catch (e) {
      if (!closesAttempt(e)) {
        // The order may exist already (its answer was lost): keep cart and form as they are,
        // so pressing again resends the same key and gets that order back, never a second one.
        setFormError(UNKNOWN_OUTCOME);
        return;
      }
      // The attempt ended without an order: show the cart as the server has it, unchanged by a decline.
      if (e instanceof ApiError && e.code === 'cart_not_found') forget();
      else void reload();
      if (e instanceof ApiError && e.fieldErrors.length > 0) {
        const { fields, unmatched } = mapFieldErrors(e.fieldErrors);
        setFormError(
          unmatched.length > 0 ? unmatched.join(' ') : 'Please correct the highlighted fields.',
        );
        return fields;
      }
      setFormError(shopperMessage(e));
    }
  };

  return (
    <div className="checkout">
      <h1>Checkout</h1>
      <CheckoutForm
        validate={(v) => validateCheckout(cart.id, v)}
        onSubmit={onSubmit}
        formError={formError}
      />
      <aside className="checkout__aside" aria-label="Order summary">
        <h2>Your order</h2>
        <ul className="mini-lines">
          {cart.lines.map((l) => (
            <li key={l.productId}>
              <span>
                {l.quantity} × {l.name}
              </span>
              <span>{formatMoney(l.lineTotalCents)}</span>
            </li>
          ))}
        </ul>
        <CartSummary cart={cart} />
        {!canCheckOut(cart) && (
          <p className="field__error">
            Some items are not available in the quantity chosen.{' '}
            <Link to="/cart">Review your cart</Link>.
          </p>
        )}
        <Link to="/cart">Edit cart</Link>
      </aside>
    </div>
  );
}

export { CheckoutPage as Component };

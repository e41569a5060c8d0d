import { useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { fetchProduct } from '../api/catalog';
import { shopperMessage } from '../api/problem';
import { useCart } from '../cart/CartContext';
import { maxQuantity } from '../cart/cartMath';
import { ErrorMessage, Loading } from '../components/Status';
import { formatMoney } from '../format/money';
import { useLoad } from '../hooks/useLoad';
import { useTitle } from '../hooks/useTitle';
import type { Product } from '@portside/contracts';

function AddToCart({ product }: { product: Product }) {
  const id = useId();
  const { cart, addItem } = useCart();
  const [quantity, setQuantity] = useState(1);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  const inCart = cart?.lines.find((l) => l.productId === product.id)?.quantity ?? 0;
  const available = Math.max(0, maxQuantity(product) - inCart);

  if (product.stock === 0) return <p className="stock stock--out">Out of stock</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setOutcome(undefined);
    try {
      await addItem(product.id, quantity);
      setOutcome({ ok: true, text: `Added ${quantity} to your cart.` });
      setQuantity(1);
    } catch (error) {
      setOutcome({ ok: false, text: shopperMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="add-to-cart" onSubmit={submit}>
      <p className="stock">
        {product.stock <= 5 ? `Only ${product.stock} left in stock.` : 'In stock.'}
      </p>
      {inCart > 0 && <p>You have {inCart} in your cart.</p>}
      <div className="field field--inline">
        <label htmlFor={`${id}-qty`}>Quantity</label>
        <input
          id={`${id}-qty`}
          type="number"
          min={1}
          max={Math.max(1, available)}
          value={quantity}
          onChange={(e) =>
            setQuantity(Math.max(1, Math.min(Number(e.target.value) || 1, Math.max(1, available))))
          }
          disabled={available === 0}
        />
      </div>
      <button
        type="submit"
        className="button button--primary"
        disabled={busy || available === 0}
        aria-busy={busy}
      >
        {busy ? 'Adding…' : 'Add to cart'}
      </button>
      {available === 0 && <p>You already have all we have in stock in your cart.</p>}
      <p role="status" className={outcome?.ok === false ? 'field__error' : 'notice'}>
        {outcome?.text}
        {outcome?.ok && (
          <>
            {' '}
            <Link to="/cart">View cart</Link>
          </>
        )}
      </p>
    </form>
  );
}

export function ProductPage() {
  const { slug = '' } = useParams();
  const product = useLoad((signal) => fetchProduct(slug, signal), [slug]);
  useTitle(product.data?.name ?? 'Product');

  if (product.status === 'loading') return <Loading label="Loading product…" />;
  if (product.status === 'error')
    return (
      <>
        <h1>Product</h1>
        <ErrorMessage error={product.error} onRetry={product.retry} />
        <Link to="/search">Back to all products</Link>
      </>
    );

  const p = product.data;
  return (
    <article className="product">
      <img src={p.imageUrl} alt={p.name} width={480} height={480} className="product__image" />
      <div className="product__info">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to="/">Home</Link> /{' '}
          <Link to={`/search?category=${encodeURIComponent(p.category.slug)}`}>
            {p.category.name}
          </Link>
        </nav>
        <h1>{p.name}</h1>
        <p className="product__price">{formatMoney(p.priceCents)}</p>
        <p className="product__description">{p.description}</p>
        <AddToCart product={p} />
      </div>
    </article>
  );
}

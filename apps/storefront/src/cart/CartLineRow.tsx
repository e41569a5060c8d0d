import type { CartLine } from '@portside/contracts';
import { useId, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { formatMoney } from '../format/money';
import { lineTotalCents, maxQuantity, stockNote } from './cartMath';

type Props = {
  line: CartLine;
  onQuantity(quantity: number): void;
  onRemove(): void;
};

/** One line of the cart: the quantity is typed freely and committed on blur, Enter or the steppers. */
export function CartLineRow({ line, onQuantity, onRemove }: Props) {
  const id = useId();
  const [text, setText] = useState(String(line.quantity));
  // Every answer from the server is a new line object: show its quantity, even if unchanged.
  // Adjusted during render (not in an effect) so the field never shows a stale number.
  const [shown, setShown] = useState(line);
  if (shown !== line) {
    setShown(line);
    setText(String(line.quantity));
  }

  const max = Math.max(1, maxQuantity(line));
  const note = stockNote(line);

  const commit = (wanted: number) => {
    const quantity = Math.max(1, Math.min(Math.trunc(wanted), max));
    if (!Number.isFinite(wanted) || quantity === line.quantity) {
      setText(String(line.quantity));
      return;
    }
    setText(String(quantity));
    onQuantity(quantity);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit(Number(text));
    }
  };

  return (
    <li className="cart-line">
      <img src={line.imageUrl} alt="" width={96} height={96} className="cart-line__image" />
      <div className="cart-line__main">
        <Link to={`/products/${line.slug}`} className="cart-line__name">
          {line.name}
        </Link>
        <span className="cart-line__unit">{formatMoney(line.unitPriceCents)} each</span>
        {note && (
          <span className="cart-line__stock" id={`${id}-stock`}>
            {note}
          </span>
        )}
      </div>
      <div className="cart-line__qty">
        <button
          type="button"
          className="stepper"
          aria-label={`Decrease quantity of ${line.name}`}
          disabled={line.quantity <= 1}
          onClick={() => commit(line.quantity - 1)}
        >
          −
        </button>
        <label htmlFor={`${id}-qty`} className="visually-hidden">
          Quantity of {line.name}
        </label>
        <input
          id={`${id}-qty`}
          type="number"
          inputMode="numeric"
          min={1}
          max={max}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => commit(Number(text))}
          onKeyDown={onKey}
          aria-describedby={note ? `${id}-stock` : undefined}
        />
        <button
          type="button"
          className="stepper"
          aria-label={`Increase quantity of ${line.name}`}
          disabled={line.quantity >= max}
          onClick={() => commit(line.quantity + 1)}
        >
          +
        </button>
      </div>
      <span className="cart-line__total" aria-label={`Line total for ${line.name}`}>
        {formatMoney(lineTotalCents(line))}
      </span>
      <button
        type="button"
        className="link-button"
        onClick={onRemove}
        aria-label={`Remove ${line.name}`}
      >
        Remove
      </button>
    </li>
  );
}

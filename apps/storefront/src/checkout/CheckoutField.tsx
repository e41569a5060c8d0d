import type { InputHTMLAttributes } from 'react';
import type { CheckoutField as FieldName } from './checkoutFormModel';

type Props = {
  name: FieldName;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  onValue(name: FieldName, value: string): void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'value' | 'onChange' | 'id'>;

/** A labelled input whose error is announced and tied to it with aria-describedby. */
export function CheckoutField({ name, label, value, error, hint, onValue, ...input }: Props) {
  const id = `checkout-${name}`;
  const describedBy =
    [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="field__hint">
          {hint}
        </span>
      )}
      <input
        id={id}
        name={name}
        value={value}
        onChange={(e) => onValue(name, e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {error && (
        <span id={`${id}-error`} className="field__error">
          {error}
        </span>
      )}
    </div>
  );
}

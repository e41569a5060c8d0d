import { useRef, useState, type FormEvent } from 'react';
import type {
  CheckoutFormValues,
  CheckoutField as FieldName,
  FieldErrors,
} from './checkoutFormModel';
import { emptyCheckoutForm } from './checkoutFormModel';
import { CheckoutField } from './CheckoutField';

type Props = {
  /** Client-side check; empty when the form may be sent. */
  validate(values: CheckoutFormValues): FieldErrors;
  /** Sends the order; resolves with field errors from the server, if any. */
  onSubmit(values: CheckoutFormValues): Promise<FieldErrors | void>;
  /** A message about the whole attempt (declined card, out of stock...). */
  formError?: string;
};

const ORDER: FieldName[] = [
  'email',
  'name',
  'line1',
  'line2',
  'city',
  'postalCode',
  'country',
  'cardNumber',
  'expMonth',
  'expYear',
  'cvc',
];

/** Email, address and card, with messages under each field; one submission at a time. */
export function CheckoutForm({ validate, onSubmit, formError }: Props) {
  const [values, setValues] = useState<CheckoutFormValues>(emptyCheckoutForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  // A ref, not state: a second click in the same tick must see the first one.
  const inFlight = useRef(false);
  const form = useRef<HTMLFormElement>(null);

  const onValue = (name: FieldName, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    if (errors[name]) setErrors((e) => ({ ...e, [name]: undefined }));
  };

  const focusFirstError = (found: FieldErrors) => {
    const first = ORDER.find((f) => found[f]);
    if (first) form.current?.querySelector<HTMLInputElement>(`#checkout-${first}`)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    const found = validate(values);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(found);
      return;
    }
    inFlight.current = true;
    setSubmitting(true);
    try {
      const serverErrors = await onSubmit(values);
      if (serverErrors && Object.keys(serverErrors).length > 0) {
        setErrors(serverErrors);
        focusFirstError(serverErrors);
      }
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  const field = (name: FieldName) => ({ name, value: values[name], error: errors[name], onValue });

  return (
    <form ref={form} className="checkout-form" onSubmit={submit} noValidate aria-label="Checkout">
      <fieldset>
        <legend>Contact</legend>
        <CheckoutField
          {...field('email')}
          label="Email"
          type="email"
          autoComplete="email"
          required
        />
      </fieldset>
      <fieldset>
        <legend>Shipping address</legend>
        <CheckoutField {...field('name')} label="Full name" autoComplete="name" required />
        <CheckoutField {...field('line1')} label="Address" autoComplete="address-line1" required />
        <CheckoutField
          {...field('line2')}
          label="Apartment, suite (optional)"
          autoComplete="address-line2"
        />
        <div className="field-row">
          <CheckoutField {...field('city')} label="City" autoComplete="address-level2" required />
          <CheckoutField
            {...field('postalCode')}
            label="Postal code"
            autoComplete="postal-code"
            required
          />
        </div>
        <CheckoutField
          {...field('country')}
          label="Country"
          hint="Two-letter code, e.g. US"
          autoComplete="country"
          maxLength={2}
          required
        />
      </fieldset>
      <fieldset>
        <legend>Card</legend>
        <CheckoutField
          {...field('cardNumber')}
          label="Card number"
          hint="Test cards only: 4242 4242 4242 4242 succeeds"
          inputMode="numeric"
          autoComplete="cc-number"
          required
        />
        <div className="field-row">
          <CheckoutField
            {...field('expMonth')}
            label="Expiry month"
            placeholder="MM"
            inputMode="numeric"
            autoComplete="cc-exp-month"
            maxLength={2}
            required
          />
          <CheckoutField
            {...field('expYear')}
            label="Expiry year"
            placeholder="YY"
            inputMode="numeric"
            autoComplete="cc-exp-year"
            maxLength={4}
            required
          />
          <CheckoutField
            {...field('cvc')}
            label="CVC"
            inputMode="numeric"
            autoComplete="cc-csc"
            maxLength={4}
            required
          />
        </div>
      </fieldset>
      {formError && (
        <p className="status status--error" role="alert">
          {formError}
        </p>
      )}
      <button
        type="submit"
        className="button button--primary button--block"
        disabled={submitting}
        aria-busy={submitting}
      >
        {submitting ? 'Placing order…' : 'Place order'}
      </button>
    </form>
  );
}

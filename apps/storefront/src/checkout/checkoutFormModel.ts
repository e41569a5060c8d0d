import { CheckoutRequest, type FieldError } from '@portside/contracts';

/** The form as typed: every input is text until it is parsed. */
export type CheckoutFormValues = {
  email: string;
  name: string;
  line1: string;
  line2: string;
  city: string;
  postalCode: string;
  country: string;
  cardNumber: string;
  expMonth: string;
  expYear: string;
  cvc: string;
};

export type CheckoutField = keyof CheckoutFormValues;
export type FieldErrors = Partial<Record<CheckoutField, string>>;

export const emptyCheckoutForm: CheckoutFormValues = {
  email: '',
  name: '',
  line1: '',
  line2: '',
  city: '',
  postalCode: '',
  country: 'US',
  cardNumber: '',
  expMonth: '',
  expYear: '',
  cvc: '',
};

/** The API's field paths (as in problem+json errors[] and zod issue paths) to the form's inputs. */
const FIELD_OF_PATH: Record<string, CheckoutField> = {
  email: 'email',
  'shippingAddress.name': 'name',
  'shippingAddress.line1': 'line1',
  'shippingAddress.line2': 'line2',
  'shippingAddress.city': 'city',
  'shippingAddress.postalCode': 'postalCode',
  'shippingAddress.country': 'country',
  'payment.cardNumber': 'cardNumber',
  'payment.expMonth': 'expMonth',
  'payment.expYear': 'expYear',
  'payment.cvc': 'cvc',
};

/** A number input left empty or half-typed must fail validation, not become 0. */
function toNumber(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' || !/^\d+$/.test(trimmed) ? Number.NaN : Number(trimmed);
}

/** Two-digit years are what cards print: 30 means 2030. */
function toYear(text: string): number {
  const n = toNumber(text);
  return n < 100 ? 2000 + n : n;
}

export function toCheckoutRequest(cartId: string, v: CheckoutFormValues): CheckoutRequest {
  const line2 = v.line2.trim();
  return {
    cartId,
    email: v.email.trim(),
    shippingAddress: {
      name: v.name,
      line1: v.line1,
      ...(line2 ? { line2 } : {}),
      city: v.city,
      postalCode: v.postalCode,
      country: v.country,
    },
    payment: {
      cardNumber: v.cardNumber,
      expMonth: toNumber(v.expMonth),
      expYear: toYear(v.expYear),
      cvc: v.cvc.trim(),
    },
  };
}

/** Schema and server messages rephrased for a shopper where zod's defaults read like a type checker. */
function friendly(field: CheckoutField, message: string): string {
  if (/expected string to have >=1|received undefined/.test(message))
    return 'This field is required.';
  const isTypeCheck = /^(Invalid|Too (small|big)|Expected)|expected number/.test(message);
  if (field === 'email' && isTypeCheck) return 'Enter an email address like name@example.com.';
  if (field === 'expMonth' && isTypeCheck) return 'Enter the month, 1 to 12.';
  if (field === 'expYear' && isTypeCheck) return 'Enter the year, e.g. 30.';
  if (/^(must|is) /.test(message)) return `This ${message}.`;
  const sentence = message.charAt(0).toUpperCase() + message.slice(1);
  return sentence.endsWith('.') ? sentence : `${sentence}.`;
}

/** Maps field errors (from the client schema or the server's problem+json) onto the form's inputs. */
export function mapFieldErrors(errors: readonly FieldError[]): {
  fields: FieldErrors;
  unmatched: string[];
} {
  const fields: FieldErrors = {};
  const unmatched: string[] = [];
  for (const { field, message } of errors) {
    const input = FIELD_OF_PATH[field.replace(/^body\./, '')];
    if (input) fields[input] ??= friendly(input, message);
    else unmatched.push(message);
  }
  return { fields, unmatched };
}

/** Checks the form against the same schema the order service enforces. Empty when valid. */
export function validateCheckout(cartId: string, values: CheckoutFormValues): FieldErrors {
  const result = CheckoutRequest.safeParse(toCheckoutRequest(cartId, values));
  if (result.success) return {};
  return mapFieldErrors(
    result.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
  ).fields;
}

import {
  emptyCheckoutForm,
  mapFieldErrors,
  toCheckoutRequest,
  validateCheckout,
  type CheckoutFormValues,
} from './checkoutFormModel';

const CART_ID = 'c'.repeat(32);
const filled: CheckoutFormValues = {
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  line1: '1 Harbour Road',
  line2: '',
  city: 'Portsmouth',
  postalCode: 'PO1 1AA',
  country: 'gb',
  cardNumber: '4242 4242 4242 4242',
  expMonth: '12',
  expYear: '30',
  cvc: '123',
};

describe('checkout form validation', () => {
  it('accepts a complete form', () => {
    expect(validateCheckout(CART_ID, filled)).toEqual({});
  });

  it('builds the request the API expects: numbers for the expiry, four-digit year, no empty line2', () => {
    expect(toCheckoutRequest(CART_ID, filled)).toEqual({
      cartId: CART_ID,
      email: 'ada@example.com',
      shippingAddress: {
        name: 'Ada Lovelace',
        line1: '1 Harbour Road',
        city: 'Portsmouth',
        postalCode: 'PO1 1AA',
        country: 'gb',
      },
      payment: { cardNumber: '4242 4242 4242 4242', expMonth: 12, expYear: 2030, cvc: '123' },
    });
  });

  it('names every missing field of an empty form, in words a shopper understands', () => {
    const errors = validateCheckout(CART_ID, emptyCheckoutForm);
    expect(Object.keys(errors).sort()).toEqual(
      [
        'cardNumber',
        'city',
        'cvc',
        'email',
        'expMonth',
        'expYear',
        'line1',
        'name',
        'postalCode',
      ].sort(),
    );
    expect(errors.name).toBe('This field is required.');
    expect(errors.email).toBe('Enter an email address like name@example.com.');
    expect(errors.expMonth).toBe('Enter the month, 1 to 12.');
  });

  it('uses the contract rules for card, country and month', () => {
    const errors = validateCheckout(CART_ID, {
      ...filled,
      cardNumber: '4242',
      country: 'GBR',
      expMonth: '13',
      cvc: '12',
    });
    expect(errors).toEqual({
      cardNumber: 'This must be 12 to 19 digits.',
      country: 'This must be a two-letter country code.',
      expMonth: 'Enter the month, 1 to 12.',
      cvc: 'This must be 3 or 4 digits.',
    });
  });

  it("puts the server's field errors under the matching inputs and keeps the others apart", () => {
    const { fields, unmatched } = mapFieldErrors([
      { field: 'shippingAddress.postalCode', message: 'is not a postal code of the country' },
      { field: 'payment.cardNumber', message: 'must be 12 to 19 digits' },
      { field: 'payment.expYear', message: 'the card has expired' },
      { field: 'cartId', message: 'is not a cart id' },
    ]);
    expect(fields).toEqual({
      postalCode: 'This is not a postal code of the country.',
      cardNumber: 'This must be 12 to 19 digits.',
      expYear: 'The card has expired.',
    });
    expect(unmatched).toEqual(['is not a cart id']);
  });
});

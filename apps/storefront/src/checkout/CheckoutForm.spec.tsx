import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CheckoutForm } from './CheckoutForm';
import { validateCheckout, type CheckoutFormValues, type FieldErrors } from './checkoutFormModel';

const validate = (v: CheckoutFormValues) => validateCheckout('c'.repeat(32), v);

const VALID: Record<string, string> = {
  Email: 'ada@example.com',
  'Full name': 'Ada Lovelace',
  Address: '1 Harbour Road',
  City: 'Portsmouth',
  'Postal code': '12345',
  'Card number': '4242 4242 4242 4242',
  'Expiry month': '12',
  'Expiry year': '30',
  CVC: '123',
};

/** Pastes into each field: what a password manager or autofill does, and quick in jsdom. */
async function fillValidForm() {
  for (const [label, value] of Object.entries(VALID)) {
    await userEvent.click(screen.getByLabelText(label));
    await userEvent.paste(value);
  }
}

/** An order service that answers only when the test says so. */
function pendingSubmit() {
  let finish: (errors?: FieldErrors) => void = () => undefined;
  const onSubmit = jest.fn(() => new Promise<FieldErrors | void>((resolve) => (finish = resolve)));
  return { onSubmit, finish: (errors?: FieldErrors) => finish(errors) };
}

describe('the checkout form', () => {
  it('shows a message under each invalid field, marks it invalid and focuses the first', async () => {
    const onSubmit = jest.fn();
    render(<CheckoutForm validate={validate} onSubmit={onSubmit} />);
    await userEvent.type(screen.getByLabelText('Email'), 'not-an-email');
    await userEvent.click(screen.getByRole('button', { name: 'Place order' }));

    const email = screen.getByLabelText('Email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Enter an email address like name@example.com.').id).toBe(
      'checkout-email-error',
    );
    expect(email.getAttribute('aria-describedby')).toBe('checkout-email-error');
    expect(screen.getByLabelText('Full name').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(email);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('clears a field message as soon as the shopper edits that field', async () => {
    render(<CheckoutForm validate={validate} onSubmit={jest.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Place order' }));
    await userEvent.type(screen.getByLabelText('City'), 'P');
    expect(screen.getByLabelText('City').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByLabelText('Full name').getAttribute('aria-invalid')).toBe('true');
  });

  it('sends once on a double click and disables the button until the answer', async () => {
    const service = pendingSubmit();
    render(<CheckoutForm validate={validate} onSubmit={service.onSubmit} />);
    await fillValidForm();
    const button = screen.getByRole('button', { name: 'Place order' });
    await userEvent.dblClick(button);
    expect(service.onSubmit).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Placing order…' })).toHaveProperty('disabled', true);

    service.finish();
    expect(await screen.findByRole('button', { name: 'Place order' })).toHaveProperty(
      'disabled',
      false,
    );
  });

  it("shows the server's field errors under the fields it names", async () => {
    const service = pendingSubmit();
    render(
      <CheckoutForm
        validate={validate}
        onSubmit={service.onSubmit}
        formError="Please correct the highlighted fields."
      />,
    );
    await fillValidForm();
    await userEvent.click(screen.getByRole('button', { name: 'Place order' }));
    service.finish({ postalCode: 'This is not a postal code of the country.' });

    expect(await screen.findByText('This is not a postal code of the country.')).toBeTruthy();
    expect(screen.getByLabelText('Postal code').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('Please correct the highlighted fields.');
  });
});

import { ApiError, NetworkError, shopperMessage, toApiError } from './problem';

const problem = (status: number, extra: Record<string, unknown> = {}) =>
  toApiError(status, { type: '/problems/x', title: 'Title', status, ...extra });

describe('messages a shopper understands', () => {
  it('explains a declined card without technical words and says nothing was charged', () => {
    expect(
      shopperMessage(problem(402, { code: 'card_declined', detail: 'The card was declined' })),
    ).toBe('Your card was declined. Nothing was charged: try another card.');
    expect(
      shopperMessage(
        problem(402, { code: 'processing_error', detail: 'try again with a new Idempotency-Key' }),
      ),
    ).not.toMatch(/Idempotency/);
  });

  it('says what to do about stock conflicts', () => {
    expect(
      shopperMessage(problem(409, { code: 'out_of_stock', detail: 'Not enough stock for: Lamp' })),
    ).toBe('Not enough stock for: Lamp. Lower the quantity in your cart, then try again.');
  });

  it('keeps developer wording of invalid input away from the shopper', () => {
    const message = shopperMessage(
      problem(400, { detail: 'Invalid query: maxPrice must be greater than or equal to minPrice' }),
    );
    expect(message).toBe(
      'Some of the details given are not valid. Please check them and try again.',
    );
  });

  it('never shows a status code or a server error text', () => {
    const message = shopperMessage(problem(500, { detail: 'TypeError: x is undefined' }));
    expect(message).not.toMatch(/500|TypeError/);
  });

  it('tells an unreachable shop apart from a broken one', () => {
    expect(shopperMessage(new NetworkError())).toMatch(/could not reach the shop/);
  });

  it('keeps a non-problem error answer (an HTML 502 from a proxy) an ApiError', () => {
    const error = toApiError(502, '<html>Bad Gateway</html>');
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(shopperMessage(error)).toMatch(/having trouble/);
  });
});

import type { ParsedCheckoutRequest } from '@portside/contracts';
import { AppError } from '@portside/service-kit';
import { isExpired, passesLuhn } from './payment';

/** Card problems the customer can fix, caught before any stock is held. */
export function assertCardUsable(payment: ParsedCheckoutRequest['payment'], now: Date): void {
  if (!passesLuhn(payment.cardNumber)) {
    throw AppError.invalid('The card number is not valid', [
      { field: 'payment.cardNumber', message: 'is not a valid card number' },
    ]);
  }
  if (isExpired(payment.expMonth, payment.expYear, now)) {
    throw AppError.invalid('The card has expired', [
      { field: 'payment.expYear', message: 'the card has expired' },
    ]);
  }
}

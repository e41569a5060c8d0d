export * from './cards';
export * from './payment-ledger';
export * from './payment-provider';
export * from './simulator';

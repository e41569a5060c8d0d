export * from './cards';
export * from './payment-provider';
export * from './simulator';

export * from './common';
export * from './catalog';
export * from './cart';
export * from './order';

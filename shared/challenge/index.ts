export * from './plan';
export * from './evaluate';

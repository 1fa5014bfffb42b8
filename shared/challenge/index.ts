export * from './plan';
export * from './evaluate';
export * from './suggest';

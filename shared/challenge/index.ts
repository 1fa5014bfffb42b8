export * from './plan';
export * from './evaluate';
export * from './suggest';
export * from './component';

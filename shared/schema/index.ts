export * from './log';
export * from './export';
export * from './recipe';

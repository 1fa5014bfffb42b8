export * from './log';
export * from './export';

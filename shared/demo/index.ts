export * from './generateDiary';
export { VOCABULARY } from './vocabulary';
export { Random, normalCdf } from './random';

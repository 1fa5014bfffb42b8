/**
 * The food components the analysis knows (issue 14), apart from their table, so validation of an export
 * file on the app's first load can name them without loading the whole cited table.
 */
export const COMPONENT_KEYS = ['lactose', 'fructans', 'gos', 'excess_fructose', 'polyols', 'gluten', 'caffeine', 'alcohol', 'capsaicin'] as const;
export type ComponentKey = (typeof COMPONENT_KEYS)[number];

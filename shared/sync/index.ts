/** End-to-end-encrypted sync (DESIGN §7): the client side, shared by the app, workers, server and tests. */
export * from './errors';
export * from './bytes';
export * from './hlc';
export * from './kdf';
export * from './keyring';
export * from './envelope';
export * from './doc';
export * from './collections';
export * from './protocol';
export * from './store';
export * from './transport';
export * from './engine';
export * from './account';

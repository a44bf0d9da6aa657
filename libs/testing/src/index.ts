export * from './test-database';
export * from './test-services';
export * from './seeded';
export * from './smtp-server';
export * from './pdf-text';

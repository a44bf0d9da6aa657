export * from './domain-error';
export * from './clock';
export * from './fund1035-eligibility';

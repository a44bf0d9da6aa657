export * from './domain-error';
export * from './clock';
export * from './calendar';
export * from './fund1035-eligibility';
export * from './fund-parameters';
export * from './fund-policies';
export * from './budget-limits';
export * from './results-framework';

export * from './envelope';
export * from './topics';
export * from './registry';
export * from './concepts/concept-note-submitted.v1';
export * from './funds/funds-events.v1';
export * from './concepts/submission-events.v1';
export * from './reference/reference-data-recorded.v1';
export * from './funds/allocation-events.v1';

export * from './auth.config';
export * from './token-verifier';
export * from './auth.guard';
export * from './auth.module';

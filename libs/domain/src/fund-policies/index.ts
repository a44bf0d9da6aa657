import { FUND_1035 } from './fund-1035.policy';
import { FundPolicies } from './fund-policy';
import { MIGRATION_MPTF } from './migration-mptf.policy';

export * from './fund-policy';
export * from './pooled-fund';
export * from './obligation-schedule';
export { FUND_1035, MIGRATION_MPTF };

FundPolicies.register(MIGRATION_MPTF);
FundPolicies.register(FUND_1035);

import { runService } from '@fundline/http';
import { FUNDS_SCHEMA, FundsModule } from './funds.module';

runService({
  name: 'funds',
  schema: FUNDS_SCHEMA,
  defaultPort: 3002,
  title: 'Fundline funds',
  description: 'Funds, credit lines and thematic windows, contributions, ledger, steering-committee decisions',
  module: (config) => FundsModule.forRoot(config),
});

import { NotificationsSchema1766000000000 } from './migrations/1766000000000-notifications-schema';
import { WEBHOOK_MIGRATIONS } from './webhooks/webhooks';

/** The notifications schema's migrations, in order. */
export const NOTIFICATIONS_MIGRATIONS = [NotificationsSchema1766000000000, ...WEBHOOK_MIGRATIONS];

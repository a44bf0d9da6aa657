import { DocumentStore } from './document-store';
import { PostgresDocumentStore } from './postgres-document-store';
import { S3DocumentStore } from './s3/s3-document-store';

const S3_VARIABLES = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/**
 * The store DOCUMENT_STORE names: `postgres` (the default) or `s3`, with S3_ENDPOINT, S3_BUCKET, S3_REGION,
 * S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY. Read once at start, so a missing variable stops the service there.
 */
export function documentStoreFromEnv(env: NodeJS.ProcessEnv): DocumentStore {
  const kind = env.DOCUMENT_STORE || 'postgres';
  if (kind === 'postgres') return new PostgresDocumentStore();
  if (kind !== 's3') throw new Error(`DOCUMENT_STORE must be postgres or s3, not ${kind}`);
  const missing = S3_VARIABLES.filter((name) => !env[name]);
  if (missing.length) throw new Error(`DOCUMENT_STORE=s3 needs ${missing.join(', ')}`);
  return new S3DocumentStore({
    endpoint: env.S3_ENDPOINT!,
    bucket: env.S3_BUCKET!,
    region: env.S3_REGION!,
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
  });
}

import 'reflect-metadata';
import { DynamicModule } from '@nestjs/common';
import { ensureSchema } from '@fundline/persistence';
import { createHttpApp } from './service-app';
import { ServiceConfig, serviceConfigFromEnv } from './service-config';

export interface ServiceDefinition {
  name: string;
  schema: string;
  defaultPort: number;
  title: string;
  description: string;
  module: (config: ServiceConfig) => DynamicModule;
}

/** The whole `main.ts` of a service: read the environment, prepare its schema, serve until SIGTERM. */
export function runService(definition: ServiceDefinition): void {
  const start = async () => {
    const config = serviceConfigFromEnv(process.env, definition.defaultPort);
    await ensureSchema(config.databaseUrl, definition.schema);
    const app = await createHttpApp(definition.module(config), {
      service: definition.name,
      title: definition.title,
      description: definition.description,
      bodyLimit: config.bodyLimit,
      rateLimit: config.rateLimit,
      logLevel: config.logLevel,
    });
    await app.listen(config.port, process.env.HOST ?? '0.0.0.0');
    // Started by `npm start` with an IPC channel: when that parent goes away, so does this service.
    if (process.connected) process.once('disconnect', () => void app.close().then(() => process.exit(0)));
  };
  start().catch((error: unknown) => {
    process.stderr.write(`${definition.name} failed to start: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}

import { LoggerService, LogLevel } from '@nestjs/common';
import { currentCorrelationId } from './request-context';

const ORDER: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];

/** One JSON object per line, with the service and the request's correlation id, for log shippers. */
export class JsonLogger implements LoggerService {
  private readonly minimum: number;

  constructor(
    private readonly service: string,
    level: LogLevel = 'log',
  ) {
    this.minimum = ORDER.indexOf(level);
  }

  log(message: unknown, context?: string) {
    this.write('log', message, context);
  }
  error(message: unknown, trace?: string, context?: string) {
    this.write('error', message, context, trace);
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.write('verbose', message, context);
  }
  fatal(message: unknown, context?: string) {
    this.write('fatal', message, context);
  }

  private write(level: LogLevel, message: unknown, context?: string, trace?: string) {
    if (ORDER.indexOf(level) < this.minimum) return;
    const line = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      context,
      correlationId: currentCorrelationId(),
      msg: message instanceof Error ? message.message : message,
      ...(trace ? { trace } : {}),
    };
    (level === 'error' || level === 'fatal' ? process.stderr : process.stdout).write(JSON.stringify(line) + '\n');
  }
}

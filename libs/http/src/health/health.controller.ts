import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@fundline/auth';
import { KAFKA, kafkaReachable } from '@fundline/messaging';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live() {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Kafka are reachable' })
  async ready() {
    const [postgres, kafka] = await Promise.all([
      this.dataSource
        .query('SELECT 1')
        .then(() => true)
        .catch(() => false),
      kafkaReachable(this.kafka),
    ]);
    const checks = { postgres: postgres ? 'up' : 'down', kafka: kafka ? 'up' : 'down' };
    if (!postgres || !kafka) throw new ServiceUnavailableException(`not ready: ${JSON.stringify(checks)}`);
    return { status: 'ready', checks };
  }
}

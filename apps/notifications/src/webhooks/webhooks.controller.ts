import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@fundline/auth';
import { Actor } from '@fundline/contracts';
import { Page } from '@fundline/http';
import { CreateWebhookEndpointDto, DeliveriesQuery, UpdateWebhookEndpointDto } from './webhook.dto';
import { DeliveryView, EndpointView, WebhookEndpoints } from './webhook-endpoints';

/** Webhooks for integrators (a ministry's system, a donor's dashboard), managed by fund admins: docs/webhooks.md. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('fund-admin')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly endpoints: WebhookEndpoints) {}

  @Post('endpoints')
  @ApiOperation({
    summary: 'Register an endpoint for some event types (or "*"); the signing secret is in this answer only',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWebhookEndpointDto) {
    return this.endpoints.create(actor, dto);
  }

  @Get('endpoints')
  @ApiOperation({ summary: 'The endpoints, with what each still owes (pending, failed, parked) and its health' })
  list(): Promise<EndpointView[]> {
    return this.endpoints.list();
  }

  @Get('endpoints/:id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<EndpointView> {
    return this.endpoints.get(id);
  }

  @Patch('endpoints/:id')
  @ApiOperation({
    summary: 'Change the URL or event types; disable (deliveries are kept) or enable again (they resume)',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateWebhookEndpointDto,
  ): Promise<EndpointView> {
    return this.endpoints.update(actor, id, dto);
  }

  @Delete('endpoints/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an endpoint: nothing more is sent to it; its log is kept' })
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.endpoints.remove(id);
  }

  @Post('endpoints/:id/secret')
  @ApiOperation({ summary: 'A new signing secret, shown once; the previous one keeps signing beside it for 24 hours' })
  rotate(@Param('id', ParseUUIDPipe) id: string) {
    return this.endpoints.rotateSecret(id);
  }

  @Get('endpoints/:id/deliveries')
  @ApiOperation({
    summary: 'The delivery log, newest first: each delivery with its attempts (when, status or error, duration)',
  })
  deliveries(@Param('id', ParseUUIDPipe) id: string, @Query() query: DeliveriesQuery): Promise<Page<DeliveryView>> {
    return this.endpoints.deliveries(id, query);
  }

  @Post('endpoints/:id/replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send the parked and failing deliveries of an endpoint again now, with a full retry schedule',
  })
  replayEndpoint(@Param('id', ParseUUIDPipe) id: string) {
    return this.endpoints.replayEndpoint(id);
  }

  @Post('deliveries/:id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send one delivery again now, under the same webhook-id' })
  replayDelivery(@Param('id', ParseUUIDPipe) id: string): Promise<DeliveryView> {
    return this.endpoints.replayDelivery(id);
  }
}

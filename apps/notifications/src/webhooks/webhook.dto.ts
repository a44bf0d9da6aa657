import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EVENT_CONTRACTS } from '@fundline/contracts';
import { PageQuery } from '@fundline/http';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';

/** Every type of event an endpoint may subscribe to, or '*' for all of them, present and future. */
export const ALL_EVENTS = '*';

export const DELIVERY_STATUSES = ['pending', 'failed', 'delivered', 'parked'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A field that may be left out, but not sent as null: null would erase a value no endpoint can be without. */
const OmittedOrSet = () => ValidateIf((_: object, value: unknown) => value !== undefined);

const EVENT_TYPES_DOC = {
  isArray: true,
  type: String,
  example: ['concept-note.screened.v1', 'allocation.approved.v2'],
  description: `Event types, from the AsyncAPI document, or "${ALL_EVENTS}" for every type: ${Object.keys(EVENT_CONTRACTS).join(', ')}`,
};

export class CreateWebhookEndpointDto {
  @ApiProperty({ example: 'https://integrator.example.org/fundline/webhooks', description: 'http or https, public' })
  @IsString()
  @Length(1, 2_000)
  url: string;

  @ApiProperty(EVENT_TYPES_DOC)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  eventTypes: string[];

  @ApiPropertyOptional({ example: "Ministry of the Interior's grants system", nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  description?: string;
}

export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional({ description: 'false stops deliveries (they are kept); true resumes them' })
  @OmittedOrSet()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional(EVENT_TYPES_DOC)
  @OmittedOrSet()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  eventTypes?: string[];

  @ApiPropertyOptional({ example: 'https://integrator.example.org/fundline/webhooks' })
  @OmittedOrSet()
  @IsString()
  @Length(1, 2_000)
  url?: string;

  @ApiPropertyOptional()
  @OmittedOrSet()
  @IsString()
  @Length(1, 500)
  description?: string;
}

export class DeliveriesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}

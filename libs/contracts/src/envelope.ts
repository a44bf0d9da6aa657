import { IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { ValidNested } from './nested';

export const ROLES = ['government', 'steering-committee', 'finance-officer', 'fund-admin', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** Who caused an event (G3): the user, the role they acted in and, for a government, its country. */
export class Actor {
  @IsString()
  userId: string;

  @IsIn(ROLES)
  role: Role;

  @IsOptional()
  @Matches(/^[A-Z]{3}$/)
  country?: string;
}

/**
 * Every integration event travels in this envelope. `type` names the contract and its version
 * (`concept-note.submitted.v1`); a breaking change is a new type (`….v2`) published beside the old one.
 */
export class EventEnvelope<TPayload extends object = object> {
  @IsUUID()
  eventId: string;

  @Matches(/^[a-z][a-z-]*\.[a-z][a-z-]*\.v\d+$/)
  type: string;

  @IsString()
  aggregateType: string;

  @IsString()
  aggregateId: string;

  @IsISO8601({ strict: true })
  occurredAt: string;

  @IsString()
  correlationId: string;

  @IsOptional()
  @IsString()
  causationId?: string;

  @ValidNested(Actor)
  actor: Actor;

  @IsObject()
  payload: TPayload;
}

export function eventVersion(type: string): number {
  return Number(/\.v(\d+)$/.exec(type)?.[1] ?? NaN);
}

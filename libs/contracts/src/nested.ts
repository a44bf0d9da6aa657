import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';

export interface NestedValidationOptions {
  /** Absent or null: the field is left out. Otherwise it must be there and not null. */
  optional?: boolean;
}

type NestedClass = new () => object;

function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}

/**
 * A field holding one object of `type`. `@ValidateNested` alone lets an omitted object through (and an array, whose
 * items it would check one by one), so a reader then meets undefined: here a required object must be defined and an
 * object, and an optional one may be absent or null, never anything else. Shared by event contracts and HTTP DTOs.
 */
export function ValidNested(type: NestedClass, options: NestedValidationOptions = {}): PropertyDecorator {
  return all(
    options.optional ? IsOptional() : IsDefined(),
    IsObject(),
    ValidateNested(),
    Type(() => type),
  );
}

/** A field holding an array of objects of `type`: an array (never absent unless optional), each item an object. */
export function ValidNestedArray(type: NestedClass, options: NestedValidationOptions = {}): PropertyDecorator {
  return all(
    ...(options.optional ? [IsOptional()] : []),
    IsArray(),
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(() => type),
  );
}

import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { NestedValidationOptions, ValidNested, ValidNestedArray } from '@fundline/contracts';

export interface NestedOptions extends NestedValidationOptions {
  description?: string;
}

type DtoClass = new () => object;

/**
 * A field holding one DTO, declared once for the document and the validation (see ValidNested: a required object
 * must be there, an optional one may be absent or null; docs/validation.md), so the OpenAPI document says which it is.
 */
export function NestedObject(type: DtoClass, options: NestedOptions = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type, required: !options.optional, description: options.description }),
    ValidNested(type, options),
  );
}

/** A field holding an array of DTOs: an array (never absent unless optional), each item an object validated as one. */
export function NestedArray(type: DtoClass, options: NestedOptions = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: [type], required: !options.optional, description: options.description }),
    ValidNestedArray(type, options),
  );
}

import { plainToInstance } from 'class-transformer';
import {
  ARRAY_MIN_SIZE,
  getMetadataStorage,
  IS_ARRAY,
  IS_BOOLEAN,
  IS_IN,
  IS_INT,
  IS_ISO8601,
  IS_OBJECT,
  IS_OPTIONAL,
  IS_STRING,
  IS_UUID,
  MATCHES,
  MAX,
  MetadataStorage,
  MIN,
  ValidationArguments,
  ValidationTypes,
  ValidatorConstraintInterface,
} from 'class-validator';
import { fundsWhere } from '../registered-fund';

/** The JSON Schema (draft 7, as AsyncAPI 3 embeds it) of one value. */
export type JsonSchema = { [keyword: string]: unknown };

type Class = new () => object;
type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

/**
 * Custom decorators whose values are one of a known set: the schema lists the candidates the decorator's own
 * validator accepts, so it says what the contract checks without repeating how.
 */
const CUSTOM_CANDIDATES: Record<string, () => readonly unknown[]> = {
  isRegisteredFund: () => fundsWhere().map((p) => p.code),
};

/**
 * What each class-validator decorator the contracts use says in JSON Schema. One not listed here makes the
 * generator throw: a contract checked by a rule the document cannot state would be documented wrongly, silently.
 */
const KEYWORDS: Record<string, (constraints: unknown[]) => JsonSchema> = {
  [IS_STRING]: () => ({ type: 'string' }),
  [IS_BOOLEAN]: () => ({ type: 'boolean' }),
  [IS_INT]: () => ({ type: 'integer' }),
  [IS_OBJECT]: () => ({ type: 'object' }),
  [IS_ARRAY]: () => ({ type: 'array' }),
  [IS_UUID]: () => ({ type: 'string', format: 'uuid' }),
  // class-validator also takes a bare date here; producers write full date-times (Date#toISOString), as documented.
  [IS_ISO8601]: () => ({ type: 'string', format: 'date-time' }),
  [MATCHES]: ([pattern, modifiers]) => ({ type: 'string', pattern: patternSource(pattern, modifiers) }),
  [IS_IN]: ([values]) => enumOf(values as readonly unknown[]),
  [MIN]: ([n]) => ({ minimum: n }),
  [MAX]: ([n]) => ({ maximum: n }),
  [ARRAY_MIN_SIZE]: ([n]) => ({ minItems: n }),
};

function patternSource(pattern: unknown, modifiers: unknown): string {
  const flags = pattern instanceof RegExp ? pattern.flags : (modifiers ?? '');
  // JSON Schema patterns have no flags: an `i` or `m` would make the schema disagree with the contract.
  if (flags) throw new Error(`a pattern with flags (/${String(pattern)}/${String(flags)}) has no JSON Schema form`);
  return pattern instanceof RegExp ? pattern.source : String(pattern);
}

function enumOf(values: readonly unknown[]): JsonSchema {
  const types = new Set(values.map((v) => (Number.isInteger(v) ? 'integer' : typeof v)));
  const type = types.size === 1 ? [...types][0] : undefined;
  return { ...(type === 'integer' || type === 'string' || type === 'boolean' ? { type } : {}), enum: [...values] };
}

function customCandidates(metadata: ValidationMetadata): JsonSchema {
  const name = metadata.name ?? '';
  const candidates = CUSTOM_CANDIDATES[name];
  if (!candidates) throw new Error(`no JSON Schema for the custom validator ${name || metadata.constraintCls.name}`);
  const constraint = new (metadata.constraintCls as new () => ValidatorConstraintInterface)();
  const args = { constraints: metadata.constraints, property: metadata.propertyName } as ValidationArguments;
  return enumOf(candidates().filter((value) => constraint.validate(value, args) === true));
}

/**
 * The class a nested field is read as: what `plainToInstance` makes of an object there, exactly as decodeEvent reads
 * an event (so the schema follows `@Type`, inheritance included, with no second source of truth).
 */
function nestedClass(owner: Class, property: string, each: boolean): Class {
  const probe = plainToInstance(owner, { [property]: each ? [{}] : {} }) as Record<string, unknown>;
  const value = each ? (probe[property] as unknown[])[0] : probe[property];
  const cls = (value as object).constructor as Class;
  if (cls === Object) throw new Error(`${owner.name}.${property} is validated as nested but names no @Type`);
  return cls;
}

/**
 * Turns classes decorated with class-validator into JSON Schemas, one component per class: a nested class becomes a
 * `$ref` to its own component. Optional fields (`@IsOptional`) are not required and, as class-validator lets them,
 * may be null. Unknown properties are allowed, as the contracts allow them: consumers must ignore fields added later.
 */
export class ClassSchemas {
  private readonly names = new Map<Class, string>();
  readonly components: Record<string, JsonSchema> = {};

  /** A `$ref` to the class's component, converting it (and the classes it nests) the first time. */
  ref(cls: Class): JsonSchema {
    return { $ref: `#/components/schemas/${this.nameOf(cls)}` };
  }

  /** The class's own schema (its component), not a reference to it. */
  schemaOf(cls: Class): JsonSchema {
    return this.components[this.nameOf(cls)];
  }

  private nameOf(cls: Class): string {
    const known = this.names.get(cls);
    if (known) return known;
    const clash = [...this.names.entries()].find(([, name]) => name === cls.name);
    if (clash) throw new Error(`two contract classes are named ${cls.name}: component names must be unique`);
    this.names.set(cls, cls.name);
    this.components[cls.name] = {}; // named before it is converted: a class nesting itself gets a $ref, no loop
    this.components[cls.name] = this.convert(cls);
    return cls.name;
  }

  private convert(cls: Class): JsonSchema {
    const storage = getMetadataStorage();
    const byProperty = storage.groupByPropertyName(storage.getTargetValidationMetadatas(cls, '', false, false));
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const [property, metadatas] of Object.entries(byProperty)) {
      const { schema, optional } = this.property(cls, property, metadatas);
      properties[property] = optional ? nullable(schema) : schema;
      if (!optional) required.push(property);
    }
    return { title: cls.name, type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
  }

  private property(owner: Class, property: string, metadatas: ValidationMetadata[]) {
    const own: JsonSchema = {};
    const items: JsonSchema = {};
    let optional = false;
    for (const metadata of metadatas) {
      const target = metadata.each ? items : own;
      switch (metadata.type) {
        case ValidationTypes.CONDITIONAL_VALIDATION:
          if (metadata.name !== IS_OPTIONAL) throw new Error(`${owner.name}.${property}: conditional validation`);
          optional = true;
          break;
        case ValidationTypes.IS_DEFINED:
          break;
        case ValidationTypes.NESTED_VALIDATION:
          Object.assign(target, this.ref(nestedClass(owner, property, metadata.each)));
          break;
        case ValidationTypes.CUSTOM_VALIDATION: {
          const keywords = KEYWORDS[metadata.name ?? ''];
          Object.assign(target, keywords ? keywords(metadata.constraints ?? []) : customCandidates(metadata));
          break;
        }
        default:
          throw new Error(`${owner.name}.${property}: no JSON Schema for ${metadata.type} validation`);
      }
    }
    if (Object.keys(items).length > 0) {
      own.type = 'array';
      own.items = items.$ref ? { $ref: items.$ref } : items;
    }
    // A $ref stands alone (draft 7 ignores its siblings): the object check it came with is the component's own.
    const schema = own.$ref ? { $ref: own.$ref } : own;
    return { schema, optional };
  }
}

function nullable(schema: JsonSchema): JsonSchema {
  if (schema.$ref) return { oneOf: [schema, { type: 'null' }] };
  const withNull: JsonSchema = { ...schema };
  if (typeof schema.type === 'string') withNull.type = [schema.type, 'null'];
  if (Array.isArray(schema.enum)) withNull.enum = [...(schema.enum as unknown[]), null];
  return withNull;
}

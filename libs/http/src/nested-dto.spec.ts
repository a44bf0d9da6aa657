import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { MoneyDto } from './money-dto';
import { NestedArray, NestedObject } from './nested-dto';
import { ProblemException } from './problems/problem';
import { fundlineValidationPipe } from './problems/validation';

class ItemDto {
  @ApiProperty() @IsString() name: string;
}

class OrderDto {
  @NestedObject(MoneyDto) total: MoneyDto;
  @NestedObject(MoneyDto, { optional: true }) discount?: MoneyDto;
  @NestedArray(ItemDto) items: ItemDto[];
  @NestedArray(ItemDto, { optional: true }) extras?: ItemDto[];
}

const valid = () => ({ total: { amount: '10.00', currency: 'USD' }, items: [{ name: 'a' }] });

/** The fields a refusal names, or 'accepted'. */
async function validate(body: object): Promise<string[] | 'accepted'> {
  try {
    await fundlineValidationPipe().transform(body, { type: 'body', metatype: OrderDto });
    return 'accepted';
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    expect(error.getStatus()).toBe(400);
    return [...new Set(error.violations.map((v) => v.field!))];
  }
}

describe('nested DTO fields', () => {
  it('refuses a required nested object omitted or null, naming it, where @ValidateNested alone let it through', async () => {
    const { total: _omitted, ...without } = valid();
    expect(await validate(without)).toEqual(['total']);
    expect(await validate({ ...valid(), total: null })).toEqual(['total']);
  });

  it('refuses an array, a string or a number where an object is due', async () => {
    for (const total of [[], [{ amount: '10.00', currency: 'USD' }], 'USD 10', 10]) {
      expect(await validate({ ...valid(), total })).toEqual(['total']);
    }
  });

  it('refuses a required array omitted or null, and items that are not objects', async () => {
    const { items: _omitted, ...without } = valid();
    expect(await validate(without)).toEqual(['items']);
    expect(await validate({ ...valid(), items: null })).toEqual(['items']);
    expect(await validate({ ...valid(), items: [null] })).toEqual(['items', 'items.0']);
    expect(await validate({ ...valid(), items: [[{ name: 'a' }]] })).toEqual(['items']);
    expect(await validate({ ...valid(), items: [{}] })).toEqual(['items.0.name']);
  });

  it('takes an optional nested object or array absent or null as left out, and validates it when present', async () => {
    expect(await validate(valid())).toBe('accepted');
    expect(await validate({ ...valid(), discount: null, extras: null })).toBe('accepted');
    expect(await validate({ ...valid(), discount: { amount: '1.00' } })).toEqual(['discount.currency']);
    expect(await validate({ ...valid(), extras: [{ name: 1 }] })).toEqual(['extras.0.name']);
  });
});

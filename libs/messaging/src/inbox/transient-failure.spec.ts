import { isTransientFailure } from './transient-failure';

describe('transient failures', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a server starting up', Object.assign(new Error('x'), { code: '57P03' })],
    ['an administrator shutdown', Object.assign(new Error('x'), { code: '57P01' })],
    ['a connection exception', Object.assign(new Error('x'), { code: '08006' })],
    ['a deadlock', Object.assign(new Error('x'), { code: '40P01' })],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a wrapped driver error', Object.assign(new Error('query failed'), { driverError: { code: '57P01' } })],
  ])('counts %s as transient', (_, error) => {
    expect(isTransientFailure(error)).toBe(true);
  });

  it.each([
    ['a broken constraint', Object.assign(new Error('x'), { code: '23505' })],
    ['a handler bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('does not count %s as transient', (_, error) => {
    expect(isTransientFailure(error)).toBe(false);
  });
});

/** A message that breaks its contract: never retried, the consumer dead-letters it. */
export class ContractViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractViolation';
  }
}

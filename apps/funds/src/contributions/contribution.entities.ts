import { Column, Entity, PrimaryColumn } from 'typeorm';

export const DONOR_TYPES = ['member-state', 'other-government', 'private', 'multilateral'] as const;

@Entity({ name: 'donors' })
export class DonorRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') type: string;
  @Column('char', { length: 3, nullable: true }) country: string | null;
}

@Entity({ name: 'commitments' })
export class CommitmentRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'donor_id' }) donorId: string;
  @Column('text', { name: 'fund_code' }) fundCode: string;
  @Column('text', { name: 'pocket_code' }) pocketCode: string;
  @Column('bigint', { name: 'amount_minor' }) amountMinor: string;
  @Column('char', { length: 3 }) currency: string;
  @Column('jsonb') schedule: Array<{ dueDate: string; amount: { amount: string; currency: string } }>;
  @Column('date', { name: 'signed_on' }) signedOn: string;
}

@Entity({ name: 'deposits' })
export class DepositRecord {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'donor_id' }) donorId: string;
  @Column('uuid', { name: 'commitment_id', nullable: true }) commitmentId: string | null;
  @Column('text', { name: 'fund_code' }) fundCode: string;
  @Column('text', { name: 'pocket_code' }) pocketCode: string;
  @Column('bigint', { name: 'original_minor' }) originalMinor: string;
  @Column('char', { name: 'original_currency', length: 3 }) originalCurrency: string;
  @Column('numeric', { name: 'usd_rate', precision: 22, scale: 12 }) usdRate: string;
  @Column('bigint', { name: 'usd_minor' }) usdMinor: string;
  @Column('bigint', { name: 'fee_minor' }) feeMinor: string;
  @Column('int', { name: 'fee_basis_points' }) feeBasisPoints: number;
  @Column('date', { name: 'deposit_date' }) depositDate: string;
  @Column('uuid', { name: 'entry_id' }) entryId: string;
}

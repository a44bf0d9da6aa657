export interface MoneyView {
  amount: string;
  currency: string;
}

export interface DepositView {
  id: string;
  donorId: string;
  commitmentId: string | null;
  fundCode: string;
  pocketCode: string;
  original: MoneyView;
  usdRate: string;
  usd: MoneyView;
  fee: MoneyView;
  feeBasisPoints: number;
  depositDate: string;
  entryId: string;
  pocketAvailable: MoneyView;
}

export interface CommitmentView {
  id: string;
  donorId: string;
  fundCode: string;
  pocketCode: string;
  amount: MoneyView;
  schedule: Array<{ dueDate: string; amount: MoneyView }>;
  signedOn: string;
}

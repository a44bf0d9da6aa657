import { Actor } from '@fundline/contracts';
import { DocumentStore, StoredDocument } from '@fundline/documents';
import { ApprovalCandidate, ApprovalContext, dayOf, FundPolicies } from '@fundline/domain';
import { Money } from '@fundline/money';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LedgerService } from '../../ledger/ledger.service';
import { PipelineReplicaRecord } from '../../pipeline-replica/pipeline-replica.entity';
import { Allocation, ApprovalRequest } from '../allocation.aggregate';
import { SubmittedBudgetLine } from '../revision/allocation-budget';
import { AllocationRepository } from '../allocation.repository';
import { fund1035ListsAsOf, fundParametersAsOf, replicaAsOf } from '../reference-replica';
import { grantAgreementTerms } from '../agreement/agreement-terms';
import { renderGrantAgreement } from '../agreement/grant-agreement';

export type ApprovalTermsRequested = ApprovalRequest['terms'];

/**
 * An approval inside the committee decision's transaction: what the fund's rules read (parameters and lists in force
 * that day, the parent's funding), the aggregate's verdict, its grant agreement written and stored as a document of
 * the allocation (issue 13), and the commitment posted to the ledger, which locks the pocket's available balance (G5):
 * concurrent approvals cannot over-commit a pocket. The agreement is rendered before that lock is taken.
 */
@Injectable()
export class Approvals {
  constructor(
    private readonly allocations: AllocationRepository,
    private readonly ledger: LedgerService,
    private readonly documents: DocumentStore,
  ) {}

  async approve(
    manager: EntityManager,
    entry: PipelineReplicaRecord,
    terms: ApprovalTermsRequested,
    decision: { decisionId: string; allocationId: string; now: Date; actor: Actor; correlationId: string },
  ) {
    const policy = FundPolicies.of(entry.fund);
    const today = dayOf(decision.now);
    const candidate = candidateOf(entry);
    const { allocation, obligations, commitment } = Allocation.approve({
      allocationId: decision.allocationId,
      decisionId: decision.decisionId,
      candidate,
      terms,
      policy,
      context: await this.context(manager, entry, terms, decision.now),
      today,
      submittedBudget: submittedBudgetOf(entry),
    });
    const agreement = await renderGrantAgreement(
      grantAgreementTerms({
        allocation: allocation.state,
        currency: entry.currency,
        obligations,
        approval: { decisionId: decision.decisionId, approvedAt: decision.now },
        submission: {
          title: entry.title ?? `Concept ${entry.conceptId}`,
          submittingCountry: entry.submittingCountry,
          scope: entry.scope,
          countries: entry.countries,
        },
        countryNames: new Map(
          [...(await replicaAsOf(manager, 'country', today))].map(([code, v]) => [code, String(v.name ?? code)]),
        ),
      }),
    );
    await this.ledger.post(manager, commitment, decision);
    const owed = await this.allocations.add(manager, allocation, obligations, {
      decisionId: decision.decisionId,
      approvedAt: decision.now,
    });
    const stored: StoredDocument = await this.documents.put(
      manager,
      {
        ownerType: 'allocation',
        ownerId: allocation.state.id,
        kind: 'grant-agreement',
        uploadedBy: { userId: decision.actor.userId, role: decision.actor.role },
      },
      { fileName: `grant-agreement-${allocation.state.id}.pdf`, mediaType: 'application/pdf', content: [agreement] },
    );
    return { allocation, obligations: owed, agreement: stored };
  }

  /**
   * What the fund's approval rules read on `now`: the parameters and lists in force, the parent's funding. A revision
   * that raises an allocation reads the same (issue 14).
   */
  async context(
    manager: EntityManager,
    entry: PipelineReplicaRecord,
    terms: Pick<ApprovalTermsRequested, 'pocketCode' | 'creditLine'>,
    now: Date,
  ): Promise<ApprovalContext> {
    const policy = FundPolicies.of(entry.fund);
    const today = dayOf(now);
    const parameters = await fundParametersAsOf(manager, today);
    const lists = policy.needsEligibilityLists(policy.earmark(candidateOf(entry), terms))
      ? await fund1035ListsAsOf(manager, today)
      : undefined;
    const parentFundedOnLine = entry.parentId ? await this.allocations.fundedLineOf(manager, entry.parentId) : null;
    return { now, parameters, lists, parentFundedOnLine };
  }
}

function submittedBudgetOf(entry: PipelineReplicaRecord): SubmittedBudgetLine[] | null {
  return entry.budget?.map((l) => ({ ...l, amountMinor: BigInt(l.amountMinor) })) ?? null;
}

export function candidateOf(entry: PipelineReplicaRecord): ApprovalCandidate {
  return {
    conceptId: entry.conceptId,
    fund: entry.fund,
    status: entry.status,
    expiresAt: entry.expiresAt,
    countries: entry.countries,
    scope: entry.scope,
    thematicArea: entry.thematicArea,
    creditLine: entry.creditLine,
    requested: Money.ofMinor(BigInt(entry.requestedMinor), entry.currency),
    parentId: entry.parentId,
  };
}

import { DomainError } from '@fundline/domain';

/**
 * A steering-committee session (Migration MPTF) or approving-body session (Fund 1035, F11).
 *
 * Invariants (rules.md M8):
 * - DecisionsAreTakenInASessionWithAQuorum: at least `quorum` members who are not recused take part in a decision.
 * - DecisionsAreByConsensus: an objection by a member who takes part blocks an approval.
 * - AMemberFromACoveredStateIsRecused: a member representing a state covered by the entry takes no part, and its
 *   position is not counted.
 * - OnlyEntriesOnTheAgendaAreDecided, in an open session, once each.
 * - TheAgendaHoldsEntriesOfTheSessionsFundThatAreInItsPipeline (M7), EachMemberSitsOnce, TheQuorumIsAtMostTheMembers.
 * - AnEntryIsDecidedOnlyInASessionOfItsFund (M7); OnlyAnEntryInThePipelineOrDeferredIsDeferredOrRejected (G4); what an
 *   approval re-checks of the entry is the allocation's (Allocation.approve).
 */
export type Position = 'support' | 'object' | 'abstain';

export interface Member {
  memberId: string;
  name: string;
  represents: 'state' | 'donor' | 'un-organisation' | 'civil-society';
  country: string | null;
}

export interface SessionState {
  id: string;
  fundCode: string;
  quorum: number;
  status: 'open' | 'closed';
  members: Member[];
  agenda: string[];
  decided: string[];
  positions: Array<{ conceptId: string; memberId: string; position: Position; reason: string | null }>;
}

export interface Participation {
  participants: string[];
  recused: string[];
  objections: Array<{ memberId: string; reason: string | null }>;
}

/** An agenda entry as the funds service's pipeline replica knows it. */
export interface AgendaEntry {
  conceptId: string;
  fund: string;
  status: string;
}

const DECIDABLE = ['in-pipeline', 'deferred'];

export class CommitteeSession {
  constructor(readonly state: SessionState) {}

  /** M8 / F11: a new session of the fund's deciding body, with its members and an agenda of its pipeline entries. */
  static open(
    session: Omit<SessionState, 'status' | 'decided' | 'positions'>,
    known: readonly AgendaEntry[],
  ): CommitteeSession {
    const missing = session.agenda.filter(
      (id) => !known.some((e) => e.conceptId === id && e.fund === session.fundCode && DECIDABLE.includes(e.status)),
    );
    if (missing.length) {
      throw DomainError.invalid(
        'SESSION.AGENDA',
        [{ field: 'agenda', rule: 'M7', message: `not in the ${session.fundCode} pipeline: ${missing.join(', ')}` }],
        'invalid',
        { fundCode: session.fundCode, missing: missing.join(', ') },
      );
    }
    if (new Set(session.members.map((m) => m.memberId)).size !== session.members.length) {
      throw DomainError.invalid('SESSION.MEMBERS', [{ field: 'members', rule: 'M8', message: 'each member once' }]);
    }
    if (session.quorum > session.members.length) {
      throw DomainError.invalid('SESSION.QUORUM', [
        { field: 'quorum', rule: 'M8', message: 'the quorum cannot exceed the members', limit: session.members.length },
      ]);
    }
    return new CommitteeSession({ ...session, status: 'open', decided: [], positions: [] });
  }

  recordPosition(conceptId: string, memberId: string, position: Position, reason: string | null): void {
    this.assertOpenWith(conceptId);
    if (!this.state.members.some((m) => m.memberId === memberId)) {
      throw new DomainError(
        'SESSION.NOT_A_MEMBER',
        `${memberId} is not a member of session ${this.state.id}`,
        'forbidden',
        [],
        { memberId, sessionId: this.state.id },
      );
    }
    this.state.positions = [
      ...this.state.positions.filter((p) => !(p.conceptId === conceptId && p.memberId === memberId)),
      { conceptId, memberId, position, reason },
    ];
  }

  /** Who takes part in the decision on an entry covering `countries`, and who objects among them. */
  participation(conceptId: string, countries: readonly string[]): Participation {
    const recused = this.state.members.filter((m) => m.country !== null && countries.includes(m.country));
    const recusedIds = new Set(recused.map((m) => m.memberId));
    const counted = this.state.positions.filter((p) => p.conceptId === conceptId && !recusedIds.has(p.memberId));
    return {
      participants: counted.map((p) => p.memberId),
      recused: recused.map((m) => m.memberId),
      objections: counted
        .filter((p) => p.position === 'object')
        .map((p) => ({ memberId: p.memberId, reason: p.reason })),
    };
  }

  /** M7, G4: the pipeline entry (as the funds replica holds it) a decision of this session may be about. */
  entryToDecide<E extends AgendaEntry>(
    conceptId: string,
    entry: E | null,
    decision: 'approve' | 'defer' | 'reject',
  ): E {
    if (!entry || entry.fund !== this.state.fundCode) {
      throw DomainError.invalid(
        'ALLOCATION.UNKNOWN_ENTRY',
        [{ field: 'conceptId', rule: 'M7', message: `${conceptId} is not in the ${this.state.fundCode} pipeline` }],
        'malformed',
        { conceptId, fundCode: this.state.fundCode },
      );
    }
    if (decision !== 'approve' && !DECIDABLE.includes(entry.status)) {
      throw new DomainError('ALLOCATION.NOT_IN_PIPELINE', `${entry.conceptId} is ${entry.status}`, 'conflict', [], {
        conceptId: entry.conceptId,
        status: entry.status,
      });
    }
    return entry;
  }

  /** M8: checks quorum (every decision) and consensus (approvals), then marks the entry decided. */
  decide(conceptId: string, countries: readonly string[], decision: 'approve' | 'defer' | 'reject'): Participation {
    this.assertOpenWith(conceptId);
    const participation = this.participation(conceptId, countries);
    if (participation.participants.length < this.state.quorum) {
      throw DomainError.invalid(
        'SESSION.NO_QUORUM',
        [
          {
            field: 'positions',
            rule: 'M8',
            message: `${participation.participants.length} member(s) not recused took part; the quorum is ${this.state.quorum}`,
            limit: this.state.quorum,
          },
        ],
        'invalid',
        { participants: participation.participants.length, quorum: this.state.quorum },
      );
    }
    if (decision === 'approve' && participation.objections.length > 0) {
      throw DomainError.invalid(
        'SESSION.NO_CONSENSUS',
        [
          {
            field: 'positions',
            rule: 'M8',
            message: `no consensus: ${participation.objections.map((o) => `${o.memberId} objects${o.reason ? ` (${o.reason})` : ''}`).join('; ')}`,
          },
        ],
        'invalid',
        {
          objectors: participation.objections.map((o) => `${o.memberId}${o.reason ? ` (${o.reason})` : ''}`).join('; '),
        },
      );
    }
    this.state.decided = [...this.state.decided, conceptId];
    return participation;
  }

  private assertOpenWith(conceptId: string): void {
    if (this.state.status !== 'open') {
      throw new DomainError('SESSION.CLOSED', `session ${this.state.id} is closed`, 'conflict', [], {
        id: this.state.id,
      });
    }
    if (!this.state.agenda.includes(conceptId)) {
      throw DomainError.invalid(
        'SESSION.NOT_ON_AGENDA',
        [{ field: 'conceptId', rule: 'M8', message: `${conceptId} is not on the agenda of session ${this.state.id}` }],
        'invalid',
        { conceptId, sessionId: this.state.id },
      );
    }
    if (this.state.decided.includes(conceptId)) {
      throw new DomainError(
        'SESSION.ALREADY_DECIDED',
        `${conceptId} was already decided in this session`,
        'conflict',
        [],
        { conceptId },
      );
    }
  }
}

import { Obligation } from '@fundline/domain';

export interface OwedObligation {
  id: string;
  kind: string;
  dueOn: string;
  submittedOn: string | null;
}

export interface ObligationMoves {
  moved: Array<{ obligationId: string; kind: string; previousDueOn: string; dueOn: string }>;
  added: Obligation[];
}

/**
 * F12 / M11 after a no-cost extension (RV4): the reports owed re-derived from the fund's schedule for the new end date.
 * The schedule and the recorded obligations are paired kind by kind, in due-date order (a schedule may owe a kind more
 * than once, as interim reports): a fulfilled obligation stays as it was; an unfulfilled one takes its new due date;
 * what the new schedule owes beyond the recorded ones is added. An obligation the new schedule no longer names stays
 * owed as it was: an extension never cancels a report.
 */
export function obligationMoves(recorded: readonly OwedObligation[], schedule: readonly Obligation[]): ObligationMoves {
  const byKind = <T extends { kind: string; dueOn: string }>(list: readonly T[]) => {
    const kinds = new Map<string, T[]>();
    for (const item of [...list].sort((a, b) => a.dueOn.localeCompare(b.dueOn))) {
      kinds.set(item.kind, [...(kinds.get(item.kind) ?? []), item]);
    }
    return kinds;
  };
  const owed = byKind(recorded);
  const moves: ObligationMoves = { moved: [], added: [] };
  for (const [kind, due] of byKind(schedule)) {
    due.forEach((obligation, i) => {
      const existing = owed.get(kind)?.[i];
      if (!existing) moves.added.push(obligation);
      else if (!existing.submittedOn && existing.dueOn !== obligation.dueOn) {
        moves.moved.push({ obligationId: existing.id, kind, previousDueOn: existing.dueOn, dueOn: obligation.dueOn });
      }
    });
  }
  return moves;
}

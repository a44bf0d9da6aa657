import { Injectable } from '@nestjs/common';
import { tableOf } from '@fundline/persistence';
import { EntityManager } from 'typeorm';
import { Language } from '../messages/catalogue';
import { languageOfCountry } from '../messages/country-languages';

/** Who a notification is about: the parties of a submission or allocation, resolved to contacts at send time. */
export type Party =
  | { type: 'government'; country: string }
  | { type: 'organisation'; codes: readonly string[] }
  | { type: 'fund-staff'; fund: string }
  | { type: 'fund-admin' };

export interface Recipient {
  contactId: string;
  name: string;
  language: Language;
  /** Fund staff get the daily digest (when it is on); everyone else a mail per notification. */
  staff: boolean;
}

interface ContactRow {
  contact_id: string;
  name: string;
  language: Language | null;
  party_type: string;
  party_code: string;
}

/**
 * The contacts of a party who have not opted out of a kind of notification. A contractual kind (a report owed, F12/M11)
 * ignores opt-outs. Addresses are not read here: they stay in the contacts table until the mail is sent (ADR 0020).
 */
@Injectable()
export class Recipients {
  async of(manager: EntityManager, party: Party, kind: string, contractual: boolean): Promise<Recipient[]> {
    const [type, codes] = partyFilter(party);
    const rows: ContactRow[] = await manager.query(
      `SELECT c.contact_id, c.name, c.language, c.party_type, c.party_code FROM ${tableOf(manager, 'contacts')} c
       WHERE c.party_type = $1 AND c.party_code = ANY($2) AND c.removed_at IS NULL
         AND ($4 OR NOT EXISTS (SELECT 1 FROM ${tableOf(manager, 'opt_outs')} o
                                WHERE o.contact_id = c.contact_id AND o.kind = $3))
       ORDER BY c.contact_id`,
      [type, codes, kind, contractual],
    );
    return rows.map((row) => ({
      contactId: row.contact_id,
      name: row.name,
      language: row.language ?? (row.party_type === 'government' ? languageOfCountry(row.party_code) : 'en'),
      staff: row.party_type === 'fund-staff',
    }));
  }
}

function partyFilter(party: Party): [string, readonly string[]] {
  switch (party.type) {
    case 'government':
      return ['government', [party.country]];
    case 'organisation':
      return ['organisation', party.codes];
    case 'fund-staff':
      // Staff of one fund, or of every fund ('*').
      return ['fund-staff', [party.fund, '*']];
    case 'fund-admin':
      return ['fund-admin', ['*']];
  }
}

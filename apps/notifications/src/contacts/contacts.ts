import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor } from '@fundline/contracts';
import { DomainError, FundPolicies } from '@fundline/domain';
import { tableOf } from '@fundline/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { Language } from '../messages/catalogue';
import { languageOfCountry } from '../messages/country-languages';
import { CONTRACTUAL_KINDS, NoticeKind } from '../notices/notices';
import { CreateContactDto, PartyType, PreferencesDto } from './contact.dto';

export interface ContactView {
  contactId: string;
  partyType: PartyType;
  partyCode: string;
  name: string;
  email: string;
  language: Language;
  languageChosen: boolean;
  userId: string | null;
  optOut: NoticeKind[];
}

interface ContactRow {
  contact_id: string;
  party_type: PartyType;
  party_code: string;
  name: string;
  email: string;
  language: Language | null;
  user_id: string | null;
  opt_out: NoticeKind[];
}

/**
 * The contacts and their preferences. Who may see or change one (G6): a fund admin, any; a government, those of its
 * own country; anyone, the contact that carries their own user id.
 */
@Injectable()
export class Contacts {
  constructor(private readonly dataSource: DataSource) {}

  async create(actor: Actor, dto: CreateContactDto): Promise<ContactView> {
    checkParty(dto.partyType, dto.partyCode);
    if (actor.role !== 'fund-admin' && !(dto.partyType === 'government' && dto.partyCode === actor.country)) {
      throw new DomainError(
        'CONTACT.FORBIDDEN',
        'A government registers contacts of its own country only; other contacts are registered by a fund admin',
        'forbidden',
      );
    }
    const id = randomUUID();
    // The unique index decides, so that two registrations of one address at once cannot both pass (nor one fail as 500).
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO ${tableOf(this.dataSource, 'contacts')} (contact_id, party_type, party_code, name, email, language,
         user_id, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (party_type, party_code, lower(email)) WHERE removed_at IS NULL DO NOTHING RETURNING 1`,
      [id, dto.partyType, dto.partyCode, dto.name, dto.email, dto.language ?? null, dto.userId ?? null, actor.userId],
    );
    if (inserted.length === 0) {
      throw new DomainError('CONTACT.DUPLICATE', `${dto.email} is already a contact of ${dto.partyCode}`, 'conflict');
    }
    return this.get(actor, id);
  }

  async list(actor: Actor, filter: { partyType?: string; partyCode?: string }): Promise<ContactView[]> {
    const rows: ContactRow[] = await this.dataSource.query(
      `${select(this.dataSource.manager)} WHERE c.removed_at IS NULL
         AND ($1::text IS NULL OR c.party_type = $1) AND ($2::text IS NULL OR c.party_code = $2)
         AND ($3 OR (c.party_type = 'government' AND c.party_code = $4) OR c.user_id = $5)
       ORDER BY c.party_type, c.party_code, c.created_at`,
      [
        filter.partyType ?? null,
        filter.partyCode ?? null,
        actor.role === 'fund-admin',
        actor.role === 'government' ? (actor.country ?? '') : '',
        actor.userId,
      ],
    );
    return rows.map(view);
  }

  async get(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<ContactView> {
    const rows: ContactRow[] = await manager.query(
      `${select(manager)} WHERE c.contact_id = $1 AND c.removed_at IS NULL`,
      [id],
    );
    const row = rows[0];
    // Someone else's contact answers as absent, not as forbidden: its existence is not disclosed.
    if (!row || !mayAccess(actor, row)) throw new DomainError('CONTACT.NOT_FOUND', `No contact ${id}`, 'not-found');
    return view(row);
  }

  async setPreferences(actor: Actor, id: string, dto: PreferencesDto): Promise<ContactView> {
    const contractual = (dto.optOut ?? []).filter((k) => CONTRACTUAL_KINDS.includes(k));
    if (contractual.length) {
      throw DomainError.invalid('PREFERENCES.CONTRACTUAL', [
        {
          field: 'optOut',
          rule: 'F12',
          message: `${contractual.join(', ')}: reminders of reports owed under an agreement (F12, M11) cannot be switched off`,
        },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      await this.get(actor, id, manager);
      if (dto.language !== undefined) {
        await manager.query(`UPDATE ${tableOf(manager, 'contacts')} SET language = $2 WHERE contact_id = $1`, [
          id,
          dto.language,
        ]);
      }
      if (dto.optOut !== undefined) {
        await manager.query(`DELETE FROM ${tableOf(manager, 'opt_outs')} WHERE contact_id = $1`, [id]);
        await manager.query(
          `INSERT INTO ${tableOf(manager, 'opt_outs')} (contact_id, kind) SELECT $1, unnest($2::text[])`,
          [id, [...new Set(dto.optOut)]],
        );
      }
      return this.get(actor, id, manager);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.get(actor, id, manager);
      await manager.query(`UPDATE ${tableOf(manager, 'contacts')} SET removed_at = now() WHERE contact_id = $1`, [id]);
    });
  }
}

function select(manager: EntityManager): string {
  return `SELECT c.contact_id, c.party_type, c.party_code, c.name, c.email, c.language, c.user_id,
      coalesce((SELECT array_agg(o.kind ORDER BY o.kind) FROM ${tableOf(manager, 'opt_outs')} o
                WHERE o.contact_id = c.contact_id), '{}') AS opt_out
    FROM ${tableOf(manager, 'contacts')} c`;
}

function mayAccess(actor: Actor, row: ContactRow): boolean {
  return (
    actor.role === 'fund-admin' ||
    (actor.role === 'government' && row.party_type === 'government' && row.party_code === actor.country) ||
    (row.user_id !== null && row.user_id === actor.userId)
  );
}

function view(row: ContactRow): ContactView {
  return {
    contactId: row.contact_id,
    partyType: row.party_type,
    partyCode: row.party_code,
    name: row.name,
    email: row.email,
    language: row.language ?? (row.party_type === 'government' ? languageOfCountry(row.party_code) : 'en'),
    languageChosen: row.language !== null,
    userId: row.user_id,
    optOut: row.opt_out,
  };
}

/** The party code must name a party of its type. */
function checkParty(type: PartyType, code: string): void {
  const valid =
    type === 'government'
      ? /^[A-Z]{3}$/.test(code)
      : type === 'organisation'
        ? code !== '*'
        : type === 'fund-staff'
          ? code === '*' || FundPolicies.find(code) !== undefined
          : code === '*';
  if (!valid) {
    throw DomainError.invalid('CONTACT.PARTY_UNKNOWN', [
      {
        field: 'partyCode',
        rule: 'party',
        message:
          type === 'government'
            ? 'a government is named by its ISO 3166-1 alpha-3 code'
            : type === 'organisation'
              ? 'an organisation is named by its code'
              : type === 'fund-staff'
                ? `fund staff belong to a registered fund (${FundPolicies.codes().join(', ')}) or to every fund (*)`
                : 'fund admins are named *',
      },
    ]);
  }
}

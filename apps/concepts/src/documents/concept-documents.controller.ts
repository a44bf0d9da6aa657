import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@fundline/auth';
import { Actor } from '@fundline/contracts';
import {
  ApiDocumentUpload,
  DocumentStore,
  documentLimitsFromEnv,
  receiveUpload,
  sendDocument,
  StoredDocument,
} from '@fundline/documents';
import { DomainError } from '@fundline/domain';
import { tableOf } from '@fundline/persistence';
import { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { SubmissionQueries } from '../lifecycle/submission.queries';

const LIMITS = documentLimitsFromEnv(process.env, ['country', 'sha256']);
const STAFF = ['fund-admin', 'steering-committee', 'finance-officer'] as const;

/**
 * A concept's documents: the endorsement letters its screening asks for (M2: the submitting government's; F5: two
 * eligible endorsing states' for a regional project), attached by the owning government while it is a draft. Read by
 * that government and by fund staff only (G6); every download recorded.
 */
@ApiTags('submissions')
@ApiBearerAuth()
@Controller('concepts/:id')
export class ConceptDocumentsController {
  constructor(
    private readonly queries: SubmissionQueries,
    private readonly store: DocumentStore,
    private readonly dataSource: DataSource,
  ) {}

  @Post('endorsements')
  @Roles('government')
  @ApiDocumentUpload(LIMITS, 'An endorsement letter; `country` is the endorsing state (default: the submitting one)')
  @ApiOperation({ summary: 'Attach an endorsement letter to a draft (M2, F5): its screening counts it' })
  async attach(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Req() req: Request) {
    const concept = await this.draft(actor, id);
    const upload = await receiveUpload(req, LIMITS);
    const country = upload.fields.country || concept.submittingCountry;
    if (!concept.countries.includes(country)) {
      upload.discard();
      throw DomainError.invalid(
        'DOCUMENT.ENDORSER',
        [
          {
            field: 'country',
            rule: 'F5',
            message: `${country} is not a country of this submission (${concept.countries.join(', ')})`,
          },
        ],
        'invalid',
        { country, countries: concept.countries.join(', ') },
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const document = await this.store.put(
        manager,
        {
          ownerType: 'concept',
          ownerId: id,
          kind: 'endorsement-letter',
          uploadedBy: { userId: actor.userId, role: actor.role },
        },
        upload,
      );
      await manager.query(
        `INSERT INTO ${tableOf(manager, 'endorsement_letters')} (concept_id, country, document_id) VALUES ($1, $2, $3)`,
        [id, country, document.documentId],
      );
      return { country, document };
    });
  }

  @Post('documents/:documentId/versions')
  @Roles('government')
  @ApiDocumentUpload(LIMITS, 'The letter that replaces an attached one, for the same endorsing state')
  @ApiOperation({ summary: 'Replace an endorsement letter of a draft: a new version; the first stays stored (G3)' })
  async replace(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Req() req: Request,
  ) {
    await this.draft(actor, id);
    const previous = await this.ownDocument(id, documentId);
    const upload = await receiveUpload(req, LIMITS);
    return this.dataSource.transaction(async (manager) => {
      const [link] = (await manager.query(
        `DELETE FROM ${tableOf(manager, 'endorsement_letters')} WHERE concept_id = $1 AND document_id = $2 RETURNING country`,
        [id, documentId],
      )) as [Array<{ country: string }>, number];
      const document = await this.store.put(
        manager,
        {
          ownerType: 'concept',
          ownerId: id,
          kind: previous.kind,
          supersedes: previous.documentId,
          uploadedBy: { userId: actor.userId, role: actor.role },
        },
        upload,
      );
      const country = link[0]?.country;
      if (country) {
        await manager.query(
          `INSERT INTO ${tableOf(manager, 'endorsement_letters')} (concept_id, country, document_id) VALUES ($1, $2, $3)`,
          [id, country, document.documentId],
        );
      }
      return { country: country ?? null, document };
    });
  }

  @Get('documents')
  @Roles('government', ...STAFF)
  @ApiOperation({ summary: 'The documents attached to a submission (a government: its own)' })
  async list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StoredDocument[]> {
    await this.queries.get(actor, id);
    return this.store.list(this.dataSource.manager, { type: 'concept', id });
  }

  @Get('documents/:documentId')
  @Roles('government', ...STAFF)
  @ApiProduces('application/pdf', 'application/octet-stream')
  @ApiOkResponse({ description: 'The stored bytes; every download is recorded (who, when)' })
  @ApiOperation({ summary: 'Download a document of a submission (a government: of its own)' })
  async download(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.queries.get(actor, id);
    const document = await this.ownDocument(id, documentId);
    await sendDocument(res, {
      store: this.store,
      manager: this.dataSource.manager,
      document,
      reader: { userId: actor.userId, role: actor.role },
    });
  }

  /** The submission, if the actor may see it and it is still a draft: letters change only before submission. */
  private async draft(actor: Actor, id: string) {
    const concept = (await this.queries.get(actor, id)) as {
      status: string;
      submittingCountry: string;
      countries: string[];
    };
    if (concept.status !== 'draft') {
      throw new DomainError(
        'DOCUMENT.NOT_DRAFT',
        `letters are attached to a draft; this one is ${concept.status}`,
        'conflict',
        [],
        { status: concept.status },
      );
    }
    return concept;
  }

  private async ownDocument(id: string, documentId: string): Promise<StoredDocument> {
    const document = await this.store.get(this.dataSource.manager, documentId).catch(() => undefined);
    if (!document || document.ownerType !== 'concept' || document.ownerId !== id) {
      throw new DomainError('DOCUMENT.NOT_FOUND', `No document ${documentId}`, 'not-found', [], { id: documentId });
    }
    return document;
  }
}

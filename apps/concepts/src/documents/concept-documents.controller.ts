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
        {
          status: concept.status,
        },
      );
    }
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
    const document = await this.store.get(this.dataSource.manager, documentId);
    if (document.ownerType !== 'concept' || document.ownerId !== id) {
      throw new DomainError('DOCUMENT.NOT_FOUND', `No document ${documentId}`, 'not-found', [], { id: documentId });
    }
    await sendDocument(res, {
      store: this.store,
      manager: this.dataSource.manager,
      document,
      reader: { userId: actor.userId, role: actor.role },
    });
  }
}

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
} from '@fundline/documents';
import { dayOf, Clock, DomainError } from '@fundline/domain';
import { requireCorrelationId } from '@fundline/http';
import { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Obligations } from '../allocation/obligations/obligations';
import { AllocationDocuments } from './allocation-documents';

const LIMITS = documentLimitsFromEnv(process.env);
const READERS = ['fund-admin', 'steering-committee', 'finance-officer', 'government'] as const;

@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(
    private readonly documents: AllocationDocuments,
    private readonly store: DocumentStore,
    private readonly obligations: Obligations,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @Post('allocations/:id/obligations/:obligationId/reports')
  @Roles('fund-admin', 'finance-officer')
  @ApiDocumentUpload(LIMITS, 'The report owed (F12, M11): its upload fulfils the obligation on the day it arrives')
  @ApiOperation({ summary: 'Upload the narrative or financial report against a reporting obligation' })
  async uploadReport(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('obligationId', ParseUUIDPipe) obligationId: string,
    @Req() req: Request,
  ) {
    if (!(await this.obligations.exists(id, obligationId))) {
      throw new DomainError('OBLIGATION.NOT_FOUND', `no obligation ${obligationId}`, 'not-found', [], {
        id: obligationId,
      });
    }
    const report = await receiveUpload(req, LIMITS);
    return this.obligations.submit(actor, requireCorrelationId(), id, obligationId, dayOf(this.clock.now()), report);
  }

  @Post('documents/:documentId/versions')
  @Roles('fund-admin', 'finance-officer')
  @ApiDocumentUpload(LIMITS, 'The corrected report: a new version; the one it replaces stays stored (G3)')
  @ApiOperation({
    summary: 'Replace a report with a corrected version (the obligation keeps the day it was fulfilled)',
  })
  async replace(
    @CurrentActor() actor: Actor,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Req() req: Request,
  ) {
    const previous = await this.documents.readable(actor, documentId);
    if (previous.ownerType !== 'obligation') {
      throw new DomainError(
        'DOCUMENT.GENERATED',
        `the ${previous.kind} is written by Fundline; it changes with the allocation, not by upload`,
        'conflict',
        [],
        { kind: previous.kind },
      );
    }
    const report = await receiveUpload(req, LIMITS);
    return this.obligations.replaceReport(actor, requireCorrelationId(), previous, report);
  }

  @Get('allocations/:id/documents')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The grant agreement and the reports of an allocation (a government: its own)' })
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.documents.list(actor, id);
  }

  @Get('documents/:documentId')
  @Roles(...READERS)
  @ApiProduces('application/pdf', 'application/octet-stream')
  @ApiOkResponse({ description: 'The stored bytes; every download is recorded (who, when)' })
  @ApiOperation({ summary: 'Download a document of an allocation or obligation (a government: of its own concept)' })
  async download(
    @CurrentActor() actor: Actor,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Res() res: Response,
  ): Promise<void> {
    const document = await this.documents.readable(actor, documentId);
    await sendDocument(res, {
      store: this.store,
      manager: this.dataSource.manager,
      document,
      reader: { userId: actor.userId, role: actor.role },
    });
  }

  @Get('documents/:documentId/downloads')
  @Roles('fund-admin')
  @ApiOperation({ summary: 'Who downloaded a document, and when' })
  async downloads(@CurrentActor() actor: Actor, @Param('documentId', ParseUUIDPipe) documentId: string) {
    await this.documents.readable(actor, documentId);
    return this.store.downloads(this.dataSource.manager, documentId);
  }
}

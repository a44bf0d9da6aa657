import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Allocation } from '../allocation/allocation.aggregate';
import { ResultsState } from './results-framework';
import { ResultsFrameworkRecord, ResultsProgressRecord } from './results.entities';

/** The versions of frameworks and progress; what an allocation's results stand on now. */
@Injectable()
export class ResultsRepository {
  /** The allocation's results: staff's latest framework wins over the concept's latest submitted one. */
  async stateOf(manager: EntityManager, allocation: Allocation): Promise<ResultsState> {
    const { id, conceptId, status } = allocation.state;
    const current = await manager
      .createQueryBuilder(ResultsFrameworkRecord, 'f')
      .where('f.conceptId = :conceptId', { conceptId })
      .orderBy(`CASE WHEN f.source = 'staff' THEN 1 ELSE 0 END`, 'DESC')
      .addOrderBy('f.version', 'DESC')
      .getOne();
    return {
      allocationId: id,
      status,
      current: current ? { source: current.source, version: current.version, framework: current.framework } : null,
      staffVersion: current?.source === 'staff' ? current.version : 0,
      progressReported: await manager.exists(ResultsProgressRecord, { where: { allocationId: id } }),
    };
  }

  async latestProgress(manager: EntityManager, obligationId: string): Promise<ResultsProgressRecord | null> {
    return manager.findOne(ResultsProgressRecord, { where: { obligationId }, order: { version: 'DESC' } });
  }

  async addFramework(manager: EntityManager, record: ResultsFrameworkRecord): Promise<void> {
    await manager.insert(ResultsFrameworkRecord, record);
  }

  async addProgress(manager: EntityManager, record: ResultsProgressRecord): Promise<void> {
    await manager.insert(ResultsProgressRecord, record);
  }
}

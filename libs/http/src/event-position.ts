import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { lastProducedEvent } from '@fundline/messaging';
import { Response } from 'express';
import { map, Observable } from 'rxjs';

/** The header a write response carries: the id of the last event it produced (its position in the event stream). */
export const EVENT_POSITION_HEADER = 'Fundline-Event-Position';

/**
 * Read-your-writes across services: a client passes this id to a read-model query (`?after=`), which waits, bounded,
 * until the read model has applied that event.
 */
@Injectable()
export class EventPositionInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body) => {
        const position = lastProducedEvent();
        if (position) context.switchToHttp().getResponse<Response>().setHeader(EVENT_POSITION_HEADER, position);
        return body;
      }),
    );
  }
}

import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { producedEvents, Publication } from '@fundline/messaging';
import { Response } from 'express';
import { concatMap, Observable } from 'rxjs';

const PUBLISHED_BEFORE_REPLY = 'fundline:published-before-reply';

/** The header that says whether the events of a write marked @PublishedBeforeReply() were on the broker at reply. */
export const EVENT_PUBLISHED_HEADER = 'Fundline-Event-Published';

/**
 * Marks a write whose events other services must see before they decide: the reply waits (bounded) until its
 * events are on the broker, so a request another service receives after this reply sees them (docs/adr/0013).
 */
export const PublishedBeforeReply = () => SetMetadata(PUBLISHED_BEFORE_REPLY, true);

@Injectable()
export class PublicationBeforeReplyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Publication');

  constructor(
    private readonly reflector: Reflector,
    private readonly publication: Publication,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get<boolean>(PUBLISHED_BEFORE_REPLY, context.getHandler())) return next.handle();
    const publication = this.publication;
    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        const events = producedEvents();
        const published = await publication.awaitPublished(events);
        if (!published) {
          this.logger.warn(
            `${events.length} event(s) recorded but not yet published after ${publication.waitMs} ms; they go out when the broker is back`,
          );
        }
        context.switchToHttp().getResponse<Response>().setHeader(EVENT_PUBLISHED_HEADER, String(published));
        return body;
      }),
    );
  }
}

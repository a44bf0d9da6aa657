import { fundlineValidationPipe, ProblemException } from '@fundline/http';

/** A request body through the service's validation pipe, as a controller receives it: the DTO, or the problem. */
export async function throughPipe<T>(metatype: new () => T, body: object): Promise<T> {
  return (await fundlineValidationPipe().transform(body, { type: 'body', metatype })) as T;
}

/** The problem the pipe (or what `run` does with its DTO) answers with; undefined if the body is accepted. */
export async function refusalOf(run: () => Promise<unknown>): Promise<ProblemException | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    if (error instanceof ProblemException) return error;
    throw error;
  }
}

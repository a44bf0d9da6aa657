/**
 * Work repeated every `everyMs` in the background (sending due mail, delivering webhooks, the calendar scan): never two
 * passes at once in a process, a failed pass reported and the next one trying again, and `stop()` waiting for the pass
 * under way so that the database pool is not closed under it.
 */
export class PeriodicWork {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly everyMs: number,
    private readonly pass: () => Promise<unknown>,
    private readonly failed: (error: Error) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.everyMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.pass().then(() => undefined, this.failed);
    await this.running;
    this.running = undefined;
  }
}

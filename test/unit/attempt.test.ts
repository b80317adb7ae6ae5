import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AttemptController } from '../../src/core/attempt.ts';

/** Just enough of a Lit element to hold controllers and be disconnected. */
class FakeHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {}
  readonly updateComplete = Promise.resolve(true);
  disconnect(): void {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }
}

/** Work that waits until the test settles it, recording the signal it was given. */
function deferred<Result>() {
  let resolve!: (result: Result) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<Result>((onResolve, onReject) => ((resolve = onResolve), (reject = onReject)));
  const work = { signal: undefined as AbortSignal | undefined, resolve, reject, run: (signal: AbortSignal) => ((work.signal = signal), promise) };
  return work;
}

function setUp() {
  const host = new FakeHost();
  const attempts = new AttemptController(host);
  const applied: string[] = [];
  const failed: unknown[] = [];
  const apply = (result: string) => applied.push(result);
  const fail = (error: unknown) => failed.push(error);
  return { host, attempts, applied, failed, apply, fail };
}

describe('AttemptController', () => {
  it('registers with its host', () => {
    const { host, attempts } = setUp();
    assert.deepEqual(host.controllers, [attempts]);
  });

  it('applies the result of a run, and not before the work is done', async () => {
    const { attempts, applied, apply, fail } = setUp();
    const work = deferred<string>();
    const run = attempts.run(work.run, apply, fail);
    await Promise.resolve();
    assert.deepEqual(applied, [], 'nothing is applied before the work is done');
    work.resolve('signed in');
    await run;
    assert.deepEqual(applied, ['signed in']);
  });

  it('aborts the previous run when a new one starts', () => {
    const { attempts, apply, fail } = setUp();
    const first = deferred<string>();
    const second = deferred<string>();
    void attempts.run(first.run, apply, fail);
    void attempts.run(second.run, apply, fail);
    assert.equal(first.signal?.aborted, true);
    assert.equal(second.signal?.aborted, false);
  });

  it('drops the result of a superseded run and applies only the latest', async () => {
    const { attempts, applied, apply, fail } = setUp();
    const first = deferred<string>();
    const second = deferred<string>();
    const runs = [attempts.run(first.run, apply, fail), attempts.run(second.run, apply, fail)];
    // The stale answer arrives last, as a slow server's would.
    second.resolve('second');
    first.resolve('first');
    await Promise.all(runs);
    assert.deepEqual(applied, ['second']);
  });

  it('hands the latest run its own failure', async () => {
    const { attempts, applied, failed, apply, fail } = setUp();
    const error = new Error('network');
    await attempts.run(() => Promise.reject(error), apply, fail);
    assert.deepEqual(failed, [error]);
    assert.deepEqual(applied, []);
  });

  it('rethrows the failure of the latest run when there is no fail handler', async () => {
    const { attempts, apply } = setUp();
    await assert.rejects(attempts.run(() => Promise.reject(new Error('network')), apply), /network/);
  });

  it('swallows the errors of aborted runs: they are only the abort showing', async () => {
    const { attempts, applied, failed, apply, fail } = setUp();
    const cancelled = deferred<string>();
    const run = attempts.run(cancelled.run, apply, fail);
    attempts.abort();
    assert.equal(cancelled.signal?.aborted, true);
    cancelled.reject(new DOMException('The operation was aborted', 'AbortError'));
    await run;
    // Without a fail handler too: nothing is thrown.
    const unhandled = deferred<string>();
    const silent = attempts.run(unhandled.run, apply);
    attempts.abort();
    unhandled.reject(new Error('late'));
    await silent;
    assert.deepEqual(failed, []);
    assert.deepEqual(applied, []);
  });

  it('drops a result that arrives after abort()', async () => {
    const { attempts, applied, apply, fail } = setUp();
    const work = deferred<string>();
    const run = attempts.run(work.run, apply, fail);
    attempts.abort();
    work.resolve('too late');
    await run;
    assert.deepEqual(applied, []);
  });

  it('aborts the run under way when the host disconnects, and drops its outcome', async () => {
    const { host, attempts, applied, failed, apply, fail } = setUp();
    const work = deferred<string>();
    const run = attempts.run(work.run, apply, fail);
    host.disconnect();
    assert.equal(work.signal?.aborted, true);
    work.resolve('after removal');
    await run;
    assert.deepEqual(applied, []);
    assert.deepEqual(failed, []);
  });

  it('runs again after an abort', async () => {
    const { attempts, applied, apply, fail } = setUp();
    attempts.abort();
    await attempts.run(async () => 'again', apply, fail);
    assert.deepEqual(applied, ['again']);
  });
});

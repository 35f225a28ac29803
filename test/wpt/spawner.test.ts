/**
 * The spawner (src/wpt/spawner.ts): the runtime hosts' processes, started
 * from a small process instead of the runner's, with their exit and output.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Spawner } from '../../src/wpt/spawner.ts';

describe('the spawner', () => {
  const spawner = new Spawner({ ...process.env, WSSPEC_SPAWNER_TEST: 'from the environment' });
  afterAll(() => spawner.close());

  it('runs a command to its end with the environment it was given, and returns its exit code and output', async () => {
    const script = "console.log(process.env.WSSPEC_SPAWNER_TEST); console.error('to stderr'); process.exit(3)";
    expect(await spawner.run(process.execPath, ['-e', script], 10_000)).toEqual({ code: 3, signal: null, stdout: 'from the environment\n', stderr: 'to stderr\n' });
  });

  it('runs several at once, each answered under its own request', async () => {
    const results = await Promise.all([5, 1, 3].map((n) => spawner.run(process.execPath, ['-e', `setTimeout(() => console.log(${n}), ${n * 20})`], 10_000)));
    expect(results.map((result) => result.stdout)).toEqual(['5\n', '1\n', '3\n']);
  });

  it('kills a child that outlives its time (SIGKILL)', async () => {
    const result = await spawner.run(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], 300);
    expect(result).toMatchObject({ code: null, signal: 'SIGKILL' });
  });

  it('keeps only the last 2,000 characters of stderr', async () => {
    const result = await spawner.run(process.execPath, ['-e', "process.stderr.write('a'.repeat(5000) + 'end')"], 10_000);
    expect(result.stderr).toHaveLength(2000);
    expect(result.stderr.endsWith('end')).toBe(true);
  });

  it('answers a command that cannot start with its error instead of hanging', async () => {
    const result = await spawner.run('/no/such/program', [], 10_000);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/ENOENT/);
  });

  it('answers every request once the spawner is closed', async () => {
    const closing = new Spawner(process.env);
    closing.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await closing.run(process.execPath, ['-e', '0'], 1000)).toMatchObject({ code: null, stdout: '', stderr: expect.stringMatching(/spawner ended/) });
  });
});

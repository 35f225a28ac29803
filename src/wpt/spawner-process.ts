/**
 * The spawner's own process (spawner.ts starts it): receives spawn requests
 * on its IPC channel and answers each with the child's exit and output.
 * It imports nothing but node:child_process, so it stays a few dozen MB
 * and forking it is cheap.
 *
 *   request  { id, command, args, killAfterMs }
 *   answer   { id, code, signal, stdout, stderr }   (stderr: its last 2,000 characters)
 */
import { spawn } from 'node:child_process';

interface SpawnRequest {
  id: number;
  command: string;
  args: string[];
  killAfterMs: number;
}

process.on('message', (message: SpawnRequest) => {
  const { id, command, args, killAfterMs } = message;
  let stdout = '';
  let stderr = '';
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
  const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  child.once('error', (error) => {
    stderr = (stderr + String(error)).slice(-2000);
  });
  child.once('close', (code, signal) => {
    clearTimeout(killer);
    process.send!({ id, code, signal, stdout, stderr });
  });
});

// The runner went away: so does the spawner (its children end with their own timeouts).
process.on('disconnect', () => process.exit(0));

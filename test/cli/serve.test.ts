import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.ts';

const bin = path.resolve(import.meta.dirname, '../../bin/stapel.js');

describe.each(databaseKinds())('stapel serve on $name', (kind) => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGTERM');
  });

  it('starts, loads the demo catalogue into the empty database once, and answers', async () => {
    const db = await kind.open();
    try {
      const start = async () => {
        const proc = spawn(process.execPath, [bin, 'serve'], {
          env: { ...process.env, ...db.env, PORT: '0', STAPEL_LOG_LEVEL: 'silent' },
        });
        child = proc;
        let out = '';
        const address = await new Promise<string>((resolve, reject) => {
          proc.stdout!.on('data', (d) => {
            out += d;
            const m = /listening on (http:\/\/\S+)/.exec(out);
            if (m) resolve(m[1]!);
          });
          proc.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
        });
        return { proc, address, out: () => out };
      };
      const first = await start();
      expect(first.out()).toMatch(/hogeschool-schelde: stp_/);
      expect(await (await fetch(`${first.address}/health`)).json()).toEqual({ status: 'ok' });
      const page = await (await fetch(`${first.address}/api/v1/micro-credentials`)).json();
      expect(page.total).toBe(8);
      first.proc.kill('SIGTERM');
      await new Promise((r) => first.proc.once('exit', r));

      const second = await start();
      expect(second.out()).not.toMatch(/stp_/);
      expect((await (await fetch(`${second.address}/api/v1/micro-credentials`)).json()).total).toBe(8);
    } finally {
      child?.kill('SIGTERM');
      if (child && child.exitCode === null) await new Promise((r) => child!.once('exit', r));
      await db.dispose();
    }
  });
});

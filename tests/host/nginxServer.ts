/** A real nginx on a loopback port, run from a generated `cars.conf` the way Debian's packaged service runs it. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';

export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => spawnSync(p, ['-v']).status === 0);

/** Master as root, workers as www-data (when run as root); every log and temporary file under `prefix`. */
export function nginxMainConf(prefix: string, include: string): string {
  const user = process.getuid?.() === 0 ? 'user www-data www-data;\n' : '';
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${prefix}/${t};`).join('\n');
  return `${user}daemon off;\nworker_processes 1;\npid ${prefix}/nginx.pid;\nerror_log ${prefix}/error.log;\nevents { worker_connections 64; }\nhttp {\n    include /etc/nginx/mime.types;\n    access_log ${prefix}/access.log;\n${temp}\n    include ${include};\n}\n`;
}

const isListening = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** Check the config with `nginx -t`, start nginx and wait until it accepts connections on `port`. */
export async function startNginx(prefix: string, include: string, port: number): Promise<ChildProcess> {
  if (!NGINX) throw new Error('nginx not found: install the Debian package nginx-light');
  await mkdir(prefix, { recursive: true });
  const conf = join(prefix, 'nginx.conf');
  await writeFile(conf, nginxMainConf(prefix, include));
  const check = spawnSync(NGINX, ['-t', '-p', prefix, '-c', conf, '-e', join(prefix, 'error.log')], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t failed: ${check.stderr}`);
  const nginx = spawn(NGINX, ['-p', prefix, '-c', conf, '-e', join(prefix, 'error.log')], { stdio: 'ignore' });
  for (let attempt = 0; attempt < 100 && nginx.exitCode === null; attempt++) {
    if (await isListening(port)) return nginx;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not start: ${await readFile(join(prefix, 'error.log'), 'utf8').catch(() => '')}`);
}

/** Graceful stop: the workers finish and flush their logs. */
export async function stopNginx(nginx: ChildProcess | undefined): Promise<void> {
  if (!nginx || nginx.exitCode !== null) return;
  const exited = new Promise((r) => nginx.once('exit', r));
  nginx.kill('SIGQUIT');
  await exited;
}

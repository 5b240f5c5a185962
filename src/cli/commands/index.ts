import type { Command } from '../command.ts';
import { archive } from './archive.ts';
import { audit } from './audit.ts';
import { build } from './build.ts';
import { demo } from './demo.ts';
import { ingest } from './ingest.ts';
import { inspect } from './inspect.ts';
import { pack } from './pack.ts';
import { recipients } from './recipients.ts';
import { rejects } from './rejects.ts';
import { sample } from './sample.ts';
import { serve } from './serve.ts';
import { usage } from './usage.ts';
import { verify } from './verify.ts';

export const commands: Command[] = [sample, ingest, rejects, build, audit, inspect, recipients, pack, archive, verify, serve, usage, demo];

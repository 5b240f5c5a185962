import type { Command } from '../command.ts';
import { build } from './build.ts';
import { demo } from './demo.ts';
import { ingest } from './ingest.ts';
import { inspect } from './inspect.ts';
import { recipients } from './recipients.ts';
import { sample } from './sample.ts';
import { serve } from './serve.ts';

export const commands: Command[] = [sample, ingest, build, inspect, recipients, serve, demo];

import type { OptionSpec } from './command.ts';

/** Option definitions shared by the commands; each command passes its own help text where it differs. */
export const textOption = (placeholder: string, description: string, fallback?: string): OptionSpec =>
  fallback === undefined ? { type: 'string', description, placeholder } : { type: 'string', default: fallback, description, placeholder };

export const flagOption = (description: string): OptionSpec => ({ type: 'boolean', description });

export const monthOption = (description = 'reporting month', fallback?: string): OptionSpec => textOption('YYYY-MM', description, fallback);

export const dataOption = (): OptionSpec => textOption('DIR', 'dataset folder holding <YYYY-MM>/ month folders');

export const workOption = (description = 'work folder of the build'): OptionSpec => textOption('DIR', description, 'work');

export const outOption = (description = 'published output folder'): OptionSpec => textOption('DIR', description, 'dist');

export const secretsOption = (description: string, fallback = 'secrets'): OptionSpec => textOption('DIR', description, fallback);

export const archiveDirOption = (description: string): OptionSpec => textOption('DIR', description, 'archive');

export const partyOption = (description = 'party id'): OptionSpec => textOption('P', description);

export const portOption = (): OptionSpec => textOption('N', 'port on 127.0.0.1', '4321');

/** Repeatable: `F` for every file, `NAME=F` for one contract file. */
export const maxRejectRateOption = (description: string): OptionSpec => ({
  type: 'string',
  multiple: true,
  description: `${description}: F for every file (default 0), NAME=F for one (service_requests=0.001); repeatable`,
  placeholder: 'F|NAME=F',
});

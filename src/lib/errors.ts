/** The one error class for expected failures. Message shape: `problem: value (where)`. */
export class CarsError extends Error {
  readonly problem: string;
  readonly value: string;
  readonly where: string | undefined;

  constructor(problem: string, value: unknown, where?: string) {
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    super(`${problem}: ${shown}${where ? ` (${where})` : ''}`);
    this.name = 'CarsError';
    this.problem = problem;
    this.value = shown;
    this.where = where;
  }
}

export const isCarsError = (error: unknown): error is CarsError => error instanceof CarsError;

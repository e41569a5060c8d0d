import type { z } from 'zod';
import { AppError } from './errors';

export type InputLocation = 'body' | 'query' | 'params' | 'header';

/**
 * Parses untrusted input with a strict schema. A failure becomes a 400 whose
 * problem body lists each field and why.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: InputLocation = 'body',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => {
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = [...issue.path.map(String), ...(unknownKeys.length === 1 ? unknownKeys : [])];
    const field = path.length > 0 ? path.join('.') : where;
    const message =
      issue.code === 'unrecognized_keys'
        ? `is not a known field${unknownKeys.length > 1 ? `s: ${unknownKeys.join(', ')}` : ''}`
        : issue.message;
    return { field, message };
  });
  const first = errors[0];
  const summary = first ? `${first.field} ${first.message}` : 'invalid input';
  return failInvalid(`Invalid ${where}: ${summary}`, errors);
}

function failInvalid(message: string, errors: { field: string; message: string }[]): never {
  throw AppError.invalid(message, errors);
}

import { z } from 'zod';

/** Money is always an integer number of cents. */
export const Cents = z.number().int().min(0).max(100_000_000);
export const Currency = z.literal('USD');
export const Uuid = z.uuid();
export const Slug = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens');
export const IsoDateTime = z.iso.datetime({ offset: true });

/** One field-level problem inside a 400 answer. */
export const FieldError = z.object({
  field: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/** RFC 9457 problem details, as every error of the API is answered. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string().optional(),
  errors: z.array(FieldError).optional(),
});
export type Problem = z.infer<typeof Problem>;

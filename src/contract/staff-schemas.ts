// The workspace's contract between web and api: staff, sessions and key wrapping.
import * as z from 'zod';
import { WrappedKeySchema } from '../crypto/key-wrap.ts';
import { MIN_PASSWORD_CHARS } from '../shared/staff-auth-limits.ts';
import { STAFF_ROLES } from '../shared/staff-roles.ts';
import { ORG_ROLES } from '../shared/vocabulary.ts';

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(200)
  .pipe(z.email('must be an e-mail address'));

export const LoginSchema = z.strictObject({
  email: z.string().trim().toLowerCase().max(200),
  password: z.string().min(1).max(1024),
  totp: z.string().max(12).optional(),
});
export type Login = z.infer<typeof LoginSchema>;

export const StaffViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  active: z.boolean(),
  totpEnabled: z.boolean(),
});
export type StaffView = z.infer<typeof StaffViewSchema>;

export const SessionViewSchema = z.object({
  staff: StaffViewSchema,
  organisation: z.object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ORG_ROLES),
    publicKey: z.string(),
  }),
  csrfToken: z.string(),
  wrappedKey: WrappedKeySchema.nullable(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

/** POST /api/staff/login: who signed in, and the token later requests carry. */
export const LoginReplySchema = z.object({ staff: StaffViewSchema, csrfToken: z.string() });

/** GET /api/staff/session: signed in or not, as an answer rather than a 401. */
export const SessionStateSchema = z.union([
  z.object({ signedIn: z.literal(false) }),
  SessionViewSchema.extend({ signedIn: z.literal(true) }),
]);
export type SessionState = z.infer<typeof SessionStateSchema>;

export const WrappedKeyBodySchema = z.strictObject({ wrappedKey: WrappedKeySchema });
export type WrappedKeyBody = z.infer<typeof WrappedKeyBodySchema>;

export const TotpSetupSchema = z.object({ secret: z.string(), uri: z.string() });
export type TotpSetup = z.infer<typeof TotpSetupSchema>;
export const TotpConfirmSchema = z.strictObject({ code: z.string().regex(/^\d{6}$/) });

export const NewStaffSchema = z
  .strictObject({
    email: EmailSchema,
    name: z.string().trim().min(1).max(200),
    role: z.enum(STAFF_ROLES),
    password: z.string().min(MIN_PASSWORD_CHARS).max(1024),
    wrappedKey: WrappedKeySchema.optional(),
  })
  .refine((b) => (b.role === 'analyst') === (b.wrappedKey === undefined), {
    message: 'admins and caseworkers need a wrapped key; analysts must not have one',
    path: ['wrappedKey'],
  });
export type NewStaffBody = z.infer<typeof NewStaffSchema>;

export const StaffListSchema = z.object({ staff: z.array(StaffViewSchema) });
export type StaffList = z.infer<typeof StaffListSchema>;

export const AuditListSchema = z.object({
  entries: z.array(
    z.object({
      at: z.string(),
      staffId: z.string().nullable(),
      action: z.string(),
      reportId: z.string().nullable(),
      subjectStaffId: z.string().nullable(),
    }),
  ),
});
export type AuditList = z.infer<typeof AuditListSchema>;

export const PasswordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(MIN_PASSWORD_CHARS).max(1024),
});
export type PasswordChange = z.infer<typeof PasswordChangeSchema>;

// What each audit-log action means, in words staff read, Spanish first. An action missing here
// is shown by its code, so a new one is never hidden.
import type { Label } from '../../../src/vocabulary.ts';

export const AUDIT_ACTION_LABELS: Record<string, Label> = {
  login: { es: 'Entró', en: 'Signed in' },
  login_failed: { es: 'Intento de entrada fallido', en: 'Failed sign-in' },
  logout: { es: 'Salió', en: 'Signed out' },
  password_changed: { es: 'Cambió su contraseña', en: 'Changed their password' },
  totp_enabled: { es: 'Activó el código de 6 números', en: 'Turned on 6-digit codes' },
  key_rewrapped: { es: 'Cambió su frase de la llave', en: 'Changed their key passphrase' },
  staff_added: { es: 'Agregó a una persona al equipo', en: 'Added a staff member' },
  staff_deactivated: { es: 'Desactivó a una persona del equipo', en: 'Deactivated a staff member' },
  reports_listed: { es: 'Vio la lista de reportes', en: 'Listed reports' },
  report_opened: { es: 'Abrió un reporte', en: 'Opened a report' },
  status_changed: { es: 'Cambió el estado de un reporte', en: 'Changed a report’s status' },
  case_status_changed: {
    es: 'Cambió el estado de un caso legal',
    en: 'Changed a legal case’s status',
  },
  note_added: { es: 'Escribió una nota interna', en: 'Added an internal note' },
  reply_sent: { es: 'Respondió a la persona', en: 'Replied to the person' },
  intake_printed: { es: 'Imprimió una ficha de admisión', en: 'Printed an intake sheet' },
  audit_read: { es: 'Vio este registro', en: 'Read this log' },
  exact_stats_query: { es: 'Consultó cifras exactas', en: 'Queried exact figures' },
  exact_stats_export: { es: 'Descargó cifras exactas (CSV)', en: 'Downloaded exact figures (CSV)' },
  deny: { es: 'Se le negó una acción', en: 'Was refused an action' },
};

/** A moment as people in Peru read it: "1 de diciembre de 2026, 14:05" (Lima time). */
export function peruTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return at.toLocaleString('es-PE', {
    timeZone: 'America/Lima',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

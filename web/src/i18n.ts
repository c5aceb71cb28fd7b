// The form's words, in plain Spanish first and English second. Pure: used at build time to
// write the page, and in the browser to switch language without touching the URL or storage.
export type Lang = 'es' | 'en';

export const TEXT = {
  pageTitle: { es: 'Formulario', en: 'Form' },
  skipLink: { es: 'Ir a la pregunta', en: 'Skip to the question' },
  quickExit: { es: 'Salir rápido', en: 'Quick exit' },
  quickExitHint: {
    es: 'Si alguien se acerca, toca «Salir rápido» o la tecla Esc.',
    en: 'If someone comes near, tap “Quick exit” or press Esc.',
  },
  switchLang: { es: 'English', en: 'Español' },
  switchLangLabel: { es: 'Change language to English', en: 'Cambiar el idioma a español' },
  noScript: {
    es: 'Este formulario necesita JavaScript para proteger lo que escribes. Actívalo e intenta de nuevo.',
    en: 'This form needs JavaScript to protect what you write. Turn it on and try again.',
  },
  introTitle: { es: 'Cuéntanos qué pasó', en: 'Tell us what happened' },
  introBody1: {
    es: 'No te pedimos tu nombre. Lo que escribes se cierra con llave en tu teléfono antes de salir. Solo la organización puede abrirlo.',
    en: 'We do not ask for your name. What you write is locked on your phone before it is sent. Only the organisation can open it.',
  },
  introBody2: {
    es: 'Puedes dejarlo cuando quieras. No se guarda nada en este teléfono.',
    en: 'You can stop at any time. Nothing is saved on this phone.',
  },
  start: { es: 'Empezar', en: 'Start' },
  next: { es: 'Siguiente', en: 'Next' },
  back: { es: 'Atrás', en: 'Back' },
  skip: { es: 'Prefiero no decir', en: 'Prefer not to say' },
  optional: { es: '(puedes saltar esta pregunta)', en: '(you can skip this question)' },
  chooseMany: { es: 'Puedes marcar varias.', en: 'You can choose more than one.' },
  stepOf: { es: 'Pregunta {n} de {total}', en: 'Question {n} of {total}' },
  channelQ: { es: '¿Quién llena este formulario?', en: 'Who is filling in this form?' },
  monthQ: { es: '¿Cuándo pasó?', en: 'When did it happen?' },
  monthLabel: { es: 'Mes', en: 'Month' },
  yearLabel: { es: 'Año', en: 'Year' },
  monthHint: {
    es: 'Solo el mes. Si sabes el día exacto, puedes ponerlo más adelante, protegido.',
    en: 'Only the month. If you know the exact day, you can add it later, protected.',
  },
  regionQ: { es: '¿En qué región pasó?', en: 'In which region did it happen?' },
  regionLabel: { es: 'Región', en: 'Region' },
  regionHint: {
    es: 'Lima Metropolitana está aparte del resto de Lima.',
    en: 'Metropolitan Lima is separate from the rest of Lima.',
  },
  choose: { es: 'Elige una opción', en: 'Choose one' },
  perpetratorQ: { es: '¿Quién lo hizo?', en: 'Who did it?' },
  violenceQ: { es: '¿Qué pasó?', en: 'What happened?' },
  identityQ: { es: '¿Cómo te identificas?', en: 'How do you identify?' },
  ageQ: { es: '¿Cuántos años tienes?', en: 'How old are you?' },
  nationalityQ: { es: '¿Cuál es tu nacionalidad?', en: 'What is your nationality?' },
  settingQ: { es: '¿Dónde pasó?', en: 'Where did it happen?' },
  reportedQ: {
    es: '¿Lo contaste a alguna autoridad (policía, fiscalía)?',
    en: 'Did you tell an authority (police, prosecutor)?',
  },
  narrativeQ: { es: 'Cuéntalo con tus palabras', en: 'Tell it in your own words' },
  narrativeHint: {
    es: 'Solo la organización podrá leerlo. No escribas tu nombre si no quieres.',
    en: 'Only the organisation can read it. Do not write your name if you do not want to.',
  },
  detailsQ: { es: 'Más detalles (protegidos)', en: 'More details (protected)' },
  detailsHint: {
    es: 'Todo esto se cierra con llave. Ayuda a la organización a documentar el caso.',
    en: 'All of this is locked. It helps the organisation document the case.',
  },
  exactDate: { es: 'Día exacto', en: 'Exact day' },
  place: { es: 'Lugar (calle, local, comisaría)', en: 'Place (street, venue, police station)' },
  perpetratorDetails: {
    es: 'Datos de quien lo hizo (nombre, apodo, placa, número de carro, teléfono)',
    en: 'Details of who did it (name, nickname, badge, vehicle plate, phone)',
  },
  legalQ: {
    es: '¿Quieres que una abogada o abogado te contacte?',
    en: 'Do you want a lawyer to contact you?',
  },
  legalHint: {
    es: 'Es gratis. Solo la organización de ayuda legal verá cómo contactarte.',
    en: 'It is free. Only the legal-aid organisation will see how to contact you.',
  },
  legalYes: { es: 'Sí, quiero que me contacten', en: 'Yes, I want to be contacted' },
  legalNo: { es: 'No, gracias', en: 'No, thank you' },
  contactMethod: { es: '¿Cómo te contactamos?', en: 'How should we contact you?' },
  contactValue: { es: 'Número o correo', en: 'Number or email' },
  safeTimes: {
    es: '¿Cuándo es seguro llamarte o escribirte?',
    en: 'When is it safe to call or write to you?',
  },
  needsQ: { es: '¿Qué necesitas?', en: 'What do you need?' },
  consent: {
    es: 'Acepto que la organización de ayuda legal vea mis datos de contacto para ayudarme.',
    en: 'I agree that the legal-aid organisation may see my contact details to help me.',
  },
  reviewQ: { es: 'Revisa y envía', en: 'Check and send' },
  reviewHint: {
    es: 'Al tocar «Enviar», tu teléfono cierra con llave lo que escribiste y lo envía.',
    en: 'When you tap “Send”, your phone locks what you wrote and sends it.',
  },
  send: { es: 'Enviar', en: 'Send' },
  sending: { es: 'Protegiendo y enviando…', en: 'Protecting and sending…' },
  retrying: {
    es: 'Todavía no se pudo enviar. Lo intentamos otra vez…',
    en: 'Not sent yet. Trying again…',
  },
  sendFailed: {
    es: 'No se pudo enviar. Revisa tu conexión y toca «Enviar» otra vez.',
    en: 'It could not be sent. Check your connection and tap “Send” again.',
  },
  rejected: {
    es: 'El servidor no aceptó el reporte y no se guardó nada. Toca «Enviar» otra vez. Si vuelve a pasar, inténtalo más tarde.',
    en: 'The server did not accept the report, and nothing was stored. Tap “Send” again. If it happens again, try later.',
  },
  doneTitle: { es: 'Recibimos tu reporte. Gracias.', en: 'We received your report. Thank you.' },
  doneBody: {
    es: 'Lo que contaste ayuda a mostrar lo que pasa y a exigir cambios. Nadie sabrá que fuiste tú.',
    en: 'What you told us helps show what is happening and demand change. No one will know it was you.',
  },
  // After the person gave a way to contact them: "no one will know" would not be true.
  doneBodyContact: {
    es: 'Lo que contaste ayuda a mostrar lo que pasa y a exigir cambios. Solo la organización de ayuda legal verá cómo contactarte. En las cifras públicas nadie sabrá que fuiste tú.',
    en: 'What you told us helps show what is happening and demand change. Only the legal-aid organisation will see how to contact you. In the public figures no one will know it was you.',
  },
  doneLegal: {
    es: 'La organización de ayuda legal te contactará como pediste.',
    en: 'The legal-aid organisation will contact you as you asked.',
  },
  receiptTitle: { es: 'Tu código de recibo', en: 'Your receipt code' },
  receiptBody: {
    es: 'Con este código puedes ver después si te respondieron, agregar algo o retirar tu reporte, en la página «Seguimiento». No lo mostramos otra vez.',
    en: 'With this code you can later see replies, add something or withdraw your report on the “Follow-up” page. We will not show it again.',
  },
  followUpDone: { es: 'Ir a «Seguimiento»', en: 'Go to “Follow-up”' },
  followUpIntro: {
    es: '¿Ya enviaste un reporte? Mira aquí si te respondieron',
    en: 'Already sent a report? See here if you got a reply',
  },
  receiptAdvice: {
    es: 'Guárdalo como si fuera un número de teléfono, con un nombre que no llame la atención. Quien tenga el código puede leer las respuestas.',
    en: 'Save it like a phone number, under a name that draws no attention. Anyone with the code can read the replies.',
  },
  referralsTitle: { es: 'Si necesitas ayuda ahora', en: 'If you need help now' },
  referralsNote: {
    es: 'Esta información es solo para ti. No enviamos nada a estos servicios.',
    en: 'This information is only for you. We send nothing to these services.',
  },
  refLinea100: {
    es: 'Línea 100: llama gratis al 100, todos los días, las 24 horas (Ministerio de la Mujer).',
    en: 'Línea 100: call 100 for free, every day, 24 hours (Ministry of Women).',
  },
  refCem: {
    es: 'Centros Emergencia Mujer (CEM): atención legal, psicológica y social gratuita.',
    en: 'Centros Emergencia Mujer (CEM): free legal, psychological and social support.',
  },
  refDefensa: {
    es: 'Defensa Pública y ALEGRA (Ministerio de Justicia): abogada o abogado gratis.',
    en: 'Defensa Pública and ALEGRA (Ministry of Justice): a free lawyer.',
  },
  refDefensoria: {
    es: 'Defensoría del Pueblo: puedes quejarte si una autoridad te maltrató.',
    en: 'Defensoría del Pueblo (Ombudsman): you can complain if an authority mistreated you.',
  },
  childTitle: { es: 'Si tienes menos de 18 años', en: 'If you are under 18' },
  childBody: {
    es: 'Lo que te pasó es un delito contra ti, no es tu culpa. Llama gratis a la Línea 100 o al Chat 100. También puedes ir a un Centro Emergencia Mujer o a la DEMUNA de tu municipio. La organización verá que tu reporte necesita atención especial.',
    en: 'What happened to you is a crime against you, not your fault. Call Línea 100 or Chat 100 for free. You can also go to a Centro Emergencia Mujer or your municipality’s DEMUNA. The organisation will see that your report needs special attention.',
  },
  newReport: { es: 'Hacer otro reporte', en: 'Make another report' },
  errorRequired: { es: 'Elige una respuesta para seguir.', en: 'Choose an answer to continue.' },
  errorMonth: { es: 'Elige el mes y el año.', en: 'Choose the month and the year.' },
  errorFuture: { es: 'Ese mes todavía no llega.', en: 'That month has not come yet.' },
  errorTooOld: {
    es: 'Solo podemos recibir hechos de los últimos 10 años.',
    en: 'We can only take events from the last 10 years.',
  },
  errorContact: {
    es: 'Escribe cómo contactarte y marca que aceptas, o elige «No, gracias».',
    en: 'Write how to contact you and tick that you agree, or choose “No, thank you”.',
  },
  errorTooLong: { es: 'El texto es muy largo.', en: 'The text is too long.' },
  savedTitle: {
    es: 'Tu reporte está guardado en este teléfono',
    en: 'Your report is saved on this phone',
  },
  savedBody: {
    es: 'No hay conexión. Lo guardamos cerrado con llave: nadie puede leerlo en el teléfono. Se enviará solo cuando vuelva la conexión y abras esta página.',
    en: 'There is no connection. We saved it locked: no one can read it on the phone. It will be sent when the connection comes back and you open this page.',
  },
  savedPending: {
    es: 'Hay un reporte guardado esperando conexión. Se enviará solo.',
    en: 'A saved report is waiting for a connection. It will be sent by itself.',
  },
  savedSending: { es: 'Enviando el reporte guardado…', en: 'Sending the saved report…' },
  deleteSaved: { es: 'Borrar el reporte guardado', en: 'Delete the saved report' },
  savedDeleted: {
    es: 'Listo. El reporte guardado se borró de este teléfono.',
    en: 'Done. The saved report was deleted from this phone.',
  },
  savedSentTitle: { es: 'Tu reporte guardado ya se envió', en: 'Your saved report has been sent' },
  savedDeletedTitle: { es: 'Reporte borrado', en: 'Report deleted' },
  savedDroppedTitle: { es: 'No se pudo enviar', en: 'It could not be sent' },
  savedWithdrawn: {
    es: 'Este reporte ya lo habías retirado, así que no se envió otra vez. Se borró de este teléfono.',
    en: 'You had already withdrawn this report, so it was not sent again. It was deleted from this phone.',
  },
  savedSent: {
    es: 'El reporte guardado ya se envió. Gracias.',
    en: 'The saved report has been sent. Thank you.',
  },
  savedDropped: {
    es: 'El reporte guardado no se pudo enviar y se borró del teléfono. Puedes llenarlo otra vez.',
    en: 'The saved report could not be sent and was deleted from the phone. You can fill it in again.',
  },
  loadingLock: { es: 'Preparando la protección…', en: 'Preparing protection…' },
} as const satisfies Record<string, Record<Lang, string>>;

export type TextKey = keyof typeof TEXT;

export const MONTH_NAMES: Record<Lang, readonly string[]> = {
  es: [
    'enero',
    'febrero',
    'marzo',
    'abril',
    'mayo',
    'junio',
    'julio',
    'agosto',
    'septiembre',
    'octubre',
    'noviembre',
    'diciembre',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

export const CONTACT_METHOD_LABELS = {
  phone_call: { es: 'Llamada', en: 'Phone call' },
  whatsapp: { es: 'WhatsApp', en: 'WhatsApp' },
  sms: { es: 'Mensaje de texto (SMS)', en: 'Text message (SMS)' },
  email: { es: 'Correo electrónico', en: 'Email' },
  other: { es: 'Otro', en: 'Other' },
} as const;

export const LEGAL_NEED_LABELS = {
  complaint: { es: 'Poner una denuncia', en: 'Make a complaint' },
  accompaniment: {
    es: 'Que me acompañen (a la comisaría, fiscalía, hospital)',
    en: 'Someone to go with me (police, prosecutor, hospital)',
  },
  advice: { es: 'Solo un consejo legal', en: 'Legal advice only' },
} as const;

export function t(key: TextKey, lang: Lang, vars: Record<string, string | number> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

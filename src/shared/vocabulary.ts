// The reference vocabulary from BRIEF.md. Codes are the API's; labels are the UI's.
// This module is pure and has no Node imports, so the web form imports it too.

export type Label = { readonly es: string; readonly en: string };
type Vocabulary<C extends string> = ReadonlyArray<readonly [C, Label]>;

// INEI UBIGEO department codes. 1501 (Lima Metropolitana) is split out of 15,
// which then means the rest of the Lima region.
export const REGION_CODES = [
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '1501',
  '16',
  '17',
  '18',
  '19',
  '20',
  '21',
  '22',
  '23',
  '24',
  '25',
  'undisclosed',
] as const;
export type RegionCode = (typeof REGION_CODES)[number];

export const REGIONS: Vocabulary<RegionCode> = [
  ['01', { es: 'Amazonas', en: 'Amazonas' }],
  ['02', { es: 'Áncash', en: 'Áncash' }],
  ['03', { es: 'Apurímac', en: 'Apurímac' }],
  ['04', { es: 'Arequipa', en: 'Arequipa' }],
  ['05', { es: 'Ayacucho', en: 'Ayacucho' }],
  ['06', { es: 'Cajamarca', en: 'Cajamarca' }],
  ['07', { es: 'Callao', en: 'Callao' }],
  ['08', { es: 'Cusco', en: 'Cusco' }],
  ['09', { es: 'Huancavelica', en: 'Huancavelica' }],
  ['10', { es: 'Huánuco', en: 'Huánuco' }],
  ['11', { es: 'Ica', en: 'Ica' }],
  ['12', { es: 'Junín', en: 'Junín' }],
  ['13', { es: 'La Libertad', en: 'La Libertad' }],
  ['14', { es: 'Lambayeque', en: 'Lambayeque' }],
  ['15', { es: 'Lima (provincias)', en: 'Lima (provinces)' }],
  ['1501', { es: 'Lima Metropolitana', en: 'Metropolitan Lima' }],
  ['16', { es: 'Loreto', en: 'Loreto' }],
  ['17', { es: 'Madre de Dios', en: 'Madre de Dios' }],
  ['18', { es: 'Moquegua', en: 'Moquegua' }],
  ['19', { es: 'Pasco', en: 'Pasco' }],
  ['20', { es: 'Piura', en: 'Piura' }],
  ['21', { es: 'Puno', en: 'Puno' }],
  ['22', { es: 'San Martín', en: 'San Martín' }],
  ['23', { es: 'Tacna', en: 'Tacna' }],
  ['24', { es: 'Tumbes', en: 'Tumbes' }],
  ['25', { es: 'Ucayali', en: 'Ucayali' }],
  ['undisclosed', { es: 'Prefiero no decir', en: 'Prefer not to say' }],
];

export const PERPETRATOR_CODES = [
  'police',
  'serenazgo',
  'military',
  'other_official',
  'health_worker',
  'client',
  'manager',
  'partner',
  'family',
  'coworker',
  'acquaintance',
  'stranger',
  'unknown',
] as const;
export type PerpetratorCode = (typeof PERPETRATOR_CODES)[number];

export const PERPETRATORS: Vocabulary<PerpetratorCode> = [
  ['police', { es: 'Policía', en: 'Police' }],
  [
    'serenazgo',
    { es: 'Serenazgo o fiscalizador municipal', en: 'Municipal security or inspector' },
  ],
  ['military', { es: 'Militar', en: 'Military' }],
  [
    'other_official',
    {
      es: 'Otra autoridad (fiscal, juez, migraciones, municipio)',
      en: 'Other official (prosecutor, judge, migration, municipality)',
    },
  ],
  ['health_worker', { es: 'Personal de salud', en: 'Health worker' }],
  ['client', { es: 'Cliente', en: 'Client' }],
  ['manager', { es: 'Proxeneta, dueño o encargado del local', en: 'Pimp, venue owner or manager' }],
  ['partner', { es: 'Pareja o expareja', en: 'Partner or former partner' }],
  ['family', { es: 'Familiar', en: 'Family member' }],
  ['coworker', { es: 'Otra trabajadora o trabajador sexual', en: 'Another sex worker' }],
  ['acquaintance', { es: 'Vecino o persona conocida', en: 'Neighbour or someone known' }],
  ['stranger', { es: 'Desconocido, pandilla o transeúnte', en: 'Stranger, gang or passer-by' }],
  ['unknown', { es: 'No sé', en: "Don't know" }],
];

export const VIOLENCE_CODES = [
  'rape',
  'sexual_assault',
  'sexual_extortion',
  'condom_refusal',
  'physical',
  'homicide',
  'threats',
  'detention',
  'extortion',
  'robbery',
  'unpaid',
  'discrimination',
  'other',
] as const;
export type ViolenceCode = (typeof VIOLENCE_CODES)[number];

export const VIOLENCE: Vocabulary<ViolenceCode> = [
  ['rape', { es: 'Violación', en: 'Rape' }],
  ['sexual_assault', { es: 'Tocamientos o ataque sexual', en: 'Sexual assault' }],
  [
    'sexual_extortion',
    {
      es: 'Me pidieron sexo para soltarme o no multarme',
      en: 'Sex demanded for release or to avoid a fine or arrest',
    },
  ],
  [
    'condom_refusal',
    {
      es: 'Sexo sin condón a la fuerza, o se quitó el condón',
      en: 'Forced condomless sex or condom removal',
    },
  ],
  ['physical', { es: 'Golpes o ataque físico', en: 'Physical assault' }],
  ['homicide', { es: 'Mataron o intentaron matar a alguien', en: 'Killing or attempted killing' }],
  [
    'threats',
    { es: 'Amenazas, humillación o acoso', en: 'Threats, intimidation, humiliation or stalking' },
  ],
  ['detention', { es: 'Detención sin motivo', en: 'Arbitrary detention' }],
  ['extortion', { es: 'Cobro de coimas o multas sin motivo', en: 'Bribes or fines without basis' }],
  [
    'robbery',
    {
      es: 'Robo, o rompieron mis cosas o documentos',
      en: 'Theft, or destruction of belongings or documents',
    },
  ],
  ['unpaid', { es: 'No me pagaron o me engañaron', en: 'Refusal to pay, or fraud' }],
  [
    'discrimination',
    {
      es: 'Me negaron atención, servicios o vivienda',
      en: 'Denied health care or services, or evicted',
    },
  ],
  ['other', { es: 'Otra cosa', en: 'Something else' }],
];

export const IDENTITY_CODES = [
  'woman',
  'trans_woman',
  'man',
  'trans_man',
  'non_binary',
  'other',
  'undisclosed',
] as const;
export type IdentityCode = (typeof IDENTITY_CODES)[number];

export const IDENTITIES: Vocabulary<IdentityCode> = [
  ['woman', { es: 'Mujer', en: 'Woman' }],
  ['trans_woman', { es: 'Mujer trans', en: 'Trans woman' }],
  ['man', { es: 'Hombre', en: 'Man' }],
  ['trans_man', { es: 'Hombre trans', en: 'Trans man' }],
  ['non_binary', { es: 'No binarie', en: 'Non-binary' }],
  ['other', { es: 'Otra', en: 'Other' }],
  ['undisclosed', { es: 'Prefiero no decir', en: 'Prefer not to say' }],
];

export const AGE_BAND_CODES = [
  'under_18',
  '18_24',
  '25_34',
  '35_44',
  '45_plus',
  'undisclosed',
] as const;
export type AgeBandCode = (typeof AGE_BAND_CODES)[number];

export const AGE_BANDS: Vocabulary<AgeBandCode> = [
  ['under_18', { es: 'Menos de 18 años', en: 'Under 18' }],
  ['18_24', { es: '18 a 24 años', en: '18 to 24' }],
  ['25_34', { es: '25 a 34 años', en: '25 to 34' }],
  ['35_44', { es: '35 a 44 años', en: '35 to 44' }],
  ['45_plus', { es: '45 años o más', en: '45 or older' }],
  ['undisclosed', { es: 'Prefiero no decir', en: 'Prefer not to say' }],
];

export const NATIONALITY_CODES = ['peruvian', 'venezuelan', 'other', 'undisclosed'] as const;
export type NationalityCode = (typeof NATIONALITY_CODES)[number];

export const NATIONALITIES: Vocabulary<NationalityCode> = [
  ['peruvian', { es: 'Peruana', en: 'Peruvian' }],
  ['venezuelan', { es: 'Venezolana', en: 'Venezuelan' }],
  ['other', { es: 'Otra', en: 'Other' }],
  ['undisclosed', { es: 'Prefiero no decir', en: 'Prefer not to say' }],
];

export const SETTING_CODES = [
  'street',
  'venue',
  'hotel',
  'client_home',
  'own_home',
  'online',
  'police_premises',
  'transport',
  'mining_or_logging_camp',
  'other',
  'undisclosed',
] as const;
export type SettingCode = (typeof SETTING_CODES)[number];

export const SETTINGS: Vocabulary<SettingCode> = [
  ['street', { es: 'En la calle', en: 'Street' }],
  ['venue', { es: 'Night club, bar, sauna o local', en: 'Brothel, bar, night club or sauna' }],
  ['hotel', { es: 'Hotel u hostal', en: 'Hotel' }],
  ['client_home', { es: 'Casa del cliente', en: "Client's home" }],
  ['own_home', { es: 'Mi casa', en: 'My home' }],
  ['online', { es: 'Lo conocí por internet', en: 'Met online' }],
  ['police_premises', { es: 'Comisaría o patrullero', en: 'Police station or vehicle' }],
  ['transport', { es: 'Taxi, mototaxi o transporte', en: 'Transport' }],
  ['mining_or_logging_camp', { es: 'Campamento minero o maderero', en: 'Mining or logging camp' }],
  ['other', { es: 'Otro lugar', en: 'Somewhere else' }],
  ['undisclosed', { es: 'Prefiero no decir', en: 'Prefer not to say' }],
];

export const REPORTED_CODES = ['no', 'yes', 'refused'] as const;
export type ReportedCode = (typeof REPORTED_CODES)[number];

export const REPORTED: Vocabulary<ReportedCode> = [
  ['no', { es: 'No', en: 'No' }],
  ['yes', { es: 'Sí', en: 'Yes' }],
  [
    'refused',
    { es: 'Lo intenté, pero no me hicieron caso', en: 'I tried, but they would not take it' },
  ],
];

export const CHANNEL_CODES = ['self', 'assisted'] as const;
export type ChannelCode = (typeof CHANNEL_CODES)[number];

export const CHANNELS: Vocabulary<ChannelCode> = [
  ['self', { es: 'Lo lleno yo, sobre lo que me pasó', en: 'I am filling it in about myself' }],
  [
    'assisted',
    { es: 'Ayudo a otra persona a llenarlo', en: 'I am helping someone else fill it in' },
  ],
];

/**
 * Each fact a report holds, by its field in the report, with its list of codes (perpetrators and
 * violence hold several codes each). The validation, the statistics and the scripts read them here.
 */
export const FACT_CODES = {
  region: REGION_CODES,
  perpetrators: PERPETRATOR_CODES,
  violence: VIOLENCE_CODES,
  identity: IDENTITY_CODES,
  ageBand: AGE_BAND_CODES,
  nationality: NATIONALITY_CODES,
  setting: SETTING_CODES,
  reportedToAuthority: REPORTED_CODES,
  channel: CHANNEL_CODES,
} as const;

export const ORG_ROLES = ['advocacy', 'legal_aid'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export function labelOf<C extends string>(
  vocabulary: Vocabulary<C>,
  code: C,
  lang: 'es' | 'en',
): string {
  const entry = vocabulary.find(([c]) => c === code);
  return entry ? entry[1][lang] : code;
}

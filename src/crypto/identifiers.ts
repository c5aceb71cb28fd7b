// Canonical forms of the identifiers a report can name (issue 17), computed before the OPRF so that
// two people who write the same phone number or plate differently end with the same tag. Each
// canonical string starts with its kind, so a phone and a badge number with the same digits never
// share a tag. Pure code: the browser normalises; the server never sees these strings.

export const IDENTIFIER_KINDS = ['phone', 'plate', 'social', 'badge'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export const SOCIAL_PLATFORMS = ['instagram', 'facebook', 'tiktok', 'x', 'telegram'] as const;
export type SocialPlatform = (typeof SOCIAL_PLATFORMS)[number];

/** Codes, not sentences: the form shows each one in the reader's language. */
export type InvalidReason =
  | 'empty'
  | 'too_long'
  | 'not_a_phone'
  | 'not_a_plate'
  | 'not_a_handle'
  | 'platform_needed'
  | 'not_a_profile'
  | 'not_a_badge';

export type NormalisedIdentifier =
  | { ok: true; kind: IdentifierKind; value: string }
  | { ok: false; kind: IdentifierKind; reason: InvalidReason };

/** Longer than any real spelling of these identifiers, profile links included. */
export const MAX_IDENTIFIER_CHARS = 200;

const valid = (kind: IdentifierKind, canonical: string): NormalisedIdentifier => ({
  ok: true,
  kind,
  value: `${kind}:${canonical}`,
});
const invalid = (kind: IdentifierKind, reason: InvalidReason): NormalisedIdentifier => ({
  ok: false,
  kind,
  reason,
});

/**
 * NFKC turns full-width digits and letters into ASCII; the format characters go because WhatsApp
 * wraps a copied number in bidirectional marks, and phones insert no-break spaces.
 */
function clean(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '')
    .trim();
}

function precheck(kind: IdentifierKind, raw: string): string | NormalisedIdentifier {
  if (typeof raw !== 'string') return invalid(kind, 'empty');
  if (raw.length > MAX_IDENTIFIER_CHARS) return invalid(kind, 'too_long');
  const text = clean(raw);
  return text === '' ? invalid(kind, 'empty') : text;
}

// Peru (+51): mobiles are 9 digits starting with 9; landlines are 8 digits, Lima's "1" and
// 7 digits or a two-digit provincial area code and 6 digits, dialled at home with a leading 0.
const PERU_MOBILE = /^9\d{8}$/;
const PERU_LANDLINE = /^(?:1\d{7}|[4-8][1-9]\d{6})$/;

const SEPARATORS = /[\s\-.()\u2010-\u2015]/g;

/** A phone number in E.164; Peru unless the number starts with another country's code. */
export function normalisePhone(raw: string): NormalisedIdentifier {
  const text = precheck('phone', raw);
  if (typeof text !== 'string') return text;
  const compact = text.replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(compact)) return invalid('phone', 'not_a_phone');
  let national: string;
  if (compact.startsWith('+') || compact.startsWith('00')) {
    const digits = compact.replace(/^(?:\+|00)/, '');
    if (!digits.startsWith('51')) {
      // Another country: E.164 allows up to 15 digits, and no country code starts with 0.
      return /^[1-9]\d{7,14}$/.test(digits)
        ? valid('phone', `+${digits}`)
        : invalid('phone', 'not_a_phone');
    }
    national = digits.slice(2);
  } else if (/^519\d{8}$/.test(compact)) {
    // "51 987 654 321": the country code without its plus, as WhatsApp contacts often show it.
    national = compact.slice(2);
  } else if (/^0[1-8]/.test(compact)) {
    // The trunk 0 before an area code marks a landline: "01 234 5678", "(044) 123456".
    national = compact.slice(1);
    if (!PERU_LANDLINE.test(national)) return invalid('phone', 'not_a_phone');
  } else {
    // Without a prefix, only a mobile: eight bare digits are more often a mistyped mobile or a
    // DNI than a landline written without its area code.
    national = compact;
    if (!PERU_MOBILE.test(national)) return invalid('phone', 'not_a_phone');
  }
  return PERU_MOBILE.test(national) || PERU_LANDLINE.test(national)
    ? valid('phone', `+51${national}`)
    : invalid('phone', 'not_a_phone');
}

// Plates (Placa Única Nacional de Rodaje, since 2010): cars, lorries and buses have a letter for
// the registry zone, two letters or digits and three digits ("A1B-234"), which also covers the
// 1995-2009 "ABC-123" and the special "E.." plates of police and ambulances. Motorcycles and
// mototaxis (category L) have four digits, a digit or letter, and the zone's letter ("1234-5A").
const CAR_PLATE = /^[A-Z][A-Z0-9]{2}\d{3}$/;
const MOTO_PLATE = /^\d{4}[A-Z0-9][A-Z]$/;

/** Where a position can only hold a digit, an O or an I is a misread 0 or 1. */
function digitsAt(plate: string, positions: number[]): string {
  const chars = [...plate];
  for (const i of positions) {
    if (chars[i] === 'O') chars[i] = '0';
    else if (chars[i] === 'I') chars[i] = '1';
  }
  return chars.join('');
}

/** A Peruvian plate in capitals with no separators: "abc 123" and "ABC-123" are both "ABC123". */
export function normalisePlate(raw: string): NormalisedIdentifier {
  const text = precheck('plate', raw);
  if (typeof text !== 'string') return text;
  const compact = text.toUpperCase().replace(SEPARATORS, '');
  if (!/^[A-Z0-9]{6}$/.test(compact)) return invalid('plate', 'not_a_plate');
  const car = digitsAt(compact, [3, 4, 5]);
  if (CAR_PLATE.test(car)) return valid('plate', car);
  const moto = digitsAt(compact, [0, 1, 2, 3]);
  if (MOTO_PLATE.test(moto)) return valid('plate', moto);
  return invalid('plate', 'not_a_plate');
}

const PLATFORM_HOSTS: Record<string, SocialPlatform> = {
  'instagram.com': 'instagram',
  'facebook.com': 'facebook',
  'fb.com': 'facebook',
  'tiktok.com': 'tiktok',
  'x.com': 'x',
  'twitter.com': 'x',
  't.me': 'telegram',
  'telegram.me': 'telegram',
};

/** Paths on these sites that are pages, not people. */
const NOT_PROFILES = new Set([
  'p',
  'reel',
  'reels',
  'explore',
  'stories',
  'watch',
  'groups',
  'pages',
  'share',
  'video',
  'home',
  'search',
  'hashtag',
  'i',
  'intent',
  'login',
]);

const HANDLE = /^[a-z0-9._]{1,50}$/;

function looksLikeLink(text: string): boolean {
  if (text.includes('/')) return true;
  const host = text.toLowerCase().replace(/^(?:www|m|mobile|web)\./, '');
  return Object.keys(PLATFORM_HOSTS).includes(host);
}

function fromLink(text: string): { platform: SocialPlatform; handle: string } | InvalidReason {
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return 'not_a_profile';
  }
  const host = url.hostname.toLowerCase().replace(/^(?:www|m|mobile|web)\./, '');
  const platform = PLATFORM_HOSTS[host];
  if (platform === undefined) return 'not_a_profile';
  const segments = url.pathname.split('/').filter((p) => p !== '');
  // facebook.com/profile.php?id=100012345678: the number is the only name the profile has.
  if (platform === 'facebook' && segments[0] === 'profile.php') {
    const id = url.searchParams.get('id') ?? '';
    return /^\d{5,20}$/.test(id) ? { platform, handle: id } : 'not_a_profile';
  }
  // An Instagram story link names its author: instagram.com/stories/<handle>/<id>.
  const first = platform === 'instagram' && segments[0] === 'stories' ? segments[1] : segments[0];
  if (first === undefined || NOT_PROFILES.has(first.toLowerCase())) return 'not_a_profile';
  return { platform, handle: first };
}

/**
 * A social-media account as "social:<platform>:<handle>", lowercased. A profile link names its
 * platform; a bare "@handle" needs the platform the person chose, because the same handle on two
 * sites is often two different people.
 */
export function normaliseSocial(raw: string, platform?: SocialPlatform): NormalisedIdentifier {
  const text = precheck('social', raw);
  if (typeof text !== 'string') return text;
  let site = platform;
  let handle = text;
  if (looksLikeLink(text)) {
    const link = fromLink(text);
    if (typeof link === 'string') return invalid('social', link);
    if (platform !== undefined && link.platform !== platform) {
      return invalid('social', 'not_a_profile');
    }
    site = link.platform;
    handle = link.handle;
  }
  if (site === undefined) return invalid('social', 'platform_needed');
  // TikTok writes its profiles as tiktok.com/@handle; everyone writes handles as @handle.
  const bare = handle.replace(/^@/, '').toLowerCase();
  if (!HANDLE.test(bare) || /^[._]+$/.test(bare)) return invalid('social', 'not_a_handle');
  return valid('social', `${site}:${bare}`);
}

/**
 * A badge or CIP number (Carné de Identidad Policial): digits only. A leading "CIP" or "N°" label
 * is dropped, and so are leading zeros, since the number is the same whether or not they are typed.
 */
export function normaliseBadge(raw: string): NormalisedIdentifier {
  const text = precheck('badge', raw);
  if (typeof text !== 'string') return text;
  const unlabelled = text
    .toUpperCase()
    .replace(/^C\.?\s*I\.?\s*P\.?\s*:?/, '')
    .replace(/^\s*N(?:RO)?\s*[°.O]?\s*:?/, '');
  if (!/^[\d\s\-.]+$/.test(unlabelled)) return invalid('badge', 'not_a_badge');
  const digits = unlabelled.replace(/\D/g, '').replace(/^0+/, '');
  return /^\d{4,10}$/.test(digits) ? valid('badge', digits) : invalid('badge', 'not_a_badge');
}

/** Dispatch by kind, for the form's one "identifier" field with a kind selector. */
export function normaliseIdentifier(
  kind: IdentifierKind,
  raw: string,
  platform?: SocialPlatform,
): NormalisedIdentifier {
  switch (kind) {
    case 'phone':
      return normalisePhone(raw);
    case 'plate':
      return normalisePlate(raw);
    case 'social':
      return normaliseSocial(raw, platform);
    case 'badge':
      return normaliseBadge(raw);
  }
}

// The text of each page of a PDF that Chromium printed (page.pdf()), without a PDF library or a
// system tool: enough of the format for what Chromium writes (numbered objects, Flate streams,
// Type0 fonts with a ToUnicode map, text shown with Tj). Not a general PDF reader: for tests only.
// Text runs are joined without the spaces between them, so compare with `squeezed` text.
import { inflateSync } from 'node:zlib';

type PdfObject = { dict: string; stream: Buffer | null };

function objectsOf(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  for (const match of text.matchAll(/(\d+) 0 obj\s*/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const at = body.indexOf('stream');
    const dict = at === -1 ? body : body.slice(0, at);
    let stream: Buffer | null = null;
    if (at !== -1) {
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      const from = start + at + 'stream'.length + (body[at + 6] === '\r' ? 2 : 1);
      const raw = pdf.subarray(from, from + length);
      stream = dict.includes('/FlateDecode') ? inflateSync(raw) : raw;
    }
    objects.set(Number(match[1]), { dict, stream });
  }
  return objects;
}

const ref = (dict: string, key: string): number | undefined => {
  const found = new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1];
  return found === undefined ? undefined : Number(found);
};

/** Glyph code → text, from a font's ToUnicode CMap (bfchar and bfrange entries). */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string): string =>
    String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => Number.parseInt(h, 16)));
  for (const [, block = ''] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code = '', text = ''] of block.matchAll(/<(\w+)>\s*<(\w+)>/g)) {
      map.set(Number.parseInt(code, 16), utf16(text));
    }
  }
  for (const [, block = ''] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo = '', hi = '', first = ''] of block.matchAll(/<(\w+)>\s*<(\w+)>\s*<(\w+)>/g)) {
      for (let code = Number.parseInt(lo, 16); code <= Number.parseInt(hi, 16); code++) {
        map.set(
          code,
          String.fromCharCode(Number.parseInt(first, 16) + code - Number.parseInt(lo, 16)),
        );
      }
    }
  }
  return map;
}

/** The text of every page, in page order. */
export function pdfPageTexts(pdf: Buffer): string[] {
  const objects = objectsOf(pdf);
  const pages = [...objects.values()].find((o) => /\/Type \/Pages\b/.test(o.dict));
  const kids = /\/Kids \[([^\]]*)\]/.exec(pages?.dict ?? '')?.[1] ?? '';
  return [...kids.matchAll(/(\d+) 0 R/g)].map(([, id]) => {
    const page = objects.get(Number(id))?.dict ?? '';
    const fonts = new Map<string, Map<number, string>>();
    for (const [, name = '', fontId = ''] of page.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const cmapId = ref(objects.get(Number(fontId))?.dict ?? '', 'ToUnicode');
      const cmap = cmapId === undefined ? undefined : objects.get(cmapId)?.stream;
      fonts.set(name, toUnicode(cmap?.toString('latin1') ?? ''));
    }
    const contentsId = ref(page, 'Contents');
    const content = objects.get(contentsId ?? -1)?.stream?.toString('latin1') ?? '';
    let font = new Map<number, string>();
    let text = '';
    for (const [, name, hex] of content.matchAll(/\/(F\d+) [\d.]+ Tf|<([0-9A-Fa-f]*)>\s*Tj/g)) {
      if (name) font = fonts.get(name) ?? new Map();
      else
        text += (hex?.match(/.{4}/g) ?? [])
          .map((g) => font.get(Number.parseInt(g, 16)) ?? '?')
          .join('');
    }
    return text;
  });
}

/** Text without any white space, so that line breaks and runs do not matter. */
export const squeezed = (text: string): string => text.replace(/\s+/g, '');

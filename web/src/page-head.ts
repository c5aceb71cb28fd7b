// The document head every page shares: no referrer, no favicon request, only our own styles
// and one module script.
export type HeadOptions = {
  /** Already-escaped title text (and attributes for the form's translatable title). */
  title: string;
  titleAttrs?: string;
  styles: readonly string[];
  script: string;
  /** Pages for reporters and staff are kept out of search engines. */
  noindex?: boolean;
};

export function pageHead(o: HeadOptions): string {
  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${o.noindex ? '<meta name="robots" content="noindex">\n' : ''}<link rel="icon" href="data:,">
<title${o.titleAttrs ? ` ${o.titleAttrs}` : ''}>${o.title}</title>
${o.styles.map((s) => `<link rel="stylesheet" href="/${s}">`).join('\n')}
<script type="module" src="/${o.script}"></script>
</head>`;
}

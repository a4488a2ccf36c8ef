// The template minifier used by the builds (scripts/minify-lit-templates.js): what it removes, and
// what it must never touch because the browser or Lit would see a difference.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minifyHtmlQuasis, minifyLitTemplatesInModule } from '../../scripts/minify-lit-templates.js';

/** Minifies `body` as the module `import { html, css } from 'lit'; export const t = <body>;` and returns the template part. */
function minify(body) {
  const code = `import { html, css, svg } from 'lit';\nexport const t = ${body};\n`;
  const result = minifyLitTemplatesInModule(code, { sourceMap: false });
  return (result?.code ?? code).split('export const t = ')[1].replace(/;\n$/, '');
}

describe('html`` templates', () => {
  it('collapses each run of whitespace between and around elements to one space', () => {
    assert.equal(minify('html`\n  <ul>\n    <li>One</li>\n    <li>Two</li>\n  </ul>\n`'), 'html` <ul> <li>One</li> <li>Two</li> </ul> `');
  });

  it('keeps a space where text meets an expression, so words do not run together', () => {
    assert.equal(minify('html`<p>Showing   ${shown}\n   of ${total}</p>`'), 'html`<p>Showing ${shown} of ${total}</p>`');
  });

  it('drops the whitespace before > inside a tag and keeps attribute bindings apart', () => {
    assert.equal(
      minify('html`<button\n    class="row"\n    @click=${onClick}\n    ?disabled=${busy}\n  >Go</button>`'),
      'html`<button class="row" @click=${onClick} ?disabled=${busy}>Go</button>`',
    );
  });

  it('leaves quoted attribute values exactly as written', () => {
    assert.equal(minify('html`<p title="Two  spaces\n  here" aria-label=\'a  b\'>x</p>`'), 'html`<p title="Two  spaces\n  here" aria-label=\'a  b\'>x</p>`');
  });

  it('leaves <pre> and <textarea> content exactly as written', () => {
    assert.equal(minify('html`<pre class="text">  line 1\n    line 2 ${text}\n</pre>\n  <textarea>  a\n b</textarea>`'), 'html`<pre class="text">  line 1\n    line 2 ${text}\n</pre> <textarea>  a\n b</textarea>`');
  });

  it('removes comments, and keeps a comment that holds an expression', () => {
    assert.equal(minify('html`<p>a</p>\n  <!-- why -->\n  <p>b</p>`'), 'html`<p>a</p> <p>b</p>`');
    assert.deepEqual(minifyHtmlQuasis(['<!-- ', ' --><p>x</p>']), ['<!-- ', ' --><p>x</p>']);
  });

  it('keeps escape sequences', () => {
    assert.equal(minify('html`<p>\\`quoted\\`   \\${not an expression}</p>`'), 'html`<p>\\`quoted\\` \\${not an expression}</p>`');
  });

  it('keeps `href=a />` as written (the space tells the parser where the value ends)', () => {
    assert.equal(minify('html`<a href=a />`'), 'html`<a href=a />`');
  });

  it('minifies svg`` the same way', () => {
    assert.equal(minify('svg`\n  <path d="M0 0 L10 10" />\n`'), 'svg` <path d="M0 0 L10 10" /> `');
  });
});

describe('css`` templates', () => {
  it("minifies with esbuild's CSS minifier", () => {
    assert.equal(minify('css`\n  :host {\n    display: block; /* why */\n    color: #ffffff;\n  }\n`'), 'css`:host{display:block;color:#fff}`');
  });

  it('keeps expressions in place', () => {
    assert.equal(minify('css`\n  :host {\n    color: ${unsafeCSS(colour)};\n  }\n  ${more}\n`'), 'css`:host{color:${unsafeCSS(colour)}}${more}`');
  });

  it('escapes what the minified CSS needs inside a template literal', () => {
    assert.equal(minify('css`.dash::before { content: "\\\\2014"; }`'), 'css`.dash:before{content:"\\\\2014"}`');
  });
});

describe('which templates', () => {
  it('only touches tags imported from lit, under any local name', () => {
    const code = "import { html as h } from 'lit';\nconst html = (s) => s;\nexport const a = h`<p>\n  a</p>`;\nexport const b = html`<p>\n  b</p>`;\n";
    const result = minifyLitTemplatesInModule(code, { sourceMap: false });
    assert.match(result.code, /h`<p> a<\/p>`/);
    assert.match(result.code, /html`<p>\n {2}b<\/p>`/);
  });

  it('gives a source map for the changed module', () => {
    const result = minifyLitTemplatesInModule("import { html } from 'lit';\nexport const t = html`\n  <p>x</p>\n`;\n", { fileName: 'x.js' });
    assert.equal(result.map.sources[0], 'x.js');
  });
});

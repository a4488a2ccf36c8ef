// Minifies the text of Lit's tagged templates in built JavaScript: css`` through esbuild's CSS
// minifier, html``/svg`` by collapsing whitespace the browser would collapse anyway. Used by
// rollup.config.js for the package builds and the self-contained bundle (and available as an
// esbuild plugin), because a JS minifier never touches the inside of template literals and our
// widgets are mostly templates and styles.
//
// What html`` minification keeps, so rendering and Lit's bindings are unchanged:
// - every run of whitespace becomes one space (CSS `white-space: normal` shows one space either way;
//   text nodes are neither added nor removed, so inline layout and Lit's markers stay put);
// - whitespace inside a tag before `>` is dropped, and between attributes becomes one space;
// - attribute values in quotes, <pre>, <textarea>, <script> and <style> are copied as they are;
// - HTML comments that start and end in the same piece of the template are removed;
// - escape sequences (`\n`, `\${`) are copied as they are.
import { readFile } from 'node:fs/promises';
import MagicString from 'magic-string';
import { transform, transformSync } from 'esbuild';
import { parseAst } from 'rollup/parseAst';

const LIT_MODULES = /^(lit|lit-html|lit-element)(\/.*)?$|^@lit\/reactive-element(\/.*)?$/;
const TEMPLATE_TAGS = { html: 'html', svg: 'html', css: 'css' };
const RAW_TEXT_ELEMENTS = new Set(['pre', 'textarea', 'script', 'style']);
const WHITESPACE = /[ \t\n\r\f]/;

/** Local names of lit's `html`, `svg` and `css` tags in a module, from its import declarations. */
function templateTagsOf(ast) {
  const tags = new Map();
  for (const node of ast.body) {
    if (node.type !== 'ImportDeclaration' || !LIT_MODULES.test(String(node.source.value))) continue;
    for (const specifier of node.specifiers) {
      if (specifier.type !== 'ImportSpecifier') continue;
      const imported = specifier.imported.name ?? specifier.imported.value;
      if (TEMPLATE_TAGS[imported]) tags.set(specifier.local.name, TEMPLATE_TAGS[imported]);
    }
  }
  return tags;
}

function walk(node, visit) {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (typeof node.type === 'string') visit(node);
  for (const key in node) {
    if (key !== 'type' && key !== 'start' && key !== 'end') walk(node[key], visit);
  }
}

/** Makes cooked text safe to put back between backticks. */
function toRaw(cooked) {
  return cooked.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** Whitespace and comments only: for CSS that esbuild cannot take as a whole (expressions in odd places). */
function collapseCss(raw) {
  return raw.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ');
}

/**
 * The quasis of one css`` template, minified; undefined when it is better left alone. While esbuild
 * minifies, an expression stands in as a statement (`@lit-expression-0;`) where a rule or declaration
 * could start, else as a value (`--lit-expression-0-`); each must come back once, in order.
 */
function minifyCssQuasis(quasis) {
  if (quasis.some((quasi) => quasi.value.cooked == null)) return undefined;
  const fallback = () => quasis.map((quasi) => collapseCss(quasi.value.raw));
  let joined = '';
  const markers = [];
  quasis.forEach((quasi, index) => {
    if (index > 0) {
      const statement = /(^|[{};])\s*$/.test(joined.replace(/\/\*[\s\S]*?\*\//g, ''));
      const marker = statement ? `@lit-expression-${index - 1};` : `--lit-expression-${index - 1}-`;
      markers.push(statement ? new RegExp(`@lit-expression-${index - 1};?`, 'g') : new RegExp(`--lit-expression-${index - 1}-`, 'g'));
      joined += marker;
    }
    joined += quasi.value.cooked;
  });
  let minified;
  try {
    const result = transformSync(joined, { loader: 'css', minify: true, logLevel: 'silent' });
    if (result.warnings.length > 0) return fallback();
    minified = result.code.trim();
  } catch {
    return fallback();
  }
  const pieces = [];
  let rest = minified;
  for (const marker of markers) {
    const found = [...rest.matchAll(marker)];
    if (found.length !== 1) return fallback();
    pieces.push(rest.slice(0, found[0].index));
    rest = rest.slice(found[0].index + found[0][0].length);
  }
  pieces.push(rest);
  return pieces.map(toRaw);
}

/** The raw quasis of one html``/svg`` template, with insignificant whitespace and comments removed. */
export function minifyHtmlQuasis(raws) {
  let state = 'text';
  let tagName = '';
  let closing = false;
  const out = [];
  for (let part = 0; part < raws.length; part += 1) {
    const raw = raws[part];
    let result = '';
    let i = 0;
    while (i < raw.length) {
      const char = raw[i];
      if (char === '\\') {
        result += raw.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (state === 'text') {
        if (WHITESPACE.test(char)) {
          while (i < raw.length && WHITESPACE.test(raw[i])) i += 1;
          if (!result.endsWith(' ')) result += ' ';
          continue;
        }
        if (raw.startsWith('<!--', i)) {
          const end = raw.indexOf('-->', i + 4);
          if (end >= 0) {
            i = end + 3;
            continue;
          }
          state = 'comment';
          result += '<!--';
          i += 4;
          continue;
        }
        const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(raw.slice(i, i + 64));
        if (tag) {
          closing = tag[1] === '/';
          tagName = tag[2].toLowerCase();
          state = 'tag';
          result += tag[0];
          i += tag[0].length;
          continue;
        }
        result += char;
        i += 1;
        continue;
      }
      if (state === 'tag') {
        if (WHITESPACE.test(char)) {
          let end = i;
          while (end < raw.length && WHITESPACE.test(raw[end])) end += 1;
          // Before `>` the space means nothing (not before `/>`: `href=a />` differs from `href=a/>`);
          // at the end of a piece an expression follows, so the space stays.
          if (raw[end] !== '>') result += ' ';
          i = end;
          continue;
        }
        if (char === '"' || char === "'") state = char === '"' ? 'double-quoted' : 'single-quoted';
        else if (char === '>') state = !closing && RAW_TEXT_ELEMENTS.has(tagName) ? 'raw-text' : 'text';
        result += char;
        i += 1;
        continue;
      }
      if (state === 'double-quoted' || state === 'single-quoted') {
        if (char === (state === 'double-quoted' ? '"' : "'")) state = 'tag';
        result += char;
        i += 1;
        continue;
      }
      if (state === 'comment') {
        if (raw.startsWith('-->', i)) {
          state = 'text';
          result += '-->';
          i += 3;
          continue;
        }
        result += char;
        i += 1;
        continue;
      }
      // raw-text: copied until its closing tag.
      if (raw.slice(i, i + 2 + tagName.length).toLowerCase() === `</${tagName}`) {
        state = 'tag';
        closing = true;
        result += raw.slice(i, i + 2 + tagName.length);
        i += 2 + tagName.length;
        continue;
      }
      result += char;
      i += 1;
    }
    out.push(result);
  }
  return out;
}

/**
 * Minifies lit templates in one ES module. Returns undefined when there is nothing to change.
 * @param {string} code JavaScript (TypeScript must be compiled first).
 * @param {{ sourceMap?: boolean; fileName?: string }} [options]
 * @returns {{ code: string; map?: import('magic-string').SourceMap } | undefined}
 */
export function minifyLitTemplatesInModule(code, options = {}) {
  if (!/\b(html|css|svg)\b/.test(code) || !/['"](lit|lit-html|lit-element|@lit\/reactive-element)(\/[^'"]*)?['"]/.test(code)) return undefined;
  const ast = parseAst(code);
  const tags = templateTagsOf(ast);
  if (tags.size === 0) return undefined;
  const source = new MagicString(code);
  let changed = false;
  walk(ast, (node) => {
    if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') return;
    const kind = tags.get(node.tag.name);
    if (!kind) return;
    const { quasis } = node.quasi;
    const minified = kind === 'css' ? minifyCssQuasis(quasis) : minifyHtmlQuasis(quasis.map((quasi) => quasi.value.raw));
    if (!minified) return;
    quasis.forEach((quasi, index) => {
      if (minified[index] === quasi.value.raw) return;
      changed = true;
      if (quasi.start === quasi.end) source.appendLeft(quasi.start, minified[index]);
      else source.overwrite(quasi.start, quasi.end, minified[index]);
    });
  });
  if (!changed) return undefined;
  return {
    code: source.toString(),
    map: options.sourceMap === false ? undefined : source.generateMap({ hires: true, source: options.fileName, includeContent: true }),
  };
}

/** Rollup plugin: runs after TypeScript has been compiled (list it after the esbuild plugin). */
export function minifyLitTemplates({ include = (id) => !id.includes('/node_modules/') && /\.[cm]?[jt]s$/.test(id) } = {}) {
  return {
    name: 'minify-lit-templates',
    transform(code, id) {
      if (!include(id)) return null;
      const result = minifyLitTemplatesInModule(code, { fileName: id });
      return result ? { code: result.code, map: result.map } : null;
    },
  };
}

/**
 * esbuild plugin, for builds made with esbuild alone (such as the size benchmark): compiles our
 * TypeScript with `tsconfigRaw`'s decorator settings, then minifies its templates.
 * @param {{ filter?: RegExp; tsconfigRaw?: string | object }} [options]
 */
export function esbuildMinifyLitTemplates({ filter = /packages\/[^/]+\/src\/.*\.ts$/, tsconfigRaw } = {}) {
  return {
    name: 'minify-lit-templates',
    setup(build) {
      build.onLoad({ filter }, async ({ path }) => {
        const compiled = await transform(await readFile(path, 'utf8'), { loader: 'ts', format: 'esm', target: 'es2022', sourcefile: path, tsconfigRaw });
        const result = minifyLitTemplatesInModule(compiled.code, { sourceMap: false });
        return { contents: result?.code ?? compiled.code, loader: 'js' };
      });
    },
  };
}

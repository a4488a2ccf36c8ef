import { expect } from '@open-wc/testing';
import { narrativeToText, sanitizeNarrative } from '../../packages/elements/src/security/sanitize.js';

function sanitizedHtml(input: string): string {
  const container = document.createElement('div');
  container.append(sanitizeNarrative(input).fragment);
  return container.innerHTML;
}

describe('sanitizeNarrative (FHIR narrative rules)', () => {
  it('keeps the formatting a narrative may use', () => {
    const html = sanitizedHtml('<div><p>Discharged <b>home</b></p><table><tr><td colspan="2">BP</td></tr></table></div>');
    expect(html).to.contain('<b>home</b>');
    expect(html).to.contain('colspan="2"');
  });

  it('removes scripts, event handlers and javascript: URLs', () => {
    const html = sanitizedHtml('<p onclick="alert(1)">x<script>alert(2)</script><a href="javascript:alert(3)">link</a><img src=x onerror=alert(4)></p>');
    expect(html).not.to.match(/onclick|onerror|<script|javascript:/i);
    expect(html).to.contain('link');
  });

  it('drops forms, frames, objects, SVG and style', () => {
    const html = sanitizedHtml('<form action="https://evil.test"><input name=a></form><iframe src="https://evil.test"></iframe><object data="x"></object><svg><script>1</script></svg><style>body{}</style><p style="background:url(https://evil.test/t.png)">t</p>');
    expect(html).not.to.match(/<form|<input|<iframe|<object|<svg|<style|style=/i);
    expect(html).to.contain('t');
  });

  it('never loads a remote image, but keeps inline PNG data images', () => {
    const html = sanitizedHtml('<img src="https://tracker.test/pixel.gif" alt="scan"><img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">');
    expect(html).not.to.contain('tracker.test');
    expect(html).to.contain('data:image/png;base64');
  });

  it('opens web links without opener or referrer', () => {
    const html = sanitizedHtml('<a href="https://www.nhs.uk/">NHS</a>');
    expect(html).to.contain('rel="noopener noreferrer nofollow"');
    expect(html).to.contain('target="_blank"');
  });

  it('reports that something was removed, so the widget can say so', () => {
    expect(sanitizeNarrative('<p>ok</p>').removedCount).to.equal(0);
    expect(sanitizeNarrative('<div xmlns="http://www.w3.org/1999/xhtml"><p>ok</p></div>').removedCount).to.equal(0);
    expect(sanitizeNarrative('<p>ok<script>x()</script></p>').removedCount).to.be.greaterThan(0);
  });

  it('turns narrative into plain text for titles', () => {
    expect(narrativeToText('<div>  Chest <b>pain</b>\n settled </div>')).to.equal('Chest pain settled');
  });
});

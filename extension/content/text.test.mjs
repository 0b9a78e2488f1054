// Unit tests of text.js: the text Reroute reads out of an editor or a message, and the pastes that put a prompt
// into an editor. text.js is a classic content script (no modules in content scripts), so it runs here as the
// browser runs it, as a script, in a context with linkedom's DOM.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import vm from 'node:vm';
import { parseHTML } from 'linkedom';

const source = readFileSync(new URL('./text.js', import.meta.url), 'utf8');
const { window } = parseHTML('<!doctype html><html><body></body></html>');
/** @type {{text: (element: Element) => string, pastePieces: (text: string, editor: string) => string[], quill1ContainerText: (text: string) => string}} */
const RerouteText = vm.runInContext(`${source}\nRerouteText`, vm.createContext({ Node: window.Node }));
/** The pieces as this realm's array (the script's arrays have the context's Array prototype). */
const pastePieces = (text, editor) => [...RerouteText.pastePieces(text, editor)];

/** The text of the first element in `html`. */
function textOf(html) {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return RerouteText.text(document.body.firstElementChild);
}

test('ProseMirror: one line per paragraph; an empty paragraph (its trailing break) is an empty line', () => {
  const html =
    '<div class="ProseMirror"><p>first</p><p><br class="ProseMirror-trailingBreak"></p><p><br class="ProseMirror-trailingBreak"></p><p>last</p></div>';
  assert.equal(textOf(html), 'first\n\n\nlast');
});

test('spaces, tabs, emoji and right-to-left text stay exactly as typed', () => {
  assert.equal(textOf('<div><p>  indented\tand trailing  </p><p>👍🏽 שלום عربي</p></div>'), '  indented\tand trailing  \n👍🏽 שלום عربي');
});

test('a <br> inside a line is a newline; the placeholder <br> at its end is not', () => {
  assert.equal(textOf('<div><p>one<br>two<br></p></div>'), 'one\ntwo');
  assert.equal(textOf('<div><p>one<br><br></p></div>'), 'one\n');
});

test('inline markup counts as its text; images count as nothing', () => {
  assert.equal(textOf('<div>plain <strong>bold</strong> and <a href="#">link</a><img alt="pic"></div>'), 'plain bold and link');
});

test('lists, nested lists, quotes, headings and code come back as the markdown a user would type', () => {
  const html = `<div>
    <h2>Title</h2>
    <ul><li><p>one</p></li><li><p>two</p><ul><li><p>nested</p></li></ul></li></ul>
    <ol start="3"><li><p>third</p></li><li><p>fourth</p></li></ol>
    <blockquote><p>quoted</p><p>twice</p></blockquote>
    <pre><code>let a = 1;\n  let b = 2;\n</code></pre>
  </div>`;
  assert.equal(
    textOf(html),
    ['## Title', '- one', '- two', '   - nested', '3. third', '4. fourth', '> quoted', '> twice', '```', 'let a = 1;', '  let b = 2;', '```'].join('\n'),
  );
});

test("Quill 1's paste container inside the editor's parent is not part of the text", () => {
  assert.equal(textOf('<div><div class="ql-editor"><p>typed</p></div><div class="ql-clipboard"><p>pasted</p></div></div>'), 'typed');
});

/** prosemirror-view's parseFromClipboard for plain text: every run of newlines separates two paragraphs;
 * pasted at the end of the document, the first joins the paragraph with the caret, and each other starts one. */
function pasteIntoProseMirror(paragraphs, piece) {
  const [head, ...rest] = piece.split(/(?:\r\n?|\n)+/);
  paragraphs[paragraphs.length - 1] += head;
  paragraphs.push(...rest);
}

function throughProseMirror(pieces) {
  const paragraphs = [''];
  for (const piece of pieces) pasteIntoProseMirror(paragraphs, piece);
  return paragraphs.join('\n');
}

const PROMPTS = [
  'one line',
  'a\nb',
  'a\n\nb',
  'a\n\n\nb',
  '\n\nleading blank lines',
  'trailing blank lines\n\n',
  'every line\n\nfollowed\n\nby a blank\n\n',
  '\n',
  '```\ncode\n\n\n  indented\n```',
];

test('ProseMirror: the pieces give back every blank line a single paste would collapse', () => {
  assert.notEqual(throughProseMirror(['a\n\n\nb']), 'a\n\n\nb', 'one paste collapses blank lines (else the pieces are needless)');
  assert.deepEqual(pastePieces('a\n\n\nb', 'prose-mirror'), ['a\n', '\n', '\nb']);
  for (const prompt of PROMPTS) {
    for (const editor of ['prose-mirror', 'plain']) {
      const pieces = pastePieces(prompt, editor);
      assert.equal(pieces.join(''), prompt, `${editor}: the pieces are the prompt`);
      assert.equal(throughProseMirror(pieces), prompt, `${editor}: ${JSON.stringify(prompt)}`);
    }
  }
});

test('Quill and Lexical keep every newline of a paste: one piece', () => {
  for (const prompt of PROMPTS) {
    assert.deepEqual(pastePieces(prompt, 'quill'), [prompt]);
    assert.deepEqual(pastePieces(prompt, 'lexical'), [prompt]);
  }
});

test("Quill 1: the container gets one more newline, which convert() drops (quill 1.3.7's trailing-newline rule)", () => {
  for (const prompt of PROMPTS) {
    const converted = RerouteText.quill1ContainerText(prompt).replace(/\n$/, '');
    assert.equal(converted, prompt);
  }
});

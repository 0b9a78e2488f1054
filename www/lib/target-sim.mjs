// What the simulated target sites share: the page (lib/target-shell.html, filled in here), the mode the server
// put in it, recording what is submitted (POSTed to the server, which keeps it byte for byte for the tests), a
// ProseMirror composer for the sites built on TipTap (Le Chat, Grok; chatgpt.com's schema too) and a tracked
// <textarea> for the React ones (DeepSeek, Copilot).
import { baseKeymap } from '@tiptap/pm/commands';
import { history } from '@tiptap/pm/history';
import { keymap } from '@tiptap/pm/keymap';
import { Schema } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { EditorView } from '@tiptap/pm/view';

export const mode = document.querySelector('meta[name="sim-mode"]').content;

/** Sends what the user submitted to the server the way the site's API would get it. */
export const record = (path, text) =>
  fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });

/** Names the page and builds the site's composer from `composer` (its markup), as the single-page app would. */
export function page({ title, composer, colours: [bg, fg] }) {
  document.title = title;
  document.querySelector('h1').textContent = title;
  document.body.style.setProperty('--bg', bg);
  document.body.style.setProperty('--fg', fg);
  document.getElementById('composer-slot').innerHTML = composer;
}

/** Sends `form` as the site does: what `composer` holds, unless the button is disabled or it is blank; the
 * composer is emptied at once, then `sent(text)` shows the turn and records it. */
export function onSubmit(form, composer, sent) {
  const button = form.querySelector('button[type="submit"]');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = composer.text();
    if (button.disabled || !text.trim()) return;
    composer.clear();
    await sent(text);
  });
}

export const schema = new Schema({
  nodes: {
    doc: { content: 'paragraph+' },
    paragraph: { content: 'inline*', parseDOM: [{ tag: 'p' }], toDOM: () => ['p', 0] },
    text: { group: 'inline' },
    hard_break: { inline: true, group: 'inline', selectable: false, parseDOM: [{ tag: 'br' }], toDOM: () => ['br'] },
  },
});

export const docText = (doc) => {
  const lines = [];
  doc.forEach((paragraph) => {
    let line = '';
    paragraph.forEach((node) => (line += node.isText ? node.text : '\n'));
    lines.push(line);
  });
  return lines.join('\n');
};

/** A ProseMirror composer in `mount`: Enter calls `onEnter`, every change `onChange(text)`. */
export function proseMirror(mount, { attributes, onEnter, onChange }) {
  const view = new EditorView(mount, {
    state: EditorState.create({ schema, plugins: [history(), keymap({ Enter: () => (onEnter(), true) }), keymap(baseKeymap)] }),
    attributes,
    dispatchTransaction(transaction) {
      view.updateState(view.state.apply(transaction));
      onChange(docText(view.state.doc));
    },
  });
  return {
    text: () => docText(view.state.doc),
    clear: () => view.dispatch(view.state.tr.replaceWith(0, view.state.doc.content.size, schema.node('paragraph'))),
  };
}

/** A <textarea> composer whose value the page tracks from input events, as React does. */
export function trackedTextarea(textarea, onChange) {
  let tracked = '';
  textarea.addEventListener('input', () => {
    tracked = textarea.value;
    onChange(tracked);
  });
  return {
    text: () => tracked,
    clear: () => {
      textarea.value = '';
      tracked = '';
      onChange('');
    },
  };
}

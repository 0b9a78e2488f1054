// The simulated chatgpt.com: a real ProseMirror composer (div#prompt-textarea, PAGE-MODEL), a send button that
// starts disabled, `?q=` prefill, and the site's own failure texts. What is submitted is POSTed to the server,
// which records it byte for byte for the tests.
import { baseKeymap } from '@tiptap/pm/commands';
import { history } from '@tiptap/pm/history';
import { keymap } from '@tiptap/pm/keymap';
import { EditorState, Plugin } from '@tiptap/pm/state';
import { EditorView } from '@tiptap/pm/view';
import { docText, mode, schema } from '../lib/target-sim.mjs';

const thread = document.getElementById('thread');
const slot = document.getElementById('composer-slot');

const docFromText = (text) =>
  schema.node('doc', null, text.split('\n').map((line) => schema.node('paragraph', null, line ? [schema.text(line)] : [])));

// 'mangle': an editor that "helpfully" collapses runs of spaces, as some sites do: the read-back must catch it.
const mangle = new Plugin({
  appendTransaction: (_transactions, _old, state) => {
    let tr = null;
    state.doc.descendants((node, pos) => {
      if (!node.isText) return;
      for (const match of node.text.matchAll(/ {2,}/g)) (tr ??= state.tr).insertText(' ', pos + match.index, pos + match.index + match[0].length);
    });
    return tr;
  },
});

let view;
const send = document.createElement('button');

function mountComposer(initial = '') {
  slot.replaceChildren();
  const form = document.createElement('form');
  const mount = document.createElement('div');
  mount.style.flex = '1';
  const fallback = document.createElement('textarea');
  fallback.name = 'prompt-textarea';
  fallback.hidden = true;
  send.type = 'button';
  send.dataset.testid = 'send-button';
  send.id = 'composer-submit-button';
  send.setAttribute('aria-label', 'Send prompt');
  send.textContent = '\u2191';
  form.append(mount, fallback, send);
  slot.append(form);
  view?.destroy();
  view = new EditorView(mount, {
    state: EditorState.create({
      doc: initial ? docFromText(mode === 'mangle' ? initial.replace(/ {2,}/g, ' ') : initial) : undefined,
      schema,
      plugins: [history(), keymap({ Enter: () => (submit(), true) }), keymap(baseKeymap), ...(mode === 'mangle' ? [mangle] : [])],
    }),
    attributes: { id: 'prompt-textarea', role: 'textbox', 'aria-label': 'Chat with ChatGPT', 'data-virtualkeyboard': 'true' },
    dispatchTransaction(transaction) {
      view.updateState(view.state.apply(transaction));
      updateSend();
    },
  });
  updateSend();
}

function updateSend() {
  send.disabled = mode === 'no-send' || docText(view.state.doc).trim() === '';
}

send.addEventListener('click', () => submit());

async function submit() {
  const text = docText(view.state.doc);
  if (send.disabled || !text.trim()) return;
  const turn = document.createElement('div');
  turn.dataset.messageAuthorRole = 'user';
  turn.textContent = text;
  thread.append(turn);
  view.dispatch(view.state.tr.replaceWith(0, view.state.doc.content.size, schema.node('paragraph')));
  await fetch('/backend-api/conversation', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
  const reply = document.createElement('div');
  reply.dataset.messageAuthorRole = 'assistant';
  if (mode === 'error') {
    reply.className = 'error';
    reply.textContent =
      'Something went wrong while generating the response. If this issue persists please contact us through our help center at help.openai.com.';
  } else {
    reply.textContent = 'Sure, here is an answer.';
  }
  thread.append(reply);
}

// 'no-prefill': the site ignores `?q=` (its support comes and goes), so the prompt must go in by typing.
const query = mode === 'no-prefill' ? '' : (new URLSearchParams(location.search).get('q') ?? '');
if (mode === 'broken') {
  // The page never shows a composer (a redesign Reroute's selectors don't know yet).
} else if (mode === 'login') {
  slot.innerHTML = '<div class="login"><h2>Get smarter responses</h2><button data-testid="login-button">Log in</button></div>';
} else if (mode === 'slow') {
  setTimeout(() => mountComposer(query), 3000);
} else {
  mountComposer(query);
  // A client-side route change right after load swaps the composer for a new one.
  if (mode === 'spa') setTimeout(() => (history.pushState({}, '', '/c/new'), mountComposer(docText(view.state.doc))), 400);
  if (mode === 'q-autosend' && query) setTimeout(submit, 100);
}
window.__sim = { text: () => docText(view.state.doc) };

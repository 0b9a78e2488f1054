// The simulated chatgpt.com, on the markup of the captures in tests/fixtures/real/chatgpt/ (Jan/Feb 2026): a real
// ProseMirror composer mounted as `div#prompt-textarea.ProseMirror[contenteditable][translate=no]` with no role
// and no aria-label, beside the hidden fallback `textarea[name=prompt-textarea]`; no send button while the
// composer is empty (the "Start Voice" button sits there instead), `button#composer-submit-button
// [data-testid=send-button]` once there is text; turns as `article[data-testid=conversation-turn-N][data-turn]`.
// What is submitted is POSTed to the server, which records it byte for byte for the tests.
//
// Modes (the server's TARGET_MODES): ok, slow (the editor mounts 3 s after the served textarea), login, broken
// (no composer ever), error (the reply is the site's failure text), no-send (the send button never comes),
// late-send (it comes 2 s after the text), mangle (the editor collapses runs of spaces), spa (a client-side
// route change swaps the composer), shadow (a grammar checker wraps the editor's parent in a closed shadow root,
// as QuillBot does in both captures), twin (a first-paint copy of the editor, inert, aria-hidden and of no
// height, comes before the live one: it matches every composer selector), q-autosend (the site submits a `?q=` prompt by itself, as launchers use
// it: Reroute must never put the prompt there), challenge (Cloudflare's bot check stands in for the page), limit
// (the user's own usage cap, its banner over the composer).
import { baseKeymap } from '@tiptap/pm/commands';
import { history } from '@tiptap/pm/history';
import { keymap } from '@tiptap/pm/keymap';
import { EditorState, Plugin } from '@tiptap/pm/state';
import { Decoration, DecorationSet, EditorView } from '@tiptap/pm/view';
import { docText, mode, schema } from '../lib/target-sim.mjs';

const thread = document.getElementById('thread');
const bottom = document.getElementById('thread-bottom');
const loadedUrl = location.href;
let shadowed = false;

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

// The empty composer's only paragraph, as captured: <p data-placeholder="Ask anything" class="placeholder">.
const placeholder = new Plugin({
  props: {
    decorations: (state) => {
      const only = state.doc.childCount === 1 ? state.doc.firstChild : null;
      if (!only || only.content.size > 0) return null;
      return DecorationSet.create(state.doc, [Decoration.node(0, only.nodeSize, { class: 'placeholder', 'data-placeholder': 'Ask anything' })]);
    },
  },
});

// The composer form as captured (the form, the surface grid, the editor's parent with the fallback textarea,
// the leading "+" and the trailing dictate and voice buttons). Static markup, no prompt text in it.
const FORM = `
<form class="group/composer w-full" data-type="unified-composer">
  <div class="hidden"><input multiple="" tabindex="-1" type="file"></div>
  <div class="">
    <div class="bg-token-bg-primary grid grid-cols-[auto_1fr_auto] shadow-short" data-composer-surface="true">
      <div class="-my-2.5 flex min-h-14 items-center overflow-x-hidden px-1.5 [grid-area:primary]">
        <div class="wcDTda_prosemirror-parent text-token-text-primary flex-1 overflow-auto default-browser vertical-scroll-fade-mask">
          <textarea class="wcDTda_fallbackTextarea" name="prompt-textarea" placeholder="Ask anything" data-virtualkeyboard="true" style="display: none"></textarea>
        </div>
      </div>
      <div class="[grid-area:leading]">
        <span class="flex" data-state="closed"><button type="button" class="composer-btn" data-testid="composer-plus-btn" aria-label="Add files and more" id="composer-plus-btn" aria-haspopup="menu" aria-expanded="false" data-state="closed">+</button></span>
      </div>
      <div class="flex items-center gap-2 [grid-area:trailing]">
        <div class="ms-auto flex items-center gap-1.5 trailing">
          <span class="" data-state="closed"><button aria-label="Dictate button" type="button" class="composer-btn">&#127908;</button></span>
          <div class="speech-or-send"></div>
        </div>
      </div>
    </div>
  </div>
</form>
<div class="disclaimer">ChatGPT can make mistakes. Check important info.</div>`;

let view;
let speechOrSend;
let sendAllowedAt = null;
let lateTimer;

function voiceButton() {
  const span = document.createElement('span');
  span.dataset.state = 'closed';
  span.innerHTML =
    '<div><div class="relative"><button type="button" aria-label="Start Voice" class="composer-submit-button-color text-submit-btn-text flex h-9 w-9 items-center justify-center rounded-full" style="view-transition-name: var(--vt-composer-speech-button)">&#9679;</button></div></div>';
  return span;
}

function sendButton() {
  const button = document.createElement('button');
  button.id = 'composer-submit-button';
  button.type = 'button';
  button.dataset.testid = 'send-button';
  button.className = 'composer-submit-button-color text-submit-btn-text flex h-9 w-9 items-center justify-center rounded-full';
  button.setAttribute('aria-label', 'Send prompt');
  button.textContent = '\u2191';
  button.addEventListener('click', () => submit());
  return button;
}

/** No send button while the composer is empty; the voice button is there instead. */
function updateSend() {
  const hasText = docText(view.state.doc).trim() !== '';
  if (!hasText) sendAllowedAt = null;
  else if (sendAllowedAt === null) {
    sendAllowedAt = Date.now() + (mode === 'late-send' ? 2000 : 0);
    if (mode === 'late-send') {
      clearTimeout(lateTimer);
      lateTimer = setTimeout(updateSend, 2000);
    }
  }
  const wantSend = hasText && mode !== 'no-send' && Date.now() >= sendAllowedAt;
  const hasSend = !!speechOrSend.querySelector('#composer-submit-button');
  if (wantSend !== hasSend) speechOrSend.replaceChildren(wantSend ? sendButton() : voiceButton());
}

function mountComposer(initial = '', { editorLater = 0 } = {}) {
  bottom.innerHTML = FORM;
  const parent = bottom.querySelector('.wcDTda_prosemirror-parent');
  speechOrSend = bottom.querySelector('.speech-or-send');
  speechOrSend.replaceChildren(voiceButton());
  if (mode === 'twin') {
    const copy = document.createElement('div');
    copy.setAttribute('aria-hidden', 'true');
    copy.inert = true;
    copy.style.cssText = 'height: 0; overflow: hidden';
    copy.innerHTML = '<div contenteditable="true" translate="no" class="ProseMirror" id="prompt-textarea"><p data-placeholder="Ask anything" class="placeholder"><br class="ProseMirror-trailingBreak"></p></div>';
    bottom.prepend(copy);
  }
  if (mode === 'shadow') {
    // QuillBot's overlay, as in both captures: the editor's parent becomes a closed shadow host whose light-DOM
    // children (the fallback textarea and the editor) are slotted.
    const root = parent.attachShadow({ mode: 'closed' });
    const highlighter = document.createElement('qb-highlighter');
    highlighter.setAttribute('contenteditable', 'false');
    highlighter.style.display = 'none';
    const slot = document.createElement('slot');
    slot.style.display = 'contents';
    root.append(highlighter, slot);
    shadowed = true;
  }
  const mountEditor = () => {
    const dom = document.createElement('div');
    parent.append(dom);
    view?.destroy();
    view = new EditorView({ mount: dom }, {
      state: EditorState.create({
        doc: initial ? docFromText(mode === 'mangle' ? initial.replace(/ {2,}/g, ' ') : initial) : undefined,
        schema,
        plugins: [history(), keymap({ Enter: () => (submit(), true) }), keymap(baseKeymap), placeholder, ...(mode === 'mangle' ? [mangle] : [])],
      }),
      // As captured in Jan/Feb 2026: no role, no aria-label (QuillBot's data-qb-tmp-id and spellcheck are its own).
      attributes: { id: 'prompt-textarea', translate: 'no', 'data-virtualkeyboard': 'true' },
      dispatchTransaction(transaction) {
        view.updateState(view.state.apply(transaction));
        updateSend();
      },
    });
    updateSend();
  };
  if (editorLater) setTimeout(mountEditor, editorLater);
  else mountEditor();
}

let turns = 0;
function article(role) {
  const turn = document.createElement('article');
  turn.className = 'text-token-text-primary w-full';
  turn.tabIndex = -1;
  turn.dir = 'auto';
  turn.dataset.turnId = crypto.randomUUID();
  turn.dataset.testid = `conversation-turn-${++turns}`;
  turn.dataset.scrollAnchor = 'false';
  turn.dataset.turn = role;
  const heading = document.createElement(role === 'user' ? 'h5' : 'h6');
  heading.className = 'sr-only';
  heading.textContent = role === 'user' ? 'You said:' : 'ChatGPT said:';
  const message = document.createElement('div');
  message.dataset.messageAuthorRole = role;
  message.dataset.messageId = turn.dataset.turnId;
  message.dir = 'auto';
  message.className = 'min-h-8 text-message relative flex w-full flex-col';
  turn.append(heading, message);
  thread.append(turn);
  return message;
}

async function submit() {
  const text = docText(view.state.doc);
  if (!text.trim() || !speechOrSend.querySelector('#composer-submit-button')) return;
  const bubble = document.createElement('div');
  bubble.className = 'user-message-bubble-color relative rounded-[18px] px-4 py-1.5';
  const content = document.createElement('div');
  content.className = 'whitespace-pre-wrap';
  content.textContent = text;
  bubble.append(content);
  article('user').append(bubble);
  view.dispatch(view.state.tr.replaceWith(0, view.state.doc.content.size, schema.node('paragraph')));
  await fetch('/backend-api/conversation', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
  const reply = document.createElement('div');
  if (mode === 'error') {
    reply.className = 'error';
    reply.textContent =
      'Something went wrong while generating the response. If this issue persists please contact us through our help center at help.openai.com.';
  } else {
    reply.className = 'markdown prose';
    reply.textContent = 'Sure, here is an answer.';
  }
  article('assistant').append(reply);
}

if (mode === 'broken') {
  // The page never shows a composer (a redesign Reroute's selectors don't know yet).
} else if (mode === 'login') {
  bottom.innerHTML = '<div class="login"><h2>Get smarter responses</h2><button data-testid="login-button">Log in</button></div>';
} else if (mode === 'challenge') {
  // Cloudflare's bot check in place of the page (its title and words, as the reduced capture of claude.ai's has them).
  document.title = 'Just a moment...';
  document.body.innerHTML = '<div role="main"><h1>chatgpt.com</h1><h2>Performing security verification</h2>' +
    '<p>This website uses a security service to protect against malicious bots.</p><div>Ray ID: <code>8f2c1d9a7b3e4f11</code></div></div>';
} else if (mode === 'limit') {
  // The user's own usage cap: the composer is there, the cap's banner over it.
  mountComposer();
  const banner = document.createElement('div');
  banner.className = 'error';
  banner.textContent = "You've hit your limit. Please try again later.";
  bottom.prepend(banner);
} else if (mode === 'slow') {
  // The page as served holds only the hidden fallback textarea; the editor mounts once the app has loaded.
  mountComposer('', { editorLater: 3000 });
} else if (mode === 'q-autosend') {
  // What launchers use `?q=` for: the site fills the composer and sends it unchecked.
  const query = new URLSearchParams(location.search).get('q') ?? '';
  mountComposer(query);
  if (query) setTimeout(submit, 100);
} else {
  mountComposer();
  // A client-side route change right after load swaps the composer for a new one.
  if (mode === 'spa') setTimeout(() => (window.history.pushState({}, '', '/c/new'), mountComposer(docText(view.state.doc))), 400);
}
window.__sim = { text: () => (view ? docText(view.state.doc) : ''), loadedUrl, get shadowed() { return shadowed; } };

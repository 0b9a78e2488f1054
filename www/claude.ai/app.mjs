// The simulated claude.ai app on the real markup (tests/fixtures/real/claude/, PAGE-MODEL "Real pages, 2026"):
// the live Tiptap composer mounted beside the inert server-rendered twin, the notice band above it, the
// disclaimer, turns in either 2026 markup, and the site's failure UI in its real places, driven by what the
// simulated API answers. The markup, the UI language and a grammar checker's closed shadow root around the
// composer are chosen by the server (meta tags). Bundled by www/server.mjs with esbuild.
import { Editor } from '@tiptap/core';
import { Placeholder } from '@tiptap/extensions';
import StarterKit from '@tiptap/starter-kit';
import { ENGLISH_ONLY, TEXTS_BY_LANGUAGE } from './texts.mjs';

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content;
/** 'feb-2026': turns in div[data-test-render-count], replies .font-claude-response, no Send button while the
 * composer is empty. 'late-2026': transcript rows, replies [data-testid=assistant-message], no
 * .font-claude-response anywhere, a disabled Send button while empty (July 2026 fragments). */
const MARKUP = meta('sim-markup') === 'feb-2026' ? 'feb-2026' : 'late-2026';
const LANG = document.documentElement.lang === 'ja' ? 'ja' : 'en';
/** 'grammar-checker': a closed shadow root around the composer's wrapper, its light children slotted, as the
 * QuillBot extension in the captures does. */
const EXTENSION = meta('sim-extension');

const TEXTS = TEXTS_BY_LANGUAGE[LANG];

const ORG = '6f1c2e7a-0b4d-4e0f-9a51-3c2d1b0e9f88';
const CONVERSATION = 'b1a3c9d2-7e44-4f0a-8c1e-5d2f0a9b7c61';
/** claude.ai retries a capacity failure up to 5 times, the first after about 8 s, before it shows any text. */
const CAPACITY_RETRIES = 5;
const CAPACITY_RETRY_MS = 8000;
const $ = (selector) => document.querySelector(selector);
const transcript = $('#transcript');

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

// ---- The conversation, in the chosen markup ----

let rowCount = 0;
const actions = () => element('div', { role: 'group', 'aria-label': 'Message actions', class: 'actions' },
  element('button', { type: 'button', 'data-testid': 'action-bar-copy', 'aria-label': 'Copy' }, '\u2398'));

/** A turn's row: the late-2026 transcript row (the last one marked) or the Feb 2026 render-count wrapper. */
function row(role) {
  const index = rowCount++;
  if (MARKUP === 'feb-2026') return element('div', { 'data-test-render-count': '2' });
  transcript.querySelector('[data-last-message="true"]')?.removeAttribute('data-last-message');
  return element('div', {
    'data-testid': 'transcript-row', 'data-index': String(index), 'data-perf-row': role === 'user' ? 'human' : 'assistant',
    'data-perf-row-streaming': 'false', 'data-last-message': 'true',
  });
}

function userTurn(text) {
  const message = element('div', { 'data-testid': 'user-message', class: 'font-large !font-user-message grid grid-cols-1 gap-2 py-0.5 relative' },
    element('p', { class: 'whitespace-pre-wrap break-words' }, text));
  const turn = row('user');
  turn.append(element('div', { class: 'mb-1 mt-6 group' }, element('div', { class: 'flex flex-col items-end gap-1' }, message, actions())));
  transcript.append(turn);
  return turn;
}

/** A reply's row and the element its markdown goes in. */
function replyTurn({ streaming = false } = {}) {
  const turn = row('assistant');
  const markdown = element('div', { class: 'standard-markdown grid-cols-1 grid gap-3 standard-markdown' });
  let reply;
  if (MARKUP === 'feb-2026') {
    reply = element('div', { 'data-is-streaming': String(streaming), class: 'group relative pb-3' },
      element('div', { class: 'font-claude-response relative' }, element('div', {}, markdown)));
    turn.append(element('div', { class: 'group' }, element('div', { class: 'contents' }, reply), actions()));
  } else {
    turn.dataset.perfRowStreaming = String(streaming);
    reply = element('div', { 'data-testid': 'assistant-message', 'data-cds': 'AssistantMessage', 'data-is-streaming': String(streaming) }, markdown);
    turn.append(reply, actions());
  }
  transcript.append(turn);
  return { turn, reply, markdown };
}

function finish({ turn, reply }) {
  reply.dataset.isStreaming = 'false';
  if (turn.dataset.perfRowStreaming) turn.dataset.perfRowStreaming = 'false';
}

const paragraph = (text) => element('p', { class: 'font-claude-response-body break-words whitespace-normal' }, text);

/** The site's warning about a reply, inside that reply's row, with its Try again button. */
function replyWarning(text, turn = replyTurn().turn) {
  turn.append(element('div', { 'data-testid': 'message-warning', role: 'status', class: 'message-warning' },
    element('span', {}, text), ' ', element('button', { type: 'button' }, TEXTS.retry)));
  return turn;
}

/** The notice band above the live composer: where usage, limit and capacity notices go. */
function bandNotice(...lines) {
  const notice = element('div', { class: 'band-notice' }, ...lines.map((line) => element('p', {}, line)));
  $('[data-alert-band-wrapper]').append(notice);
  return notice;
}

function toast(text, role = 'status') {
  const node = element('li', { 'data-sonner-toast': '', role }, text);
  $('#toaster').append(node);
  return node;
}

function errorScreen() {
  document.body.replaceChildren(
    element('div', { class: 'error-screen' },
      element('div', {},
        element('h1', {}, ENGLISH_ONLY.returnSoon),
        element('p', {}, ENGLISH_ONLY.disruption),
        element('button', { type: 'button' }, 'Try again'),
        element('p', {}, `${ENGLISH_ONLY.supportCode} `, element('code', {}, '1034YMZ')))),
  );
}

function loginPage() {
  document.body.replaceChildren(
    element('div', { class: 'error-screen' },
      element('div', {}, element('h1', {}, 'Log in to Claude'), element('p', { role: 'alert' }, ENGLISH_ONLY.login), element('button', { type: 'button' }, 'Continue with email'))),
  );
}

/** A conversation whose own text quotes every failure text, in every place a reply can hold text (markdown,
 * code, the screen-reader status line tools write inside a reply): none of it may ever count as a failure. */
function quotingConversation() {
  const everything = [...Object.values(TEXTS), ...Object.values(ENGLISH_ONLY)];
  userTurn(`I keep seeing these errors, what do they mean?\n${everything.map((text) => `- ${text}`).join('\n')}`);
  const { markdown, reply, turn } = replyTurn();
  markdown.append(paragraph('Here is what each one means:'));
  const list = element('ul');
  for (const text of everything) list.append(element('li', {}, `\u201c${text}\u201d usually means a temporary problem.`));
  markdown.append(list);
  markdown.append(element('pre', {}, element('code', {}, JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, null, 2))));
  markdown.append(paragraph(`${ENGLISH_ONLY.returnSoon}. ${TEXTS.cantConnect} ${TEXTS.limit}`));
  reply.append(element('span', { class: 'sr-only', role: 'status', 'aria-live': 'polite' }, TEXTS.failedReply));
  finish({ turn, reply });
  userTurn(TEXTS.capacity);
  const second = replyTurn();
  second.markdown.append(paragraph(`That message, \u201c${TEXTS.failedReply}\u201d, and \u201c${TEXTS.throttled}\u201d are all transient.`));
  finish(second);
}

// ---- The composer: the live one mounted beside the server-rendered twin, which goes inert ----

const ssr = $('[data-testid="prompt-input-ssr-interactive"]');
ssr.setAttribute('inert', '');
ssr.classList.add('opacity-0', 'pointer-events-none');

const fieldset = element('fieldset', { class: 'flex w-full min-w-0 flex-col composer' });
const upload = element('input', { id: 'chat-input-file-upload-bottom', 'data-testid': 'file-upload', 'aria-hidden': 'true', tabindex: '-1', class: 'file-upload', multiple: '', 'aria-label': 'Upload files', type: 'file' });
const band = element('div', { class: 'px-3 md:px-2', 'data-alert-band-wrapper': 'true' });
const mount = element('div', { class: 'w-full overflow-y-auto font-large break-words max-h-96' });
const controls = element('div', { class: 'relative flex gap-2 w-full items-center composer-row' },
  element('button', { type: 'button', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-label': 'Toggle menu' }, '+'),
  element('span', { class: 'model' }, 'Opus 5'));
fieldset.append(upload, band, element('div', { class: 'relative' }, element('div', { class: 'composer-box' }, element('div', { class: 'relative' }, mount), controls)));
$('#live-composer-area').append(fieldset);
if (EXTENSION === 'grammar-checker') {
  // QuillBot's overlay: the wrapper becomes a closed shadow host; the editor stays in the light DOM, slotted.
  mount.attachShadow({ mode: 'closed' }).append(element('qb-highlighter', { contenteditable: 'false', style: 'display: none' }), element('slot'));
}

const editor = new Editor({
  element: mount,
  // An existing chat says "Reply..." (the Jan/Feb 2026 captures); a new one asks how it can help.
  extensions: [StarterKit, Placeholder.configure({ placeholder: location.pathname.startsWith('/chat/') ? TEXTS.replyPlaceholder : TEXTS.placeholder })],
  editorProps: {
    attributes: {
      role: 'textbox', enterkeyhint: 'enter', 'data-testid': 'chat-input', 'aria-label': TEXTS.composerLabel, 'aria-multiline': 'true',
      'aria-required': 'false', 'aria-invalid': 'false', translate: 'no', tabindex: '0',
    },
    handleKeyDown: (_view, event) => {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        sendMessage();
        return true;
      }
      return false;
    },
  },
  onUpdate: () => updateSendButton(),
});

/** Feb 2026: no Send button at all while the composer is empty (a voice button instead). Late 2026: a
 * disabled one. */
const sendButton = element('button', { type: 'button', 'data-cds': 'Button', 'aria-label': TEXTS.send, class: 'send' }, '\u2191');
const voiceButton = element('button', { type: 'button', 'aria-label': TEXTS.voice, class: 'voice' }, '\u{1f399}');
controls.append(MARKUP === 'feb-2026' ? voiceButton : sendButton);
let blocked = false;
function updateSendButton() {
  const empty = editor.isEmpty;
  if (MARKUP === 'feb-2026') (empty ? sendButton : voiceButton).replaceWith(empty ? voiceButton : sendButton);
  sendButton.disabled = empty || blocked;
}
updateSendButton();
sendButton.addEventListener('click', () => sendMessage());

// ---- Talking to the API ----

const completionUrl = `/api/organizations/${ORG}/chat_conversations/${CONVERSATION}/completion`;
const post = (prompt) => fetch(completionUrl, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ prompt, parent_message_uuid: null, model: 'claude-opus-5', trigger: 'submit', attachments: [], files: [], timezone: 'UTC' }),
});

/** After an exceeded limit the app blocks the composer and sends nothing more. */
function block() {
  blocked = true;
  editor.setEditable(false);
  updateSendButton();
}

async function sendMessage() {
  const prompt = editor.getText({ blockSeparator: '\n' });
  if (blocked || !prompt.trim()) return;
  userTurn(prompt);
  editor.commands.clearContent(true);
  updateSendButton();
  // A new message supersedes the last one's quiet retries.
  clearTimeout(retryTimer);
  const pending = replyTurn({ streaming: true });
  return attempt(prompt, pending, 0);
}
let retryTimer = 0;

/** One request for `prompt`; a capacity failure is retried quietly, and its text shows only once the retries
 * are spent. Resolves once this attempt is answered, so a caller isn't held for the retries' tens of seconds. */
async function attempt(prompt, pending, retry) {
  let response;
  try {
    response = await post(prompt);
  } catch {
    pending.turn.remove();
    toast(TEXTS.cantConnect, 'alert');
    return;
  }
  if (response.status === 529 || (await isOverloadedStream(response))) {
    if (retry === CAPACITY_RETRIES) return replyWarning(TEXTS.capacity, pending.turn);
    retryTimer = setTimeout(() => pending.turn.isConnected && attempt(prompt, pending, retry + 1), CAPACITY_RETRY_MS);
    return;
  }
  if (response.status === 429) {
    pending.turn.remove();
    const body = await response.json().catch(() => null);
    const limit = (() => { try { return JSON.parse(body?.error?.message); } catch { return null; } })();
    if (limit?.type === 'exceeded_limit') {
      bandNotice(TEXTS.usageLimit);
      return block();
    }
    return bandNotice(TEXTS.limit, TEXTS.limitResets);
  }
  if (response.status === 403) {
    pending.turn.remove();
    return response.headers.get('content-type')?.includes('html') ? undefined : toast(ENGLISH_ONLY.apiError403, 'alert');
  }
  if (!response.ok) return replyWarning(TEXTS.failedReply, pending.turn);
  await streamReply(response, pending);
}

/** A 200 whose stream opens with an overloaded error is a capacity failure too; it is read here (and the
 * response kept for streamReply otherwise). */
async function isOverloadedStream(response) {
  if (!response.ok || !response.headers.get('content-type')?.includes('event-stream')) return false;
  response.reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  response.buffer = '';
  const first = await response.reader.read();
  response.buffer = first.value ?? '';
  response.overloaded = /event: error\ndata: .*overloaded_error/.test(response.buffer) && !response.buffer.includes('content_block_delta');
  return response.overloaded;
}

async function streamReply(response, reply) {
  let current = reply.markdown.appendChild(paragraph(''));
  const reader = response.reader;
  let buffer = response.buffer;
  let stopped = false;
  for (;;) {
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const type = /^event: (.*)$/m.exec(frame)?.[1];
      const data = JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? '{}');
      if (type === 'content_block_delta') {
        // Small DOM mutations, as a streaming reply makes: one text node per delta, a paragraph per blank line.
        const parts = data.delta.text.split('\n\n');
        current.append(document.createTextNode(parts[0]));
        for (const part of parts.slice(1)) current = reply.markdown.appendChild(paragraph(part));
      } else if (type === 'message_limit' && data.message_limit.type === 'exceeded_limit') {
        reply.turn.remove();
        bandNotice(TEXTS.usageLimit);
        return block();
      } else if (type === 'message_stop') {
        stopped = true;
      } else if (type === 'error') {
        finish(reply);
        return replyWarning(data.error.type === 'overloaded_error' ? TEXTS.capacity : TEXTS.failedReply, reply.turn);
      }
    }
    let chunk;
    try {
      chunk = await reader.read();
    } catch {
      chunk = { done: true };
    }
    if (chunk.done) break;
    buffer += chunk.value;
  }
  finish(reply);
  // A stream that ends without message_stop is shown as an interrupted reply.
  if (!stopped) replyWarning(TEXTS.streamCut, reply.turn);
}

// ---- What tests and the demo can ask of the page ----

/** A user message with the site's warning in the reply's row after it, no request made. */
const failedTurn = (text) => () => {
  userTurn('Please summarise this article.');
  replyWarning(text);
};

const SHOW = {
  'error-screen': errorScreen,
  capacity: failedTurn(TEXTS.capacity),
  'failed-reply': failedTurn(TEXTS.failedReply),
  'stream-cut': failedTurn(TEXTS.streamCut),
  'capacity-band': () => bandNotice(TEXTS.capacityBand),
  'limit-banner': () => bandNotice(TEXTS.limit, TEXTS.limitResets),
  'limit-resets': () => bandNotice(TEXTS.limitResets),
  'usage-limit': () => bandNotice(TEXTS.usageLimit),
  'out-of-free': () => bandNotice(TEXTS.outOfFree),
  approaching: () => bandNotice(TEXTS.approaching),
  'length-limit': () => bandNotice(TEXTS.lengthLimit),
  'too-many-chats': () => bandNotice(TEXTS.tooManyChats),
  busy: () => bandNotice(TEXTS.throttled),
  'cant-reach': () => toast(TEXTS.cantConnect, 'alert'),
  'api-error': () => toast('API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}', 'alert'),
  'something-wrong': () => toast(TEXTS.somethingWrong, 'alert'),
  /** The site's warning on an old reply, followed by a reply that completed: history, not now. */
  'old-warning': () => {
    failedTurn(TEXTS.failedReply)();
    userTurn('Try once more');
    const reply = replyTurn();
    reply.markdown.append(paragraph('Done.'));
    finish(reply);
  },
};

window.__sim = {
  show: (name) => SHOW[name](),
  clearBanners: () => band.replaceChildren(),
  clearToasts: () => $('#toaster').replaceChildren(),
  editor,
  markup: MARKUP,
  /** Puts `text` in the composer as typing it would: one paragraph per line, spaces and tabs as they are. */
  setComposer: (text) => {
    editor.commands.setContent({
      type: 'doc',
      content: text.split('\n').map((line) => ({ type: 'paragraph', content: line ? [{ type: 'text', text: line }] : [] })),
    });
    updateSendButton();
  },
  /** What the server-rendered twin holds (it keeps whatever was typed before hydration). */
  setServerRendered: (text) => {
    $('[data-testid="chat-input-ssr"]').value = text;
  },
  send: (text) => {
    window.__sim.setComposer(text);
    return sendMessage();
  },
};

if (location.pathname === '/login') {
  loginPage();
} else if (location.pathname === '/maintenance' || location.pathname === '/restricted') {
  // The error screen is served at these routes too (PAGE-MODEL).
  errorScreen();
} else {
  if (location.pathname.startsWith('/chat/quoting')) quotingConversation();
  const shown = new URLSearchParams(location.search).get('show');
  if (shown) SHOW[shown]?.();
  fetch('/api/organizations').catch(() => {});
}

// The simulated claude.ai app: a Tiptap composer with the real attributes, the message list, and the real
// failure UI in its real places (PAGE-MODEL.md), driven by what the simulated API answers. Bundled by
// www/server.mjs with esbuild; the texts below are claude.ai's, verbatim.
import { Editor } from '@tiptap/core';
import { Placeholder } from '@tiptap/extensions';
import StarterKit from '@tiptap/starter-kit';

export const TEXTS = {
  returnSoon: 'Claude will return soon',
  disruption: 'Claude is currently experiencing a temporary service disruption. We\u2019re working on it, please check back soon.',
  supportCode: 'Still not working? You can reach out to support with this error code:',
  capacity: 'Due to unexpected capacity constraints, Claude is unable to respond to your message. Please try again soon.',
  upgrade: 'Or consider upgrading to Claude Pro.',
  failedReply: "This response didn't load. Try again by chatting to Claude.",
  limit: "You've hit your limit for Claude messages. Limits will reset at 1:00 AM. For higher limits, explore our Pro plan.",
  approaching: 'Approaching 5-hour limit.',
  fiveHourReached: '5-hour limit reached - resets 3:00 PM.',
  lengthLimit:
    'Your message will exceed the length limit for this chat. Try attaching fewer or smaller files or starting a new conversation.',
  login: 'There was an error logging you in',
  cantReach: "Can't reach Claude",
  checkConnection: 'Check your connection',
  busy: 'Service is temporarily busy. You can try again shortly',
  apiError500: 'API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}',
  apiError403:
    'API Error: 403 {"type":"error","error":{"type":"permission_error","message":"Account is no longer a member of the organization associated with this token."}}',
  somethingWrong: 'Something went wrong',
};

const ORG = '6f1c2e7a-0b4d-4e0f-9a51-3c2d1b0e9f88';
const CONVERSATION = 'b1a3c9d2-7e44-4f0a-8c1e-5d2f0a9b7c61';
const $ = (selector) => document.querySelector(selector);
const feed = $('#feed');

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

// ---- The conversation ----

function userTurn(text) {
  const turn = element('article', {}, element('h2', { class: 'sr-only' }, 'You said:'), element('div', { 'data-testid': 'user-message' }, text));
  feed.append(turn);
  return turn;
}

function replyTurn({ streaming = false } = {}) {
  const body = element('div', { class: 'font-claude-response-body standard-markdown', 'data-is-streaming': String(streaming) });
  const turn = element('article', { 'data-perf-row': 'assistant' }, element('h2', { class: 'sr-only' }, 'Claude responded:'), body);
  feed.append(turn);
  return body;
}

/** Where the reply would be: claude.ai shows the capacity error there, never on the status page. */
function inlineCapacityError() {
  feed.append(
    element('div', { class: 'reply-error' }, element('span', { 'aria-hidden': 'true' }, '\u26a0'),
      element('div', {}, element('p', {}, TEXTS.capacity), element('p', {}, element('a', { href: '/upgrade/pro' }, TEXTS.upgrade)))),
  );
}

function failedReplyPlaceholder() {
  feed.append(element('div', { class: 'reply-placeholder' }, TEXTS.failedReply));
}

function banner(text, kind = '') {
  const node = element('div', { class: `banner ${kind}`.trim() }, text);
  $('#banners').append(node);
  return node;
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
        element('h1', {}, TEXTS.returnSoon),
        element('p', {}, TEXTS.disruption),
        element('button', { type: 'button' }, 'Try again'),
        element('p', {}, `${TEXTS.supportCode} `, element('code', {}, '1034YMZ')))),
  );
}

function loginPage() {
  document.body.replaceChildren(
    element('div', { class: 'error-screen' },
      element('div', {}, element('h1', {}, 'Log in to Claude'), element('p', { role: 'alert' }, TEXTS.login), element('button', { type: 'button' }, 'Continue with email'))),
  );
}

/** A conversation whose own text quotes every failure text: none of it may ever count as a failure. */
function quotingConversation() {
  const everything = Object.values(TEXTS);
  userTurn(`I keep seeing these errors, what do they mean?\n${everything.map((text) => `- ${text}`).join('\n')}`);
  const reply = replyTurn();
  reply.append(element('p', {}, 'Here is what each one means:'));
  const list = element('ul');
  for (const text of everything) list.append(element('li', {}, `\u201c${text}\u201d usually means a temporary problem.`));
  reply.append(list);
  reply.append(element('pre', {}, element('code', {}, JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, null, 2))));
  reply.append(element('p', {}, `${TEXTS.returnSoon}. ${TEXTS.cantReach}. ${TEXTS.limit}`));
  userTurn(TEXTS.capacity);
  replyTurn().append(element('p', {}, `That message, \u201c${TEXTS.failedReply}\u201d, and \u201c${TEXTS.busy}\u201d are all transient.`));
}

// ---- The composer ----

const editor = new Editor({
  element: $('#editor'),
  extensions: [StarterKit, Placeholder.configure({ placeholder: 'How can I help you today?' })],
  editorProps: {
    attributes: { 'data-testid': 'chat-input', role: 'textbox', 'aria-label': 'Write your prompt to Claude', 'aria-multiline': 'true' },
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

function updateSendButton() {
  $('#send').disabled = editor.isEmpty;
}

$('#send').addEventListener('click', () => sendMessage());

// ---- Talking to the API ----

async function sendMessage() {
  const prompt = editor.getText({ blockSeparator: '\n' });
  if (!prompt.trim()) return;
  userTurn(prompt);
  editor.commands.clearContent(true);
  updateSendButton();
  let response;
  try {
    response = await fetch(`/api/organizations/${ORG}/chat_conversations/${CONVERSATION}/completion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt, parent_message_uuid: null, model: 'claude-opus-5', trigger: 'submit', attachments: [], files: [], timezone: 'UTC' }),
    });
  } catch {
    toast(`${TEXTS.cantReach}. ${TEXTS.checkConnection}`, 'alert');
    return;
  }
  if (response.status === 529) return inlineCapacityError();
  if (response.status === 429) return banner(TEXTS.limit);
  if (response.status === 403) return toast(TEXTS.apiError403, 'alert');
  if (!response.ok) return failedReplyPlaceholder();
  await streamReply(response);
}

async function streamReply(response) {
  const body = replyTurn({ streaming: true });
  let paragraph = body.appendChild(element('p'));
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const type = /^event: (.*)$/m.exec(frame)?.[1];
      const data = JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? '{}');
      if (type === 'content_block_delta') {
        // Small DOM mutations, as a streaming reply makes: one text node per delta, a paragraph per blank line.
        const parts = data.delta.text.split('\n\n');
        paragraph.append(document.createTextNode(parts[0]));
        for (const part of parts.slice(1)) paragraph = body.appendChild(element('p', {}, part));
      } else if (type === 'message_limit' && data.message_limit.type === 'exceeded_limit') {
        banner(TEXTS.limit);
      } else if (type === 'error') {
        body.closest('article').remove();
        return data.error.type === 'overloaded_error' ? inlineCapacityError() : failedReplyPlaceholder();
      }
    }
  }
  body.dataset.isStreaming = 'false';
}

// ---- What tests and the demo can ask of the page ----

const SHOW = {
  'error-screen': errorScreen,
  'limit-banner': () => banner(TEXTS.limit),
  approaching: () => banner(TEXTS.approaching, 'info'),
  'five-hour-reached': () => banner(TEXTS.fiveHourReached),
  'length-limit': () => banner(TEXTS.lengthLimit, 'info'),
  busy: () => banner(TEXTS.busy),
  'cant-reach': () => toast(`${TEXTS.cantReach}. ${TEXTS.checkConnection}`, 'alert'),
  'api-error': () => toast(TEXTS.apiError500, 'alert'),
  'something-wrong': () => toast(TEXTS.somethingWrong, 'alert'),
  capacity: inlineCapacityError,
  'failed-reply': failedReplyPlaceholder,
};

window.__sim = {
  show: (name) => SHOW[name](),
  clearBanners: () => $('#banners').replaceChildren(),
  clearToasts: () => $('#toaster').replaceChildren(),
  editor,
  /** Puts `text` in the composer as typing it would: one paragraph per line, spaces and tabs as they are. */
  setComposer: (text) => {
    editor.commands.setContent({
      type: 'doc',
      content: text.split('\n').map((line) => ({ type: 'paragraph', content: line ? [{ type: 'text', text: line }] : [] })),
    });
    updateSendButton();
  },
  send: (text) => {
    window.__sim.setComposer(text);
    return sendMessage();
  },
};

if (location.pathname === '/login') {
  loginPage();
} else {
  if (location.pathname.startsWith('/chat/quoting')) quotingConversation();
  const shown = new URLSearchParams(location.search).get('show');
  if (shown) SHOW[shown]?.();
  fetch('/api/organizations').catch(() => {});
}

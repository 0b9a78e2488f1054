// The simulated chat.deepseek.com: a <textarea id="chat-input"> tracked from input events (React), sent with
// Enter (Shift+Enter is a new line) or a send "button" that is a div with obfuscated classes, as the real one
// is. In 'error' mode the reply is the site's "server is busy" message.
import { mode, page, record, trackedTextarea } from '../lib/target-sim.mjs';

page({
  title: 'DeepSeek - Into the Unknown',
  colours: ['#ffffff', '#262626'],
  composer:
    mode === 'login'
      ? '<div class="ds-sign-up-form"><a href="/sign_in">Log in</a><button class="ds-sign-up-form__register-button">Sign up</button></div>'
      : `<div class="composer"><textarea id="chat-input" class="ds-scroll-area" rows="2" placeholder="Message DeepSeek"></textarea>
          <div role="button" class="ds-icon-button" aria-disabled="true" tabindex="0">&#8593;</div></div>`,
});
if (mode !== 'login') {
  const input = document.getElementById('chat-input');
  const button = document.querySelector('.ds-icon-button');
  const composer = trackedTextarea(input, (text) => button.setAttribute('aria-disabled', String(text.trim() === '')));

  async function send() {
    const text = composer.text();
    if (!text.trim()) return;
    const turn = document.createElement('div');
    turn.className = 'ds-message';
    turn.textContent = text;
    document.getElementById('thread').append(turn);
    composer.clear();
    await record('/api/v0/chat/completion', text);
    const reply = document.createElement('div');
    reply.className = 'ds-message';
    reply.textContent = mode === 'error' ? 'The server is busy. Please try again later.' : 'Hi! How can I help?';
    document.getElementById('thread').append(reply);
  }
  // React's handler: it runs for any keydown the page sees, and an untrusted one inserts no newline.
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
  button.addEventListener('click', () => button.getAttribute('aria-disabled') !== 'true' && send());
  window.__sim = { text: () => input.value, tracked: composer.text };
}

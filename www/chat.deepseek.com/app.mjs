// The simulated chat.deepseek.com, on the captured markup (tests/fixtures/real/deepseek/, reduced August 2026
// fragments: attribute values, not layout): `textarea[name=search]` tracked from input events (React), mode
// radios, the DeepThink / Search toggles, and a send "button" that is a `div[role=button].ds-button
// .ds-button--primary` whose only disabled mark is the class `ds-button--disabled` (no `disabled`, no
// `aria-disabled`). The class drops a moment after the text arrives, on React's next render, and a click while
// it is there does nothing. Enter sends too (Shift+Enter is a new line). In 'error' mode the reply is the site's
// "server is busy" message; in 'login' mode there is no composer, only the sign-up form.
import { mode, page, record, trackedTextarea } from '../lib/target-sim.mjs';

// Markup only: fixed strings, no page or user text.
page({
  title: 'DeepSeek - Into the Unknown',
  colours: ['#ffffff', '#262626'],
  composer:
    mode === 'login'
      ? '<div class="ds-sign-up-form"><a href="/sign_in">Log in</a><button class="ds-sign-up-form__register-button">Sign up</button></div>'
      : `<div class="composer">
          <div role="radiogroup">
            <div role="radio" aria-checked="true"><span>Instant</span></div>
            <div role="radio" aria-checked="false"><span>Expert</span></div>
            <div role="radio" aria-checked="false"><span>Vision</span></div>
          </div>
          <textarea name="search" placeholder="Message DeepSeek" rows="2"></textarea>
          <div class="ds-toggle-button ds-toggle-button--m ds-toggle-button--selected" aria-pressed="true"><span>DeepThink</span></div>
          <div class="ds-toggle-button ds-toggle-button--m ds-toggle-button--selected" aria-pressed="true"><span>Search</span></div>
          <input type="file" multiple hidden>
          <div role="button" class="ds-button ds-button--iconLabelPrimary">+</div>
          <div role="button" class="ds-button ds-button--primary ds-button--disabled">&#8593;</div>
        </div>`,
});
if (mode !== 'login') {
  const input = document.querySelector('textarea[name="search"]');
  const button = document.querySelector('div[role="button"].ds-button--primary');
  const disabled = () => button.classList.contains('ds-button--disabled');
  // React renders the class on its next frame, not within the input event.
  let render = 0;
  const composer = trackedTextarea(input, (text) => {
    clearTimeout(render);
    render = setTimeout(() => button.classList.toggle('ds-button--disabled', text.trim() === ''), 150);
  });

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
  button.addEventListener('click', () => !disabled() && send());
  window.__sim = { text: () => input.value, tracked: composer.text, sendDisabled: disabled };
}

// A self-hosted chat front end, as Open WebUI and LibreChat are: a plain <textarea> composer whose value the
// page tracks from input events (as React does), `?q=` read into it on load, and a send button that is
// disabled while it is empty. What is sent is POSTed to the server, which records it byte for byte.
const input = document.getElementById('chat-input');
const button = document.getElementById('send-message-button');
let tracked = '';
const update = () => {
  tracked = input.value;
  button.disabled = tracked.trim() === '';
};
input.addEventListener('input', update);
const query = new URLSearchParams(location.search).get('q');
if (query) {
  input.value = query;
  update();
}
document.getElementById('chat').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (button.disabled) return;
  const text = tracked;
  const turn = document.createElement('div');
  turn.className = 'user';
  turn.textContent = text;
  document.getElementById('messages').append(turn);
  input.value = '';
  update();
  await fetch('/api/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
});
window.__sim = { text: () => input.value, tracked: () => tracked };

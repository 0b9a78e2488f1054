// @ts-check
// Reroute on claude.ai, in the extension's isolated world. It decides nothing: it sends small snapshots of what
// changes on the page (texts outside the conversation that could be failure messages), relays what the stream
// observer (claude-stream.js) reports, and shows the in-page offer when the background's verdict asks for it.
// The Rust core in the background matches texts and weighs the evidence.
(() => {
  // Filled in by tools/assemble.mjs from src/claude.rs, the one table of claude.ai facts.
  const SITE = __CLAUDE_SITE__;
  const api = globalThis.browser ?? globalThis.chrome;
  const OFFER_ID = 'reroute-offer';
  const surfaceSelector = SITE.surfaces.map(([, selector]) => selector).join(', ');
  /** Elements reported as failure texts → their key, so their removal can be reported too.
   * @type {Map<Element, string>} */
  const reported = new Map();
  /** @type {Map<string, string>} key → the text last reported for it */
  const lastText = new Map();
  let nextKey = 1;

  /** What to undo when this script is orphaned (see `orphan`).
   * @type {(() => void)[]} */
  const stoppers = [];
  let orphaned = false;
  /** After the extension is updated, reloaded or turned off, Chrome leaves this script running in the page but
   * cut off from it: `runtime.id` turns undefined and `runtime.sendMessage` throws "Extension context
   * invalidated" synchronously (before any `.catch`). The new version's script isn't injected into this page,
   * so this one stops for good: no observer, no offer whose buttons could no longer do anything.
   * @param {unknown} error */
  function orphan(error) {
    if (orphaned) return;
    orphaned = true;
    console.warn('Reroute was updated or turned off: its script in this page stops (reload the page to use Reroute).', error);
    for (const stop of stoppers) {
      try {
        stop();
      } catch {
        // Stopping the rest matters more.
      }
    }
    document.getElementById(OFFER_ID)?.remove();
  }
  /** @param {unknown} error */
  const isInvalidated = (error) => !api.runtime?.id || /context invalidated/i.test(String(/** @type {any} */ (error)?.message ?? error));
  /** Asks the background; null when it can't answer (and for good once orphaned).
   * @param {object} message
   * @returns {Promise<{data?: any} | null>} the background's reply, validated where it is used */
  const send = (message) => {
    if (orphaned) return Promise.resolve(null);
    try {
      return api.runtime.sendMessage(message).catch((/** @type {unknown} */ error) => {
        if (isInvalidated(error)) orphan(error);
        return null;
      });
    } catch (error) {
      orphan(error);
      return Promise.resolve(null);
    }
  };
  const { t, say, isPhrase } = RerouteI18n; // content/i18n.js
  /** What this page tells the background (protocol.rs decodes each as strictly as a stranger's).
   * @typedef {{kind: 'page-text', key: string, surface: ClaudeSurface, text: string}
   *   | {kind: 'page-cleared', key: string} | {kind: 'route', path: string} | {kind: 'online', online: boolean}
   *   | {kind: string}} PageEvent the last: a stream event from claude-stream.js, passed on as it came */
  /** @param {PageEvent} event */
  const report = (event) => send({ type: 'claude/event', event });

  /** Subtrees whose text never counts under `root`: the conversation, Reroute's own offer, scripts, and other
   * surfaces (they are reported on their own).
   * @param {Element} element
   * @param {Element} root */
  const skipped = (element, root) =>
    element.id === OFFER_ID ||
    element.matches(SITE.conversation) ||
    element.matches('script, style, noscript, template') ||
    (element !== root && element.matches(surfaceSelector));

  /** The text of `root` outside the conversation, up to just past the longest text worth sending.
   * @param {Element} root */
  function textOutsideConversation(root) {
    let text = '';
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) =>
        node.nodeType === Node.TEXT_NODE
          ? NodeFilter.FILTER_ACCEPT
          : skipped(/** @type {Element} */ (node), root)
            ? NodeFilter.FILTER_REJECT
            : NodeFilter.FILTER_SKIP,
    });
    while (text.length <= SITE.maxTextChars && walker.nextNode()) text += `${/** @type {Text} */ (walker.currentNode).data} `;
    return text.replace(/\s+/g, ' ').trim();
  }

  /** @param {string} text */
  function mightBeFailure(text) {
    const lower = text.toLowerCase().replaceAll('\u2019', "'");
    return SITE.triggerWords.some((word) => lower.includes(word));
  }

  /** The first surface that holds `element`, and its container there.
   * @param {Element} element
   * @returns {{surface: ClaudeSurface, container: Element | null}} */
  function surfaceOf(element) {
    for (const [surface, selector] of SITE.surfaces) {
      const container = element.closest(selector);
      if (container) return { surface, container };
    }
    return { surface: 'page', container: null };
  }

  /** Whether `warning` (the site's warning about a reply) speaks for now: only the last row's does; one left on
   * an earlier reply is history.
   * @param {Element} warning */
  function isCurrent(warning) {
    const row = warning.closest(SITE.rows);
    if (!row) return true;
    const rows = document.querySelectorAll(SITE.rows);
    return row === rows[rows.length - 1];
  }

  /** Looks at one element that appeared or changed.
   * @param {Element | null} element */
  function consider(element) {
    if (!element?.isConnected || element.closest(`#${OFFER_ID}`)) return;
    const warning = element.closest(SITE.replyWarning);
    if (warning) return isCurrent(warning) && reportText(warning, 'reply-warning', textOutsideConversation(warning));
    if (element.closest(SITE.conversation)) return;
    const { surface, container } = surfaceOf(element);
    // An alert or toast is read whole; anything else only as far as what changed.
    const target = surface === 'alert' && container ? container : element;
    reportText(target, surface, textOutsideConversation(target));
  }

  /** Reports `target`'s text if it may be a failure text and changed; reports it gone if it no longer is.
   * @param {Element} target
   * @param {ClaudeSurface} surface
   * @param {string} fullText */
  function reportText(target, surface, fullText) {
    const text = fullText.slice(0, SITE.maxTextChars + 1);
    const key = reported.get(target);
    if (!text || !mightBeFailure(text)) {
      if (key) clear(target, key);
      return;
    }
    if (key && lastText.get(key) === text) return;
    const id = key ?? `e${nextKey++}`;
    reported.set(target, id);
    lastText.set(id, text);
    report({ kind: 'page-text', key: id, surface, text });
  }

  /** @param {Element} element
   * @param {string} key */
  function clear(element, key) {
    reported.delete(element);
    lastText.delete(key);
    report({ kind: 'page-cleared', key });
  }

  /** An added subtree: each surface inside it on its own, then the rest of it. Conversation subtrees (a
   * streaming reply adds many) are dropped before any query runs.
   * @param {Element} root */
  function considerSubtree(root) {
    if (root.closest(`#${OFFER_ID}`)) return;
    if (root.closest(SITE.conversation)) return considerWarnings(root);
    for (const surface of root.querySelectorAll(surfaceSelector)) consider(surface);
    consider(root);
  }

  /** Inside the conversation only the site's own warnings count.
   * @param {Element} element */
  function considerWarnings(element) {
    if (element.matches(SITE.replyWarning)) return consider(element);
    for (const warning of element.querySelectorAll(SITE.replyWarning)) consider(warning);
  }

  /** claude.ai serves its error screen at a few routes too, in every language: the route says it. Only error
   * routes, and leaving one, are worth a message (the core decides; this only spares the others). */
  /** @type {string | null} */
  let lastPath = null;
  let onErrorRoute = false;
  function checkRoute() {
    const path = location.pathname;
    if (path === lastPath) return;
    lastPath = path;
    const error = SITE.errorRoutes.some((route) => path === route || path.startsWith(`${route}/`));
    if (error || onErrorRoute) report({ kind: 'route', path: path.slice(0, 200) });
    onErrorRoute = error;
  }

  // Only what changes is looked at: added nodes and changed text, never the whole document per mutation.
  // A streaming reply makes thousands of records against the same few parents inside the conversation, so
  // the conversation test is made once per run of records with the same target.
  /** @type {Node | null} */
  let lastTarget = null;
  let lastTargetInConversation = false;
  /** @param {Node} node */
  const inConversation = (node) => {
    if (node !== lastTarget) {
      lastTarget = node;
      const element = node.nodeType === Node.ELEMENT_NODE ? /** @type {Element} */ (node) : node.parentElement;
      lastTargetInConversation = !!element?.closest(SITE.conversation);
    }
    return lastTargetInConversation;
  };

  const observer = new MutationObserver((records) => {
    /** @type {Set<Element | null>} */
    const changed = new Set();
    let removed = false;
    for (const record of records) {
      // Everything under a conversation element is the conversation: what it adds or removes never counts,
      // except a warning of the site's own (an element, so text changes are passed over at no cost).
      if (inConversation(record.target)) {
        for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) considerWarnings(/** @type {Element} */ (node));
        continue;
      }
      if (record.type === 'characterData') {
        changed.add(record.target.parentElement);
        continue;
      }
      removed ||= record.removedNodes.length > 0;
      for (const node of record.addedNodes) {
        changed.add(node.nodeType === Node.ELEMENT_NODE ? /** @type {Element} */ (node) : node.parentElement);
      }
    }
    lastTarget = null; // the page may have moved nodes between batches
    checkRoute();
    for (const element of changed) {
      if (!element) continue;
      if (changed.has(element.parentElement)) continue; // its parent's subtree covers it
      considerSubtree(element); // an element: added ones, and the parents of text nodes
    }
    if (removed) {
      for (const [element, key] of reported) if (!element.isConnected) clear(element, key);
    }
    if (offer) placeSoon();
  });

  stoppers.push(() => observer.disconnect());

  function start() {
    if (orphaned) return;
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    checkRoute();
    if (document.body) considerSubtree(document.body);
  }

  // ---- Other signals ----

  window.addEventListener('online', () => report({ kind: 'online', online: true }));
  window.addEventListener('offline', () => report({ kind: 'online', online: false }));
  if (!navigator.onLine) report({ kind: 'online', online: false });

  // From claude-stream.js in the page's world. The page could post these too, so they are treated as page
  // evidence only, and the background decodes them as strictly as everything else.
  const STREAM_KINDS = new Set(['stream-error', 'stream-limit', 'stream-done', 'stream-cut']);
  window.addEventListener('message', (message) => {
    if (message.source !== window || message.data?.source !== 'reroute-stream') return;
    const event = message.data.event;
    if (event && STREAM_KINDS.has(event.kind)) report(event);
  });

  // ---- The in-page offer ----

  /** The offer on the page, while a verdict asks for it.
   * @typedef {{host: HTMLElement, headline: HTMLElement, reasons: HTMLElement,
   *   showTargets: (targets: TargetButton[]) => void, incident: string | null}} Offer */
  /** @type {Offer | null} */
  let offer = null;
  stoppers.push(() => {
    offer?.host.remove();
    offer = null;
  });

  /** Whether the user can type in `element`: the hydrated editor, not the inert, hidden server-rendered twin
   * that claude.ai keeps in the page with the same label (nor a zero-size leftover).
   * @param {Element} element */
  const isLive = (element) =>
    !element.closest('[inert], [aria-hidden="true"], [hidden]') && element.getClientRects().length > 0;

  /** The composer the user types in: the first live candidate, live editor first. */
  function liveComposer() {
    for (const selector of SITE.composer) {
      for (const element of document.querySelectorAll(selector)) if (isLive(element)) return element;
    }
    return null;
  }

  /** @param {Element} composer */
  const composerText = (composer) => (composer instanceof HTMLTextAreaElement ? composer.value : RerouteText.text(composer));

  /** Whether `reply` is one the user got: done streaming, and not cut short (the site then puts its warning in
   * the reply's row). A reply still streaming, or waiting while claude.ai retries, is not.
   * @param {Element} reply */
  const complete = (reply) =>
    reply.closest('[data-is-streaming]')?.getAttribute('data-is-streaming') !== 'true' && !reply.closest(SITE.rows)?.querySelector(SITE.replyWarning);

  /** The prompt as the user typed it: the composer's text, exactly (leading spaces, blank lines, trailing
   * whitespace and all); if the failed send cleared it, the last message of theirs that got no complete reply. */
  function promptText() {
    const composer = liveComposer();
    const draft = composer ? composerText(composer) : '';
    if (draft.trim()) return draft;
    const mine = document.querySelectorAll(SITE.userMessage);
    const last = mine[mine.length - 1];
    if (!last) return '';
    const replied = [...document.querySelectorAll(SITE.reply)].some(
      (reply) => last.compareDocumentPosition(reply) & Node.DOCUMENT_POSITION_FOLLOWING && complete(reply),
    );
    return replied ? '' : RerouteText.text(last);
  }

  /** The conversation so far, for the optional context preamble. */
  const TURN_CHARS = 10_000;
  function conversationTurns() {
    return [...document.querySelectorAll(`${SITE.userMessage}, ${SITE.reply}`)]
      .filter((turn, i, all) => !all.some((other) => other !== turn && other.contains(turn)))
      // Context is a short preamble (prompt.rs caps it far below this): a very long turn must not make the
      // whole request too big to be accepted.
      .map((turn) => ({ role: turn.matches(SITE.userMessage) ? 'user' : 'claude', text: RerouteText.text(turn).slice(0, TURN_CHARS) }))
      .slice(-40);
  }

  const STYLE = `
    :host { all: initial; position: fixed; z-index: 2147483646; }
    section { box-sizing: border-box; position: relative; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px;
      padding: 10px 40px 10px 12px; border-radius: 12px; border: 1px solid #f1b4b4; background: #fff5f5; color: #3b1212;
      font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; box-shadow: 0 4px 16px rgb(0 0 0 / .12); }
    .text { flex: 1 1 260px; min-width: 0; }
    .headline { margin: 0; font-weight: 600; }
    .reasons { margin: 2px 0 0; font-size: 12px; color: #6b3b3b; }
    .outcome { flex-basis: 100%; margin: 0; font-size: 12px; font-weight: 600; }
    .outcome:empty { display: none; }
    .actions { display: flex; gap: 6px; flex-wrap: wrap; }
    button { font: inherit; font-size: 13px; border-radius: 8px; padding: 5px 10px; cursor: pointer;
      border: 1px solid #d9a3a3; background: #fff; color: #3b1212; }
    button.primary { background: #b91c1c; border-color: #b91c1c; color: #fff; }
    button:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
    .health { font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; opacity: .85; }
    .all-down { margin: 4px 0 0; font-size: 12px; font-weight: 600; }
    .dismiss { position: absolute; top: 6px; right: 6px; border: 0; background: transparent; font-size: 18px; line-height: 1; padding: 2px 6px; }
    @media (prefers-color-scheme: dark) {
      section { background: #2a1414; border-color: #7f2a2a; color: #fde8e8; }
      .reasons { color: #f2b8b8; }
      button { background: #3a1c1c; border-color: #7f2a2a; color: #fde8e8; }
      button.primary { background: #dc2626; border-color: #dc2626; }
    }`;

  /** A button that answers only the user: a page script's synthetic click (isTrusted false) does nothing.
   * @param {string} label
   * @param {string} className
   * @param {(event: MouseEvent) => void} onClick */
  function button(label, className, onClick) {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = label;
    if (className) element.className = className;
    element.addEventListener('click', (event) => event.isTrusted && onClick(event));
    return element;
  }

  async function copyPrompt() {
    const text = promptText();
    if (text) await navigator.clipboard.writeText(text);
    return text;
  }

  function createOffer() {
    const host = document.createElement('div');
    host.id = OFFER_ID;
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    const section = document.createElement('section');
    section.setAttribute('role', 'region');
    section.setAttribute('aria-label', t('offerRegion'));
    const text = document.createElement('div');
    text.className = 'text';
    text.setAttribute('role', 'status');
    const headline = document.createElement('p');
    headline.className = 'headline';
    const reasons = document.createElement('p');
    reasons.className = 'reasons';
    text.append(headline, reasons);
    const status = document.createElement('p');
    status.className = 'outcome';
    status.setAttribute('role', 'status');
    /** @param {string} target */
    /** Every click ends in words on screen: what is happening, and then what happened, with the prompt on the
     * clipboard said out loud (it replaced whatever the user had copied). One request at a time: a double click
     * delivers once.
     * @param {string} target @param {string} name */
    const open = (target, name) => async () => {
      if (sending.has(target)) return;
      const prompt = promptText();
      if (!prompt.trim()) {
        status.textContent = t('offerNothingToSend');
        return;
      }
      sending.add(target);
      const clicked = actions.querySelector(`[data-target="${target}"]`);
      clicked?.setAttribute('aria-busy', 'true');
      // On the clipboard first, while the click still counts as the user's: if the delivery fails, it's there.
      const copied = navigator.clipboard.writeText(prompt).then(() => true, () => false);
      status.textContent = t('offerSending', name);
      const answer = await send({ type: 'claude/reroute', target, prompt, turns: conversationTurns() });
      const clipboard = (await copied) ? t('offerOnClipboard') : t('offerUseCopy');
      const notKept = answer?.data?.kept === false ? ` ${t('offerNotKept')}` : '';
      status.textContent = `${t(answer?.data ? 'offerOpened' : 'offerFailed', name)} ${clipboard}${notKept}`;
      clicked?.removeAttribute('aria-busy');
      sending.delete(target);
    };
    /** Targets with a request on its way: a second click on the same button is the same request. */
    const sending = new Set();
    const copy = button(t('copyPrompt'), '', async () => {
      const copied = await copyPrompt().catch(() => null);
      copy.textContent = t(copied ? 'copied' : copied === '' ? 'nothingToCopy' : 'copyFailed');
      setTimeout(() => (copy.textContent = t('copyPrompt')), 2000);
    });
    /** Keeps the prompt until Claude is back (src/hold.rs): Reroute says when, and sends it back in one click. */
    let holding = false;
    const hold = button(t('holdForClaude'), '', async () => {
      if (holding) return;
      const prompt = promptText();
      if (!prompt.trim()) {
        status.textContent = t('offerNothingToSend');
        return;
      }
      holding = true;
      const answer = await send({ type: 'claude/hold', prompt });
      status.textContent = answer?.data && !answer.data.refused ? t('heldKept') : t('heldKeepFailed');
      holding = false;
    });
    hold.dataset.action = 'hold';
    copy.dataset.action = 'copy';
    const actions = document.createElement('div');
    actions.className = 'actions';
    actions.append(hold, copy);
    /** One button per enabled target, in the user's order (the default first) with healthy targets first;
     * a target that is failing says so on its button.
     * @param {TargetButton[]} targets */
    const showTargets = (targets) => {
      // Names and reasons count too: a renamed custom target or a new reason redraws.
      const key = JSON.stringify(targets);
      if (actions.dataset.targets === key) return;
      actions.dataset.targets = key;
      actions.querySelectorAll('[data-target]').forEach((element) => element.remove());
      const buttons = targets.map((target, index) => {
        const element = button(t('sendTo', target.name), index === 0 && target.health !== 'down' ? 'primary' : '', open(target.id, target.name));
        element.dataset.target = target.id;
        element.dataset.health = target.health;
        if (target.accessNeeded) {
          // The site's access was withheld in the browser: a click would open a tab where Reroute can't run.
          const chip = document.createElement('span');
          chip.className = 'health';
          chip.textContent = t('accessNeeded');
          element.append(' ', chip);
          element.dataset.access = 'needed';
          element.disabled = true;
          element.title = t('accessNeededHint', target.name);
          element.className = '';
          return element;
        }
        if (target.chip) {
          // The core's word for it: what stood in the way last time (a login wall is not an outage), else down.
          const chip = document.createElement('span');
          chip.className = 'health';
          chip.textContent = t(target.chip);
          element.append(' ', chip);
        }
        if (target.reason) element.title = say(target.reason);
        return element;
      });
      actions.prepend(...buttons);
      const failing = targets.length > 0 && targets.every((target) => target.health === 'down');
      allDown.textContent = failing ? t('allTargetsDown') : '';
      allDown.hidden = !failing;
    };
    const allDown = document.createElement('p');
    allDown.className = 'all-down';
    allDown.hidden = true;
    text.append(allDown);
    const dismiss = button('\u00d7', 'dismiss', () => {
      const incident = offer?.incident;
      host.remove();
      offer = null;
      if (incident) send({ type: 'claude/dismiss', incident });
    });
    dismiss.setAttribute('aria-label', t('dismiss'));
    dismiss.title = t('dismissUntilNext');
    section.append(text, actions, dismiss, status);
    root.append(style, section);
    return { host, headline, reasons, showTargets, incident: null };
  }

  /** Just above the composer, as wide as it, without covering it; bottom centre when there is none.
   * @param {HTMLElement} host */
  function place(host) {
    const composer = liveComposer();
    const box = composer?.closest(SITE.composerForm)?.getBoundingClientRect() ?? composer?.getBoundingClientRect();
    const style = host.style;
    if (box && box.width > 0) {
      const left = Math.max(8, box.left);
      style.left = `${Math.round(left)}px`;
      style.width = `${Math.round(Math.min(box.width, window.innerWidth - left - 8))}px`;
      // A composer taller than the window (a huge prompt) would push the offer off the top: keep it on screen.
      style.bottom = `${Math.round(Math.min(window.innerHeight - box.top + 8, window.innerHeight - 140))}px`;
    } else {
      style.left = '50%';
      style.width = 'min(640px, calc(100vw - 32px))';
      style.transform = 'translateX(-50%)';
      style.bottom = '24px';
    }
  }

  // At most once a frame: placing reads layout, and a streaming page mutates many times a frame.
  let placing = 0;
  function placeSoon() {
    placing ||= requestAnimationFrame(() => {
      placing = 0;
      if (offer) place(offer.host);
    });
  }

  /** The target list from the background, kept for renders that come without one. */
  /** @type {TargetButton[]} */
  let targets = [];
  const HEALTH = ['ok', 'unknown', 'degraded', 'down'];
  /** @param {any} value from the background, checked before use
   * @returns {value is TargetButton[]} */
  const isTargetList = (value) =>
    Array.isArray(value) &&
    value.every(
      (/** @type {any} */ t) =>
        typeof t?.id === 'string' && /^[a-z]+$/.test(t.id) && typeof t.name === 'string' && HEALTH.includes(t.health) &&
        typeof t.accessNeeded === 'boolean' &&
        (t.reason === null || isPhrase(t.reason)),
    );

  /** Shows, updates or takes away the offer for `verdict` (the background's; a missing one means none).
   * @param {Verdict | null | undefined} verdict
   * @param {unknown} targetList */
  function render(verdict, targetList) {
    if (orphaned) return;
    if (isTargetList(targetList)) targets = targetList;
    if (!verdict?.offer) {
      offer?.host.remove();
      offer = null;
      return;
    }
    offer ??= createOffer();
    offer.incident = verdict.incident;
    offer.host.dataset.verdict = verdict.kind;
    offer.headline.textContent = say(verdict.headline);
    offer.reasons.textContent = say(verdict.reasons[0]);
    offer.showTargets(targets);
    if (!offer.host.isConnected) document.documentElement.append(offer.host);
    place(offer.host);
  }

  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== api.runtime.id) return;
    if (message?.type === 'verdict') render(message.verdict, message.targets);
    if (message?.type === 'capture') sendResponse({ prompt: promptText(), turns: conversationTurns() });
    if (message?.type === 'say' && SAID_KEYS.includes(message.key)) showSaid(t(message.key));
  });

  const TOAST_STYLE = `p { position: fixed; z-index: 2147483647; left: 50%; bottom: 96px; transform: translateX(-50%); margin: 0;
    max-width: min(90vw, 480px); padding: 8px 14px; border-radius: 8px; font: 600 13px/1.4 system-ui, sans-serif;
    background: #1f1e1d; color: #fff; box-shadow: 0 2px 10px rgb(0 0 0 / 25%); }`;
  /** What the background may say here: the outcome of the keyboard shortcut, which has no button of its own. */
  const SAID_KEYS = ['offerNothingToSend', 'shortcutNoTarget', 'shortcutFailed', 'offerNotKept'];
  /** Shows `text` where the user looks: the offer's outcome line when the offer is up, else a brief toast.
   * @param {string} text */
  function showSaid(text) {
    const line = offer?.host.shadowRoot?.querySelector('.outcome');
    if (line) {
      line.textContent = text;
      return;
    }
    const host = document.createElement('reroute-toast');
    host.id = 'reroute-toast';
    document.getElementById('reroute-toast')?.remove();
    const root = host.attachShadow({ mode: 'open' });
    const box = document.createElement('p');
    box.setAttribute('role', 'status');
    box.textContent = text;
    const style = document.createElement('style');
    style.textContent = TOAST_STYLE;
    root.append(style, box);
    document.documentElement.append(host);
    setTimeout(() => host.remove(), 6000);
  }

  // ---- Drafts: what the user types is saved as they type, so nothing is lost to an error screen or a crash ----

  let draftTimer = 0;
  const composerSelector = SITE.composer.join(', ');
  /** @param {EventTarget | null} node */
  const inComposer = (node) =>
    node instanceof Node && !!(node.nodeType === Node.ELEMENT_NODE ? /** @type {Element} */ (node) : node.parentElement)?.closest(composerSelector);
  function saveDraft() {
    clearTimeout(draftTimer);
    const composer = liveComposer();
    if (composer) send({ type: 'claude/draft', conversation: location.pathname.slice(0, 500), text: composerText(composer) });
  }
  document.addEventListener('input', (event) => {
    if (!inComposer(event.target)) return;
    clearTimeout(draftTimer);
    draftTimer = setTimeout(saveDraft, 400);
  }, true);
  // Sending clears the composer: save first (capture phase, before the page's own handlers run).
  window.addEventListener('keydown', (event) => event.key === 'Enter' && !event.shiftKey && inComposer(event.target) && saveDraft(), true);
  // Any button beside the composer may be Send (its label is in the user's language, so it isn't looked for).
  window.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    if (button && button.closest(SITE.composerForm)?.contains(liveComposer())) saveDraft();
  }, true);
  window.addEventListener('pagehide', saveDraft);
  window.addEventListener('resize', placeSoon);

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
  send({ type: 'claude/hello' }).then((reply) => reply?.data && render(reply.data.verdict, reply.data.targets));
})();

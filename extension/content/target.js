// @ts-check
// Reroute on a target site (chatgpt.com, gemini.google.com). If the background has a prompt waiting for this
// tab, it puts it into the composer the way the site's editor accepts it, reads it back, sends it only if it is
// exactly the prompt, and confirms the send. The site's facts (selectors, error texts) come with the handoff
// from src/targets.rs. Whatever goes wrong, the prompt is kept and a notice says what happened.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  let orphanLogged = false;
  /** Asks the background; null when it can't answer. The background may be stopped while it answers (Chrome
   * stops an idle worker, Firefox suspends its event page): the message is then rejected, and asked again it
   * starts afresh from storage, where the handoff is; so a rejected message is sent again, twice at most
   * (a claim or report that never got its answer changed nothing the second one doesn't see). An orphaned
   * script (the extension was updated or turned off since this page loaded) gets a synchronous throw from
   * Chrome's `runtime.sendMessage` ("Extension context invalidated"): it is logged once and answered with
   * null, so the delivery ends with the prompt kept (the clipboard, the notice's Copy button) instead of an
   * uncaught error halfway.
   * @param {object} message
   * @returns {Promise<{data?: any} | null>} the background's reply, validated where it is used */
  const send = async (message) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await api.runtime.sendMessage(message);
      } catch (error) {
        if (!api.runtime?.id) {
          if (!orphanLogged) console.warn('Reroute was updated or turned off: its script in this page stops (reload the page).', error);
          orphanLogged = true;
          return null;
        }
        if (attempt === 3) return null;
        await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
      }
    }
  };
  const { t } = RerouteI18n; // content/i18n.js
  const NOTICE_ID = 'reroute-notice';

  /** Whether `element` is the one the user sees and types into, not a twin of it: never Quill 1's own
   * `.ql-clipboard` (a second contenteditable beside Gemini's editor), nothing inside an `inert` or
   * `aria-hidden` subtree (an SSR copy kept for the first paint), nothing unrendered (display:none, hidden,
   * a shadow host with no slot for it) and nothing of zero size. An element slotted into another extension's
   * closed shadow root is still in the document (querySelector finds it) and rendered, so it counts.
   * @param {Element} element */
  const live = (element) => {
    if (element.classList.contains('ql-clipboard') || element.closest('[inert], [aria-hidden="true"]')) return false;
    if (element.checkVisibility && !element.checkVisibility({ visibilityProperty: true })) return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  /** The first live element the selectors find, in the selectors' order (newest markup first).
   * @param {string[]} selectors
   * @returns {HTMLElement | null} */
  const first = (selectors) => {
    for (const selector of selectors) {
      const element = [...document.querySelectorAll(selector)].find(live);
      // The rows' selectors name HTML elements: composers and buttons.
      if (element) return /** @type {HTMLElement} */ (element);
    }
    return null;
  };
  /** @param {string[]} selectors */
  const count = (selectors) => (selectors.length ? document.querySelectorAll(selectors.join(', ')).length : 0);
  /** A plain form field (a custom target's <textarea>), as opposed to a rich-text editor.
   * @param {Element} element
   * @returns {element is HTMLTextAreaElement | HTMLInputElement} */
  const isField = (element) => element instanceof HTMLTextAreaElement || element instanceof HTMLInputElement;

  /** Resolves with `probe()`'s first truthy value, re-checked on every DOM change and every 500 ms, or null
   * after `timeout`.
   * @template T
   * @param {() => T} probe
   * @param {number} timeout
   * @returns {Promise<T | null>} */
  function waitFor(probe, timeout) {
    return new Promise((resolve) => {
      const found = probe();
      if (found) return resolve(found);
      /** @param {T | null} value */
      const done = (value) => {
        observer.disconnect();
        clearTimeout(timer);
        clearInterval(ticks);
        resolve(value);
      };
      const look = () => {
        const value = probe();
        if (value) done(value);
      };
      const observer = new MutationObserver(look);
      observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true });
      // Also with time alone: a probe may depend on it (a still page that becomes an error screen after 2 s).
      const ticks = setInterval(look, 500);
      const timer = setTimeout(() => done(probe() || null), timeout);
    });
  }

  /** The composer's text as the user sees it: one line per paragraph (text.js).
   * @param {HTMLElement} composer */
  const composerText = (composer) => (isField(composer) ? composer.value : RerouteText.text(composer));

  const frame = () => new Promise((resolve) => setTimeout(resolve, 0));

  /** A paste of plain text, as the clipboard would deliver it: the editor's own paste handling turns it into
   * its document, so its state and the page stay in step (never innerHTML, never HTML built from the prompt).
   * Firefox ignores `clipboardData` in the event's init and builds the event's data from its own (non-standard)
   * `dataType` and `data` members instead; Chromium ignores those.
   * @param {HTMLElement} composer
   * @param {string} text */
  function paste(composer, text) {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    const init = { clipboardData: data, dataType: 'text/plain', data: text, bubbles: true, cancelable: true };
    composer.dispatchEvent(new ClipboardEvent('paste', init));
  }

  /** Selects everything in the composer and lets the editor take the selection in (Firefox reports
   * selection changes asynchronously): the first paste then replaces whatever was there.
   * @param {HTMLElement} composer */
  async function selectAll(composer) {
    composer.focus();
    const selection = /** @type {Selection} */ (window.getSelection()); // null only in a frameless document
    const range = document.createRange();
    range.selectNodeContents(composer);
    selection.removeAllRanges();
    selection.addRange(range);
    await frame();
  }

  /** Quill 1 (gemini.google.com) creates its paste container `.ql-clipboard` beside the editor; Quill 2 has none.
   * @param {HTMLElement} composer
   * @returns {HTMLElement | null} */
  const quill1Clipboard = (composer) =>
    /** @type {HTMLElement | undefined} */ (
      [...(composer.parentElement?.children ?? [])].find((element) => element !== composer && element.classList.contains('ql-clipboard'))
    ) ?? null;

  /** Quill 1 takes a paste the way a real one arrives (quill 1.3.7 modules/clipboard.js): its onPaste notes the
   * selection (it throws without one), moves the focus into `.ql-clipboard` for the browser to paste into
   * natively, and 1 ms later converts that container's DOM into its document, replacing the selection. A
   * scripted paste gets no native insertion, so Quill would convert an empty container (and execCommand's
   * insertText doubles line breaks in Firefox). So: select everything in the editor, dispatch the paste on it,
   * and in the same task put the prompt into the container as one DOM text node (never markup), under
   * `white-space: pre-wrap`, because Quill's matchText keeps spaces, tabs and newlines only under a `pre`
   * white-space. convert() drops one trailing "\n" from what it reads (the end of its last line), so the text
   * gets one more. Prompts are never blank (matchText skips a blank text node directly in the container).
   * @param {HTMLElement} composer
   * @param {HTMLElement} clipboard
   * @param {string} text */
  async function pasteIntoQuill1(composer, clipboard, text) {
    await selectAll(composer);
    const style = clipboard.getAttribute('style');
    clipboard.style.whiteSpace = 'pre-wrap';
    try {
      composer.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true }));
      clipboard.replaceChildren(document.createTextNode(RerouteText.quill1ContainerText(text)));
      // convert() empties the container once it has read it.
      await waitFor(() => clipboard.childNodes.length === 0, 2000);
    } finally {
      clipboard.replaceChildren();
      if (style === null) clipboard.removeAttribute('style');
      else clipboard.setAttribute('style', style);
    }
  }

  /** Puts the prompt into the composer the way its editor accepts it, through its own paste handling.
   * - Quill 1 takes a paste through its `.ql-clipboard` container (pasteIntoQuill1).
   * - Quill 2 and Lexical keep every newline of pasted plain text: one paste.
   * - ProseMirror's plain-text paste collapses runs of newlines, so the text is cut between every two
   *   consecutive newlines: "a\n" + "\n" + "\nb" is "a", two empty paragraphs, "b". One editor transaction
   *   per piece.
   * The pastes run in one task with the composer blurred, no DOM selection and its contents unrendered: with
   * the caret inside, every transaction made the editor sync the selection and lay out the whole document
   * (11 s for 100,000 characters instead of ~1). Nothing paints in between, so nothing flickers.
   * Nothing is ever typed in with execCommand: ProseMirror reads a paragraph the browser inserts as an Enter
   * keypress, and on ChatGPT Enter sends, so a partial prompt would go out. An editor that ignores the paste
   * fails the read-back instead, and the prompt is kept.
   * @param {HTMLElement} composer
   * @param {string} text
   * @param {TargetEditor} editor */
  async function insert(composer, text, editor) {
    if (isField(composer)) {
      // The prototype's setter, so a framework that tracks the field's value (React) sees the change.
      composer.focus();
      const setter = /** @type {(this: Element, value: string) => void} */ (Object.getOwnPropertyDescriptor(Object.getPrototypeOf(composer), 'value')?.set);
      setter.call(composer, text);
      composer.dispatchEvent(new Event('input', { bubbles: true }));
      return frame();
    }
    const clipboard = quill1Clipboard(composer);
    if (clipboard) return pasteIntoQuill1(composer, clipboard, text);
    await selectAll(composer);
    const pieces = RerouteText.pastePieces(text, editor);
    const rendering = composer.style.contentVisibility;
    composer.blur();
    window.getSelection()?.removeAllRanges();
    composer.style.contentVisibility = 'hidden';
    try {
      for (const piece of pieces) paste(composer, piece);
    } finally {
      composer.style.contentVisibility = rendering;
      placeCaretAtEnd(composer);
    }
    await frame();
  }

  /** @param {HTMLElement} composer */
  function placeCaretAtEnd(composer) {
    composer.focus();
    const range = document.createRange();
    range.selectNodeContents(composer);
    range.collapse(false);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
  }

  /** The site's own failure text, if one appears in what is added to the page (outside the user's own turns)
   * within `timeout`. Only added nodes are looked at.
   * @param {SiteView} site
   * @param {number} timeout
   * @returns {Promise<string | null>} */
  function watchForSiteError(site, timeout) {
    const userTurn = site.userTurn.join(', ');
    /** @param {Node} node */
    const failureIn = (node) => {
      const element = node.nodeType === Node.ELEMENT_NODE ? /** @type {Element} */ (node) : node.parentElement;
      if (!element || (userTurn && element.closest(userTurn)) || element.closest(`#${NOTICE_ID}`)) return null;
      const text = (element.textContent ?? '').trim();
      return text.length < 300 && site.errorTexts.some((error) => text.toLowerCase().includes(error)) ? text : null;
    };
    return new Promise((resolve) => {
      /** @param {string | null} value */
      const done = (value) => {
        observer.disconnect();
        clearTimeout(timer);
        resolve(value);
      };
      const observer = new MutationObserver((records) => {
        for (const record of records) {
          for (const node of record.addedNodes) {
            const text = failureIn(node);
            if (text) return done(text);
          }
        }
      });
      observer.observe(document.documentElement, { childList: true, subtree: true });
      const timer = setTimeout(() => done(null), timeout);
    });
  }

  /** What became of the handoff on this page; `siteError` resolves with the site's own failure text if one
   * appears after the send.
   * @typedef {{outcome: 'login-wall' | 'challenge' | 'own-limit' | 'no-composer' | 'read-back-differs' | 'inserted' | 'not-confirmed'}
   *   | {outcome: 'error-screen', text: string}
   *   | {outcome: 'submitted', siteError: Promise<string | null>}} Delivered */

  /** A bot check standing in for the page (Cloudflare's "Just a moment..."): its elements, or its words in the
   * title. Cheap enough to look at on every change while the page loads. @param {SiteView} site */
  const isChallenge = (site) =>
    site.challenge.some((selector) => document.querySelector(selector)) ||
    site.challengeTexts.some((words) => document.title.toLowerCase().startsWith(words));
  /** The words a user sees on the page (rendered text only: the page's scripts and data carry the site's
   * whole catalogue of messages), capped. Read once at a decision, never on every change. */
  const renderedText = () => (document.body?.innerText ?? '').slice(0, 20_000);
  const visibleText = () => renderedText().toLowerCase();
  /** What keeps this page from taking a prompt now, before anything is put in: a login wall, a bot check, the
   * user's own limit on this site, or (`composerFound` false) its error screen.
   * @param {SiteView} site @param {boolean} composerFound @returns {Delivered | null} */
  function blockedBy(site, composerFound) {
    if (first(site.loginWall)) return { outcome: 'login-wall' };
    if (isChallenge(site)) return { outcome: 'challenge' };
    const rendered = renderedText();
    const text = rendered.toLowerCase();
    if (site.limitTexts.some((words) => text.includes(words))) return { outcome: 'own-limit' };
    if (composerFound) return null;
    const error = site.errorTexts.find((words) => text.includes(words));
    if (error) {
      // The line that says it, as the site wrote it.
      const line = rendered.split('\n').find((candidate) => candidate.toLowerCase().includes(error)) ?? error;
      return { outcome: 'error-screen', text: line.trim().slice(0, 160) };
    }
    if (isChallengeText(text, site)) return { outcome: 'challenge' };
    return null;
  }
  /** @param {string} text @param {SiteView} site */
  const isChallengeText = (text, site) => site.challengeTexts.some((words) => text.startsWith(words) || text.includes(`\n${words}`));

  /** @param {Claim} claim
   * @returns {Promise<Delivered>} */
  async function deliver({ handoff, site, composerTimeoutMs }) {
    // The site's error screen shows no composer: after 2 s without one, its words are looked for (at most once
    // a second: reading rendered text costs a layout).
    const started = Date.now();
    let lastRead = 0;
    /** @returns {HTMLElement | 'login' | 'challenge' | 'error' | null} */
    const probe = () => {
      const found = first(site.composer);
      if (found) return found;
      if (first(site.loginWall)) return 'login';
      if (isChallenge(site)) return 'challenge';
      if (Date.now() - started < 2000 || Date.now() - lastRead < 1000) return null;
      lastRead = Date.now();
      const text = visibleText();
      return site.errorTexts.some((words) => text.includes(words)) ? 'error' : null;
    };
    const composer = await waitFor(probe, composerTimeoutMs);
    if (composer === 'login') return { outcome: 'login-wall' };
    if (composer === 'challenge') return { outcome: 'challenge' };
    if (!composer || composer === 'error') return blockedBy(site, false) ?? { outcome: 'no-composer' };
    // A composer can stand beside a wall: the site's own usage limit, shown over it.
    const blocked = blockedBy(site, true);
    if (blocked) return blocked;

    // The prompt comes only through the composer (never in the URL: prompt::target_url), so nothing can have
    // sent it before this point.
    performance.mark('reroute:insert-start');
    if (composerText(composer) !== handoff.prompt) await insert(composer, handoff.prompt, site.editor);
    // Read back from whichever composer is there now: a client-side navigation may have replaced it.
    // The same element while it is in the page: finding it again measures the layout of a composer that may now
    // hold 100,000 characters (first() checks it is visible), which cost hundreds of ms on every check.
    const present = () => (composer.isConnected ? composer : (first(site.composer) ?? composer));
    const exact = await waitFor(() => composerText(present()) === handoff.prompt, 1000);
    performance.measure('reroute:insert', 'reroute:insert-start');
    if (!exact) return { outcome: 'read-back-differs' };
    // No known way to send (a custom target): the verified prompt waits for the user.
    if (!handoff.autoSubmit || (site.send.length === 0 && !site.enterSends)) return { outcome: 'inserted' };

    const turnsBefore = count(site.userTurn);
    let sendNow;
    if (site.send.length > 0) {
      // A send control may only appear once there is text (ChatGPT) or lose `aria-disabled` (Gemini), after
      // the editor's own update: wait for it, within the usual time.
      const button = await waitFor(() => {
        const candidate = first(site.send);
        // A class is some sites' only disabled mark (DeepSeek's div[role=button]: `site.disabledClass`).
        const off = candidate && (('disabled' in candidate && candidate.disabled) || candidate.getAttribute('aria-disabled') === 'true' || candidate.classList.contains(site.disabledClass ?? ''));
        return candidate && !off ? candidate : null;
      }, 5000);
      if (!button) return { outcome: 'not-confirmed' };
      sendNow = () => button.click();
    } else {
      // The site sends on Enter in its composer (its button has no stable markup). A script's keypress inserts
      // nothing into a field; it only runs the site's own Enter handler.
      const current = present();
      sendNow = () => {
        const init = { key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true, cancelable: true };
        current.focus();
        current.dispatchEvent(new KeyboardEvent('keydown', init));
        current.dispatchEvent(new KeyboardEvent('keyup', init));
      };
    }
    // Watch from before the send: the site's error can arrive before the send is confirmed.
    const siteError = watchForSiteError(site, 10_000);
    sendNow();
    const confirmed = await waitFor(() => {
      const current = first(site.composer);
      return count(site.userTurn) > turnsBefore || (current && composerText(current).trim() === '');
    }, 5000);
    return confirmed ? { outcome: 'submitted', siteError } : { outcome: 'not-confirmed' };
  }

  // ---- The notice ----

  const STYLE = `
    :host { all: initial; position: fixed; top: 16px; left: 50%; transform: translateX(-50%); z-index: 2147483647;
      width: min(560px, calc(100vw - 32px)); }
    section { box-sizing: border-box; padding: 12px 14px; border-radius: 12px; font: 14px/1.45 system-ui, sans-serif;
      box-shadow: 0 6px 24px rgb(0 0 0 / .18); border: 1px solid #f1b4b4; background: #fff5f5; color: #3b1212; }
    section.ok { border-color: #a7e3bd; background: #f0fbf4; color: #0f3d22; }
    h2 { margin: 0 0 4px; font-size: 15px; }
    p { margin: 0 0 8px; }
    .actions { display: flex; gap: 8px; flex-wrap: wrap; }
    button { font: inherit; font-size: 13px; border-radius: 8px; padding: 5px 10px; cursor: pointer; border: 1px solid #c9a4a4; background: #fff; color: inherit; }
    button:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
    @media (prefers-color-scheme: dark) {
      section { background: #2a1414; border-color: #7f2a2a; color: #fde8e8; }
      section.ok { background: #102a1b; border-color: #2f7a4d; color: #dcfce7; }
      button { background: transparent; border-color: currentColor; }
    }`;

  /** @param {DeliveryNotice} notice
   * @param {Handoff} handoff */
  function showNotice(notice, handoff) {
    document.getElementById(NOTICE_ID)?.remove();
    const host = document.createElement('div');
    host.id = NOTICE_ID;
    host.dataset.ok = String(notice.ok);
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    const section = document.createElement('section');
    section.className = notice.ok ? 'ok' : '';
    section.setAttribute('role', notice.ok ? 'status' : 'alert');
    const title = document.createElement('h2');
    title.textContent = t(`notice_${notice.key}_title`, notice.name);
    const body = document.createElement('p');
    const words = t(`notice_${notice.key}_body`, notice.name, notice.detail ?? '');
    // Moved on by itself ("try the next target"): said, instead of the usual "kept" line.
    body.textContent = notice.movedTo ? `${words} ${t('noticeMovedTo', notice.movedTo)}` : notice.keepsPrompt ? `${words} ${t('noticeKeep')}` : words;
    const actions = document.createElement('div');
    actions.className = 'actions';
    /** @param {string} label
     * @param {(element: HTMLButtonElement) => void} onClick */
    const button = (label, onClick) => {
      const element = document.createElement('button');
      element.type = 'button';
      element.textContent = label;
      element.addEventListener('click', (event) => event.isTrusted && onClick(element));
      actions.append(element);
      return element;
    };
    if (!notice.ok) {
      button(t('copyPrompt'), async (element) => {
        await navigator.clipboard.writeText(handoff.prompt).then(
          () => (element.textContent = t('copied')),
          () => (element.textContent = t('copyFailed')),
        );
      });
    }
    if (notice.offerOther) {
      button(t('sendInstead', notice.otherName), () => send({ type: 'target/reroute', id: handoff.id, target: notice.offerOther }));
    }
    button(t('dismiss'), () => host.remove());
    section.append(title, body, actions);
    root.append(style, section);
    document.documentElement.append(host);
    if (notice.ok) setTimeout(() => host.remove(), 6000);
  }

  async function run() {
    const claim = (await send({ type: 'target/claim' }))?.data;
    if (!claim) return; // nothing waiting for this tab
    const result = await deliver(claim).catch(() => /** @type {Delivered} */ ({ outcome: 'not-confirmed' }));
    if (result.outcome !== 'submitted' && result.outcome !== 'inserted') {
      // Keep the prompt: the clipboard if the browser allows it now, the notice's Copy button otherwise.
      navigator.clipboard?.writeText(claim.handoff.prompt).catch(() => {});
    }
    const outcome = result.outcome === 'error-screen' ? { outcome: result.outcome, text: result.text } : { outcome: result.outcome };
    const notice = (await send({ type: 'target/report', id: claim.handoff.id, outcome }))?.data;
    if (notice) showNotice(notice, claim.handoff);
    if (result.outcome === 'submitted') {
      const error = await result.siteError;
      if (error) {
        const followUp = (await send({ type: 'target/report', id: claim.handoff.id, outcome: { outcome: 'site-error', text: error.slice(0, 160) } }))?.data;
        if (followUp) showNotice(followUp, claim.handoff);
      }
    }
  }

  run();
})();

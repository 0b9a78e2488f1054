// Declarations for what the type checker can't see in the extension's own files (tsconfig.json); not shipped.

/** Firefox's promise-based WebExtension namespace; Chrome has only `chrome`, with the same MV3 promises. */
declare var browser: typeof chrome | undefined;

/** Where on claude.ai a text was seen (src/claude.rs `Surface`). */
type ClaudeSurface = 'reply-warning' | 'alert' | 'chat-inline' | 'composer-banner' | 'page';

/** claude.ai's structure and texts, from src/claude.rs `ContentConfig` (camelCase), written over
 * `__CLAUDE_SITE__` in the content scripts by tools/assemble.mjs. */
interface ClaudeSiteConfig {
  /** One selector matching any part of the conversation. */
  conversation: string;
  /** The site's warning inside a reply's row. */
  replyWarning: string;
  /** One selector matching any turn's row. */
  rows: string;
  /** Surfaces with their selectors, in order. */
  surfaces: [ClaudeSurface, string][];
  /** Lower-case words at least one of which every failure text contains. */
  triggerWords: string[];
  /** Longest text worth sending. */
  maxTextChars: number;
  /** Path endings of completion requests. */
  completionPaths: string[];
  /** Routes of the full-page error screen. */
  errorRoutes: string[];
  /** The composer candidates, live editor first. */
  composer: string[];
  /** What holds the composer and its buttons. */
  composerForm: string;
  /** The user's turns. */
  userMessage: string;
  /** Claude's replies. */
  reply: string;
}

/** A placeholder in the source only: the built content scripts hold the object itself. */
declare const __CLAUDE_SITE__: ClaudeSiteConfig;

/** Words the Rust core chose (src/phrase.rs): a _locales message and its arguments, each text or a phrase. */
interface Phrase {
  key: string;
  args: (string | Phrase)[];
}

/** How text goes into a target's composer (src/targets.rs `Editor`). */
type TargetEditor = 'prose-mirror' | 'quill' | 'lexical' | 'plain';

/** A prompt on its way to a target tab (src/delivery.rs `Handoff`). */
interface Handoff {
  id: string;
  target: string;
  prompt: string;
  autoSubmit: boolean;
  createdAt: number;
  tried?: string[];
}

/** What the target content script gets of a site (src/targets.rs `SiteView`). */
interface SiteView {
  name: string;
  composer: string[];
  send: string[];
  enterSends: boolean;
  disabledClass: string | null;
  userTurn: string[];
  editor: TargetEditor;
  loginWall: string[];
  errorTexts: string[];
  limitTexts: string[];
  challenge: string[];
  challengeTexts: string[];
}

/** What the target tab receives for its handoff (src/delivery.rs `Claim`). */
interface Claim {
  handoff: Handoff;
  site: SiteView;
  composerTimeoutMs: number;
}

/** The notice a target tab shows for an outcome (src/delivery.rs `Notice`). */
interface DeliveryNotice {
  ok: boolean;
  key: string;
  name: string;
  detail: string | null;
  keepsPrompt: boolean;
  offerOther: string | null;
  otherName: string | null;
  /** Where Reroute moved the prompt by itself ("try the next target"), by name. */
  movedTo: string | null;
}

/** A tab's verdict (src/verdict.rs `Verdict`), as the background sends it to claude.ai's content script. */
interface Verdict {
  kind: 'outage' | 'false-limit' | 'limit' | 'auth' | 'offline' | 'maintenance' | 'ok';
  confidence: number;
  headline: Phrase;
  reasons: Phrase[];
  badge: unknown;
  incident: string | null;
  offer: boolean;
  /** When the exceeded limit behind it resets, Unix ms. */
  resetsAt: number | null;
  /** Since when Claude has been failing here, Unix ms. */
  since: number | null;
}

/** A target button to offer (src/health.rs `Button`). */
interface TargetButton {
  id: string;
  name: string;
  health: 'ok' | 'unknown' | 'degraded' | 'down';
  reason: Phrase | null;
  /** The user withheld Reroute's access to the site: nothing can be sent there until they allow it. */
  accessNeeded: boolean;
  /** The word on its button while it is not ok (a message key), or null. */
  chip: string | null;
}

/** The wasm core's exports (wasm-bindgen's dist/core/reroute.d.ts), as the background's `ready` resolves to them. */
type RerouteCore = typeof import('./core/reroute.js');

/** A tab the browser gave an id: every tab the background is handed or queries is one (only devtools' and other
 * devices' session tabs go without). */
type TabWithId = chrome.tabs.Tab & { id: number };

/** A built-in target's row in the core's target table (src/wasm.rs `targetTable`). */
interface TargetTableRow {
  id: string;
  name: string;
  /** The optional host permission the site needs, or null. */
  permission: { origins: string[] } | null;
  /** Whether Reroute reads a status feed for it. */
  status: boolean;
  /** The optional host permission its status feed needs, or null. */
  statusPermission: { origins: string[] } | null;
}

/** One turn of the claude.ai conversation (src/prompt.rs `Turn`). */
interface Turn {
  role: 'user' | 'claude';
  text: string;
}

/** Something observed on or about one claude.ai tab (src/verdict.rs `Event`). */
type TabEvent =
  | { kind: 'page-text'; key: string; surface: ClaudeSurface; text: string }
  | { kind: 'page-cleared'; key: string }
  | { kind: 'send' }
  | { kind: 'http'; status: number; completion: boolean; challenge?: boolean }
  | { kind: 'network-error'; error: string; completion: boolean }
  | { kind: 'stream-error'; errorType: string }
  | { kind: 'stream-limit'; limitType: string; utilization?: number | null; resetsAt?: number | null }
  | { kind: 'stream-done' }
  | { kind: 'stream-cut' }
  | { kind: 'route'; path: string }
  | { kind: 'online'; online: boolean };

/** How a delivery ended, as the target content script reports it (src/delivery.rs `Outcome`). */
type DeliveryOutcome =
  | { outcome: 'submitted' | 'inserted' | 'login-wall' | 'challenge' | 'own-limit' | 'no-composer' | 'read-back-differs' | 'not-confirmed' }
  | { outcome: 'site-error' | 'error-screen'; text: string };

/** A runtime message as the core decoded it (src/protocol.rs `Request`): its shape was checked, and whether its
 * sender may send it. */
type BackgroundRequest =
  | { type: 'status/get' }
  | { type: 'status/refresh' }
  | { type: 'claude/hello' }
  | { type: 'claude/event'; event: TabEvent }
  | { type: 'claude/dismiss'; incident: string }
  | { type: 'claude/reroute'; target: string; prompt: string; turns: Turn[] }
  | { type: 'claude/draft'; conversation: string; text: string }
  | { type: 'claude/verdicts' }
  | { type: 'prompt/get' }
  | { type: 'prompt/send'; target: string; text: string }
  | { type: 'settings/get' }
  | { type: 'settings/set'; settings: unknown }
  | { type: 'history/get'; days: number }
  | { type: 'history/export'; format: 'json' | 'csv' }
  | { type: 'history/clear' }
  | { type: 'targets/refresh' }
  | { type: 'targets/table' }
  | { type: 'target/claim' }
  | { type: 'target/report'; id: string; outcome: DeliveryOutcome }
  | { type: 'target/reroute'; id: string; target: string }
  | { type: 'claude/hold'; prompt: string }
  | { type: 'held/hold'; text: string }
  | { type: 'held/list' }
  | { type: 'usage/get' }
  | { type: 'held/send'; id: string }
  | { type: 'held/remove'; id: string };

/** The requests only Reroute's content scripts may send (protocol.rs `allowed_from`): their sender is a tab. */
type ContentScriptRequest = Extract<
  BackgroundRequest,
  {
    type:
      | 'claude/hello'
      | 'claude/event'
      | 'claude/dismiss'
      | 'claude/reroute'
      | 'claude/draft'
      | 'claude/hold'
      | 'target/claim'
      | 'target/report'
      | 'target/reroute';
  }
>;

/** A content script's sender: the core refuses a content script's request from anything but a tab. */
type TabSender = chrome.runtime.MessageSender & { tab: TabWithId };

/** The background's answer to each request type, given the decoded request and who sent it. */
type RequestHandlers = {
  [Type in BackgroundRequest['type']]: (
    request: Extract<BackgroundRequest, { type: Type }>,
    sender: Type extends ContentScriptRequest['type'] ? TabSender : chrome.runtime.MessageSender,
  ) => unknown;
};

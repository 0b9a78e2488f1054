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
}

/** A target button to offer (src/health.rs `Button`). */
interface TargetButton {
  id: string;
  name: string;
  health: 'ok' | 'unknown' | 'degraded' | 'down';
  reason: Phrase | null;
  /** The user withheld Reroute's access to the site: nothing can be sent there until they allow it. */
  accessNeeded: boolean;
}

// claude.ai's own words in the simulation, shared by the app and the server (which renders the
// server-side composer twin's label): its i18n catalog for en-US and ja-JP (2026-06), the bundle's and users'
// texts for the rest (PAGE-MODEL.md, CLAUDE-TEXTS.md).

/** claude.ai's own words (its i18n catalog, en-US and ja-JP; the bundle's and users' texts for the rest). */
export const TEXTS_BY_LANGUAGE = {
  en: {
    composerLabel: 'Write your prompt to Claude',
    placeholder: 'How can I help you today?',
    replyPlaceholder: 'Reply...',
    send: 'Send message',
    voice: 'Use voice mode',
    retry: 'Try again',
    failedReply: 'This response didn\u2019t load.',
    capacity: 'Due to unexpected capacity constraints, Claude is unable to respond to your message. Please try again soon.',
    capacityBand: 'Due to capacity constraints, chatting with Claude is currently not available. Please try again shortly.',
    streamCut: 'The response stream stopped before finishing \u2014 try again in a moment.',
    limit: 'You\u2019ve hit your limit for Claude messages.',
    limitResets: 'Your limit resets 3:00 PM.',
    usageLimit: 'Usage limit reached \u2219 Resets 3:00 PM \u2219 limits shared with Claude Code',
    outOfFree: 'You are out of free messages until 3:20 AM',
    approaching: 'Approaching usage limit',
    lengthLimit: 'Your message will exceed the length limit for this chat. Try attaching fewer or smaller files or starting a new conversation.',
    tooManyChats: 'Looks like you have too many chats going. Please close a tab to continue.',
    cantConnect: 'We couldn\u2019t connect to Claude. Please check your network connection and try again.',
    throttled: 'Server is temporarily limiting requests',
    somethingWrong: 'Something went wrong',
    disclaimer: 'Claude is AI and can make mistakes. Please double-check responses.',
  },
  ja: {
    composerLabel: 'クロードにプロンプトを入力してください',
    placeholder: '今日はどのようなお手伝いができますか？',
    replyPlaceholder: '返信...',
    send: 'メッセージを送信',
    voice: '音声モードを使用',
    retry: '再試行',
    failedReply: 'この応答を読み込めませんでした。',
    capacity: '予期せぬ容量制限により、Claudeは現在応答できません。しばらくしてから再度お試しください。',
    capacityBand: '現在、処理能力の制限により、クロードとのチャットをご利用いただけません。しばらくしてから再度お試しください。',
    streamCut: 'レスポンスストリームが完了前に停止しました。しばらくしてからもう一度お試しください。',
    limit: 'Claudeメッセージの制限に達しました。',
    limitResets: '15:00にリセットされます。',
    usageLimit: '利用制限に達しました \u2219 リセット時刻：15:00 \u2219 Claude Codeと共有される制限',
    outOfFree: '無料メッセージの上限に達しました。',
    approaching: '使用量の上限に近づいています',
    lengthLimit: 'この会話は長さの上限に達しました。',
    tooManyChats: 'Looks like you have too many chats going. Please close a tab to continue.',
    cantConnect: 'Claudeに接続できませんでした。ネットワーク接続を確認して、もう一度お試しください。',
    throttled: 'サーバーが一時的にリクエストを制限しています',
    somethingWrong: 'エラーが発生しました',
    disclaimer: 'Claude は AI のため、誤りを含む可能性があります。回答内容は必ずご確認ください。',
  },
};

/** Texts the site shows in English whatever the language: the error screen is not in the catalog. */
export const ENGLISH_ONLY = {
  returnSoon: 'Claude will return soon',
  disruption: 'Claude is currently experiencing a temporary service disruption. We\u2019re working on it, please check back soon.',
  supportCode: 'Still not working? You can reach out to support with this error code:',
  login: 'There was an error logging you in',
  apiError403:
    'API Error: 403 {"type":"error","error":{"type":"permission_error","message":"Account is no longer a member of the organization associated with this token."}}',
};


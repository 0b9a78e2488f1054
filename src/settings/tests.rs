use proptest::prelude::*;

use super::*;

/// Exactly what Reroute 0.1 (schema version 1) wrote.
const VERSION_1: &str =
    r#"{"defaultTarget":"gemini","autoSubmit":false,"context":{"include":true,"maxTurns":2,"maxChars":900}}"#;

fn ready(settings: &Settings) -> bool {
    settings.custom.as_ref().is_some_and(CustomTarget::is_ready)
}

fn is_consistent(settings: &Settings) -> bool {
    let enabled: Vec<Target> = settings.targets.iter().filter(|c| c.enabled).map(|c| c.id).collect();
    enabled.contains(&settings.default_target)
        && settings.targets.len() == TARGETS.len() + usize::from(ready(settings))
        && TARGETS.iter().all(|site| settings.targets.iter().filter(|c| c.id == site.id).count() == 1)
        && settings.targets.iter().any(|c| c.id == Target::Custom) == ready(settings)
        && TURNS.contains(&settings.context.max_turns)
        && CHARS.contains(&settings.context.max_chars)
}

#[test]
fn nothing_stored_is_the_defaults_without_a_notice() {
    assert_eq!(Settings::load(None), Loaded::default());
    assert!(is_consistent(&Settings::default()));
}

#[test]
fn unreadable_settings_are_the_defaults_with_a_notice() {
    for junk in ["", "null", "[]", "42", "{", "\"text\""] {
        let loaded = Settings::load(Some(junk));
        assert_eq!(loaded.settings, Settings::default(), "{junk}");
        assert_eq!(loaded.reset, ["settings"], "{junk}");
    }
}

#[test]
fn migrates_version_1_keeping_everything_it_held() {
    let loaded = Settings::load(Some(VERSION_1));
    assert_eq!(loaded.migrated_from, Some(1));
    assert!(loaded.reset.is_empty(), "{:?}", loaded.reset);
    assert_eq!(
        loaded.settings,
        Settings {
            default_target: Target::Gemini,
            auto_submit: false,
            context: ContextOptions { include: true, max_turns: 2, max_chars: 900 },
            ..Settings::default()
        }
    );
    // Stored again, it is current and reads back the same.
    let again = Settings::load(Some(&loaded.settings.to_stored()));
    assert_eq!(again, Loaded { settings: loaded.settings, reset: vec![], migrated_from: None });
}

#[test]
fn each_unusable_field_falls_back_on_its_own_and_is_named() {
    let loaded = Settings::load(Some(
        r#"{"version":2,"defaultTarget":7,"autoSubmit":"yes","context":{"include":true,"maxTurns":500,"maxChars":2000},
            "targets":[{"id":"gemini","enabled":true},{"id":"chatgpt","enabled":false}],"notifications":false,"detectionPaused":"no"}"#,
    ));
    let settings = &loaded.settings;
    assert_eq!(loaded.reset, ["defaultTarget", "autoSubmit", "detectionPaused", "context"]);
    assert!(settings.auto_submit);
    assert!(settings.context.include);
    assert_eq!(settings.context.max_turns, 4, "out of range: default");
    assert_eq!(settings.context.max_chars, 2_000);
    assert!(!settings.notifications);
    assert!(!settings.detection_paused);
    assert_eq!(settings.default_target, Target::Gemini, "the default must be an enabled target");
    assert_eq!(settings.target_order(), [Target::Gemini]);
    assert!(is_consistent(settings));
}

#[test]
fn a_disabled_default_target_moves_to_the_first_enabled() {
    let loaded = Settings::load(Some(
        r#"{"version":2,"defaultTarget":"chatgpt","targets":[{"id":"chatgpt","enabled":false},{"id":"gemini","enabled":true}]}"#,
    ));
    assert_eq!(loaded.settings.default_target, Target::Gemini);
    assert_eq!(loaded.reset, ["defaultTarget"]);
}

#[test]
fn a_target_list_with_nothing_enabled_or_malformed_is_reset() {
    for targets in [
        r#"[{"id":"chatgpt","enabled":false},{"id":"gemini","enabled":false}]"#,
        r#"[{"id":"chatgpt"}]"#,
        r#"[{"id":7,"enabled":true}]"#,
        r#""chatgpt""#,
    ] {
        let loaded = Settings::load(Some(&format!(r#"{{"version":2,"targets":{targets}}}"#)));
        assert_eq!(loaded.settings.targets, Settings::default().targets, "{targets}");
        assert_eq!(loaded.reset, ["targets"], "{targets}");
    }
}

#[test]
fn a_newer_reroutes_targets_are_skipped_and_missing_ones_appended() {
    let loaded = Settings::load(Some(
        r#"{"version":3,"targets":[{"id":"gemini","enabled":true},{"id":"someday","enabled":true}],"future":1}"#,
    ));
    assert!(loaded.reset.is_empty());
    assert_eq!(loaded.migrated_from, None);
    assert_eq!(
        loaded.settings.targets[..2],
        [TargetChoice { id: Target::Gemini, enabled: true }, TargetChoice { id: Target::Chatgpt, enabled: true }]
    );
    assert_eq!(loaded.settings.target_order(), [Target::Chatgpt, Target::Gemini], "the default first");
}

/// Settings stored before the optional targets knew two: the ones added since are listed, off until the user enables
/// them (each asks for its own site then).
#[test]
fn targets_added_since_the_settings_were_stored_come_off() {
    let stored = r#"{"version":2,"defaultTarget":"gemini","autoSubmit":true,"context":{"include":false,"maxTurns":4,"maxChars":4000},
        "targets":[{"id":"gemini","enabled":true},{"id":"chatgpt","enabled":false}],"notifications":true,"detectionPaused":false}"#;
    let loaded = Settings::load(Some(stored));
    assert!(loaded.reset.is_empty(), "{:?}", loaded.reset);
    let ids: Vec<Target> = loaded.settings.targets.iter().map(|choice| choice.id).collect();
    assert_eq!(
        ids,
        [
            Target::Gemini,
            Target::Chatgpt,
            Target::Perplexity,
            Target::LeChat,
            Target::Deepseek,
            Target::Copilot,
            Target::Grok
        ]
    );
    assert_eq!(loaded.settings.target_order(), [Target::Gemini], "nothing new is enabled by itself");
    assert!(Settings::default().target_order() == [Target::Chatgpt, Target::Gemini], "nor on a fresh install");
}

#[test]
fn an_optional_target_counts_only_while_its_site_is_granted() {
    let mut settings = Settings::default();
    for choice in &mut settings.targets {
        choice.enabled = matches!(choice.id, Target::Gemini | Target::Grok | Target::Deepseek);
    }
    settings.default_target = Target::Grok;
    assert_eq!(settings.target_order(), [Target::Grok, Target::Gemini, Target::Deepseek]);
    assert_eq!(settings.reachable_order(&[]), [Target::Gemini], "nothing granted: only what the manifest holds");
    let granted = ["https://grok.com/*".to_string(), "https://chat.mistral.ai/*".to_string()];
    assert_eq!(settings.reachable_order(&granted), [Target::Grok, Target::Gemini]);
    assert_eq!(settings.alternative_to(Target::Grok, &granted), Some(Target::Gemini));
    assert_eq!(settings.alternative_to(Target::Gemini, &granted), Some(Target::Grok));
    assert_eq!(settings.alternative_to(Target::Gemini, &[]), None, "Grok's access revoked: nothing else to offer");
}

#[test]
fn what_the_options_page_sends_is_made_consistent() {
    let sent = Settings {
        default_target: Target::Chatgpt,
        targets: vec![
            TargetChoice { id: Target::Gemini, enabled: true },
            TargetChoice { id: Target::Gemini, enabled: false },
        ],
        context: ContextOptions { include: true, max_turns: 99, max_chars: 1 },
        ..Settings::default()
    };
    let valid = sent.validated();
    assert!(is_consistent(&valid), "{valid:?}");
    assert_eq!(valid.default_target, Target::Gemini);
    assert_eq!(valid.targets[1], TargetChoice { id: Target::Chatgpt, enabled: false });
    assert_eq!((valid.context.max_turns, valid.context.max_chars), (20, 500));

    let none_enabled =
        Settings { targets: vec![TargetChoice { id: Target::Chatgpt, enabled: false }], ..Settings::default() };
    assert_eq!(none_enabled.validated().targets, Settings::default().targets);
}

#[test]
fn a_custom_target_is_listed_exactly_when_it_has_its_message_box() {
    let stored = r##"{"version":2,"custom":{"name":"My WebUI","url":"https://chat.example.net/","composer":"#chat-input"},
        "targets":[{"id":"custom","enabled":true},{"id":"chatgpt","enabled":true},{"id":"gemini","enabled":false}],"defaultTarget":"custom"}"##;
    let loaded = Settings::load(Some(stored));
    assert!(loaded.reset.is_empty(), "{:?}", loaded.reset);
    assert_eq!(loaded.settings.target_order(), [Target::Custom, Target::Chatgpt]);
    assert_eq!(loaded.settings.target_name(Target::Custom), "My WebUI");

    // A custom target that no longer validates (http) goes, with a notice, and so does its place in the list.
    let broken = Settings::load(Some(&stored.replace("https://chat", "http://chat")));
    assert_eq!(broken.reset, ["custom", "defaultTarget"]);
    assert_eq!(broken.settings.target_order(), [Target::Chatgpt]);

    // Set up from the options page: appended, enabled.
    let sent = Settings {
        custom: Some(CustomTarget::new("LibreChat", "https://chat.lan/c/new", Some("textarea")).unwrap()),
        ..Settings::default()
    };
    assert_eq!(sent.validated().target_order(), [Target::Chatgpt, Target::Gemini, Target::Custom]);
}

/// Reroute before the prompt left the address stored a template with `{prompt}` and, optionally, a message box.
#[test]
fn an_address_template_loads_without_its_prompt_slot() {
    let stored = r##"{"version":2,"custom":{"name":"My WebUI","url":"https://chat.example.net/?q={prompt}&model=llama","composer":"#chat-input"},
        "targets":[{"id":"chatgpt","enabled":true},{"id":"gemini","enabled":true},{"id":"custom","enabled":true}]}"##;
    let loaded = Settings::load(Some(stored));
    assert!(loaded.reset.is_empty(), "nothing lost: {:?}", loaded.reset);
    let custom = loaded.settings.custom.clone().unwrap();
    assert_eq!(custom.url, "https://chat.example.net/?model=llama");
    assert_eq!(custom.composer.as_deref(), Some("#chat-input"));
    assert_eq!(loaded.settings.target_order(), [Target::Chatgpt, Target::Gemini, Target::Custom]);
    // Stored again, it is the address alone.
    assert!(!loaded.settings.to_stored().contains("{prompt}"));
}

/// A template without a message box had only the address to carry the prompt: it loads as needing a box,
/// kept (name and address) but with no button, and not the default any more.
#[test]
fn a_custom_target_without_a_message_box_needs_one() {
    let stored = r#"{"version":2,"custom":{"name":"My WebUI","url":"https://chat.example.net/?q={prompt}","composer":null},
        "targets":[{"id":"custom","enabled":true},{"id":"chatgpt","enabled":true},{"id":"gemini","enabled":false}],"defaultTarget":"custom"}"#;
    let loaded = Settings::load(Some(stored));
    let custom = loaded.settings.custom.clone().unwrap();
    assert_eq!((custom.name.as_str(), custom.url.as_str()), ("My WebUI", "https://chat.example.net/"));
    assert!(!custom.is_ready());
    assert!(is_consistent(&loaded.settings), "{:?}", loaded.settings);
    assert_eq!(loaded.settings.target_order(), [Target::Chatgpt], "no button");
    assert_eq!(loaded.settings.default_target, Target::Chatgpt);
    assert_eq!(loaded.reset, ["defaultTarget"], "the default had to change, and the options page says so");
    let granted = ["https://chat.example.net/*".to_string()];
    assert_eq!(loaded.settings.reachable_order(&granted), [Target::Chatgpt]);

    // The options page sends it back unchanged with any other change: it stays, still without a button.
    let resent = Settings { notifications: false, ..loaded.settings.clone() }.validated();
    assert_eq!(resent.custom, Some(custom.clone()));
    assert_eq!(resent.target_order(), [Target::Chatgpt]);

    // Given its message box: listed, enabled, and reachable once its site is granted.
    let boxed = Settings {
        custom: Some(CustomTarget::new(&custom.name, &custom.url, Some("#chat-input")).unwrap()),
        ..loaded.settings
    }
    .validated();
    assert_eq!(boxed.target_order(), [Target::Chatgpt, Target::Custom]);
    assert_eq!(boxed.reachable_order(&[]), [Target::Chatgpt], "no access to its site: no way in, no button");
    assert_eq!(boxed.reachable_order(&granted), [Target::Chatgpt, Target::Custom]);
}

#[test]
fn stored_settings_carry_the_schema_version() {
    let stored: Value = serde_json::from_str(&Settings::default().to_stored()).unwrap();
    assert_eq!(stored["version"], SCHEMA_VERSION);
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        prop::sample::select(vec![
            "chatgpt",
            "gemini",
            "custom",
            "x",
            "",
            "2",
            "https://a.example/?q={prompt}",
            "textarea"
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "version",
                        "defaultTarget",
                        "autoSubmit",
                        "context",
                        "include",
                        "maxTurns",
                        "maxChars",
                        "targets",
                        "id",
                        "enabled",
                        "notifications",
                        "detectionPaused",
                    ]),
                    inner
                ),
                0..6
            )
            .prop_map(|pairs| Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

proptest! {
    #[test]
    fn anything_stored_gives_consistent_settings(value in any_json()) {
        let loaded = Settings::load(Some(&value.to_string()));
        prop_assert!(is_consistent(&loaded.settings), "{:?}", loaded);
        // What is stored back reads back unchanged, with nothing to repair.
        let again = Settings::load(Some(&loaded.settings.to_stored()));
        prop_assert_eq!(again.settings, loaded.settings);
        prop_assert!(again.reset.is_empty());
    }

    #[test]
    fn anything_at_all_never_panics(text in ".{0,200}") {
        prop_assert!(is_consistent(&Settings::load(Some(&text)).settings));
    }
}

/// claude.ai is where held prompts go back to, never a target: settings that name it (edited by hand, or by
/// a page that reached storage) don't make it one.
#[test]
fn claude_is_never_a_target_whatever_storage_says() {
    let loaded = Settings::load(Some(
        r#"{"version":3,"defaultTarget":"claude","targets":[{"id":"claude","enabled":true},{"id":"gemini","enabled":true}]}"#,
    ));
    assert!(!loaded.settings.targets.iter().any(|choice| choice.id == Target::Claude));
    assert_ne!(loaded.settings.default_target, Target::Claude);
    assert!(!loaded.settings.target_order().contains(&Target::Claude));
}

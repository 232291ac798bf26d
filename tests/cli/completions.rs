//! `chiso completions` and `chiso man`: generated from the command line's own definition.

use super::*;

#[test]
fn bash_completion_knows_commands_and_flags() {
    let script = ok(&["completions", "bash"]);
    let head: String = script.lines().take(12).collect::<Vec<_>>().join("\n");
    insta::assert_snapshot!("bash_completion_head", head);
    for word in ["summary", "progress", "regroup", "derive", "--crosswalk", "--highlight", "--decimal-comma"] {
        assert!(script.contains(word), "no {word} in the bash completion");
    }
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        assert!(ok(&["completions", shell]).contains("chiso"), "{shell}");
    }
    let r = run(&["completions", "tcsh"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn man_pages() {
    let page = ok(&["man"]);
    let head: String = page.lines().take(6).collect::<Vec<_>>().join("\n");
    insta::assert_snapshot!("man_page_head", head);
    let dir = temp();
    let r = run(&["man", "--dir", path_str(dir.path())]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let summary = std::fs::read_to_string(dir.path().join("chiso-summary.1")).unwrap();
    assert!(summary.contains(".TH chiso-summary 1"), "{summary}");
    assert!(summary.contains("\\-\\-area"), "the page lists the flags");
    assert!(dir.path().join("chiso.1").exists() && dir.path().join("chiso-derive.1").exists());
    assert!(!dir.path().join("chiso-help.1").exists());
}

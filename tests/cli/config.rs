//! The project config (`chiso.toml` in the working folder or a parent), `chiso config`, and
//! `--color`.

use super::*;

/// A data folder with a config and the metadata it names, and a sub-folder to work in.
fn project(config: &str) -> tempfile::TempDir {
    let dir = temp();
    std::fs::copy(root().join("datasets/indicators.csv"), dir.path().join("indicators.csv")).unwrap();
    std::fs::write(dir.path().join("chiso.toml"), config).unwrap();
    std::fs::create_dir(dir.path().join("work")).unwrap();
    dir
}

/// chiso run in `folder`, the bundled data named by absolute paths.
fn run_in(folder: &Path, args: &[&str]) -> Run {
    let mut cmd = command(args);
    cmd.current_dir(folder);
    run_command(cmd)
}

fn data(path: &str) -> String {
    root().join(path).display().to_string()
}

#[test]
fn settings_apply_from_a_parent_folder_and_flags_win() {
    let dir = project("meta = \"indicators.csv\"\ndecimals = 2\nformat = \"csv\"\n");
    let work = dir.path().join("work");
    let pci = data("datasets/vn_pci_2005_2016_panel.csv");
    let args = ["summary", pci.as_str(), "--area", "Lang Son", "--indicator", "pci_weighted"];
    let r = run_in(&work, &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The metadata file (relative to the config's folder) gives the unit; two decimals; CSV.
    assert!(r.stdout.starts_with("area,indicator,unit,"), "{}", r.stdout);
    assert!(r.stdout.contains("Lang Son,pci_weighted,points,2006,2016,10,56.29,54.61,1.68,"), "{}", r.stdout);
    assert!(!r.stderr.contains("no --meta file"), "{}", r.stderr);
    // A flag wins over the file.
    let r = run_in(&work, &[&args[..], &["--decimals", "4"]].concat());
    assert!(r.stdout.contains(",56.2921,54.6139,"), "{}", r.stdout);
    // --no-config and CHISO_NO_CONFIG ignore the file.
    let r = run_in(&work, &[&args[..], &["--no-config", "--format", "csv"]].concat());
    assert!(r.stdout.starts_with("area,indicator,first_period,"), "{}", r.stdout);
    assert!(r.stdout.contains(",56.29208755493,"), "{}", r.stdout);
    let mut cmd = command(&[&args[..], &["--format", "csv"]].concat());
    cmd.current_dir(&work).env("CHISO_NO_CONFIG", "1");
    assert!(run_command(cmd).stdout.contains(",56.29208755493,"));
    // An output file's extension says the format, not the file's `format`.
    let out = work.join("s.json");
    let r = run_in(&work, &[&args[..], &["-o", path_str(&out)]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json[0]["latest"], 56.29);
}

#[test]
fn config_command_says_where_each_setting_comes_from() {
    let dir = project(
        "# the office's defaults\nmeta = \"indicators.csv\"\nlang = \"vi\"\nhighlight = [\"Lạng Sơn\", \"Cao Bằng\"]\n",
    );
    let r = run_in(&dir.path().join("work"), &["config", "--format", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let shown = r.transcript().replace(&dir.path().display().to_string(), "[DIR]");
    insta::assert_snapshot!("config_listing", shown);
    let r = run_in(&dir.path().join("work"), &["config", "--format", "csv", "--no-config"]);
    assert!(r.stderr.contains("--no-config: chiso.toml is ignored"), "{}", r.stderr);
    assert!(r.stdout.contains("\nlang,,not set,"), "{}", r.stdout);
}

#[test]
fn language_and_highlight_reach_the_commands_that_take_them() {
    let dir = project("lang = \"vi\"\nhighlight = \"Lang Son\"\n");
    let work = dir.path().join("work");
    let r = run_in(
        &work,
        &[
            "progress",
            &data("datasets/lang-son/thu-ngan-sach.csv"),
            "--plan",
            &data("datasets/lang-son-ke-hoach-2025.csv"),
            "--format",
            "csv",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(",đúng tiến độ,cagr-ratio,"), "Vietnamese status words: {}", r.stdout);
    let svg = work.join("bar.svg");
    let r = run_in(
        &work,
        &[
            "chart",
            "bar",
            &data("datasets/vn_pci_2005_2016_panel.csv"),
            "--indicator",
            "pci_weighted",
            "-o",
            path_str(&svg),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&svg).unwrap();
    // Vietnamese number format (decimal comma) and the highlighted area drawn in its colour.
    assert!(text.contains("Lang Son"), "highlighted area named");
    assert!(text.contains(",2"), "decimal commas in Vietnamese");
}

#[test]
fn mistakes_in_the_file_name_file_and_line() {
    let dir = project("meta = \"indicators.csv\"\n\nbogus = 1\n");
    let budget = data("datasets/lang-son/thu-ngan-sach.csv");
    let r = run_in(&dir.path().join("work"), &["summary", &budget]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let shown = r.stderr.replace(&dir.path().display().to_string(), "[DIR]");
    insta::assert_snapshot!("config_unknown_key", shown);
    for (text, message) in [
        ("lang = \"fr\"\n", "chiso.toml:1: lang = \"fr\" is not one of en, vi"),
        ("decimals = \"two\"\n", "chiso.toml:1: invalid type: string \"two\""),
        ("areas = \"nowhere.csv\"\n", "chiso.toml:1: areas = ../nowhere.csv: no such file"),
        ("meta = indicators.csv\n", "chiso.toml:1:"),
    ] {
        std::fs::write(dir.path().join("chiso.toml"), text).unwrap();
        let r = run_in(&dir.path().join("work"), &["summary", &budget]);
        assert_eq!(r.code, 2, "{text}: {}", r.stderr);
        assert!(r.stderr.contains(message), "{text}: {}", r.stderr);
        // --no-config gets past a broken file.
        assert_eq!(run_in(&dir.path().join("work"), &["summary", &budget, "--no-config"]).code, 0);
    }
}

#[test]
fn labels_are_coloured_only_when_asked_or_on_a_terminal() {
    let missing = ["summary", "tests/fixtures/thousands.csv"];
    let r = run(&[&missing[..], &["--color", "always"]].concat());
    assert!(r.stderr.contains("chiso: \u{1b}[1;31merror:\u{1b}[0m"), "{:?}", r.stderr);
    assert!(r.stderr.contains("\u{1b}[1;32mhint:\u{1b}[0m"), "{:?}", r.stderr);
    // Not a terminal (and NO_COLOR set by the harness): plain.
    let r = run(&missing);
    assert!(!r.stderr.contains('\u{1b}'), "{:?}", r.stderr);
    let mut cmd = command(&[&missing[..], &["--color", "auto"]].concat());
    cmd.env_remove("NO_COLOR");
    assert!(!run_command(cmd).stderr.contains('\u{1b}'), "a pipe is not a terminal");
    let r = run(&[&missing[..], &["--color", "never"]].concat());
    assert!(!r.stderr.contains('\u{1b}'));
    let r = run(&[&missing[..], &["--color", "sometimes"]].concat());
    assert_eq!(r.code, 2);
}

/// A progress bar is drawn on a terminal only (stderr made one by `script`), for inputs from
/// CHISO_PROGRESS_FROM bytes on (100 MB by default): bytes read when a file is read a part at a
/// time, a spinner otherwise; cleared before the messages. In a pipe nothing of it appears.
#[test]
fn progress_bar_on_a_terminal_only() {
    let has_script = Command::new("script").arg("--version").output().is_ok_and(|o| o.status.success());
    if !has_script {
        assert!(std::env::var_os("CI").is_none(), "CI needs util-linux's script for this test");
        eprintln!("skipped: no `script` to run chiso on a terminal");
        return;
    }
    let on_terminal = |env: &str, args: &str| -> String {
        let line = format!("{env} NO_COLOR=1 '{}' {args} -o /dev/null --format csv", bin().display());
        let out = Command::new("script").args(["-qec", &line, "/dev/null"]).current_dir(root()).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let wb = "datasets/wb_gdp_current_usd_long.csv";
    let whole = on_terminal("CHISO_PROGRESS_FROM=1", &format!("summary {wb}"));
    assert!(whole.contains(&format!("reading {wb} (563.23 KiB) (0s)")), "{whole:?}");
    // Cleared (`ESC[2K`) before the first message.
    let cleared = whole.find("\u{1b}[2Kchiso: ").expect("the bar is cleared before the messages");
    assert!(!whole[cleared + 4..].contains("reading "), "{whole:?}");
    let parts =
        on_terminal("CHISO_PROGRESS_FROM=1 CHISO_STREAM_FROM=0 CHISO_STREAM_PART=16K", &format!("convert {wb}"));
    assert!(parts.contains("16.05 KiB/563.23 KiB"), "{parts:?}");
    // Below the size, or in a pipe: no bar.
    assert!(!on_terminal("", &format!("summary {wb}")).contains("reading "));
    let mut cmd = command(&["summary", wb, "--format", "csv"]);
    cmd.env("CHISO_PROGRESS_FROM", "1");
    assert!(!run_command(cmd).stderr.contains("reading "));
}

use super::*;

/// Every command's description and every option's help is in the catalogs.
#[test]
fn every_command_and_option_has_its_text_in_the_catalogs() {
    fn walk(command: &Command, path: &[&str], missing: &mut Vec<String>) {
        let key = about_key(path);
        if !i18n::has(Lang::En, &key) {
            missing.push(key);
        }
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            let key = arg_key(path, id);
            if !i18n::has(Lang::En, &key) {
                missing.push(key);
            }
        }
        for sub in command.get_subcommands() {
            let mut inner = path.to_vec();
            inner.push(sub.get_name());
            walk(sub, &inner, missing);
        }
    }
    let mut missing = Vec::new();
    walk(&Cli::command(), &[], &mut missing);
    assert!(missing.is_empty(), "not in i18n/en/help.ftl: {missing:?}");
}

/// The help of every command, in each language, is that language's and fits 80 columns.
#[test]
fn every_commands_help_is_in_the_language_and_fits_80_columns() {
    fn collect(command: &mut Command, out: &mut Vec<String>) {
        out.push(render_help(&command.render_help().to_string(), 80));
        for sub in command.get_subcommands_mut() {
            collect(sub, out);
        }
    }
    for lang in Lang::ALL {
        let helps = i18n::scoped(lang, || {
            let mut helps = Vec::new();
            collect(&mut command(80), &mut helps);
            helps
        });
        assert!(helps.len() > 40, "{}", helps.len());
        for help in helps {
            for line in help.lines() {
                assert!(crate::ui::text::width(line) <= 80, "{}: over 80 columns: {line}\n{help}", lang.tag());
            }
            let heading = i18n::text_in(lang, "help-usage", None);
            assert!(help.contains(&heading), "{}: {heading}\n{help}", lang.tag());
        }
    }
}

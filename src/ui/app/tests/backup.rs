//! The status line's word on backups: when the last one was made, a warning past the setting's
//! age or when there is none, in both languages; asked again when someone else changes the
//! database (a backup is recorded as a change).

use chrono::Duration;

use super::*;
use crate::i18n::Lang;

/// The console watching backups (a week allowed), the question it asks answered with `last`.
fn watching(last: Option<DateTime<Utc>>) -> App {
    let mut a = app();
    let effects = a.watch_backups(Duration::days(7));
    let [(id, Load::LastBackup)] = loads(&effects)[..] else { panic!("{effects:?}") };
    a.update(Msg::Loaded(id, Loaded::LastBackup(Ok(last))));
    a
}

fn status_line(a: &App) -> String {
    text_of(a).lines().last().unwrap().to_string()
}

#[test]
fn the_status_line_says_when_the_last_backup_was_made() {
    let a = app();
    assert!(!status_line(&a).contains("backup"), "not watched, nothing said: {}", status_line(&a));
    let a = watching(Some(a.now - Duration::days(2) - Duration::hours(3)));
    assert!(status_line(&a).starts_with(" ● connected · backed up 2 days ago"), "{}", status_line(&a));
    assert!(!status_line(&a).contains('!'), "{}", status_line(&a));
    let a = watching(Some(a.now - Duration::hours(5)));
    assert!(status_line(&a).contains("· backed up 5 hours ago"), "{}", status_line(&a));
    let a = watching(Some(a.now - Duration::minutes(1)));
    assert!(status_line(&a).contains("· backed up 1 minute ago"), "{}", status_line(&a));
}

#[test]
fn an_old_backup_or_none_is_warned_of() {
    let a = app();
    let old = watching(Some(a.now - Duration::days(9)));
    let line = status_line(&old);
    assert!(line.contains(" ● connected │ ! last backup 9 days ago, more than 7 days"), "{line}");
    assert!(!line.contains("backed up"), "{line}");
    let none = watching(None);
    insta::assert_snapshot!("backup_none_80x24", view_text(&none));
    assert!(status_line(&none).contains(" ● connected │ ! no backup yet: portal-admin backup FILE"));
    crate::i18n::scoped(Lang::ZhCn, || {
        assert!(status_line(&old).contains("! 上次备份在9天前，已超过7天"), "{}", status_line(&old));
        assert!(status_line(&none).contains("! 尚无备份：portal-admin backup <文件>"), "{}", status_line(&none));
        let fresh = watching(Some(a.now - Duration::days(1)));
        assert!(status_line(&fresh).contains("· 24小时前已备份"), "{}", status_line(&fresh));
    });
}

/// Ticks until the console checks the database, and answers with the change mark `mark`; the
/// queries that answer asks for.
fn ask(a: &mut App, mark: i64) -> Vec<(u64, Load)> {
    for _ in 0..200 {
        let now = a.now + Duration::milliseconds(100);
        let effects = a.update(Msg::Tick(now));
        if let Some((id, _)) = loads(&effects).into_iter().find(|(_, l)| *l == Load::Ping) {
            let asked = loads(&a.update(Msg::Loaded(id, Loaded::Ping(Ok(mark)))));
            // The column tree loads again too; answered, so that the console checks again later.
            for (id, load) in &asked {
                if matches!(load, Load::View(views::Load::Columns(columns::Load::Tree { .. }))) {
                    a.update(Msg::Loaded(
                        *id,
                        Loaded::View(views::Loaded::Columns(columns::Loaded::Tree(Ok(entries())))),
                    ));
                }
            }
            return asked;
        }
    }
    panic!("no check");
}

#[test]
fn a_backup_made_meanwhile_is_seen_at_the_next_change() {
    let mut a = watching(None);
    assert!(ask(&mut a, 10).is_empty(), "the mark the console opened at: nothing changed");
    // The cron job's backup is a change: the console asks again and stops warning.
    let asked = ask(&mut a, 11);
    let Some((id, _)) = asked.iter().find(|(_, l)| *l == Load::LastBackup) else { panic!("{asked:?}") };
    a.update(Msg::Loaded(*id, Loaded::LastBackup(Ok(Some(a.now - Duration::minutes(3))))));
    assert!(status_line(&a).contains("backed up 3 minutes ago") && !status_line(&a).contains('!'));
    // An answer to an older question, or an error, changes nothing.
    a.update(Msg::Loaded(*id, Loaded::LastBackup(Ok(None))));
    assert!(status_line(&a).contains("backed up 3 minutes ago"), "{}", status_line(&a));
    let asked = ask(&mut a, 12);
    let (id, _) = asked.iter().find(|(_, l)| *l == Load::LastBackup).unwrap();
    a.update(Msg::Loaded(*id, Loaded::LastBackup(Err("the database said no".into()))));
    assert!(status_line(&a).contains("backed up 3 minutes ago"), "{}", status_line(&a));
}

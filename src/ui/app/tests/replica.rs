//! The status line's word on a hot standby read from: up to date, how far behind, not receiving;
//! asked every few seconds, never waited for; a standby given no primary makes the console read
//! only, saying why, in both languages.

use chrono::Duration;

use super::*;
use crate::i18n::Lang;
use crate::store::ReplicaState;

fn status_line(a: &App) -> String {
    text_of(a).lines().last().unwrap().to_string()
}

/// The console watching the standby, the first question answered with `state`.
fn watching(state: Option<ReplicaState>) -> App {
    let mut a = app();
    let effects = a.watch_replica();
    let [(id, Load::Replica)] = loads(&effects)[..] else { panic!("{effects:?}") };
    a.update(Msg::Loaded(id, Loaded::Replica(Ok(state))));
    a
}

fn standby(behind: Option<i64>, streaming: bool, writes_to_primary: bool) -> Option<ReplicaState> {
    Some(ReplicaState { behind_seconds: behind, streaming, upstream: Some("10.0.3.7:5432".into()), writes_to_primary })
}

/// Ticks until the console asks again; the question's id.
fn asked_again(a: &mut App) -> Option<u64> {
    for _ in 0..100 {
        let now = a.now + Duration::milliseconds(100);
        let effects = a.update(Msg::Tick(now));
        if let Some((id, _)) = loads(&effects).into_iter().find(|(_, l)| *l == Load::Replica) {
            return Some(id);
        }
    }
    None
}

#[test]
fn the_status_line_says_how_far_behind_the_standby_is() {
    let a = app();
    assert!(!status_line(&a).contains("replica"), "not watched: {}", status_line(&a));
    let mut a = watching(standby(Some(0), true, true));
    assert!(status_line(&a).starts_with(" ● connected · replica, up to date"), "{}", status_line(&a));
    assert!(!status_line(&a).contains("read only"), "changes go to the primary: {}", status_line(&a));
    // Asked again a few seconds later, on a task of its own; the answer changes the line.
    let id = asked_again(&mut a).expect("asked again");
    a.update(Msg::Loaded(id, Loaded::Replica(Ok(standby(Some(2), true, true)))));
    assert!(status_line(&a).contains("· replica, 2s behind"), "{}", status_line(&a));
    crate::i18n::scoped(Lang::ZhCn, || {
        assert!(status_line(&a).contains("· 只读副本 延迟 2秒"), "{}", status_line(&a));
    });
    // An error keeps what was known; a late answer to an older question is dropped.
    let id2 = asked_again(&mut a).expect("asked again");
    a.update(Msg::Loaded(id2, Loaded::Replica(Err("the database said no".into()))));
    assert!(status_line(&a).contains("· replica, 2s behind"), "{}", status_line(&a));
    a.update(Msg::Loaded(id, Loaded::Replica(Ok(standby(Some(99), true, true)))));
    assert!(status_line(&a).contains("· replica, 2s behind"), "{}", status_line(&a));
    let id = asked_again(&mut a).expect("asked again");
    a.update(Msg::Loaded(id, Loaded::Replica(Ok(standby(Some(125), false, true)))));
    assert!(status_line(&a).contains("· replica, not receiving from its primary"), "{}", status_line(&a));
    let id = asked_again(&mut a).expect("asked again");
    a.update(Msg::Loaded(id, Loaded::Replica(Ok(standby(Some(125), true, true)))));
    assert!(status_line(&a).contains("· replica, 2m 05s behind"), "{}", status_line(&a));
    insta::assert_snapshot!("replica_behind_80x24", view_text(&a));
}

#[test]
fn a_database_that_is_no_standby_is_asked_once() {
    let mut a = watching(None);
    assert!(!status_line(&a).contains("replica"), "{}", status_line(&a));
    assert_eq!(asked_again(&mut a), None, "not asked again");
}

#[test]
fn a_standby_without_its_primary_makes_the_console_read_only_saying_why() {
    let a = watching(standby(Some(0), true, false));
    let line = status_line(&a);
    assert!(line.contains("read only") && line.contains("replica, up to date"), "{line}");
    let said = |a: &App| a.notice.as_ref().map(|n| n.text.clone()).unwrap_or_default();
    assert_eq!(
        said(&a),
        "read only: a hot standby of the primary at 10.0.3.7:5432; to change anything, open the console with \
         --db-primary naming that primary"
    );
    // A key that would write says the same, and nothing is sent.
    let mut a = a;
    a.notice = None;
    show_queue(&mut a);
    open_reviewing(&mut a);
    let effects = keys(&mut a, "ca");
    assert!(loads(&effects).iter().all(|(_, l)| !l.is_write()), "{effects:?}");
    assert!(said(&a).contains("10.0.3.7:5432"), "{}", said(&a));
    let unnamed = |a: &mut App| {
        let effects = a.watch_replica();
        let [(id, Load::Replica)] = loads(&effects)[..] else { panic!("{effects:?}") };
        let state = ReplicaState { behind_seconds: None, streaming: false, upstream: None, writes_to_primary: false };
        a.update(Msg::Loaded(id, Loaded::Replica(Ok(Some(state)))));
    };
    let mut a = app();
    unnamed(&mut a);
    assert!(said(&a).starts_with("read only: a hot standby, whose primary") && said(&a).contains("--db-primary"));
    crate::i18n::scoped(Lang::ZhCn, || {
        let a = watching(standby(Some(0), true, false));
        let line = status_line(&a);
        assert!(line.contains("只读") && line.contains("只读副本 已同步"), "{line}");
        assert!(said(&a).contains("10.0.3.7:5432 上主库的热备库"), "{}", said(&a));
        insta::assert_snapshot!("replica_read_only_zh_80x24", view_text(&a));
        let mut a = app();
        unnamed(&mut a);
        assert!(said(&a).contains("未能得知其主库"), "{}", said(&a));
    });
}

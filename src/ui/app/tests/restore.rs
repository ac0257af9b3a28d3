//! Restoring withdrawals together (issue 22): rows marked in the Withdrawn tab one by one, as a
//! range, or the whole bulk withdrawal of the selected row, put back in one write.

use super::*;

/// A bulk withdrawal of three items (records 20–22, batch 20; item 2002's undone since), newest
/// first, then one withdrawn alone.
fn batch_rows() -> Vec<WithdrawalRow> {
    let mut rows = withdrawal_rows();
    let at = Utc.with_ymd_and_hms(2026, 11, 29, 8, 0, 0).unwrap();
    let titles = ["关于2021年防汛值班安排的通知", "2021年第三季度财政收支情况", "2021年度征兵工作公告"];
    let batch: Vec<WithdrawalRow> = (20..23)
        .rev()
        .zip(titles)
        .map(|(id, title)| WithdrawalRow {
            id,
            item: 1980 + id,
            title: title.into(),
            reason: RetractionReason::Outdated,
            note: "2021年的旧信息".into(),
            withdrawn_at: at,
            withdrawn_by: "wang.fang".into(),
            batch: 20,
            restored: (id == 21).then(|| (at + chrono::Duration::hours(1), "li.jianhua".to_string())),
            requested_at: None,
            still_public: false,
        })
        .collect();
    rows.splice(0..0, batch);
    rows
}

fn show_batch(a: &mut App) {
    let effects = keys(a, "6");
    let [(id, _)] = loads(&effects)[..] else { panic!("{effects:?}") };
    a.update(Msg::Loaded(id, Loaded::View(views::Loaded::Withdrawn(withdrawn::Loaded::Page(Ok(batch_rows()))))));
}

#[test]
fn b_marks_a_bulk_withdrawal_and_u_restores_its_items_in_one_write() {
    let mut a = app();
    show_batch(&mut a);
    let text = text_of(&a);
    // The batch's records name it; a withdrawal alone names none.
    let first = text.lines().nth(3).unwrap();
    assert!(first.contains("2002") && first.contains(" 20 "), "{text}");
    assert!(!text.lines().nth(6).unwrap().contains(" 12 "), "{text}");
    keys(&mut a, "b");
    assert_eq!(a.notice.as_ref().unwrap().text, "batch 20: 3 listed, 2 marked now, 1 restored already (2 marked)");
    assert!(text_of(&a).lines().nth(1).unwrap().contains("· 2 marked"), "{}", text_of(&a));
    insta::assert_snapshot!("withdrawn_batch_marked_80x24", view_text(&a));
    assert!(loads(&keys(&mut a, "u")).is_empty(), "nothing is written before Enter");
    let text = confirmation(&a);
    assert!(text.starts_with("Put the 2 marked items back online"), "{text}");
    assert!(
        text.contains("2002  关于2021年防汛值班安排的通知") && text.contains("2000  2021年度征兵工作公告"),
        "{text}"
    );
    assert!(!text.contains("2001"), "the one restored already is not named: {text}");
    let effects = key(&mut a, KeyCode::Enter);
    let [(id, Load::Restore { withdrawals })] = &loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(withdrawals, &[22, 20]);
    let done = Restoration { restored: vec![2002, 2000], already: vec![] };
    let effects = a.update(Msg::Loaded(*id, Loaded::Restored(Ok(done))));
    assert_eq!(a.notice.as_ref().unwrap().text, "put 2 items back online in the columns they were in");
    assert!(a.views.withdrawn.marks.items.is_empty(), "the marks go once saved");
    assert!(
        loads(&effects).iter().any(|(_, l)| matches!(l, Load::View(views::Load::Withdrawn(_)))),
        "the list is read again"
    );
}

#[test]
fn space_and_v_mark_withdrawals_esc_clears_them_and_a_restored_one_is_not_marked() {
    let mut a = app();
    show_batch(&mut a);
    space(&mut a);
    assert_eq!(a.views.withdrawn.marks.items.keys().copied().collect::<Vec<_>>(), [22]);
    // The second row was restored already: said, not marked.
    space(&mut a);
    assert!(a.notice.as_ref().unwrap().text.contains("was undone already"), "{:?}", a.notice);
    key(&mut a, KeyCode::Down);
    keys(&mut a, "v");
    assert_eq!(a.notice.as_ref().unwrap().text, "marked 2 more (3 marked)");
    assert_eq!(a.views.withdrawn.marks.items.keys().copied().collect::<Vec<_>>(), [12, 20, 22]);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.notice.as_ref().unwrap().text, "3 marks cleared");
    assert!(a.views.withdrawn.marks.items.is_empty());
    assert_eq!(a.tab, Tab::Withdrawn);
    // Without marks, u restores the selected one alone, by its withdrawal's record.
    let effects = {
        keys(&mut a, "u");
        key(&mut a, KeyCode::Enter)
    };
    let [(_, Load::Restore { withdrawals })] = &loads(&effects)[..] else { panic!("{effects:?}") };
    assert_eq!(withdrawals, &[12]);
}

#[test]
fn the_batch_restore_is_said_in_chinese() {
    crate::i18n::scoped(Lang::ZhCn, || {
        let mut a = app();
        show_batch(&mut a);
        keys(&mut a, "b");
        assert_eq!(
            a.notice.as_ref().unwrap().text,
            "批次 20：列出 3 条，本次标记 2 条，此前已恢复 1 条（共标记 2 条）"
        );
        keys(&mut a, "u");
        assert!(confirmation(&a).starts_with("将标记的 2 条信息一并恢复到原来所在的栏目上线"), "{}", confirmation(&a));
        insta::assert_snapshot!("withdrawn_batch_confirm_zh_80x24", view_text(&a));
    });
}

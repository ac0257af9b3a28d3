//! A query's result arriving: the view that asked for it takes it, a stale one is dropped.

use super::*;

impl App {
    pub(super) fn loaded(&mut self, id: u64, loaded: Loaded, effects: &mut Vec<Effect>) {
        let height = self.list_height();
        match loaded {
            Loaded::Ping(result) => {
                let before = effects.len();
                self.checked(id, result, effects);
                // A colleague's change, or the connection back: `reload_open_views` reloads the
                // column tree first, and the indicators follow it once they have been shown.
                let reloaded = effects[before..].iter().any(|e| matches!(e, Effect::Load(_, Load::Columns { .. })));
                if reloaded {
                    self.with_view(Tab::Inspection, effects, |v, cx, ask| v.reload(cx, ask));
                }
                return;
            }
            Loaded::Whoami(result) => return self.identified(id, result),
            _ => {}
        }
        if !health::failed(&loaded) {
            self.query_succeeded();
        }
        match loaded {
            Loaded::Ping(_) | Loaded::Whoami(_) => {}
            Loaded::Columns(result) => {
                if !arrived(&mut self.columns.waiting, id) {
                    return;
                }
                match result {
                    Ok(entries) => {
                        let selected = self.columns.selected_entry().map(|e| e.id);
                        let tree = match &self.columns.tree {
                            Some(old) => old.refreshed(entries),
                            None => ColumnTree::new(entries),
                        };
                        self.columns.tree = Some(tree);
                        self.columns.error = None;
                        self.columns.relayout_to(height, selected);
                        // An open column shows the refreshed figures too.
                        if let (Some(c), Some(tree)) = (&mut self.column, &self.columns.tree)
                            && let Some(e) = tree.entries.iter().find(|e| e.id == c.column.id)
                        {
                            c.column = e.clone();
                        }
                    }
                    Err(e) => {
                        self.warn(t!("console-columns-load-failed", error = e.clone()));
                        self.columns.error = Some(e);
                    }
                }
            }
            Loaded::ColumnItems(result) => {
                let Some(c) = &mut self.column else { return };
                let failed = result.as_ref().err().filter(|_| c.items.waiting == Some(id)).cloned();
                if c.items.accept(id, result, height) {
                    // The filter may keep too few to fill the screen: fetch on.
                    self.more_items(effects);
                }
                if let Some(e) = failed {
                    self.warn(t!("column-items-load-failed", error = e));
                }
            }
            Loaded::View(loaded) => {
                let (views, cx, mut ask) = self.parts(effects);
                views.loaded(id, loaded, &cx, &mut ask);
                for event in std::mem::take(&mut ask.events) {
                    self.event(event);
                }
            }
            Loaded::ColumnHead(result) => {
                let Some(c) = &mut self.column else { return };
                if !arrived(&mut c.waiting_head, id) {
                    return;
                }
                match result {
                    Ok((count, documents)) => {
                        c.count = Some(count);
                        c.documents = documents;
                        let height = self.list_height();
                        if let Some(c) = &mut self.column {
                            c.items.cursor.show(c.items.shown.len(), height);
                        }
                    }
                    Err(e) => self.warn(t!("column-documents-load-failed", error = e)),
                }
            }
            Loaded::Withdrawn(result) => self.wrote(id, result.map(|w| withdraw::withdrawal_said(&w)), effects),
            Loaded::Marked(kind, result) => self.wrote(id, result.map(|m| withdraw::marking_said(kind, &m)), effects),
            Loaded::Restored(item, result) => self.wrote(id, result.map(|t| withdraw::restore_said(item, t)), effects),
            Loaded::Declined(result) => self.wrote(id, result.map(|_| t!("declined-said")), effects),
            Loaded::ColumnBefore(result) => self.older_arrived(id, result),
            Loaded::Assessment(what) => self.assessment_loaded(id, what, effects),
            Loaded::Calendar(what) => self.calendar_loaded(id, what, effects),
            Loaded::LastBackup(result) => self.last_backup_loaded(id, result),
            Loaded::Waived(item, result) => self.waived(id, item, result, effects),
            Loaded::Item(result) => {
                // For the item opened from a column, from the queue, or from a unit's score.
                let item = match &mut self.item {
                    Some(item) if item.waiting == Some(id) => item,
                    _ => return,
                };
                item.waiting = None;
                match result {
                    Ok(found) => item.item = Some(*found),
                    Err(e) => {
                        item.error = Some(e.clone());
                        let id = item.id;
                        self.warn(t!("item-load-failed", id = id, error = e));
                    }
                }
            }
        }
    }
}

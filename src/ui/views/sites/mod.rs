//! The Sites tab: a provincial platform's overview, every county portal with how it is doing (the
//! figures `portal-admin sites` lists, from the same use case), worst first by the figure chosen
//! (`s` takes the next); Enter enters the selected site, as `:site CODE` does.

use chrono::{DateTime, Utc};

use super::{Ask, Cx, Event, View};
use crate::domain::sites::{Sort, compare};
use crate::store::{Site, Store, StoreError};
use crate::ui::keymap::{Action, Layer};
use crate::ui::paged::{List, Paged, Row};
use crate::ui::sanitise::{clean_line, each};
use crate::ui::text::SearchKey;
use crate::usecase::sites::{self, Summary};

mod draw;

/// The tab's state: the sites with their figures, and the figure they are sorted by.
#[derive(Debug, Default)]
pub struct SitesView {
    pub list: Paged<Summary>,
    pub sort: Sort,
}

/// The tab's queries.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// Every site with its figures at `now`, worst first by `sort`.
    Summaries { now: DateTime<Utc>, sort: Sort },
    /// The site with this code, to enter it (`:site CODE`).
    Site(String),
}

/// What they brought back.
#[derive(Debug, Clone)]
pub enum Loaded {
    Summaries(Result<Vec<Summary>, String>),
    Site(Result<Site, String>),
}

impl Load {
    pub fn is_write(&self) -> bool {
        match self {
            Load::Summaries { .. } | Load::Site(_) => false,
        }
    }

    pub async fn run(self, store: &dyn Store, _site: &Site, line: &(dyn Fn(StoreError) -> String + Sync)) -> Loaded {
        match self {
            Load::Summaries { now, sort } => {
                Loaded::Summaries(sites::summaries(store, now, sort).await.map_err(line))
            }
            Load::Site(code) => Loaded::Site(sites::find(store, &code).await.map_err(line)),
        }
    }
}

fn clean_site(site: &mut Site) {
    clean_line(&mut site.code);
    clean_line(&mut site.name);
}

impl Loaded {
    pub fn failed(&self) -> bool {
        match self {
            Loaded::Summaries(r) => r.is_err(),
            Loaded::Site(r) => r.is_err(),
        }
    }

    pub fn sanitised(mut self) -> Self {
        match &mut self {
            Loaded::Summaries(r) => each(r, |s| clean_site(&mut s.site)),
            Loaded::Site(r) => {
                if let Ok(site) = r {
                    clean_site(site);
                }
            }
        }
        self
    }

    #[cfg(test)]
    pub fn every_error() -> Vec<(&'static str, Loaded)> {
        let e = "the database said no".to_string();
        vec![("Summaries", Loaded::Summaries(Err(e.clone()))), ("Site", Loaded::Site(Err(e)))]
    }
}

impl Row for Summary {
    type Key = i64;

    fn key(&self) -> i64 {
        self.site.id
    }

    fn search(&self) -> SearchKey {
        SearchKey::new(&[&self.site.code, &self.site.name])
    }

    fn copy(&self, id: bool) -> Option<String> {
        Some(if id { self.site.code.clone() } else { self.site.name.clone() })
    }
}

impl SitesView {
    /// Asks for every site's figures as of now.
    fn load(&mut self, cx: &Cx, ask: &mut Ask) {
        let req = ask.request(Load::Summaries { now: cx.now, sort: self.sort });
        self.list.filtered(req, crate::store::Seek::First, None);
    }

    /// `:site CODE`: asks for the site, to enter it once it is found.
    pub fn enter_code(&mut self, code: &str, ask: &mut Ask) {
        match crate::domain::sites::refuse_code(code) {
            Some(why) => ask.warn(why),
            None => {
                ask.request(Load::Site(code.to_string()));
            }
        }
    }

    /// A result for this view.
    pub fn loaded(&mut self, id: u64, loaded: Loaded, cx: &Cx, ask: &mut Ask) {
        match loaded {
            Loaded::Summaries(result) => {
                let failed = result.as_ref().err().filter(|_| self.list.waiting == Some(id)).cloned();
                self.list.accept_whole(id, result, cx.height);
                if let Some(e) = failed {
                    ask.warn(crate::t!("sites-load-failed", error = e));
                }
            }
            Loaded::Site(Ok(site)) => ask.post(Event::Enter(site)),
            Loaded::Site(Err(e)) => ask.warn(e),
        }
    }

    /// `s`: worst first by the next figure, re-sorted from what is loaded.
    fn next_sort(&mut self, cx: &Cx, ask: &mut Ask) {
        self.sort = self.sort.next();
        let mut order: Vec<&Summary> = self.list.rows.iter().collect();
        let sort = self.sort;
        order.sort_by(|a, b| compare((&a.site.code, &a.figures), (&b.site.code, &b.figures), sort));
        let rank: std::collections::HashMap<i64, usize> =
            order.iter().enumerate().map(|(n, s)| (s.site.id, n)).collect();
        self.list.sort_by_key(cx.height, |s| rank.get(&s.site.id).copied().unwrap_or(usize::MAX));
        ask.tell(crate::t!("sites-sorted", by = draw::sort_word(sort)));
    }
}

impl View for SitesView {
    fn list(&self) -> Option<&dyn List> {
        Some(&self.list)
    }

    fn list_mut(&mut self) -> Option<&mut dyn List> {
        Some(&mut self.list)
    }

    fn layer(&self) -> Layer {
        Layer::Sites
    }

    fn show(&mut self, cx: &Cx, ask: &mut Ask) {
        if !self.list.loaded() {
            self.load(cx, ask);
        }
    }

    fn read_list(&mut self, ask: &mut Ask) {
        let req = ask.request(Load::Summaries { now: Utc::now(), sort: self.sort });
        self.list.filtered(req, crate::store::Seek::First, None);
    }

    fn refresh(&mut self, cx: &Cx, ask: &mut Ask) {
        self.load(cx, ask);
    }

    fn on_action(&mut self, action: Action, cx: &Cx, ask: &mut Ask) -> bool {
        match action {
            Action::SitesSort => {
                self.next_sort(cx, ask);
                true
            }
            _ => false,
        }
    }

    /// Enter: the selected site, entered.
    fn open(&mut self, _cx: &Cx, ask: &mut Ask) {
        if let Some(s) = self.list.selected() {
            ask.post(Event::Enter(s.site.clone()));
        }
    }

    fn draw(&self, d: &mut crate::ui::widgets::Draw, areas: &crate::ui::layout::Areas) {
        draw::draw(self, d, areas);
    }
}

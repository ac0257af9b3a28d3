//! A provincial platform's sites in the console: entering a site from the overview (Enter on a
//! site, `:site CODE`), after which every view reads that site and the status line names it;
//! which tabs the bar shows (the overview only to operators of several sites).

use super::*;
use crate::store::Site;

impl App {
    /// Enters `site`: the runtime runs every query from now on against it, every view starts
    /// again empty (but the overview), and the console asks who it acts as there.
    pub(super) fn enter(&mut self, site: Site, effects: &mut Vec<Effect>) {
        if self.link.writing > 0 || self.retraction_write.is_some() {
            self.warn(t!("sites-enter-writing"));
            return;
        }
        let overview = std::mem::take(&mut self.views.sites);
        let period = self.views.scores.period;
        self.views = Views { scores: ScoresView::new(period), sites: overview, ..Views::default() };
        self.pages_check = None;
        self.pages_fetched = None;
        self.site_name = site.name.clone();
        self.site_code = site.code.clone();
        effects.push(Effect::Enter(site));
        self.link.whoami = None;
        self.ask_whoami(effects);
        self.switch(Tab::Columns, effects);
        self.tell(t!("sites-entered", code = self.site_code.clone(), name = self.site_name.clone()));
    }

    /// `:site CODE`: enters the site with that code, once the database has found it; without a
    /// code, the overview.
    pub(super) fn site_command(&mut self, code: &str, effects: &mut Vec<Effect>) {
        if code.is_empty() {
            self.switch(Tab::Sites, effects);
            return;
        }
        let (views, _, mut ask) = self.parts(effects);
        views.sites.enter_code(code, &mut ask);
    }

    /// The tabs of the bar, in order: the overview of the sites only for an operator of several.
    pub fn bar(&self) -> Vec<Tab> {
        Tab::ALL.into_iter().filter(|t| *t != Tab::Sites || self.several_sites || self.tab == Tab::Sites).collect()
    }
}

//! The words demo content is made of (`data/demo/corpus.toml`): pools of fill-ins and, per kind of
//! column, title and body templates with `{placeholders}`.

use std::collections::BTreeMap;

use rand::Rng;
use serde::Deserialize;

/// The built-in corpus.
pub const BUILT_IN: &str = include_str!("../../data/demo/corpus.toml");

/// Placeholders the generator fills itself.
pub const BUILT_INS: &[&str] =
    &["unit", "unit_short", "year", "month", "day", "quarter", "date", "docno", "n", "big", "pct", "money", "person"];

#[derive(Debug, Clone, Deserialize)]
pub struct Corpus {
    pub pools: BTreeMap<String, Vec<String>>,
    #[serde(rename = "category")]
    pub categories: Vec<Category>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Category {
    pub name: String,
    #[serde(rename = "match")]
    pub matches: Vec<String>,
    pub titles: Vec<String>,
    pub bodies: Vec<String>,
}

/// What the built-in placeholders are filled with for one item.
pub struct Context<'a> {
    pub unit: &'a str,
    pub unit_short: &'a str,
    pub date: chrono::NaiveDate,
    pub docno: &'a str,
}

impl Corpus {
    pub fn built_in() -> Corpus {
        Corpus::parse(BUILT_IN).expect("the built-in corpus is checked by its tests")
    }

    /// Parses and checks a corpus: every placeholder is a pool or a built-in, every category has
    /// titles and bodies, and the last category is the default (`match = []`).
    pub fn parse(text: &str) -> Result<Corpus, String> {
        let corpus: Corpus = toml::from_str(text).map_err(|e| e.to_string())?;
        match corpus.categories.last() {
            Some(c) if c.matches.is_empty() => {}
            _ => return Err("the last category must be the default one, with match = []".into()),
        }
        for c in &corpus.categories {
            if c.titles.is_empty() || c.bodies.is_empty() {
                return Err(format!("category {} needs titles and bodies", c.name));
            }
            for template in c.titles.iter().chain(&c.bodies) {
                for name in placeholders(template) {
                    if !BUILT_INS.contains(&name) && corpus.pools.get(name).is_none_or(|p| p.is_empty()) {
                        return Err(format!("category {}: unknown placeholder {{{name}}} in {template:?}", c.name));
                    }
                }
            }
        }
        for name in ["surname", "given"] {
            if corpus.pools.get(name).is_none_or(|p| p.is_empty()) {
                return Err(format!("pool {name} is needed for {{person}}"));
            }
        }
        Ok(corpus)
    }

    /// The category of a column: the first whose match strings occur in its path.
    pub fn category_for(&self, path: &str) -> usize {
        self.categories
            .iter()
            .position(|c| c.matches.iter().any(|m| path.contains(m.as_str())))
            .unwrap_or(self.categories.len() - 1)
    }

    /// Fills a template's placeholders.
    pub fn fill(&self, template: &str, ctx: &Context<'_>, rng: &mut impl Rng) -> String {
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                return out;
            };
            self.push_value(&after[..close], ctx, rng, &mut out);
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }

    fn pick<'a>(&'a self, pool: &str, rng: &mut impl Rng) -> &'a str {
        match self.pools.get(pool) {
            Some(values) if !values.is_empty() => &values[rng.random_range(0..values.len())],
            _ => "",
        }
    }

    fn push_value(&self, name: &str, ctx: &Context<'_>, rng: &mut impl Rng, out: &mut String) {
        use chrono::Datelike;
        use std::fmt::Write;
        let _ = match name {
            "unit" => write!(out, "{}", ctx.unit),
            "unit_short" => write!(out, "{}", ctx.unit_short),
            "year" => write!(out, "{}", ctx.date.year()),
            "month" => write!(out, "{}", ctx.date.month()),
            "day" => write!(out, "{}", ctx.date.day()),
            "quarter" => write!(out, "{}", ["一", "二", "三", "四"][(ctx.date.month0() / 3) as usize]),
            "date" => write!(out, "{}年{}月{}日", ctx.date.year(), ctx.date.month(), ctx.date.day()),
            "docno" => write!(out, "{}", ctx.docno),
            "n" => write!(out, "{}", rng.random_range(2..=60)),
            "big" => write!(out, "{}", rng.random_range(100..=99_999)),
            "pct" => write!(out, "{:.1}", rng.random_range(5..=150) as f64 / 10.0),
            "money" => write!(out, "{:.1}", rng.random_range(100..=99_999) as f64 / 10.0),
            "person" => write!(out, "{}{}", self.pick("surname", rng), self.pick("given", rng)),
            pool => write!(out, "{}", self.pick(pool, rng)),
        };
    }
}

/// The placeholder names in a template.
fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                names.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn the_built_in_corpus_is_complete() {
        let c = Corpus::built_in();
        assert!(c.categories.len() >= 10);
        let news = c.category_for("政务动态 / 象山动态");
        assert_eq!(c.categories[news].name, "news");
        assert!(c.categories[news].titles.len() >= 40);
        assert_eq!(c.category_for("完全不存在的栏目"), c.categories.len() - 1);
    }

    #[test]
    fn fills_placeholders_deterministically() {
        let c = Corpus::parse(
            "[pools]\nsurname=[\"李\"]\ngiven=[\"建华\"]\ntopic=[\"防汛\"]\n[[category]]\nname=\"d\"\nmatch=[]\n\
             titles=[\"{unit}召开{topic}会议\"]\nbodies=[\"{date}，{person}出席。\"]\n",
        )
        .unwrap();
        let ctx = Context {
            unit: "象山区应急管理局",
            unit_short: "应急局",
            date: chrono::NaiveDate::from_ymd_opt(2024, 5, 17).unwrap(),
            docno: "",
        };
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        assert_eq!(c.fill(&c.categories[0].titles[0], &ctx, &mut rng), "象山区应急管理局召开防汛会议");
        assert_eq!(c.fill(&c.categories[0].bodies[0], &ctx, &mut rng), "2024年5月17日，李建华出席。");
    }

    #[test]
    fn unknown_placeholders_are_refused() {
        let e = Corpus::parse(
            "[pools]\nsurname=[\"李\"]\ngiven=[\"华\"]\n[[category]]\nname=\"d\"\nmatch=[]\n\
             titles=[\"{nope}\"]\nbodies=[\"x\"]\n",
        )
        .unwrap_err();
        assert!(e.contains("unknown placeholder {nope}"), "{e}");
    }
}

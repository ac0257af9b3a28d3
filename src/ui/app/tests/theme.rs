//! The console's themes (issue 23): every view in high contrast against its snapshot, the styles
//! each theme gives, and colours of one's own from `[colours]` in config.toml.

use ratatui::style::{Color, Modifier, Style};

use super::*;
use crate::usecase::settings::{COLOUR_NAMES, Settings};

/// The console at `size` in `theme`.
fn themed(size: (u16, u16), theme: Theme) -> App {
    let mut a = sized(size, false);
    a.theme = theme;
    a
}

/// Every view state in high contrast at 80×24 against its snapshot, the status line black on white.
#[test]
fn every_view_state_in_high_contrast() {
    for (name, setup) in states() {
        let mut a = themed((80, 24), Theme::of(Kind::HighContrast));
        setup(&mut a);
        insta::assert_snapshot!(format!("{name}_80x24_high"), screen(&a));
    }
    let a = themed((80, 24), Theme::of(Kind::HighContrast));
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| draw(f.buffer_mut(), &a)).unwrap();
    let bar = t.backend().buffer()[(0, 23)].style();
    assert_eq!((bar.bg, bar.fg), (Some(Color::White), Some(Color::Black)), "the status line: black on white");
    assert!(bar.add_modifier.contains(Modifier::BOLD));
}

/// What each theme gives the named styles: high contrast bright and bold, with a grey that still
/// reads for what matters less; monochrome no colour at all.
#[test]
fn each_theme_gives_its_styles() {
    let high = Theme::of(Kind::HighContrast);
    let overdue = high.status(Status::Overdue);
    assert_eq!(overdue.fg, Some(Color::LightRed));
    assert!(overdue.add_modifier.contains(Modifier::BOLD));
    assert_eq!(high.status(Status::Ok).fg, Some(Color::LightGreen));
    assert!(high.status(Status::DueSoon).add_modifier.contains(Modifier::BOLD), "bold in high contrast");
    assert_eq!(high.dim().fg, Some(Color::Gray), "not the dark grey that fades on a projector");
    assert!(high.selected().add_modifier.contains(Modifier::REVERSED | Modifier::BOLD));
    let blocking = high.finding(true, false, false);
    assert_eq!((blocking.bg, blocking.fg), (Some(Color::LightRed), Some(Color::Black)));
    let default = Theme::default();
    assert_eq!(default.status(Status::Overdue).fg, Some(Color::Red));
    assert_eq!(default.dim().fg, Some(Color::DarkGray));
    assert!(!default.status(Status::Ok).add_modifier.contains(Modifier::BOLD));
    let mono = Theme::of(Kind::Monochrome);
    let every = |t: Theme| {
        let statuses = [Status::Overdue, Status::Empty, Status::DueSoon, Status::Ok, Status::Exempt];
        let mut styles: Vec<Style> = statuses.iter().map(|s| t.status(*s)).collect();
        styles.extend([t.dim(), t.heading(), t.bar(), t.selected(), t.chart(), t.found()]);
        for (blocking, waived) in [(true, false), (false, false), (false, true)] {
            styles.push(t.finding(blocking, waived, false));
        }
        styles
    };
    for style in every(mono) {
        assert_eq!((style.fg, style.bg), (None, None), "monochrome has no colour: {style:?}");
    }
    assert!(every(high).iter().zip(every(default)).any(|(h, d)| h != &d));
}

/// `[colours]` in config.toml changes the named colours of the theme, and the console draws with
/// them: the overdue mark, the bars, the chart; monochrome (`NO_COLOR`) keeps none.
#[test]
fn colours_of_ones_own_from_the_settings_are_drawn() {
    let text = "theme = \"high-contrast\"\n[colours]\noverdue = \"#ff8800\"\nbar = \"black\"\nbar_text = \"208\"\n";
    let settings = Settings::from_text("config.toml", text).unwrap();
    assert_eq!(settings.colours.len(), 3);
    let theme = Theme::with_colours(settings.theme, &settings.colours);
    assert_eq!(theme.kind, Kind::HighContrast);
    assert_eq!(theme.status(Status::Overdue).fg, Some(Color::Rgb(0xff, 0x88, 0)));
    assert!(theme.status(Status::Overdue).add_modifier.contains(Modifier::BOLD), "still high contrast");
    assert_eq!((theme.bar().bg, theme.bar().fg), (Some(Color::Black), Some(Color::Indexed(208))));
    assert_eq!(theme.status(Status::Empty), Theme::of(Kind::HighContrast).status(Status::Empty), "the rest stay");
    let mut a = themed((80, 24), theme);
    keys(&mut a, "o");
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| draw(f.buffer_mut(), &a)).unwrap();
    let buf = t.backend().buffer();
    let cells: Vec<&ratatui::buffer::Cell> = buf.content().iter().collect();
    let overdue = cells.iter().find(|c| c.symbol() == "✗").expect("an overdue column's mark");
    assert_eq!(overdue.fg, Color::Rgb(0xff, 0x88, 0), "the overdue mark in the colour of one's own");
    assert_eq!((buf[(0, 23)].bg, buf[(0, 23)].fg), (Color::Black, Color::Indexed(208)), "the status line");
    // Every named colour can be given, each changing its own style only.
    for name in COLOUR_NAMES {
        let own = Theme::with_colours(Kind::Default, &[(name, "#010203".to_string())]);
        assert_ne!(own, Theme::default(), "{name}");
        let mono = Theme::with_colours(Kind::Monochrome, &[(name, "#010203".to_string())]);
        assert_eq!(mono.status(Status::Overdue).fg, None, "monochrome keeps no colour: {name}");
    }
}

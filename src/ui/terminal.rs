//! The terminal: raw mode and the alternate screen for the console's lifetime, restored on every
//! way out (quit, error, panic, SIGHUP, SIGTERM); input read on its own thread; frames sent by
//! `ui::screen`; the clipboard over OSC 52 (wrapped for tmux and screen).

use std::io::{self, Stdout, Write};
use std::sync::Once;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::terminal::{self as ct, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{Command, cursor, execute};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use tokio::sync::mpsc::UnboundedSender;

use super::app::{App, Msg};
use super::screen::Screen;
use super::{layout, widgets};

/// Puts the terminal back as the shell expects it. Safe to call more than once.
pub fn restore() {
    let _ = ct::disable_raw_mode();
    let _ = execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
}

static HOOK: Once = Once::new();

/// The console's hold on the terminal.
pub struct Terminal {
    screen: Screen<Stdout>,
}

impl Terminal {
    /// Raw mode, the alternate screen, mouse reporting when `mouse` (else the terminal keeps its
    /// own text selection); and a panic hook that restores the
    /// terminal before the panic's message is printed.
    pub fn enter(mouse: bool) -> io::Result<Terminal> {
        HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                restore();
                previous(info);
            }));
        });
        ct::enable_raw_mode()?;
        let entered = execute!(io::stdout(), EnterAlternateScreen, cursor::Hide)
            .and_then(|_| if mouse { execute!(io::stdout(), EnableMouseCapture) } else { Ok(()) });
        if let Err(e) = entered {
            restore();
            return Err(e);
        }
        Ok(Terminal { screen: Screen::new(io::stdout()) })
    }

    pub fn size(&self) -> io::Result<(u16, u16)> {
        ct::size()
    }

    /// Draws the state.
    pub fn draw(&mut self, app: &App) -> io::Result<()> {
        draw_frame(&mut self.screen, app)
    }

    /// Puts text on the user's own clipboard through the terminal (OSC 52), which reaches the
    /// user's machine over SSH; inside tmux or screen the sequence is wrapped to pass through.
    pub fn copy(&mut self, text: &str) -> io::Result<()> {
        let sequence = osc52(text, std::env::var_os("TMUX").is_some(), std::env::var_os("STY").is_some());
        self.screen.write_raw(sequence.as_bytes())
    }

    /// Gives the terminal back.
    pub fn leave(self) -> io::Result<()> {
        restore();
        Ok(())
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        restore();
    }
}

/// Draws the state at the app's size: only what changed is sent, a scrolled list is scrolled by
/// the terminal, all in one synchronized update (`ui::screen`).
pub fn draw_frame<W: Write>(screen: &mut Screen<W>, app: &App) -> io::Result<()> {
    let (w, h) = app.size;
    let mut frame = Buffer::empty(Rect::new(0, 0, w, h));
    widgets::draw(&mut frame, app);
    let rows = layout::fits(app.size).then(|| app.areas().rows);
    screen.show(frame, rows)
}

/// The OSC 52 sequence that copies `text`, wrapped for tmux (DCS passthrough, escapes doubled) or
/// GNU screen.
pub fn osc52(text: &str, tmux: bool, screen: bool) -> String {
    let mut seq = String::new();
    let _ = crossterm::clipboard::CopyToClipboard::to_clipboard_from(text).write_ansi(&mut seq);
    if tmux {
        format!("\x1bPtmux;{}\x1b\\", seq.replace('\x1b', "\x1b\x1b"))
    } else if screen {
        format!("\x1bP{seq}\x1b\\")
    } else {
        seq
    }
}

/// Reads the terminal's input on its own thread, so nothing else ever waits on it.
pub fn spawn_input(tx: UnboundedSender<Msg>) {
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            loop {
                let msg = match event::read() {
                    Ok(Event::Key(k)) => Msg::Key(k),
                    Ok(Event::Mouse(m)) => Msg::Mouse(m),
                    Ok(Event::Resize(w, h)) => Msg::Resize(w, h),
                    Ok(_) => continue,
                    Err(e) => {
                        tracing::warn!("terminal input ended: {e}");
                        Msg::Hangup("hangup-input")
                    }
                };
                let hangup = matches!(msg, Msg::Hangup(_));
                if tx.send(msg).is_err() || hangup {
                    break;
                }
            }
        })
        .expect("a thread for terminal input");
}

/// The signal that ended the console, if one did (its number).
static SIGNALLED: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);

/// The signal that ended the console, if one did: the program then exits with 128 + its number,
/// as a shell reports a process a signal stopped.
pub fn signalled() -> Option<i32> {
    Some(SIGNALLED.load(std::sync::atomic::Ordering::SeqCst)).filter(|s| *s != 0)
}

/// Turns SIGHUP (the SSH connection dropped), SIGTERM, and SIGINT and SIGQUIT sent from outside (in
/// raw mode Ctrl-C and Ctrl-\ are keys, not signals) into an orderly exit that gives the terminal
/// back.
pub fn spawn_signals(tx: UnboundedSender<Msg>) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        for (kind, number, why) in [
            (SignalKind::hangup(), libc::SIGHUP, "hangup-sighup"),
            (SignalKind::terminate(), libc::SIGTERM, "hangup-sigterm"),
            (SignalKind::interrupt(), libc::SIGINT, "hangup-sigint"),
            (SignalKind::quit(), libc::SIGQUIT, "hangup-sigquit"),
        ] {
            let tx = tx.clone();
            if let Ok(mut s) = signal(kind) {
                tokio::spawn(async move {
                    if s.recv().await.is_some() {
                        tracing::info!("{why}");
                        let _ = SIGNALLED.compare_exchange(
                            0,
                            number,
                            std::sync::atomic::Ordering::SeqCst,
                            std::sync::atomic::Ordering::SeqCst,
                        );
                        let _ = tx.send(Msg::Hangup(why));
                    }
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_carries_the_text_and_is_wrapped_for_tmux() {
        let plain = osc52("象山区", false, false);
        assert!(plain.starts_with("\x1b]52;"), "{plain:?}");
        assert!(plain.contains("6LGh5bGx5Yy6"), "base64 of 象山区: {plain:?}");
        let tmux = osc52("象山区", true, false);
        assert!(tmux.starts_with("\x1bPtmux;\x1b\x1b]52;") && tmux.ends_with("\x1b\\"), "{tmux:?}");
        let screen = osc52("x", false, true);
        assert!(screen.starts_with("\x1bP\x1b]52;"), "{screen:?}");
    }
}

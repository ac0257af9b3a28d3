//! A small HTTP/1.1 server on 127.0.0.1 for the link checks' tests and benchmark: pages that
//! answer 200, 404 and 500, slowly, in a redirect loop, endlessly, with hostile bytes, and a
//! withdrawn item's page with and without the site's notice. It never connects anywhere itself.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request the server saw.
#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    pub user_agent: Option<String>,
    pub range: Option<String>,
}

/// The running server; it stops with the runtime that started it.
pub struct Server {
    pub addr: SocketAddr,
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Starts on a free port of 127.0.0.1 on the current runtime.
    pub async fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, log.clone()));
            }
        });
        Server { addr, seen }
    }

    /// Starts on a thread of its own (for a test that runs the program and waits on it).
    pub fn start_in_thread() -> Server {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            rt.block_on(async move {
                let server = Server::start().await;
                tx.send((server.addr, server.seen.clone())).unwrap();
                std::future::pending::<()>().await;
            });
        });
        let (addr, seen) = rx.recv().unwrap();
        Server { addr, seen }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The requests for `path` so far.
    pub fn hits(&self, path: &str) -> Vec<Seen> {
        self.seen.lock().unwrap().iter().filter(|s| s.path == path).cloned().collect()
    }
}

async fn serve(mut stream: TcpStream, log: Arc<Mutex<Vec<Seen>>>) {
    let mut buffer = Vec::new();
    loop {
        // One request's head (no request here has a body).
        let end = loop {
            if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break end;
            }
            let mut chunk = [0u8; 4096];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
        buffer.drain(..end + 4);
        let mut lines = head.lines();
        let path = lines.next().and_then(|l| l.split_whitespace().nth(1)).unwrap_or("/").to_string();
        let header = |name: &str| {
            head.lines().skip(1).find_map(|l| {
                l.split_once(':')
                    .filter(|(n, _)| n.trim().eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.trim().to_string())
            })
        };
        log.lock().unwrap().push(Seen { path: path.clone(), user_agent: header("user-agent"), range: header("range") });
        if !respond(&mut stream, &path).await {
            return;
        }
    }
}

async fn send(stream: &mut TcpStream, status: &str, headers: &[(&str, &str)], body: &[u8]) -> bool {
    let mut out = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\n", body.len()).into_bytes();
    for (name, value) in headers {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    stream.write_all(&out).await.is_ok()
}

/// Answers one request; false when the connection is done.
async fn respond(stream: &mut TcpStream, path: &str) -> bool {
    let html = [("Content-Type", "text/html; charset=utf-8")];
    match path {
        "/missing" | "/gone" => send(stream, "404 Not Found", &html, "<p>页面不存在</p>".as_bytes()).await,
        "/error" => send(stream, "500 Internal Server Error", &html, b"oops").await,
        "/busy" => send(stream, "503 Service Unavailable", &[("Retry-After", "0")], b"busy").await,
        "/slow" => {
            tokio::time::sleep(Duration::from_secs(5)).await;
            send(stream, "200 OK", &html, b"late").await
        }
        "/loop" => send(stream, "302 Found", &[("Location", "/loop")], b"").await,
        "/moved" => send(stream, "301 Moved Permanently", &[("Location", "/ok")], b"").await,
        // A redirect into the machine's own networks, by address and by name.
        "/to-private" => send(stream, "302 Found", &[("Location", "http://10.0.0.1/admin")], b"").await,
        "/to-metadata" => {
            send(stream, "302 Found", &[("Location", "http://169.254.169.254/latest/meta-data/")], b"").await
        }
        "/to-file" => send(stream, "302 Found", &[("Location", "file:///etc/passwd")], b"").await,
        "/withdrawn-notice" => {
            send(stream, "200 OK", &html, "<html><body><p>该信息已撤回。</p></body></html>".as_bytes()).await
        }
        "/withdrawn-gbk" => {
            let gbk = gbk_notice();
            send(stream, "200 OK", &[("Content-Type", "text/html; charset=GBK")], &gbk).await
        }
        "/withdrawn-still" => {
            send(
                stream,
                "200 OK",
                &html,
                "<html><body><h1>关于2026年冬季森林防火的通告</h1><p>正文……</p></body></html>".as_bytes(),
            )
            .await
        }
        // Escape sequences in a header's value and in the body (a terminal must never get them).
        "/hostile" => {
            let body = "\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}]2;PWNED\u{7}\u{1b}[2J".as_bytes();
            send(stream, "404 Not Found", &[("X-Note", "\u{1b}[31mred\u{1b}[0m")], body).await
        }
        "/hostile-body" => {
            let body = "<h1>标题\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}]2;PWNED\u{7}\u{1b}[2J</h1>".as_bytes();
            send(stream, "200 OK", &html, body).await
        }
        // An endless body: the checker reads its limit and hangs up.
        "/huge" => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000000000\r\n\r\n";
            if stream.write_all(head.as_bytes()).await.is_err() {
                return false;
            }
            let block = vec![b'x'; 64 * 1024];
            let mut sent = 0usize;
            while stream.write_all(&block).await.is_ok() {
                sent += block.len();
                if sent > 1 << 30 {
                    break;
                }
            }
            false
        }
        p if p.starts_with("/ok") || p.starts_with("/page/") || p.starts_with("/files/") => {
            send(stream, "200 OK", &html, "<html><body>正文</body></html>".as_bytes()).await
        }
        _ => send(stream, "404 Not Found", &html, b"no such page").await,
    }
}

/// "该信息已撤回" in GBK, written out byte by byte (the tests depend on no encoder).
fn gbk_notice() -> Vec<u8> {
    // 该 B8C3, 信 D0C5, 息 CFA2, 已 D2D1, 撤 B3B7, 回 BBD8
    vec![0xB8, 0xC3, 0xD0, 0xC5, 0xCF, 0xA2, 0xD2, 0xD1, 0xB3, 0xB7, 0xBB, 0xD8]
}

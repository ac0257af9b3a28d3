//! Link checks as rules: which links an item carries, which of them may be fetched at all, and
//! what an answer means — a dead link (the national check's 首页不可用链接 / 其他页面不可用链接), or
//! a withdrawn item's public page that still shows it ("still public"). Nothing here fetches.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr};

use url::Url;

/// Where in an item a link is: its own public page, its body, or an attachment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    Page,
    Body,
    Attachment,
}

impl Place {
    pub fn as_str(self) -> &'static str {
        match self {
            Place::Page => "page",
            Place::Body => "body",
            Place::Attachment => "attachment",
        }
    }

    pub fn parse(s: &str) -> Option<Place> {
        match s {
            "page" => Some(Place::Page),
            "body" => Some(Place::Body),
            "attachment" => Some(Place::Attachment),
            _ => None,
        }
    }
}

/// One link of an item, as written (resolved against the item's page when relative).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Link {
    pub url: String,
    pub place: Place,
}

/// The longest link kept: longer ones are recorded cut to this many bytes, refused.
pub const MAX_URL: usize = 2048;

/// What a check concluded about one link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// It answered (2xx, or 416 to the range asked for: the resource is there).
    Ok,
    /// It did not answer usably: 4xx, 5xx, a redirect loop, a timeout, no such host.
    Broken,
    /// Not fetched: not http/https, or an address the settings keep out of reach.
    Refused,
    /// A withdrawn item's page is gone (404, 410 or another refusal to serve it).
    Gone,
    /// A withdrawn item's page answers with the site's withdrawal notice.
    Notice,
    /// A withdrawn item's page still answers 200 without the notice: it is still public.
    StillPublic,
    /// A withdrawn item's page could not be judged (a timeout, a 5xx): checked again next time.
    Unknown,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Broken => "broken",
            Verdict::Refused => "refused",
            Verdict::Gone => "gone",
            Verdict::Notice => "notice",
            Verdict::StillPublic => "still_public",
            Verdict::Unknown => "unknown",
        }
    }

    /// Every verdict, in the order above.
    pub const ALL: [Verdict; 7] = [
        Verdict::Ok,
        Verdict::Broken,
        Verdict::Refused,
        Verdict::Gone,
        Verdict::Notice,
        Verdict::StillPublic,
        Verdict::Unknown,
    ];

    pub fn parse(s: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Whether the link counts as unusable in the national check (a refused link was not tried).
    pub fn is_broken(self) -> bool {
        self == Verdict::Broken
    }
}

/// Why a link is not fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsafe {
    /// Not http or https (`javascript:`, `file:`, `ftp:` …).
    Scheme(String),
    /// Not a URL one can fetch (no host, bad syntax).
    Malformed(String),
    TooLong,
    /// An address of this machine or its networks (`kind`: loopback, private, link-local …).
    Address {
        host: String,
        ip: IpAddr,
        kind: &'static str,
    },
}

impl fmt::Display for Unsafe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unsafe::Scheme(s) => write!(f, "refused: only http and https links are checked, not {s}:"),
            Unsafe::Malformed(why) => write!(f, "refused: not a link that can be fetched ({why})"),
            Unsafe::TooLong => write!(f, "refused: longer than {MAX_URL} bytes"),
            Unsafe::Address { host, ip, kind } if host == &ip.to_string() || format!("[{ip}]") == *host => {
                write!(
                    f,
                    "refused: {ip} is a {kind} address (--allow-private, \
                        or [links] allow_private = true in config.toml, allows it)"
                )
            }
            Unsafe::Address { host, ip, kind } => write!(
                f,
                "refused: {host} resolves to {ip}, a {kind} address (--allow-private, \
                    or [links] allow_private = true in config.toml, allows it)"
            ),
        }
    }
}

/// A link that may be fetched: http or https, with a host, not too long. Whether its address may
/// be reached is `address_allowed`'s question, asked of every address it resolves to.
pub fn target(raw: &str) -> Result<Url, Unsafe> {
    if raw.len() > MAX_URL {
        return Err(Unsafe::TooLong);
    }
    let url = Url::parse(raw.trim()).map_err(|e| Unsafe::Malformed(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Unsafe::Scheme(url.scheme().to_string()));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(Unsafe::Malformed("no host".to_string()));
    }
    Ok(url)
}

/// The address a URL names literally (`http://10.0.0.1/`, `http://[::1]/`), which no resolver sees.
pub fn literal_ip(url: &Url) -> Option<IpAddr> {
    match url.host()? {
        url::Host::Ipv4(ip) => Some(IpAddr::V4(ip)),
        url::Host::Ipv6(ip) => Some(IpAddr::V6(ip)),
        url::Host::Domain(_) => None,
    }
}

/// What kind of non-public address `ip` is, or `None` for a public one.
pub fn address_kind(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => v4_kind(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return v4_kind(v4);
            }
            let first = v6.segments()[0];
            if v6.is_loopback() {
                Some("loopback")
            } else if v6.is_unspecified() {
                Some("unspecified")
            } else if first & 0xffc0 == 0xfe80 {
                Some("link-local")
            } else if first & 0xfe00 == 0xfc00 {
                Some("private")
            } else if v6.is_multicast() {
                Some("multicast")
            } else if first == 0x64 && v6.segments()[1] == 0xff9b {
                // NAT64 (64:ff9b::/96) reaches the IPv4 address inside it.
                v4_kind(Ipv4Addr::from(u128::from(v6) as u32))
            } else {
                None
            }
        }
    }
}

fn v4_kind(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, ..] = ip.octets();
    if ip.is_loopback() {
        Some("loopback")
    } else if ip.is_private() {
        Some("private")
    } else if ip.is_link_local() {
        Some("link-local")
    } else if a == 100 && (64..128).contains(&b) {
        Some("private") // carrier-grade NAT, 100.64.0.0/10
    } else if ip.is_unspecified() || a == 0 {
        Some("unspecified")
    } else if ip.is_broadcast() || ip.is_multicast() || a >= 240 {
        Some("reserved")
    } else {
        None
    }
}

/// Whether the checker may connect to `ip` for `host`. Loopback and private networks only when the
/// settings allow them (the portal on the administrators' own network; the tests' local server);
/// link-local (the cloud's metadata service at 169.254.169.254), unspecified, multicast and
/// reserved addresses never.
pub fn address_allowed(host: &str, ip: IpAddr, allow_private: bool) -> Result<(), Unsafe> {
    match address_kind(ip) {
        None => Ok(()),
        Some("loopback" | "private") if allow_private => Ok(()),
        Some(kind) => Err(Unsafe::Address { host: host.to_string(), ip, kind }),
    }
}

/// The links an item carries: its public page, the `href`/`src` targets and bare http(s) URLs of
/// its body, and attachments named by a URL; relative ones resolved against the page, each once.
/// `mailto:`, `tel:` and in-page `#` links are not web links and are left out; other schemes are
/// kept, to be refused.
pub fn links_of(page: Option<&str>, body: &str, attachments: &[String]) -> Vec<Link> {
    let base = page.and_then(|p| Url::parse(p).ok());
    let mut out: Vec<Link> = Vec::new();
    let mut push = |url: String, place: Place| {
        let link = Link { url, place };
        if !out.contains(&link) {
            out.push(link);
        }
    };
    if let Some(page) = page.map(str::trim).filter(|p| !p.is_empty()) {
        push(cut(page), Place::Page);
    }
    for raw in body_links(body) {
        if let Some(url) = resolve(&raw, base.as_ref()) {
            push(url, Place::Body);
        }
    }
    for name in attachments {
        let name = name.trim();
        let url_like = name.contains("://") || name.starts_with('/') || scheme_of(name).is_some();
        if url_like && let Some(url) = resolve(name, base.as_ref()) {
            push(url, Place::Attachment);
        }
    }
    out
}

fn cut(s: &str) -> String {
    if s.len() <= MAX_URL {
        return s.to_string();
    }
    let mut end = MAX_URL;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_string()
}

/// A link's scheme, if it starts with one (`javascript:`, `http:`).
fn scheme_of(s: &str) -> Option<&str> {
    let (scheme, _) = s.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))).then_some(scheme)
}

/// A link as written, made absolute; `None` for what is not a web link at all.
fn resolve(raw: &str, base: Option<&Url>) -> Option<String> {
    let raw = raw.trim().replace("&amp;", "&");
    if raw.is_empty() || raw.starts_with('#') {
        return None;
    }
    if let Some(scheme) = scheme_of(&raw) {
        let scheme = scheme.to_ascii_lowercase();
        if matches!(scheme.as_str(), "mailto" | "tel" | "sms") {
            return None;
        }
        return Some(cut(&raw));
    }
    // Relative: only with the item's page to resolve it against.
    let joined = base?.join(&raw).ok()?;
    Some(cut(joined.as_str()))
}

/// The links written in a body: attribute values of `href=` and `src=`, and bare `http://` and
/// `https://` URLs (which end at white space, quotes, angle brackets or any non-ASCII character:
/// in Chinese text a URL is followed directly by the next word, 。 or ）).
fn body_links(body: &str) -> Vec<String> {
    let lower = body.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut covered: Vec<(usize, usize)> = Vec::new();
    for attr in ["href", "src"] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(attr).map(|i| i + from) {
            from = at + attr.len();
            let rest = &body[from..];
            let trimmed = rest.trim_start();
            let Some(after_eq) = trimmed.strip_prefix('=') else { continue };
            let value = after_eq.trim_start();
            let start = body.len() - value.len();
            let (text, len) = match value.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &value[1..];
                    let end = inner.find(q).unwrap_or(inner.len());
                    (&inner[..end], end + 2)
                }
                _ => {
                    let end = value.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(value.len());
                    (&value[..end], end)
                }
            };
            covered.push((start, start + len));
            if !text.trim().is_empty() {
                found.push((start, text.to_string()));
            }
        }
    }
    for scheme in ["http://", "https://"] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(scheme).map(|i| i + from) {
            let end = body[at..]
                .find(|c: char| {
                    !c.is_ascii() || c.is_ascii_whitespace() || c.is_ascii_control() || "\"'<>`".contains(c)
                })
                .map_or(body.len(), |e| at + e);
            from = end.max(at + scheme.len());
            if covered.iter().any(|(s, e)| (*s..*e).contains(&at)) {
                continue;
            }
            let url = body[at..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '}']);
            if url.len() > scheme.len() {
                found.push((at, url.to_string()));
            }
        }
    }
    // In the order they are written.
    found.sort();
    found.into_iter().map(|(_, url)| url).collect()
}

/// What an answer to a link of an online item means: 2xx, or 416 to the small range asked for
/// (the resource is there, only shorter), is usable; anything else is not.
pub fn link_verdict(status: u16) -> Verdict {
    if (200..300).contains(&status) || status == 416 { Verdict::Ok } else { Verdict::Broken }
}

/// What an answer for a withdrawn item's public page means. `text` is what was read of the page
/// (decoded), `notices` the site's withdrawal notices: a page that answers 200 showing one is
/// withdrawn as the site means it; 200 without one is still public; 404, 410 or another 4xx is
/// gone; anything else (no answer, 5xx, a redirect that never ends) cannot be judged.
pub fn page_verdict(status: Option<u16>, text: Option<&str>, notices: &[String]) -> Verdict {
    match status {
        Some(s) if (200..300).contains(&s) => {
            let text = text.unwrap_or("");
            if notices.iter().any(|n| !n.is_empty() && text.contains(n.as_str())) {
                Verdict::Notice
            } else {
                Verdict::StillPublic
            }
        }
        Some(s) if (400..500).contains(&s) => Verdict::Gone,
        _ => Verdict::Unknown,
    }
}

/// What a result's error says beyond its status: nothing when it only repeats it (`HTTP 404`).
pub fn beyond_status(error: Option<&str>, status: Option<i64>) -> Option<&str> {
    let error = error?;
    let repeats = status.is_some() && error.strip_prefix("HTTP ").and_then(|n| n.parse::<i64>().ok()) == status;
    (!repeats).then_some(error)
}

/// The withdrawal notices a portal shows in place of a withdrawn item when none are configured
/// (`[links] withdrawal_notice` in config.toml).
pub const DEFAULT_NOTICES: &[&str] = &["信息已撤回", "该信息已撤回", "已撤回", "已撤销", "已下线"];

/// Text from a response, or about one, made plain before it is kept or shown: control characters
/// (escape sequences), bidirectional and invisible format characters become `�`, and it is cut to
/// `max` characters. What a server sends never reaches a terminal as it was sent.
pub fn plain(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == max {
            out.push('…');
            break;
        }
        let format =
            matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}');
        out.push(if c.is_control() || format { '\u{fffd}' } else { c });
    }
    out
}

/// The most common address of a host in a link, for the per-host limits: the host as written,
/// lower-cased, with its port.
pub fn host_key(url: &Url) -> String {
    format!("{}:{}", url.host_str().unwrap_or("").to_ascii_lowercase(), url.port_or_known_default().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOOPBACKS: [IpAddr; 2] = [IpAddr::V4(Ipv4Addr::LOCALHOST), IpAddr::V6(std::net::Ipv6Addr::LOCALHOST)];

    fn urls(links: &[Link]) -> Vec<(&str, &str)> {
        links.iter().map(|l| (l.place.as_str(), l.url.as_str())).collect()
    }

    #[test]
    fn an_items_links_are_its_page_its_bodys_and_its_url_attachments() {
        let body = "详见<a href=\"/zwgk/202611/t1.html\">通知</a>和<img src='https://img.example.cn/a.png'>，\
                    原文：https://www.gov.cn/zhengce/2026-11/20/content_1.htm。另见http://x.example.cn/p?a=1&amp;b=2）";
        let attachments = vec![
            "signed_scan.pdf".to_string(),
            "/files/附件1.pdf".to_string(),
            "https://dl.example.cn/f.doc".to_string(),
        ];
        let links = links_of(Some("https://www.glxsq.gov.cn/zwdt/t20261120_1.html"), body, &attachments);
        assert_eq!(
            urls(&links),
            vec![
                ("page", "https://www.glxsq.gov.cn/zwdt/t20261120_1.html"),
                ("body", "https://www.glxsq.gov.cn/zwgk/202611/t1.html"),
                ("body", "https://img.example.cn/a.png"),
                ("body", "https://www.gov.cn/zhengce/2026-11/20/content_1.htm"),
                ("body", "http://x.example.cn/p?a=1&b=2"),
                ("attachment", "https://www.glxsq.gov.cn/files/%E9%99%84%E4%BB%B61.pdf"),
                ("attachment", "https://dl.example.cn/f.doc"),
            ]
        );
    }

    #[test]
    fn relative_links_need_a_page_and_non_web_links_are_left_out_or_kept_to_refuse() {
        let body = r##"<a href="a.html">x</a> <a href="#top">top</a> <a href="mailto:a@b.cn">m</a>
                     <a href="javascript:alert(1)">j</a> <a href=file:///etc/passwd>f</a>"##;
        let links = links_of(None, body, &[]);
        assert_eq!(urls(&links), vec![("body", "javascript:alert(1)"), ("body", "file:///etc/passwd")]);
        assert!(matches!(target(&links[0].url), Err(Unsafe::Scheme(s)) if s == "javascript"));
        assert!(matches!(target(&links[1].url), Err(Unsafe::Scheme(s)) if s == "file"));
    }

    #[test]
    fn a_link_twice_is_one_link_and_an_enormous_one_is_cut() {
        let long = format!("https://a.cn/{}", "x".repeat(5000));
        let body = format!("https://a.cn/1 https://a.cn/1 {long}");
        let links = links_of(None, &body, &[]);
        assert_eq!(links.len(), 2);
        assert_eq!(links[1].url.len(), MAX_URL);
        assert_eq!(target(&long), Err(Unsafe::TooLong));
    }

    #[test]
    fn only_public_addresses_unless_private_ones_are_allowed_and_never_link_local() {
        let cases: &[(&str, Option<&str>)] = &[
            ("8.8.8.8", None),
            ("127.0.0.1", Some("loopback")),
            ("10.0.0.1", Some("private")),
            ("172.16.5.4", Some("private")),
            ("192.168.1.1", Some("private")),
            ("100.64.0.1", Some("private")),
            ("169.254.169.254", Some("link-local")),
            ("0.0.0.0", Some("unspecified")),
            ("255.255.255.255", Some("reserved")),
            ("::1", Some("loopback")),
            ("fd00::1", Some("private")),
            ("fe80::1", Some("link-local")),
            ("::ffff:10.0.0.1", Some("private")),
            ("64:ff9b::a9fe:a9fe", Some("link-local")),
            ("2400:3200::1", None),
        ];
        for (ip, kind) in cases {
            let ip: IpAddr = ip.parse().unwrap();
            assert_eq!(address_kind(ip), *kind, "{ip}");
        }
        assert!(address_allowed("10.0.0.1", "10.0.0.1".parse().unwrap(), false).is_err());
        assert!(address_allowed("10.0.0.1", "10.0.0.1".parse().unwrap(), true).is_ok());
        for ip in LOOPBACKS {
            assert!(address_allowed("localhost", ip, true).is_ok());
        }
        let metadata = address_allowed("169.254.169.254", "169.254.169.254".parse().unwrap(), true).unwrap_err();
        assert_eq!(
            metadata.to_string(),
            "refused: 169.254.169.254 is a link-local address (--allow-private, \
                or [links] allow_private = true in config.toml, allows it)"
        );
        let named = address_allowed("portal.test", "127.0.0.1".parse().unwrap(), false).unwrap_err();
        assert!(
            named.to_string().starts_with("refused: portal.test resolves to 127.0.0.1, a loopback address"),
            "{named}"
        );
        let url = target("http://[::1]:8080/a").unwrap();
        assert_eq!(literal_ip(&url), Some("::1".parse().unwrap()));
        assert_eq!(literal_ip(&target("http://localhost/").unwrap()), None);
    }

    #[test]
    fn answers_mean_usable_broken_gone_or_still_public() {
        assert_eq!(link_verdict(200), Verdict::Ok);
        assert_eq!(link_verdict(206), Verdict::Ok);
        assert_eq!(link_verdict(416), Verdict::Ok);
        assert_eq!(link_verdict(404), Verdict::Broken);
        assert_eq!(link_verdict(500), Verdict::Broken);
        assert_eq!(link_verdict(301), Verdict::Broken, "a redirect still a redirect after the limit");
        let notices: Vec<String> = DEFAULT_NOTICES.iter().map(|s| s.to_string()).collect();
        assert_eq!(page_verdict(Some(200), Some("<p>该信息已撤回。</p>"), &notices), Verdict::Notice);
        assert_eq!(page_verdict(Some(200), Some("<h1>关于……的通知</h1>"), &notices), Verdict::StillPublic);
        assert_eq!(page_verdict(Some(404), None, &notices), Verdict::Gone);
        assert_eq!(page_verdict(Some(410), None, &notices), Verdict::Gone);
        assert_eq!(page_verdict(Some(503), None, &notices), Verdict::Unknown);
        assert_eq!(page_verdict(None, None, &notices), Verdict::Unknown);
        for v in Verdict::ALL {
            assert_eq!(Verdict::parse(v.as_str()), Some(v));
        }
        assert!(Verdict::Broken.is_broken() && !Verdict::Refused.is_broken());
    }

    #[test]
    fn an_error_that_repeats_the_status_says_nothing_more() {
        assert_eq!(beyond_status(Some("HTTP 404"), Some(404)), None);
        assert_eq!(beyond_status(Some("HTTP 500"), Some(404)), Some("HTTP 500"));
        assert_eq!(
            beyond_status(Some("more than 5 redirects (a loop?)"), Some(302)),
            Some("more than 5 redirects (a loop?)")
        );
        assert_eq!(
            beyond_status(Some("no answer within 10 s (3 tries)"), None),
            Some("no answer within 10 s (3 tries)")
        );
        assert_eq!(beyond_status(None, Some(404)), None);
    }

    #[test]
    fn what_a_server_says_is_made_plain() {
        assert_eq!(
            plain("Not \u{1b}]52;c;ZXZpbA==\u{7}Found\u{202e}", 100),
            "Not \u{fffd}]52;c;ZXZpbA==\u{fffd}Found\u{fffd}"
        );
        assert_eq!(plain("未找到页面", 2), "未找…");
    }
}
